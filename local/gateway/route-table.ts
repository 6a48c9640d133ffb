import { routes as routeList } from '../../functions/routes.js';
import type { RoutedFeature } from '../../functions/shared/features.js';
import type { Route } from '../../functions/shared/route.js';
import { COMMAND_PARAMETER, planRoutes, type HttpActionEndpoint, type RestEndpoint } from '../../lib/route-plan.js';

/** The route API Gateway picked, as its event names it. */
export interface RouteMatch {
  routeKey: string;
  feature: RoutedFeature;
  /** Only for a path-parameter route, as HTTP APIs send them (decoded). */
  pathParameters?: Record<string, string>;
}

const V4 = /^\/v4\/([^/]+)\/([^/]+)$/;

const decode = (segment: string) => {
  try { return decodeURIComponent(segment); } catch { return segment; }
};

/**
 * The routes the stack deploys (the same route plan, lib/route-plan.ts) and
 * API Gateway's way of choosing among them, so every handler gets the event
 * AWS would send: route key, path parameters, and the Lambda it would reach.
 */
export class RouteTable {
  private readonly literal = new Map<string, RestEndpoint | HttpActionEndpoint>();
  private readonly services = new Map<string, RestEndpoint>();
  private readonly restDefault: RoutedFeature;
  private readonly ws = new Map<string, RoutedFeature>();
  private readonly wsDefault: RoutedFeature;

  constructor(routes: readonly Route[] = routeList) {
    const plan = planRoutes(routes);
    for (const endpoint of plan.rest) {
      if (endpoint.command === undefined) this.services.set(endpoint.service, endpoint);
      else this.literal.set(endpoint.path, endpoint);
    }
    for (const endpoint of plan.httpActions) this.literal.set(endpoint.path, endpoint);
    for (const endpoint of plan.ws) this.ws.set(endpoint.action, endpoint.feature);
    this.restDefault = plan.restDefault;
    this.wsDefault = plan.wsDefault;
  }

  /** HTTP API route match: a literal `POST` path first (a command route, or a client action's `/im/{action}`), then its service's `{command}` route (one whole segment), else `$default`. */
  restRoute(method: string, path: string): RouteMatch {
    if (method === 'POST') {
      const literal = this.literal.get(path);
      if (literal) return { routeKey: literal.routeKey, feature: literal.feature };
      const match = V4.exec(path);
      const service = match ? this.services.get(match[1]!) : undefined;
      if (service) return { routeKey: service.routeKey, feature: service.feature, pathParameters: { [COMMAND_PARAMETER]: decode(match![2]!) } };
    }
    return { routeKey: '$default', feature: this.restDefault };
  }

  /** Route selection on `$request.body.action`: a routed action's key, else `$default` (the default feature's actions, unknown ones, bodies that are not JSON). */
  wsRoute(body: string): RouteMatch {
    let action: unknown;
    try {
      action = (JSON.parse(body) as { action?: unknown } | null)?.action;
    } catch {
      action = undefined;
    }
    const feature = typeof action === 'string' ? this.ws.get(action) : undefined;
    return feature ? { routeKey: action as string, feature } : { routeKey: '$default', feature: this.wsDefault };
  }
}
