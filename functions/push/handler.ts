import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { pushServices } from './services-aws.js';
import { pushRoutes } from './routes.js';

export const handler = featureHandler(pushRoutes, lambdaRuntime(pushServices));
