import { featureHandler } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { officialServices } from './services-aws.js';
import { officialRoutes } from './routes.js';

export const handler = featureHandler(officialRoutes, lambdaRuntime(officialServices));
