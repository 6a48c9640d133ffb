import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { messagesTable } from '../../functions/shared/tables.js';
import { CallLimiter } from '../../functions/shared/rest/call-limiter.js';
import type { RateCounter } from '../../functions/shared/rest/rate-counter.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest, type TencentReply } from '../support/rest-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let backend: WebhookReceiver;
let db: DynamoDBDocumentClient;
const BATCH_LIMIT = 3;
const DEFAULT_LIMIT = 2;

beforeAll(async () => {
  backend = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: backend.url, commands: ['Alert.RequestOverLimit'], timeoutMs: 2000, failClosed: false },
    // The spec's own table for everything else (get_appid_group_list 1/s); lowered limits here, never sleeps.
    rest: {
      defaultCallsPerSecond: DEFAULT_LIMIT,
      callsPerSecond: {
        'im_open_login_svc/multiaccount_import': BATCH_LIMIT,
        'im_open_login_svc/account_import': 1000, 'group_open_http_svc/create_group': 1000,
      },
    },
  });
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => { await stack?.stop(); await backend?.close(); });

/** The shared counter's items of one command: one per second that had calls. */
const counters = async (path: string) => ((await db.send(new QueryCommand({
  TableName: process.env[messagesTable.envVar]!, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RATE#${path}` },
}))).Items ?? []) as Array<{ sk: string; calls: number; ttl: number }>;

const split = (replies: TencentReply[]) => ({ ok: replies.filter((r) => r.ErrorCode === 0), refused: replies.filter((r) => r.ErrorCode !== 0) });

describe('REST frequency limits per app (spec §1.5)', () => {
  it('refuses parallel multiaccount_import calls over the limit with 60007, imports nothing for them, and never counts past it', async () => {
    const ids = Array.from({ length: 10 }, () => uniqueId('rl'));
    const replies = await Promise.all(ids.map((id) => rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [id] })));
    const { ok, refused } = split(replies);
    // However the ten calls spread over seconds, at most BATCH_LIMIT a second get through (counted below).
    expect(ok.length).toBeGreaterThanOrEqual(BATCH_LIMIT);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60007, ErrorInfo: expect.stringContaining(`${BATCH_LIMIT} calls per second`) });

    const check = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: ids.map((UserID) => ({ UserID })) });
    const status = (check.ResultItem as Array<{ AccountStatus: string }>).map((r) => r.AccountStatus);
    expect(status).toEqual(replies.map((r) => (r.ErrorCode === 0 ? 'Imported' : 'NotImported')));

    const items = await counters('im_open_login_svc/multiaccount_import');
    expect(ok.length).toBeLessThanOrEqual(BATCH_LIMIT * items.length);
    for (const item of items) {
      expect(item.calls).toBeLessThanOrEqual(BATCH_LIMIT);
      expect(item.ttl).toBe(Number(item.sk) + 60);
    }
    // A limit this small is claimed one call at a time: the counter holds exactly the calls let through.
    expect(items.reduce((n, i) => n + i.calls, 0)).toBe(ok.length);
  });

  it('sends Alert.RequestOverLimit (ServiceName, Command, Request, Limit) on the first refusal of a second', async () => {
    await stack.sqs.idle();
    const alerts = backend.requests.filter((r) => (r.body as { Command?: string }).Command === 'multiaccount_import');
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts.length).toBeLessThanOrEqual((await counters('im_open_login_svc/multiaccount_import')).length);
    expect(alerts[0]!.query).toMatchObject({ CallbackCommand: 'Alert.RequestOverLimit', OptPlatform: 'RESTAPI' });
    expect(alerts[0]!.body).toEqual({ CallbackCommand: 'Alert.RequestOverLimit', ServiceName: 'im_open_login_svc', Command: 'multiaccount_import', Request: BATCH_LIMIT + 1, Limit: BATCH_LIMIT });
  });

  it('holds get_appid_group_list to 1 call a second with the group code 10006', async () => {
    await rest(stack, 'group_open_http_svc/create_group', { Type: 'Public', Name: 'limits' });
    const { ok, refused } = split(await Promise.all(Array.from({ length: 6 }, () => rest(stack, 'group_open_http_svc/get_appid_group_list', {}))));
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBe((await counters('group_open_http_svc/get_appid_group_list')).length);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10006 });
  });

  it('applies the app\'s default to every other command, each with its own counter', async () => {
    const a = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: a });
    const body = { To_Account: [a], TagList: ['Tag_Profile_IM_Nick'] };
    const { ok, refused } = split(await Promise.all(Array.from({ length: 8 }, () => rest(stack, 'profile/portrait_get', body))));
    expect(ok.length).toBeGreaterThanOrEqual(DEFAULT_LIMIT);
    expect(ok.length).toBeLessThanOrEqual(DEFAULT_LIMIT * (await counters('profile/portrait_get')).length);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r).toMatchObject({ ErrorCode: 60007, ErrorDisplay: '' });
    // account_import has its own (raised) limit and was not refused by the profile calls.
    expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: uniqueId() })).toMatchObject({ ErrorCode: 0 });
  });
});

/** The real counter on DynamoDB Local, with its claims counted (each is one or two UpdateItems). */
const countedCounter = () => {
  const real = allServicesFromEnv(process.env).rates;
  const counted = { claims: 0, take: (...args: Parameters<RateCounter['take']>) => { counted.claims++; return real.take(...args); } };
  return counted;
};

describe('CallLimiter: blocks claimed per container, never over the limit', () => {
  const S = Date.parse('2099-03-01T00:00:00Z');

  it('claims one call at a time in a quiet second, then blocks sized by the previous second', async () => {
    const counter = countedCounter();
    const limiter = new CallLimiter(counter);
    const key = `test/${uniqueId()}`;
    for (let i = 0; i < 20; i++) expect(await limiter.take(key, 100, S + i)).toEqual({ allowed: true });
    expect(counter.claims).toBe(20);
    for (let i = 0; i < 20; i++) expect(await limiter.take(key, 100, S + 1000 + i)).toEqual({ allowed: true });
    // 20 calls in the second before: blocks of 10 (half, and at most a tenth of the limit).
    expect(counter.claims).toBe(22);
    expect((await counters(key)).map((i) => i.calls)).toEqual([20, 20]);
  });

  it('two containers together never pass the limit, strand less than a block each, and stop writing once it is full', async () => {
    const counter = countedCounter();
    const [a, b] = [new CallLimiter(counter), new CallLimiter(counter)];
    const key = `test/${uniqueId()}`;
    const LIMIT = 50;
    // Warm-up second: each container serves 25, so the next second's blocks are 5 (a tenth of the limit).
    for (let i = 0; i < 25; i++) { await a.take(key, LIMIT, S); await b.take(key, LIMIT, S); }
    const verdicts = [];
    for (let i = 0; i < 40; i++) { verdicts.push(await a.take(key, LIMIT, S + 1000)); verdicts.push(await b.take(key, LIMIT, S + 1000)); }
    const allowed = verdicts.filter((v) => v.allowed).length;
    const [, second] = await counters(key);
    expect(second!.calls).toBeLessThanOrEqual(LIMIT);
    expect(allowed).toBeLessThanOrEqual(second!.calls);
    expect(allowed).toBeGreaterThanOrEqual(LIMIT - 2 * (5 - 1));
    expect(verdicts.filter((v) => !v.allowed && v.firstRefusal)).toHaveLength(2);
    const claimsSoFar = counter.claims;
    expect(await a.take(key, LIMIT, S + 1999)).toMatchObject({ allowed: false, firstRefusal: false });
    expect(counter.claims).toBe(claimsSoFar);
    // The next second starts afresh.
    expect(await a.take(key, LIMIT, S + 2000)).toEqual({ allowed: true });
  });
});
