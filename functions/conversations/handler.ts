import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { conversationsServices } from './services-aws.js';
import { conversationsRoutes } from './routes.js';

export const handler = featureHandler(conversationsRoutes, lambdaRuntime(conversationsServices));
