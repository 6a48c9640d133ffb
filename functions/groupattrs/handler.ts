import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { groupAttrsServices } from './services-aws.js';
import { groupAttrRoutes } from './routes.js';

export const handler = featureHandler(groupAttrRoutes, lambdaRuntime(groupAttrsServices));
