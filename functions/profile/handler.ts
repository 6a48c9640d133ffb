import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../shared/aws/load-runtime.js';
import { profileServices } from './services-aws.js';
import { profileRoutes } from './routes.js';

export const handler = featureHandler(profileRoutes, lambdaRuntime(profileServices));
