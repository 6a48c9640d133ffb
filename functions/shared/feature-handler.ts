import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Route, RestRoute, WsRoute } from './route.js';
import type { AppRuntime, RestStackServices } from './runtime.js';
import { restStack } from './rest/rest-stack.js';
import { wsStack } from './ws/ws-stack.js';
import type { WsEvent } from './ws/ws-event.js';

export type FeatureEvent = APIGatewayProxyEventV2 | WsEvent;

export const isHttpEvent = (event: FeatureEvent): event is APIGatewayProxyEventV2 =>
  'http' in (event.requestContext as object);

/**
 * One Lambda per feature serves all of the feature's routes: REST commands
 * through the REST stack and WebSocket actions through the WebSocket stack.
 */
export function featureHandler<S extends RestStackServices>(routes: readonly Route<S>[], loadRuntime: () => Promise<AppRuntime<S>>) {
  const rest = restStack(routes.filter((r): r is RestRoute<never, S> => r.transport === 'rest'), loadRuntime);
  const ws = wsStack(routes.filter((r): r is WsRoute => r.transport === 'ws'), loadRuntime);
  return (event: FeatureEvent, context: Context) =>
    isHttpEvent(event) ? rest(event, context as never) : ws(event, context as never);
}
