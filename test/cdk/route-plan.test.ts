import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { restRoute, wsRoute, type Route } from '../../functions/shared/route.js';
import { isRoutedFeature, planRoutes } from '../../lib/route-plan.js';

const rest = (service: string, command: string, feature = 'accounts' as const): Route =>
  restRoute({ service: service as 'openim', command, feature, input: z.object({}), run: async () => ({}) });
const ws = (action: string, feature = 'connections' as const): Route =>
  wsRoute({ action, feature, input: z.object({}), run: async () => ({}) });

describe('planRoutes', () => {
  it('plans the real route list: every route once, a Lambda per feature in use', () => {
    const plan = planRoutes(routes);
    expect(plan.rest).toHaveLength(routes.filter((r) => r.transport === 'rest').length);
    expect(plan.ws).toHaveLength(routes.filter((r) => r.transport === 'ws').length);
    expect(plan.functions).toEqual(expect.arrayContaining(['authorizer', 'connections', 'webhooks', ...new Set(routes.map((r) => r.feature))]));
  });

  it('always plans the authorizer, connections and the queue consumers, and only features that have routes', () => {
    expect(planRoutes([]).functions).toEqual(['authorizer', 'connections', 'webhooks', 'pushworker', 'groupfanout']);
    expect(planRoutes([rest('openim', 'sendmsg')])).toEqual({
      functions: ['authorizer', 'connections', 'accounts', 'webhooks', 'pushworker', 'groupfanout'],
      rest: [{ path: '/v4/openim/sendmsg', feature: 'accounts' }],
      ws: [],
    });
  });

  it('refuses a command or action declared twice', () => {
    expect(() => planRoutes([rest('openim', 'sendmsg'), rest('openim', 'sendmsg')])).toThrow(/declared twice/);
    expect(() => planRoutes([ws('ping'), ws('ping')])).toThrow(/declared twice/);
  });

  it('refuses names API Gateway reserves or cannot route', () => {
    expect(() => planRoutes([ws('$connect')])).toThrow(/bad WebSocket action/);
    expect(() => planRoutes([rest('openim', 'send/msg')])).toThrow(/bad REST route/);
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
