// The local gateway's route choice and events against the route plan the stack deploys: the same route keys,
// path parameters and Lambdas API Gateway would use, so handlers cannot tell the two apart.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { restPath, type RestRoute, type WsRoute } from '../../functions/shared/route.js';
import { resolveRestRoute } from '../../functions/shared/rest/resolve-rest-route.js';
import { planRoutes } from '../../lib/route-plan.js';
import { httpApiEvent } from '../../local/gateway/http-api.js';
import { RouteTable } from '../../local/gateway/route-table.js';

const table = new RouteTable();
const plan = planRoutes(routes);
const restRoutes = routes.filter((r): r is RestRoute => r.transport === 'rest');
const wsRoutes = routes.filter((r): r is WsRoute => r.transport === 'ws');

const request = (method: string, url: string) =>
  ({ method, url, headers: { host: '127.0.0.1:9000' }, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('local HTTP API routes', () => {
  it('reach every command\'s own Lambda through its literal route or its service\'s {command} route', () => {
    for (const route of restRoutes) {
      const match = table.restRoute('POST', `/v4/${restPath(route)}`);
      expect(match.feature, restPath(route)).toBe(route.feature);
      const literal = plan.rest.find((e) => e.service === route.service && e.command === route.command);
      expect(match).toEqual(literal
        ? { routeKey: `POST /v4/${restPath(route)}`, feature: route.feature }
        : { routeKey: `POST /v4/${route.service}/{command}`, feature: route.feature, pathParameters: { command: route.command } });
    }
  });

  it('take an unknown command of a routed service to that service\'s Lambda, and anything else to $default (connections)', () => {
    const service = plan.rest.find((e) => e.service === 'openim' && e.command === undefined)!;
    expect(table.restRoute('POST', '/v4/openim/delete_c2c_msg_ramble')).toEqual({ routeKey: 'POST /v4/openim/{command}', feature: service.feature, pathParameters: { command: 'delete_c2c_msg_ramble' } });
    for (const [method, path] of [['POST', '/v4/follow/follow_add'], ['GET', '/v4/openim/sendmsg'], ['POST', '/v4/openim'], ['POST', '/v4/openim/a/b'], ['POST', '/v4/openim/'], ['POST', '/healthz']]) {
      expect(table.restRoute(method!, path!), `${method} ${path}`).toEqual({ routeKey: '$default', feature: 'connections' });
    }
  });

  it('build the payload 2.0 event with the route key and, for {command} routes only, the path parameter', () => {
    const param = httpApiEvent(request('POST', '/v4/sns/friend_add?sdkappid=1'), Buffer.from('{}'), table.restRoute('POST', '/v4/sns/friend_add'));
    expect(param).toMatchObject({ routeKey: 'POST /v4/sns/{command}', rawPath: '/v4/sns/friend_add', pathParameters: { command: 'friend_add' }, requestContext: { routeKey: 'POST /v4/sns/{command}' } });
    const fallback = httpApiEvent(request('POST', '/v4/follow/follow_add'), Buffer.alloc(0), table.restRoute('POST', '/v4/follow/follow_add'));
    expect(fallback).toMatchObject({ routeKey: '$default', requestContext: { routeKey: '$default' } });
    expect(fallback).not.toHaveProperty('pathParameters');
  });
});

describe('REST handlers on these events', () => {
  /** What the handler's router makes of the event the local gateway (and API Gateway) sends for `path`. */
  const resolve = async (path: string, feature = table.restRoute('POST', path).feature) => {
    const im: Record<string, unknown> = {};
    const event = httpApiEvent(request('POST', path), Buffer.from('{}'), table.restRoute('POST', path));
    const before = resolveRestRoute(restRoutes.filter((r) => r.feature === feature)).before!;
    try {
      await before({ event, context: { im }, response: undefined, error: undefined, internal: {} } as never);
      return (im.route as RestRoute).command;
    } catch (error) {
      return (error as { code?: number }).code;
    }
  };

  it('resolve the same command on a literal route, a {command} route and $default', async () => {
    const literal = plan.rest.find((e) => e.command !== undefined)!;
    expect(await resolve(literal.path)).toBe(literal.command);
    const viaService = restRoutes.find((r) => !plan.rest.some((e) => e.service === r.service && e.command === r.command))!;
    expect(await resolve(`/v4/${restPath(viaService)}`)).toBe(viaService.command);
    // On $default (connections) a connections command still resolves from the path alone.
    const ofConnections = restRoutes.find((r) => r.feature === 'connections')!;
    expect(await resolve(`/v4/${restPath(ofConnections)}/`, 'connections')).toBe(ofConnections.command);
  });

  it('answer 60009 for an unknown command, whether its service\'s Lambda or connections gets it', async () => {
    expect(await resolve('/v4/openim/no_such_command')).toBe(60009);
    expect(await resolve('/v4/follow/follow_add')).toBe(60009);
  });
});

describe('local WebSocket routes', () => {
  it('select each action\'s route, and $default for the $default feature\'s actions, unknown actions and frames that are not JSON', () => {
    for (const route of wsRoutes) {
      const match = table.wsRoute(JSON.stringify({ action: route.action, reqId: '1', data: {} }));
      expect(match, route.action).toEqual({ routeKey: route.feature === plan.wsDefault ? '$default' : route.action, feature: route.feature });
    }
    for (const body of ['{"action":"nope"}', 'not json', '{}', '[]', '']) expect(table.wsRoute(body), body).toEqual({ routeKey: '$default', feature: plan.wsDefault });
  });
});
