import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { msgActionsServices } from './services-aws.js';
import { msgActionsRoutes } from './routes.js';

export const handler = featureHandler(msgActionsRoutes, lambdaRuntime(msgActionsServices));
