import type * as z from 'zod/mini';
import type { RoutedFeature } from './features.js';
import type { RestServiceName } from './rest-services.js';
import type { RestCaller, RouteCall, WsCaller } from './runtime.js';

/**
 * What a REST command answers besides the envelope. It may override
 * `ActionStatus`/`ErrorCode`/`ErrorInfo` for partial failures (e.g. `SomeError`).
 */
export type RestReply = Record<string, unknown>;

/**
 * `S`: the services of the Lambda that serves the route. `run` is a property, not a method, so a route is
 * checked contravariantly: a route that needs a store its Lambda does not build is a compile error
 * (featureHandler). Lists that only read names and schemas (the route plan, the gateway) take `Route`, any services.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface RestRoute<I extends z.ZodMiniType = z.ZodMiniType, S = any> {
  transport: 'rest';
  service: RestServiceName;
  command: string;
  feature: RoutedFeature;
  input: I;
  run: (call: RouteCall<RestCaller, S>, input: z.infer<I>) => Promise<RestReply>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface WsRoute<I extends z.ZodMiniType = z.ZodMiniType, S = any> {
  transport: 'ws';
  action: string;
  feature: RoutedFeature;
  input: I;
  /** Code for a frame whose `data` fails validation. */
  invalidParamCode: number;
  /**
   * Also served as `POST /im/{action}` (docs/websocket.md, "Actions over HTTPS"): the request and its reply are one
   * billed HTTP API request instead of two WebSocket messages. Such a caller is proven by its UserSig; its session (a
   * live connection of the caller's platform and instance: not kicked, not deleted) is proven either by the HTTP action
   * stack before the route runs (`session-checked`: one Query of the caller's connections; `caller.connectionId` is
   * then the session's), or by the route itself before it changes anything (`proves-session`, for a route that reads
   * the caller's connections anyway: `caller.overHttp` set, `connectionId` empty).
   */
  overHttp?: 'session-checked' | 'proves-session';
  run: (call: RouteCall<WsCaller, S>, input: z.infer<I>) => Promise<Record<string, unknown>>;
}

/** The path of an action served over HTTPS. */
export const httpActionPath = (action: string): string => `/im/${action}`;

/** The route key of every action over HTTPS starts so (`POST /im/{action}`). */
export const HTTP_ACTION_ROUTE_PREFIX = 'POST /im/';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Route<S = any> = RestRoute<z.ZodMiniType, S> | WsRoute<z.ZodMiniType, S>;

/**
 * The route declarations of a Lambda whose services are `S` (functions/<feature>/services.ts):
 * `run` sees `app.services` as `S`, and the input typed by the route's schema.
 */
export const routesServedWith = <S>() => ({
  /** Declares a REST command `v4/{service}/{command}`. */
  restRoute: <I extends z.ZodMiniType>(route: Omit<RestRoute<I, S>, 'transport'>): RestRoute<z.ZodMiniType, S> =>
    ({ transport: 'rest', ...route }) as unknown as RestRoute<z.ZodMiniType, S>,
  /** Declares a WebSocket action routed on `$request.body.action`. */
  wsRoute: <I extends z.ZodMiniType>(
    route: Omit<WsRoute<I, S>, 'transport' | 'invalidParamCode'> & { invalidParamCode?: number },
  ): WsRoute<z.ZodMiniType, S> => ({ transport: 'ws', invalidParamCode: 60003, ...route }) as unknown as WsRoute<z.ZodMiniType, S>,
});

/** Routes that use no service (tests, synthetic routes of the resource budget). */
export const { restRoute, wsRoute } = routesServedWith<unknown>();

export const restPath = (route: Pick<RestRoute, 'service' | 'command'>): string => `${route.service}/${route.command}`;
