import { FEATURES, type Feature, type RoutedFeature } from '../functions/shared/features.js';
import { restPath, type Route } from '../functions/shared/route.js';
import { AFTER_CALLBACK_QUEUE } from '../functions/webhooks/after-callback-queue.js';
import { PUSH_QUEUE } from '../functions/push/push-queue.js';
import { GROUP_FANOUT_QUEUE } from '../functions/groupmsg/fan-out-queue.js';

export interface RestEndpoint {
  /** `/v4/{service}/{command}`, literal: API Gateway matches it before the `$default` catch-all. */
  path: string;
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
  rest: RestEndpoint[];
  ws: WsEndpoint[];
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
 * which serves `$connect`, `$disconnect` and both `$default`s.
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

/**
 * Turns the route list into what the stack builds: one Lambda per feature
 * that has routes (and the ALWAYS ones), one HTTP route per REST command,
 * one WebSocket route per action. Refuses duplicates, routes to unrouted
 * features, and names API Gateway would reject or reserve.
 */
export function planRoutes(routes: readonly Route[]): RoutePlan {
  const rest = new Map<string, RestEndpoint>();
  const ws = new Map<string, WsEndpoint>();
  for (const route of routes) {
    if (!Object.hasOwn(FEATURES, route.feature)) throw new RoutePlanError(`route feature "${route.feature}" is not in FEATURES`);
    if (!isRoutedFeature(route.feature)) throw new RoutePlanError(`route feature "${route.feature}" is not reached by routes`);
    if (route.transport === 'rest') {
      if (!SEGMENT.test(route.service) || !SEGMENT.test(route.command)) throw new RoutePlanError(`bad REST route ${restPath(route)}`);
      const path = `/v4/${restPath(route)}`;
      if (rest.has(path)) throw new RoutePlanError(`REST route ${path} is declared twice`);
      rest.set(path, { path, feature: route.feature });
    } else {
      // `$`-prefixed keys belong to API Gateway ($connect, $disconnect, $default).
      if (!ACTION.test(route.action)) throw new RoutePlanError(`bad WebSocket action "${route.action}"`);
      if (ws.has(route.action)) throw new RoutePlanError(`WebSocket action ${route.action} is declared twice`);
      ws.set(route.action, { action: route.action, feature: route.feature });
    }
  }
  const used = new Set<Feature>([...ALWAYS, ...[...rest.values(), ...ws.values()].map((e) => e.feature)]);
  const functions = (Object.keys(FEATURES) as Feature[]).filter((f) => used.has(f));
  return { functions, rest: [...rest.values()], ws: [...ws.values()] };
}
