import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { accountsServices } from './services-aws.js';
import { accountsRoutes } from './routes.js';

export const handler = featureHandler(accountsRoutes, lambdaRuntime(accountsServices));
