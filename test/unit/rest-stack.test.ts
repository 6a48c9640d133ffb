import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { restStack } from '../../functions/shared/rest/rest-stack.js';
import { restRoute } from '../../functions/shared/route.js';
import { ImError } from '../../functions/shared/errors.js';
import { parseAppConfig } from '../../functions/app-config.js';
import type { AppRuntime } from '../../functions/shared/runtime.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { REST_SERVICES, type RestServiceName } from '../../functions/shared/rest-services.js';
import { signUserSig } from '../../functions/shared/usersig.js';

const KEY = 'unit-test-key';
const APP = 1400000000;
const NOW = 1_800_000_000;
const app: AppRuntime<ServiceCatalog> = {
  config: parseAppConfig({ sdkAppId: APP, admins: ['administrator', 'ops'] }),
  secrets: { secretKey: KEY },
  // The routes below never touch a store. The frequency limit always grants here (test/e2e/rest-limits.test.ts
  // runs it on DynamoDB Local), and no admin was kicked (test/e2e/rest-envelope.test.ts).
  services: {
    clock: () => NOW * 1000,
    rates: { take: async (_key: string, _second: number, want: number) => ({ granted: want, count: want }) },
    accounts: { get: async () => undefined },
  } as unknown as ServiceCatalog,
};
const sig = (identifier: string) => signUserSig({ sdkAppId: APP, secretKey: KEY, identifier, expire: 3600, time: NOW - 10 });

const echo = (service: RestServiceName) => restRoute({
  service, command: 'echo', feature: 'accounts', input: z.object({ Value: z.string() }),
  run: async (_call, input) => ({ Echo: input.Value }),
});
const routes = [
  ...(Object.keys(REST_SERVICES) as RestServiceName[]).map(echo),
  restRoute({ service: 'openim', command: 'boom', feature: 'accounts', input: z.object({}), run: async () => { throw new Error('secret internals'); } }),
  restRoute({ service: 'recentcontact', command: 'boom', feature: 'c2c', input: z.object({}), run: async () => { throw new Error('secret internals'); } }),
  restRoute({ service: 'openim', command: 'refuse', feature: 'accounts', input: z.object({}), run: async () => { throw new ImError(20006, 'refused'); } }),
];
const handler = restStack(routes, async () => app);

const event = (path: string, query: Record<string, string> | undefined, body?: string, method = 'POST'): APIGatewayProxyEventV2 => ({
  version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', headers: {}, isBase64Encoded: false,
  ...(query && { queryStringParameters: query }), ...(body !== undefined && { body }),
  requestContext: {
    accountId: '1', apiId: 'a', domainName: 'd', domainPrefix: 'd', requestId: 'req-1', routeKey: '$default', stage: '$default',
    time: '', timeEpoch: Date.now(), http: { method, path, protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: '' },
  },
});
const adminQuery = (identifier = 'administrator', extra: Record<string, string> = {}) =>
  ({ sdkappid: String(APP), identifier, usersig: sig(identifier), random: '12345', contenttype: 'json', ...extra });

const call = async (path: string, query: Record<string, string> | undefined, body?: string, method?: string) => {
  const res = await handler(event(path, query, body, method), { awsRequestId: 'aws-1' } as Context as never);
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body as string) as Record<string, unknown>;
};

describe('REST transport (Tencent envelope)', () => {
  it('wraps a success in ActionStatus OK, with ErrorDisplay only for profile, sns and recentcontact', async () => {
    expect(await call('/v4/openim/echo', adminQuery(), '{"Value":"hi"}')).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, Echo: 'hi' });
    for (const service of ['profile', 'sns', 'recentcontact']) {
      expect(await call(`/v4/${service}/echo`, adminQuery(), '{"Value":"hi"}')).toMatchObject({ ErrorDisplay: '', Echo: 'hi' });
    }
    expect(await call('/v4/group_open_http_svc/echo', adminQuery(), '{"Value":"hi"}')).not.toHaveProperty('ErrorDisplay');
  });

  it('accepts any configured admin identifier', async () => {
    expect(await call('/v4/openim/echo', adminQuery('ops'), '{"Value":"x"}')).toMatchObject({ ErrorCode: 0 });
  });

  it.each([
    ['im_open_login_svc', 70403], ['openim', 90009], ['profile', 40004], ['sns', 30004],
    ['recentcontact', 50003], ['group_open_http_svc', 10007], ['openconfigsvr', 60010],
  ])('answers a non-admin identifier on %s with %i', async (service, code) => {
    const reply = await call(`/v4/${service}/echo`, adminQuery('alice'), '{"Value":"x"}');
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(reply.ErrorInfo).toContain('not an app admin');
  });

  it.each([
    ['unknown command', '/v4/openim/nope', adminQuery(), '{}', 60009],
    ['unknown service', '/v4/nosuch/echo', adminQuery(), '{}', 60009],
    ['path outside v4', '/v3/openim/echo', adminQuery(), '{}', 60009],
    ['missing sdkappid', '/v4/openim/echo', { identifier: 'administrator', usersig: sig('administrator') }, '{"Value":"x"}', 60012],
    ['foreign sdkappid', '/v4/openim/echo', adminQuery('administrator', { sdkappid: '1400000001' }), '{"Value":"x"}', 70020],
    ['non-numeric sdkappid', '/v4/openim/echo', adminQuery('administrator', { sdkappid: 'abc' }), '{"Value":"x"}', 70020],
    ['missing identifier', '/v4/openim/echo', { sdkappid: String(APP), usersig: sig('administrator') }, '{"Value":"x"}', 60004],
    ['missing usersig', '/v4/openim/echo', { sdkappid: String(APP), identifier: 'administrator' }, '{"Value":"x"}', 70002],
    ['garbage usersig', '/v4/openim/echo', adminQuery('administrator', { usersig: 'abc' }), '{"Value":"x"}', 70003],
    ['usersig of another identifier', '/v4/openim/echo', adminQuery('administrator', { usersig: sig('ops') }), '{"Value":"x"}', 70013],
    ['random out of range', '/v4/openim/echo', adminQuery('administrator', { random: '4294967296' }), '{"Value":"x"}', 60002],
    ['contenttype other than json', '/v4/openim/echo', adminQuery('administrator', { contenttype: 'xml' }), '{"Value":"x"}', 60002],
    ['no query string at all', '/v4/openim/echo', undefined, '{"Value":"x"}', 60012],
    ['empty body', '/v4/openim/echo', adminQuery(), '', 60003],
    ['body that is not JSON', '/v4/openim/echo', adminQuery(), '{"Value":', 90001],
    ['body that is a JSON array', '/v4/openim/echo', adminQuery(), '[]', 90001],
    ['body that is a JSON string', '/v4/openim/echo', adminQuery(), '"x"', 90001],
    ['missing field', '/v4/openim/echo', adminQuery(), '{}', 90001],
    ['field of the wrong type', '/v4/sns/echo', adminQuery(), '{"Value":5}', 30001],
  ])('refuses a request with %s', async (_name, path, query, body, code) => {
    const reply = await call(path, query, body);
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(String(reply.ErrorInfo).length).toBeGreaterThan(5);
  });

  it.each([
    ['openim', 90001, 'Fail to Parse json data of body, Please check it'],
    ['group_open_http_svc', 10011, undefined],
    ['profile', 40001, 'Err_Profile_Comm_Decode_Fail'],
    ['sns', 30001, undefined],
    ['recentcontact', 50002, undefined],
    ['im_open_login_svc', 70402, undefined],
    ['openconfigsvr', 60003, undefined],
    ['all_member_push', 60003, undefined],
  ])('answers a body that is not a JSON object on %s with %i', async (service, code, info) => {
    for (const body of ['{bad json', '[]', '"x"', '5', 'null']) {
      const reply = await call(`/v4/${service}/echo`, adminQuery(), body);
      expect(reply, body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ...(info !== undefined && { ErrorInfo: info }) });
    }
  });

  it('answers an unexpected recentcontact failure with 50004 (internal) and a bad parameter with 50002', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await call('/v4/recentcontact/boom', adminQuery(), '{}')).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50004, ErrorDisplay: '' });
    log.mockRestore();
    expect(await call('/v4/recentcontact/echo', adminQuery(), '{"Value":5}')).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50002 });
  });

  it('names the offending field, the value received and what is allowed', async () => {
    expect((await call('/v4/openim/echo', adminQuery(), '{"Value":5}')).ErrorInfo).toBe('Value must be a string, got a number 5');
    expect((await call('/v4/openim/echo', adminQuery(), '{}')).ErrorInfo).toBe('Value is required');
  });

  it('refuses methods other than POST', async () => {
    expect(await call('/v4/openim/echo', adminQuery(), '{"Value":"x"}', 'GET')).toMatchObject({ ErrorCode: 60002 });
  });

  it('refuses an expired admin UserSig with 70001', async () => {
    const old = signUserSig({ sdkAppId: APP, secretKey: KEY, identifier: 'administrator', expire: 60, time: NOW - 61 });
    expect(await call('/v4/openim/echo', adminQuery('administrator', { usersig: old }), '{"Value":"x"}')).toMatchObject({ ErrorCode: 70001 });
  });

  it('passes a deliberate domain error through', async () => {
    expect(await call('/v4/openim/refuse', adminQuery(), '{}')).toEqual({ ActionStatus: 'FAIL', ErrorCode: 20006, ErrorInfo: 'refused' });
  });

  it('answers an unexpected failure with the service\'s internal code and a request id, never the error text', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await call('/v4/openim/boom', adminQuery(), '{}');
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 90994 });
    expect(reply.ErrorInfo).toContain('req-1');
    expect(JSON.stringify(reply)).not.toContain('secret internals');
    const logged = log.mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toContain('secret internals');
    log.mockRestore();
  });

  it('never writes a UserSig to the log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const query = adminQuery();
    await call('/v4/openim/boom', query, '{}');
    expect(log.mock.calls.map((c) => String(c[0])).join('\n')).not.toContain(query.usersig);
    log.mockRestore();
  });
});
