import { featureHandler } from '../shared/feature-handler.js';
import { sharedRuntime } from '../shared/aws/load-runtime.js';
import { historyRoutes } from './routes.js';

export const handler = featureHandler(historyRoutes, sharedRuntime);
