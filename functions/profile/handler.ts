import { featureHandler } from '../shared/feature-handler.js';
import { sharedRuntime } from '../shared/aws/load-runtime.js';
import { profileRoutes } from './routes.js';

export const handler = featureHandler(profileRoutes, sharedRuntime);
