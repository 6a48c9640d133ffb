import { featureHandler } from '../shared/feature-handler.js';
import { sharedRuntime } from '../shared/aws/load-runtime.js';
import { c2cRoutes } from './routes.js';

export const handler = featureHandler(c2cRoutes, sharedRuntime);
