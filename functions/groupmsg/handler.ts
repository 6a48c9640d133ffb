import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../shared/aws/load-runtime.js';
import { groupMsgServices } from './services-aws.js';
import { groupMessageRoutes } from './routes.js';

export const handler = featureHandler(groupMessageRoutes, lambdaRuntime(groupMsgServices));
