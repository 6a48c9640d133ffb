import { routes } from '../../functions/routes.js';
import { restPath } from '../../functions/shared/route.js';
import type { RoutedFeature } from '../../functions/shared/features.js';

/** Which feature Lambda serves a REST command or WebSocket action; `connections` serves both `$default`s. */
export class RouteTable {
  private readonly rest = new Map<string, RoutedFeature>();
  private readonly ws = new Map<string, RoutedFeature>();

  constructor() {
    for (const route of routes) {
      if (route.transport === 'rest') this.rest.set(restPath(route), route.feature);
      else this.ws.set(route.action, route.feature);
    }
  }

  /** API Gateway HTTP API route match, `$default` when no `POST /v4/...` route exists. */
  restRoute(method: string, path: string): { routeKey: string; feature: RoutedFeature } {
    const match = /^\/v4\/([^/]+)\/([^/]+)$/.exec(path);
    const feature = method === 'POST' && match ? this.rest.get(`${match[1]}/${match[2]}`) : undefined;
    return feature ? { routeKey: `POST ${path}`, feature } : { routeKey: '$default', feature: 'connections' };
  }

  /** API Gateway route selection on `$request.body.action`; bodies that are not JSON go to `$default`. */
  wsRoute(body: string): { routeKey: string; feature: RoutedFeature } {
    let action: unknown;
    try {
      action = (JSON.parse(body) as { action?: unknown } | null)?.action;
    } catch {
      action = undefined;
    }
    const feature = typeof action === 'string' ? this.ws.get(action) : undefined;
    return feature ? { routeKey: action as string, feature } : { routeKey: '$default', feature: 'connections' };
  }
}
