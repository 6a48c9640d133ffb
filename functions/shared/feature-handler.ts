import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Route, RestRoute, WsRoute } from './route.js';
import type { AppRuntime, RestStackServices } from './runtime.js';
import { restStack } from './rest/rest-stack.js';
import { wsStack } from './ws/ws-stack.js';
import type { httpActionStack } from './ws/http-action-stack.js';
import { HTTP_ACTION_ROUTE_PREFIX } from './route.js';
import type { WsEvent } from './ws/ws-event.js';

export type FeatureEvent = APIGatewayProxyEventV2 | WsEvent;

export const isHttpEvent = (event: FeatureEvent): event is APIGatewayProxyEventV2 =>
  'http' in (event.requestContext as object);

/**
 * One Lambda per feature serves all of the feature's routes: REST commands
 * through the REST stack, WebSocket actions through the WebSocket stack, and
 * the actions also served over HTTPS (`POST /im/{action}`) through the HTTP action stack.
 */
/**
 * `overHttp`: the HTTP action stack, passed (not imported here) by the Lambdas that have actions declared `overHttp`,
 * so that the others do not bundle it.
 */
export function featureHandler<S extends RestStackServices>(
  routes: readonly Route<S>[], loadRuntime: () => Promise<AppRuntime<S>>,
  options: { overHttp?: (routes: readonly WsRoute[], loadRuntime: () => Promise<AppRuntime<S>>) => ReturnType<typeof httpActionStack> } = {},
) {
  const rest = restStack(routes.filter((r): r is RestRoute<never, S> => r.transport === 'rest'), loadRuntime);
  const actions = routes.filter((r): r is WsRoute => r.transport === 'ws');
  const ws = wsStack(actions, loadRuntime);
  if (actions.some((r) => r.overHttp !== undefined) && !options.overHttp) throw new Error('actions declared overHttp need featureHandler\'s overHttp stack');
  const httpActions = options.overHttp?.(actions, loadRuntime);
  return (event: FeatureEvent, context: Context) => {
    if (!isHttpEvent(event)) return ws(event, context as never);
    return httpActions && event.routeKey.startsWith(HTTP_ACTION_ROUTE_PREFIX) ? httpActions(event, context as never) : rest(event, context as never);
  };
}
