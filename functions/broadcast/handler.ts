import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { broadcastServices } from './services-aws.js';
import { broadcastRoutes } from './routes.js';

export const handler = featureHandler(broadcastRoutes, lambdaRuntime(broadcastServices));
