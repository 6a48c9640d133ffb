import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ImError, RestCode } from '../errors.js';
import { verifyLoginQuery } from '../login-query.js';
import { HTTP_ACTION_ROUTE_PREFIX, type WsRoute } from '../route.js';
import { nowSeconds, type AppRuntime, type Clock, type WsCaller } from '../runtime.js';
import { parseInput } from '../validation.js';
import { assertAdmitted, queueDelayMs, withinDeadline } from '../admission.js';
import { frameObject, frameRoute, frameText } from './parse-frame.js';
import { wsReply } from './ws-reply.js';
import type { WsRequestContext, WsResult } from './ws-event.js';

/**
 * A client's action over HTTPS (docs/websocket.md, "Actions over HTTPS"): the same request frame as the body (its
 * `action` may be left out; the path names it), the same reply frame as the response, the login's query parameters
 * (sdkappid, userid, usersig, platform, instance) instead of a connection's. The UserSig is checked here; the
 * session (a live connection of that platform and instance) by the route, before it changes anything.
 */
/** Finds the live connection of the caller's device, or throws (6014); its id. */
export type ProveSession<S> = (services: S, caller: WsCaller) => Promise<string>;

const parseHttpAction = <S extends { clock: Clock }>(
  routes: readonly WsRoute[], loadRuntime: () => Promise<AppRuntime<S>>, proveSession?: ProveSession<S>,
): MiddlewareObj<APIGatewayProxyEventV2, WsResult, Error, WsRequestContext> => {
  const byAction = new Map(routes.filter((r) => r.overHttp !== undefined).map((r) => [r.action, r]));
  return {
    before: async (request) => {
      const { event } = request;
      const { im } = request.context;
      const waited = queueDelayMs(event.requestContext.timeEpoch);
      const pathAction = event.routeKey.slice(HTTP_ACTION_ROUTE_PREFIX.length);
      const raw = frameText(event);
      const frame = raw === '' ? {} : frameObject(raw);
      if (frame.action !== undefined && frame.action !== pathAction) {
        if (typeof frame.reqId === 'string' && frame.reqId.length <= 64) im.reqId = frame.reqId;
        throw new ImError(RestCode.UnknownResource, `the frame's action "${String(frame.action)}" is not the path's "${pathAction}"`);
      }
      const route = frameRoute(raw, { ...frame, action: pathAction }, byAction, im);
      im.route = route;
      const app = await loadRuntime();
      im.app = app;
      assertAdmitted(waited, app.config.admission);
      const q = event.queryStringParameters ?? {};
      const { config, secrets, services } = app;
      const login = verifyLoginQuery({ sdkAppId: config.sdkAppId, secretKey: secrets.secretKey, nowSeconds: nowSeconds(services.clock) }, q);
      const caller: WsCaller = {
        transport: 'ws', overHttp: true, userId: login.userId, platform: login.platform, instance: login.instance, connectionId: '',
        clientIp: event.requestContext.http.sourceIp, requestId: event.requestContext.requestId ?? request.context.awsRequestId,
      };
      im.input = parseInput(route.input, frame.data ?? {}, route.invalidParamCode);
      if (route.overHttp === 'session-checked') {
        if (!proveSession) throw new Error(`${route.action} is declared overHttp session-checked, but its Lambda gave no session check`);
        caller.connectionId = await proveSession(services, caller);
      }
      im.caller = caller;
    },
  };
};

/** `proveSession`: for the routes declared `session-checked` (the Lambda's own connection store does it). */
export const httpActionStack = <S extends { clock: Clock }>(routes: readonly WsRoute[], loadRuntime: () => Promise<AppRuntime<S>>, proveSession?: ProveSession<S>) =>
  middy<APIGatewayProxyEventV2, WsResult, Error, WsRequestContext>()
    .use(wsReply<APIGatewayProxyEventV2>({ 'content-type': 'application/json' }))
    .use(parseHttpAction(routes, loadRuntime, proveSession))
    .handler(async (event, context) => {
      const { route, app, caller, input } = context.im;
      return (await withinDeadline(route!.run({ app: app!, caller: caller! }, input), event.requestContext.timeEpoch, app!.config.admission)) as unknown as WsResult;
    });
