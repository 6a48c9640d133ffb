import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../shared/aws/load-runtime.js';
import { snsServices } from './services-aws.js';
import { snsRoutes } from './routes.js';

export const handler = featureHandler(snsRoutes, lambdaRuntime(snsServices));
