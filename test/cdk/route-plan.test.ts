import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import type { RoutedFeature } from '../../functions/shared/features.js';
import { restRoute, wsRoute, type Route, type WsRoute } from '../../functions/shared/route.js';
import { isRoutedFeature, planRoutes, type RoutePlan } from '../../lib/route-plan.js';

const rest = (service: string, command: string, feature: RoutedFeature = 'accounts'): Route =>
  restRoute({ service: service as 'openim', command, feature, input: z.object({}), run: async () => ({}) });
const ws = (action: string, feature: RoutedFeature = 'connections'): Route =>
  wsRoute({ action, feature, input: z.object({}), run: async () => ({}) });

/** The Lambda API Gateway reaches for a command: its literal route, else its service's `{command}` route. */
const restTarget = (plan: RoutePlan, service: string, command: string) =>
  (plan.rest.find((e) => e.service === service && e.command === command) ?? plan.rest.find((e) => e.service === service && e.command === undefined))?.feature;
/** The Lambda API Gateway reaches for an action: its route, else `$default`. */
const wsTarget = (plan: RoutePlan, action: string) => plan.ws.find((e) => e.action === action)?.feature ?? plan.wsDefault;

describe('planRoutes', () => {
  it('plans the real route list: every command and action reaches its own feature, a Lambda per feature in use', () => {
    const plan = planRoutes(routes);
    for (const route of routes) {
      if (route.transport === 'rest') expect(restTarget(plan, route.service, route.command), `${route.service}/${route.command}`).toBe(route.feature);
      else expect(wsTarget(plan, route.action), route.action).toBe(route.feature);
    }
    expect(plan.functions).toEqual(expect.arrayContaining(['authorizer', 'connections', 'webhooks', ...new Set(routes.map((r) => r.feature))]));
  });

  it('plans one {command} route per REST service and literal routes only for commands another feature serves', () => {
    const plan = planRoutes(routes);
    const services = new Set(routes.flatMap((r) => (r.transport === 'rest' ? [r.service] : [])));
    expect(plan.rest.filter((e) => e.command === undefined).map((e) => e.service).sort()).toEqual([...services].sort());
    for (const literal of plan.rest.filter((e) => e.command !== undefined)) {
      expect(literal.feature).not.toBe(restTarget({ ...plan, rest: plan.rest.filter((e) => e.command === undefined) }, literal.service, literal.command!));
    }
    expect(plan.rest.length).toBeLessThan(routes.filter((r) => r.transport === 'rest').length);
  });

  it('always plans the authorizer, connections and the queue consumers, and only features that have routes', () => {
    expect(planRoutes([]).functions).toEqual(['authorizer', 'connections', 'webhooks', 'pushworker', 'groupfanout']);
    expect(planRoutes([rest('openim', 'sendmsg')])).toEqual({
      functions: ['authorizer', 'connections', 'accounts', 'webhooks', 'pushworker', 'groupfanout'],
      rest: [{ routeKey: 'POST /v4/openim/{command}', path: '/v4/openim/{command}', service: 'openim', feature: 'accounts' }],
      restDefault: 'connections',
      ws: [],
      httpActions: [],
      wsDefault: 'connections',
    });
  });

  it('gives each action declared overHttp its literal POST /im/{action} route to the action\'s feature', () => {
    const plan = planRoutes([{ ...(ws('c2c.send', 'c2c') as WsRoute), overHttp: 'proves-session' }, ws('history.c2c', 'c2c'), ws('ping')]);
    expect(plan.httpActions).toEqual([{ routeKey: 'POST /im/c2c.send', path: '/im/c2c.send', action: 'c2c.send', feature: 'c2c' }]);
  });

  it('gives a service to the feature with most of its commands (a tie to the first in FEATURES) and routes the others literally', () => {
    const plan = planRoutes([rest('openim', 'a', 'c2c'), rest('openim', 'b', 'connections'), rest('openim', 'c', 'c2c'), rest('sns', 'x', 'sns'), rest('sns', 'y', 'profile')]);
    expect(plan.rest.map((e) => [e.routeKey, e.feature])).toEqual([
      ['POST /v4/openim/{command}', 'c2c'],
      ['POST /v4/sns/{command}', 'profile'],
      ['POST /v4/openim/b', 'connections'],
      ['POST /v4/sns/x', 'sns'],
    ]);
  });

  it('serves the feature with the most actions on the WebSocket $default and routes every other action', () => {
    const plan = planRoutes([ws('ping'), ws('group.create', 'groups'), ws('group.info', 'groups'), ws('c2c.send', 'c2c')]);
    expect(plan.wsDefault).toBe('groups');
    expect(plan.ws).toEqual([{ action: 'ping', feature: 'connections' }, { action: 'c2c.send', feature: 'c2c' }]);
  });

  it('refuses a command or action declared twice', () => {
    expect(() => planRoutes([rest('openim', 'sendmsg'), rest('openim', 'sendmsg')])).toThrow(/declared twice/);
    expect(() => planRoutes([ws('ping'), ws('ping')])).toThrow(/declared twice/);
  });

  it('refuses names API Gateway reserves or cannot route', () => {
    expect(() => planRoutes([ws('$connect')])).toThrow(/bad WebSocket action/);
    expect(() => planRoutes([rest('openim', 'send/msg')])).toThrow(/bad REST route/);
    expect(() => planRoutes([rest('openim', '{command}')])).toThrow(/bad REST route/);
  });

  it('refuses a feature that has no handler', () => {
    expect(() => planRoutes([{ ...ws('x'), feature: 'nope' as 'connections' }])).toThrow(/not in FEATURES/);
  });

  it('refuses routes to the authorizer or the queue consumer, which no route reaches', () => {
    expect(() => planRoutes([{ ...ws('x'), feature: 'webhooks' as 'connections' }])).toThrow(/not reached by routes/);
    expect(() => planRoutes([rest('openim', 'auth', 'authorizer' as 'accounts')])).toThrow(/not reached by routes/);
  });

  it('tells routed features from the unrouted ones', () => {
    expect(['authorizer', 'connections', 'accounts', 'webhooks'].filter((f) => isRoutedFeature(f as 'accounts'))).toEqual(['connections', 'accounts']);
  });
});
