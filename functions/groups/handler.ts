import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { groupsServices } from './services-aws.js';
import { groupsRoutes } from './routes.js';
import { topicRoutes } from '../topics/routes.js';

/** Group management, and Community topics and permission groups (functions/topics), in one Lambda. */
export const handler = featureHandler([...groupsRoutes, ...topicRoutes], lambdaRuntime(groupsServices));
