import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { snsServices } from './services-aws.js';
import { snsRoutes } from './routes.js';

export const handler = featureHandler(snsRoutes, lambdaRuntime(snsServices));
