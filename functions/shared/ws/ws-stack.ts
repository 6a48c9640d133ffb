import middy from '@middy/core';
import type { WsRoute } from '../route.js';
import type { AppRuntime } from '../runtime.js';
import { parseFrame } from './parse-frame.js';
import { wsReply } from './ws-reply.js';
import { withinDeadline } from '../admission.js';
import type { WsEvent, WsRequestContext, WsResult } from './ws-event.js';

/** The shared WebSocket transport for MESSAGE events: reply envelope, frame parsing and admission; then the route's domain call within its deadline. */
export const wsStack = (routes: readonly WsRoute[], loadRuntime: () => Promise<AppRuntime>) =>
  middy<WsEvent, WsResult, Error, WsRequestContext>()
    .use(wsReply())
    .use(parseFrame(routes, loadRuntime))
    .handler(async (event, context) => {
      const { route, app, caller, input } = context.im;
      return (await withinDeadline(route!.run({ app: app!, caller: caller! }, input), event.requestContext.requestTimeEpoch, app!.config.admission)) as unknown as WsResult;
    });
