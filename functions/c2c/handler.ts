import { featureHandler } from '../shared/feature-handler.js';
import { httpActionStack } from '../shared/ws/http-action-stack.js';
import { sessionOfConnections } from '../connections/http-session.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { c2cServices } from './services-aws.js';
import { c2cRoutes } from './routes.js';

export const handler = featureHandler(c2cRoutes, lambdaRuntime(c2cServices), {
  overHttp: (routes, loadRuntime) => httpActionStack(routes, loadRuntime, sessionOfConnections),
});
