import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { groupMsgServices } from './services-aws.js';
import { groupMessageRoutes } from './routes.js';

export const handler = featureHandler(groupMessageRoutes, lambdaRuntime(groupMsgServices));
