import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { historyServices } from './services-aws.js';
import { historyRoutes } from './routes.js';

export const handler = featureHandler(historyRoutes, lambdaRuntime(historyServices));
