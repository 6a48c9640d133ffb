import { featureHandler } from '../shared/feature-handler.js';
import { sharedRuntime } from '../shared/aws/load-runtime.js';
import { broadcastRoutes } from './routes.js';
import { officialRoutes } from '../official/routes.js';

export const handler = featureHandler([...broadcastRoutes, ...officialRoutes], sharedRuntime);
