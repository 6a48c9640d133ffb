import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RestRoute } from '../route.js';
import type { AppRuntime, RestStackServices } from '../runtime.js';
import type { RestRequestContext } from './rest-request.js';
import { tencentEnvelope } from './tencent-envelope.js';
import { resolveRestRoute } from './resolve-rest-route.js';
import { verifyAdmin } from './verify-admin.js';
import { limitRestCalls } from './limit-rest-calls.js';
import { parseTencentBody } from './parse-tencent-body.js';
import { admitRestCall } from './admit-rest-call.js';
import { withinDeadline } from '../admission.js';

/** The shared REST transport: envelope, route, admission, admin UserSig, frequency limit, body; then the route's domain call within its deadline. */
export const restStack = (routes: readonly RestRoute[], loadRuntime: () => Promise<AppRuntime<RestStackServices>>) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RestRequestContext>()
    .use(tencentEnvelope())
    .use(resolveRestRoute(routes))
    .use(admitRestCall(loadRuntime))
    .use(verifyAdmin(loadRuntime))
    .use(limitRestCalls())
    .use(parseTencentBody())
    .handler(async (event, context) => {
      const { route, app, caller, input } = context.im;
      return (await withinDeadline(route!.run({ app: app!, caller: caller! }, input), event.requestContext.timeEpoch, app!.config.admission)) as unknown as APIGatewayProxyStructuredResultV2;
    });
