import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { profileServices } from './services-aws.js';
import { profileRoutes } from './routes.js';

export const handler = featureHandler(profileRoutes, lambdaRuntime(profileServices));
