import middy from '@middy/core';
import type { WsRoute } from '../route.js';
import type { AppRuntime } from '../runtime.js';
import { parseFrame } from './parse-frame.js';
import { wsReply } from './ws-reply.js';
import type { WsEvent, WsRequestContext, WsResult } from './ws-event.js';

/** The shared WebSocket transport for MESSAGE events: reply envelope, frame parsing; then the route's domain call. */
export const wsStack = (routes: readonly WsRoute[], loadRuntime: () => Promise<AppRuntime>) =>
  middy<WsEvent, WsResult, Error, WsRequestContext>()
    .use(wsReply())
    .use(parseFrame(routes, loadRuntime))
    .handler(async (_event, context) => {
      const { route, app, caller, input } = context.im;
      return (await route!.run({ app: app!, caller: caller! }, input)) as unknown as WsResult;
    });
