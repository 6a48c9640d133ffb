import { FEATURES, type Feature, type RoutedFeature } from '../functions/shared/features.js';
import { httpActionPath, restPath, type Route } from '../functions/shared/route.js';
import { AFTER_CALLBACK_QUEUE } from '../functions/webhooks/after-callback-queue.js';
import { PUSH_QUEUE } from '../functions/push/push-queue.js';
import { GROUP_FANOUT_QUEUE } from '../functions/groupmsg/fan-out-queue.js';

/** The `{command}` path parameter of a service route; API Gateway sends it as `pathParameters.command`. */
export const COMMAND_PARAMETER = 'command';

/**
 * One HTTP API route. A service route (`/v4/openim/{command}`) takes every
 * command of its service to the feature that serves most of them; a command
 * route (`/v4/openim/querystate`) takes one command of that service to another
 * feature (API Gateway matches literal paths before path parameters).
 */
export interface RestEndpoint {
  /** `POST /v4/openim/{command}`: the route key API Gateway puts in the event. */
  routeKey: string;
  /** `/v4/openim/{command}` or `/v4/openim/querystate`. */
  path: string;
  service: string;
  /** The literal command of a command route; absent on the service route. */
  command?: string;
  feature: RoutedFeature;
}

/** `POST /im/{action}`: a WebSocket action also served over HTTPS, by the same feature Lambda. */
export interface HttpActionEndpoint {
  routeKey: string;
  path: string;
  action: string;
  feature: RoutedFeature;
}

export interface WsEndpoint {
  /** Route key, matched against `$request.body.action`. */
  action: string;
  feature: RoutedFeature;
}

export interface RoutePlan {
  /** Features that get a Lambda, in FEATURES order. */
  functions: Feature[];
  /** Service routes, then command routes, each in route-list order. */
  rest: RestEndpoint[];
  /** The HTTP `$default` route (other services, paths and methods): `connections`, which answers 60009 / 60002. */
  restDefault: RoutedFeature;
  /** Actions of every feature but `wsDefault`. */
  ws: WsEndpoint[];
  /** HTTP API routes of the actions declared `overHttp`, in route-list order. */
  httpActions: HttpActionEndpoint[];
  /**
   * The WebSocket `$default` route: the feature with the most actions. Its
   * actions need no route of their own (a route and its route response are 2 of
   * CloudFormation's 500 resources); like every feature Lambda it answers
   * unknown actions and frames that are not JSON itself.
   */
  wsDefault: RoutedFeature;
}

/**
 * Features whose Lambda no API route reaches: the `$connect` authorizer, and
 * the after-callback queue's consumer (`webhooks`), triggered by SQS.
 */
const UNROUTED: readonly Feature[] = ['authorizer', AFTER_CALLBACK_QUEUE.consumer, PUSH_QUEUE.consumer, GROUP_FANOUT_QUEUE.consumer];

/** Whether API routes reach this feature's Lambda (it gets tables, `@connections`, push and the queue). */
export const isRoutedFeature = (feature: Feature): feature is RoutedFeature => !UNROUTED.includes(feature);

/**
 * Features that always get a Lambda: the unrouted ones, and `connections`,
 * which serves `$connect`, `$disconnect` and the HTTP `$default`.
 */
const ALWAYS: readonly Feature[] = [...UNROUTED, 'connections'];

const SEGMENT = /^[A-Za-z0-9_]+$/;
const ACTION = /^[A-Za-z0-9_.-]+$/;

class RoutePlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutePlanError';
  }
}

const FEATURE_ORDER = Object.keys(FEATURES) as Feature[];

/** The feature with the most entries; a tie goes to the one first in FEATURES, so the plan never depends on list order. */
function mostServing(features: readonly RoutedFeature[]): RoutedFeature | undefined {
  const counts = new Map<RoutedFeature, number>();
  for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || FEATURE_ORDER.indexOf(a) - FEATURE_ORDER.indexOf(b))[0]?.[0];
}

const endpoint = (service: string, feature: RoutedFeature, command?: string): RestEndpoint => {
  const path = `/v4/${service}/${command ?? `{${COMMAND_PARAMETER}}`}`;
  return { routeKey: `POST ${path}`, path, service, ...(command !== undefined && { command }), feature };
};

/**
 * Turns the route list into what the stack builds: one Lambda per feature
 * that has routes (and the ALWAYS ones), one HTTP route per REST service plus
 * one per command served by another feature than its service's, one WebSocket
 * route per action outside the `$default` feature. Refuses duplicates, routes
 * to unrouted features, and names API Gateway would reject or reserve.
 */
export function planRoutes(routes: readonly Route[]): RoutePlan {
  const commands = new Map<string, Map<string, RoutedFeature>>();
  const actions = new Map<string, RoutedFeature>();
  const httpActions: HttpActionEndpoint[] = [];
  for (const route of routes) {
    if (!Object.hasOwn(FEATURES, route.feature)) throw new RoutePlanError(`route feature "${route.feature}" is not in FEATURES`);
    if (!isRoutedFeature(route.feature)) throw new RoutePlanError(`route feature "${route.feature}" is not reached by routes`);
    if (route.transport === 'rest') {
      if (!SEGMENT.test(route.service) || !SEGMENT.test(route.command)) throw new RoutePlanError(`bad REST route ${restPath(route)}`);
      const service = commands.get(route.service) ?? new Map<string, RoutedFeature>();
      if (service.has(route.command)) throw new RoutePlanError(`REST route /v4/${restPath(route)} is declared twice`);
      commands.set(route.service, service.set(route.command, route.feature));
    } else {
      // `$`-prefixed keys belong to API Gateway ($connect, $disconnect, $default).
      if (!ACTION.test(route.action)) throw new RoutePlanError(`bad WebSocket action "${route.action}"`);
      if (actions.has(route.action)) throw new RoutePlanError(`WebSocket action ${route.action} is declared twice`);
      actions.set(route.action, route.feature);
      if (route.overHttp !== undefined) {
        const path = httpActionPath(route.action);
        httpActions.push({ routeKey: `POST ${path}`, path, action: route.action, feature: route.feature });
      }
    }
  }

  const serviceRoutes: RestEndpoint[] = [];
  const commandRoutes: RestEndpoint[] = [];
  for (const [service, byCommand] of commands) {
    const owner = mostServing([...byCommand.values()])!;
    serviceRoutes.push(endpoint(service, owner));
    for (const [command, feature] of byCommand) if (feature !== owner) commandRoutes.push(endpoint(service, feature, command));
  }
  const wsDefault = mostServing([...actions.values()]) ?? 'connections';
  const ws = [...actions].filter(([, feature]) => feature !== wsDefault).map(([action, feature]) => ({ action, feature }));

  const used = new Set<Feature>([...ALWAYS, ...[...commands.values()].flatMap((c) => [...c.values()]), ...actions.values()]);
  const functions = FEATURE_ORDER.filter((f) => used.has(f));
  return { functions, rest: [...serviceRoutes, ...commandRoutes], restDefault: 'connections', ws, httpActions, wsDefault };
}
