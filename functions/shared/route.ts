import type * as z from 'zod/mini';
import type { RoutedFeature } from './features.js';
import type { RestServiceName } from './rest-services.js';
import type { RestCaller, RouteCall, WsCaller } from './runtime.js';

/**
 * What a REST command answers besides the envelope. It may override
 * `ActionStatus`/`ErrorCode`/`ErrorInfo` for partial failures (e.g. `SomeError`).
 */
export type RestReply = Record<string, unknown>;

export interface RestRoute<S extends z.ZodMiniType = z.ZodMiniType> {
  transport: 'rest';
  service: RestServiceName;
  command: string;
  feature: RoutedFeature;
  input: S;
  run(call: RouteCall<RestCaller>, input: z.infer<S>): Promise<RestReply>;
}

export interface WsRoute<S extends z.ZodMiniType = z.ZodMiniType> {
  transport: 'ws';
  action: string;
  feature: RoutedFeature;
  input: S;
  /** Code for a frame whose `data` fails validation. */
  invalidParamCode: number;
  run(call: RouteCall<WsCaller>, input: z.infer<S>): Promise<Record<string, unknown>>;
}

export type Route = RestRoute | WsRoute;

/** Declares a REST command `v4/{service}/{command}` (typed input for `run`). */
export const restRoute = <S extends z.ZodMiniType>(route: Omit<RestRoute<S>, 'transport'>): RestRoute =>
  ({ transport: 'rest', ...route }) as unknown as RestRoute;

/** Declares a WebSocket action routed on `$request.body.action`. */
export const wsRoute = <S extends z.ZodMiniType>(
  route: Omit<WsRoute<S>, 'transport' | 'invalidParamCode'> & { invalidParamCode?: number },
): WsRoute => ({ transport: 'ws', invalidParamCode: 60003, ...route }) as unknown as WsRoute;

export const restPath = (route: Pick<RestRoute, 'service' | 'command'>): string => `${route.service}/${route.command}`;
