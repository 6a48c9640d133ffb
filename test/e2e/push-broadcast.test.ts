import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { allServicesFromEnv } from '../support/all-services.js';
import { messagesTable } from '../../functions/shared/tables.js';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest, type TencentReply } from '../support/rest-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let backend: WebhookReceiver;
beforeAll(async () => {
  backend = await startWebhookReceiver();
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, webhook: { url: backend.url, commands: ['Push.AllMemberPush'], timeoutMs: 2000, failClosed: false } });
});
afterAll(async () => { await stack?.stop(); await backend?.close(); });

const amp = (command: string, body: unknown) => rest(stack, `all_member_push/${command}`, body);
const text = (Text: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });
const importUsers = async (n: number) => {
  const ids = Array.from({ length: n }, () => uniqueId('b'));
  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
  return ids;
};
let lastPush = 0;
/** im_push, spaced more than 1 s after the previous one (the limit), then waits for the fan-out to finish. */
const imPush = async (body: Record<string, unknown>): Promise<TencentReply> => {
  const wait = lastPush + 1100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const reply = await amp('im_push', { MsgRandom: 1, MsgBody: [text('hello all')], ...body });
  lastPush = Date.now();
  await stack.sqs.idle();
  return reply;
};
const broadcastsOf = (c: TestClient) => c.events.filter((e) => e.event === 'broadcast.message').map((e) => e.data.TaskId);

describe('all_member_push attributes', () => {
  it('names attributes, sets, reads and removes them; unknown names, accounts and limits change nothing', async () => {
    expect(await amp('im_set_attr_name', { AttrNames: { 0: 'sex', 1: 'city' } })).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(await amp('im_set_attr_name', { AttrNames: { 10: 'x' } })).toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('"0" to "9"') });
    expect(await amp('im_set_attr_name', { AttrNames: { 2: 'n'.repeat(51) } })).toMatchObject({ ErrorCode: 60003 });
    expect(await amp('im_set_attr_name', { AttrNames: { 2: 'city' } })).toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('same name') });
    expect(await amp('im_get_attr_name', {})).toMatchObject({ AttrNames: { 0: 'sex', 1: 'city' } });

    const [a, b] = await importUsers(2);
    expect(await amp('im_set_attr', { UserAttrs: [{ To_Account: a, Attrs: { sex: 'f', city: 'sz' } }, { To_Account: b, Attrs: { city: 'bj' } }] })).toMatchObject({ ErrorCode: 0 });
    // Typed SDKs send numbers as they are (dobyte's map[string]interface{}); stored as text, as Tencent's values are strings.
    const [n] = await importUsers(1);
    expect(await amp('im_set_attr', { UserAttrs: [{ To_Account: n, Attrs: { sex: 1, city: true } }] })).toMatchObject({ ErrorCode: 0 });
    expect((await amp('im_get_attr', { To_Account: [n] })).UserAttrs).toEqual([{ To_Account: n, Attrs: { sex: '1', city: 'true' } }]);
    expect(await amp('im_set_attr', { UserAttrs: [{ To_Account: n, Attrs: { sex: { nested: 1 } } }] })).toMatchObject({ ErrorCode: 60003 });
    expect(await amp('im_set_attr', { UserAttrs: [{ To_Account: a, Attrs: { age: '3' } }] })).toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('im_set_attr_name') });
    expect(await amp('im_set_attr', { UserAttrs: [{ To_Account: a, Attrs: { city: 'gz' } }, { To_Account: 'nobody-x', Attrs: { city: 'gz' } }] })).toMatchObject({ ErrorCode: 70107 });
    expect(await amp('im_set_attr', { UserAttrs: [{ To_Account: a, Attrs: { city: 'v'.repeat(51) } }] })).toMatchObject({ ErrorCode: 60003 });
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ To_Account: `u${i}`, Attrs: { city: 'x' } }));
    expect(await amp('im_set_attr', { UserAttrs: tooMany })).toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('more than 100') });
    expect(await amp('im_get_attr', { To_Account: [a, b] })).toMatchObject({
      UserAttrs: [{ To_Account: a, Attrs: { sex: 'f', city: 'sz' } }, { To_Account: b, Attrs: { city: 'bj' } }],
    });
    expect(await amp('im_remove_attr', { UserAttrs: [{ To_Account: a, Attrs: ['sex'] }] })).toMatchObject({ ErrorCode: 0 });
    expect((await amp('im_get_attr', { To_Account: [a] })).UserAttrs).toEqual([{ To_Account: a, Attrs: { city: 'sz' } }]);
  });
});

describe('all_member_push tags', () => {
  it('adds, reads, removes tags; enforces 10 per call, 100 per user and 50 bytes, all or nothing', async () => {
    const [a, b] = await importUsers(2);
    expect(await amp('im_add_tag', { UserTags: [{ To_Account: a, Tags: ['vip', 'beta'] }, { To_Account: b, Tags: ['vip'] }] })).toMatchObject({ ErrorCode: 0 });
    expect((await amp('im_get_tag', { To_Account: [a, b] })).UserTags).toEqual([{ To_Account: a, Tags: ['beta', 'vip'] }, { To_Account: b, Tags: ['vip'] }]);
    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expect(await amp('im_add_tag', { UserTags: [{ To_Account: b, Tags: eleven }] })).toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('10 tags') });
    expect(await amp('im_add_tag', { UserTags: [{ To_Account: b, Tags: ['x'.repeat(51)] }] })).toMatchObject({ ErrorCode: 60003 });
    for (let i = 0; i < 9; i++) expect((await amp('im_add_tag', { UserTags: [{ To_Account: b, Tags: Array.from({ length: 11 }, (_, j) => `g${i}-${j}`).slice(0, 10) }] })).ErrorCode).toBe(0);
    // b has 91 tags: 10 more would make 101, refused along with a's change in the same call.
    const over = await amp('im_add_tag', { UserTags: [{ To_Account: a, Tags: ['new'] }, { To_Account: b, Tags: eleven.slice(0, 10) }] });
    expect(over).toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('100 per user') });
    expect(((await amp('im_get_tag', { To_Account: [a] })).UserTags as Array<{ Tags: string[] }>)[0]!.Tags).toEqual(['beta', 'vip']);
    expect(await amp('im_remove_tag', { UserTags: [{ To_Account: a, Tags: ['beta'] }] })).toMatchObject({ ErrorCode: 0 });
    expect(await amp('im_remove_all_tags', { To_Account: [b] })).toMatchObject({ ErrorCode: 0 });
    expect((await amp('im_get_tag', { To_Account: [a, b] })).UserTags).toEqual([{ To_Account: a, Tags: ['vip'] }, { To_Account: b, Tags: [] }]);
    expect(await amp('im_remove_all_tags', { To_Account: ['nobody-y'] })).toMatchObject({ ErrorCode: 70107 });
  });
});

describe('all_member_push/im_push', () => {
  it('refuses bad input with Tencent codes before taking a call of the day', async () => {
    expect(await amp('im_push', { MsgBody: [text('x')] })).toMatchObject({ ErrorCode: 90005 });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: [text('x')], MsgLifeTime: 604801 })).toMatchObject({ ErrorCode: 90026 });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: [text('x')], MsgLifeTime: 1.5 })).toMatchObject({ ErrorCode: 90044 });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: 'x' })).toMatchObject({ ErrorCode: expect.any(Number), ActionStatus: 'FAIL' });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: [text('x')], Condition: { TagsOr: ['a'], AttrsOr: { city: 'sz' } } }))
      .toMatchObject({ ErrorCode: 60003, ErrorInfo: expect.stringContaining('cannot be combined') });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: [text('x')], Condition: { TagsOr: Array.from({ length: 11 }, (_, i) => `t${i}`) } })).toMatchObject({ ErrorCode: 60003 });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: [text('x')], Condition: { AttrsAnd: { undefinedattr: '1' } } })).toMatchObject({ ErrorCode: 60003 });
    expect(await amp('im_push', { MsgRandom: 1, MsgBody: [text('x')], From_Account: 'nobody-z' })).toMatchObject({ ErrorCode: 90008 });
  });

  it('reaches online users at once, PushOnline users by push, offline users on their next sync; a second call within 1 s is refused', async () => {
    const [online, phone, offline] = await importUsers(3);
    const onlineWs = await connect(stack, online!);
    const phoneWs = await connect(stack, phone!, { platform: 'iOS', instance: 'p' });
    expect((await phoneWs.request('push.register', { Platform: 'APNs', Token: `tok-${phone}` })).ErrorCode).toBe(0);
    await phoneWs.close();
    const services = allServicesFromEnv(process.env);
    for (let i = 0; i < 50 && (await services.connections.presenceOf(phone!, Date.now())).connections.length > 0; i++) await new Promise((r) => setTimeout(r, 30));
    const arn = (await services.connections.presenceOf(phone!, Date.now())).devices[0]!.endpointArn!;

    const reply = await imPush({ MsgLifeTime: 3600, OfflinePushInfo: { Title: 'News' } });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, TaskId: expect.stringMatching(/^[0-9a-f]+_[0-9a-f]{8}_[0-9a-f]{8}$/) });
    const too = await amp('im_push', { MsgRandom: 2, MsgBody: [text('again')] });
    expect(too).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60018 });
    lastPush = Date.now();

    expect(broadcastsOf(onlineWs)).toEqual([reply.TaskId]);
    expect((onlineWs.events.find((e) => e.event === 'broadcast.message'))!.data).toMatchObject({ From_Account: 'administrator', MsgBody: [text('hello all')] });
    const pushes = stack.sns.outbox.filter((e) => e.action === 'Publish' && e.params.TargetArn === arn);
    expect(pushes.map((e) => (e.message as { APNS: { aps: { alert: unknown } } }).APNS.aps.alert)).toEqual([{ title: 'News', body: 'hello all' }]);
    // The app backend hears of the push (Push.AllMemberPush, send stage), not of the online delivery.
    const [report] = await backend.waitForRequests(1);
    expect(report!.body).toEqual({
      CallbackCommand: 'Push.AllMemberPush', EventType: 1, TaskId: reply.TaskId, TaskTime: expect.any(Number), EventTime: expect.any(Number),
      To_Account: phone, PushPlatform: 1, PushStage: 1, ErrCode: 0, ErrInfo: '',
    });
    expect(Math.abs((report!.body as { TaskTime: number }).TaskTime - Date.now() / 1000)).toBeLessThan(60);
    expect(backend.requests.filter((r) => (r.body as { To_Account?: string }).To_Account === online)).toEqual([]);

    const later = await connect(stack, offline!);
    const sync = await later.request('broadcast.sync', {});
    expect(sync.data).toMatchObject({ Messages: [{ TaskId: reply.TaskId, MsgBody: [text('hello all')] }] });
    const cursor = (sync.data as { Cursor: number }).Cursor;
    expect((await later.request('broadcast.sync', { Cursor: cursor })).data).toEqual({ Messages: [], Cursor: cursor });
    await Promise.all([onlineWs.close(), later.close()]);
  });

  it('MsgLifeTime 0 (the default) reaches online users only: nothing stored for sync, no push', async () => {
    const [online, phone] = await importUsers(2);
    const onlineWs = await connect(stack, online!);
    const phoneWs = await connect(stack, phone!, { platform: 'Android', instance: 'p' });
    expect((await phoneWs.request('push.register', { Platform: 'FCM', Token: `tok-${phone}` })).ErrorCode).toBe(0);
    await phoneWs.close();
    const before = stack.sns.outbox.filter((e) => e.action === 'Publish').length;
    const reply = await imPush({});
    expect(broadcastsOf(onlineWs)).toEqual([reply.TaskId]);
    expect(stack.sns.outbox.filter((e) => e.action === 'Publish').length).toBe(before);
    const synced = (await onlineWs.request('broadcast.sync', {})).data as { Messages: Array<{ TaskId: string }> };
    expect(synced.Messages.map((m) => m.TaskId)).not.toContain(reply.TaskId);
    await onlineWs.close();
  });

  it('a text holding U+FFFE and U+FFFF (valid JSON, refused raw by SQS) reaches online users unchanged', async () => {
    const [online] = await importUsers(1);
    const ws = await connect(stack, online!);
    const odd = 'a\uFFFEb\uFFFFc \u{1F600}';
    const reply = await imPush({ MsgBody: [text(odd)] });
    expect(reply).toMatchObject({ ErrorCode: 0 });
    const frame = await ws.waitFor<{ data: { MsgBody: unknown } }>((e) => e.event === 'broadcast.message' && (e.data as { TaskId?: unknown }).TaskId === reply.TaskId);
    expect(frame.data.MsgBody).toEqual([text(odd)]);
    await ws.close();
  });

  it('targets by tags and by attributes (every clause kind is unit-tested in test/unit/push-rules.test.ts)', async () => {
    const [a, b, c] = await importUsers(3);
    await amp('im_add_tag', { UserTags: [{ To_Account: a, Tags: ['vip'] }, { To_Account: b, Tags: ['vip', 'beta'] }] });
    await amp('im_set_attr_name', { AttrNames: { 0: 'sex', 1: 'city' } });
    await amp('im_set_attr', { UserAttrs: [{ To_Account: a, Attrs: { city: 'sz', sex: 'f' } }, { To_Account: c, Attrs: { city: 'sz', sex: 'm' } }] });
    const ws = { a: await connect(stack, a!), b: await connect(stack, b!), c: await connect(stack, c!) };
    const got = () => Object.fromEntries(Object.entries(ws).map(([k, w]) => [k, broadcastsOf(w).length]));
    await imPush({ Condition: { TagsOr: ['beta'] } });
    expect(got()).toEqual({ a: 0, b: 1, c: 0 });
    await imPush({ Condition: { AttrsAnd: { city: 'sz', sex: 'm' } } });
    expect(got()).toEqual({ a: 0, b: 1, c: 1 });
    await Promise.all(Object.values(ws).map((w) => w.close()));
  });

  it('allows 100 calls a UTC day (the quota item, claimed with one conditional write)', async () => {
    const services = allServicesFromEnv(process.env);
    const day = Date.parse('2099-01-01T00:00:00Z');
    for (let i = 0; i < 100; i++) expect(await services.broadcast.claimPushSlot(day + i * 1001, 100, 1000)).toBe('ok');
    expect(await services.broadcast.claimPushSlot(day + 100 * 1001, 100, 1000)).toBe('daily-limit');
    expect(await services.broadcast.claimPushSlot(day + 86_400_000, 100, 1000)).toBe('ok');
    expect(await services.broadcast.claimPushSlot(day + 86_400_500, 100, 1000)).toBe('too-soon');
    // The 1 s gap holds across UTC midnight too.
    expect(await services.broadcast.claimPushSlot(day + 2 * 86_400_000 - 300, 100, 1000)).toBe('ok');
    expect(await services.broadcast.claimPushSlot(day + 2 * 86_400_000 + 200, 100, 1000)).toBe('too-soon');
    expect(await services.broadcast.claimPushSlot(day + 2 * 86_400_000 + 800, 100, 1000)).toBe('ok');
  });
});

// Last in the file: these fill the per-second counters of the attribute and tag commands for a few seconds.
describe('all_member_push attribute and tag limits', () => {
  it('every batch command refuses more than 100 users with 60003 and changes nothing', async () => {
    const [a] = await importUsers(1);
    await amp('im_add_tag', { UserTags: [{ To_Account: a, Tags: ['keep'] }] });
    const ids = [a!, ...Array.from({ length: 100 }, (_, i) => `x${i}`)];
    const bodies: Record<string, unknown> = {
      im_get_attr: { To_Account: ids },
      im_remove_attr: { UserAttrs: ids.map((u) => ({ To_Account: u, Attrs: ['city'] })) },
      im_add_tag: { UserTags: ids.map((u) => ({ To_Account: u, Tags: ['more'] })) },
      im_get_tag: { To_Account: ids },
      im_remove_tag: { UserTags: ids.map((u) => ({ To_Account: u, Tags: ['keep'] })) },
      im_remove_all_tags: { To_Account: ids },
    };
    for (const [command, body] of Object.entries(bodies)) {
      expect(await amp(command, body), command).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60003, ErrorInfo: expect.stringContaining('more than 100 users') });
    }
    expect((await amp('im_get_tag', { To_Account: [a] })).UserTags).toEqual([{ To_Account: a, Tags: ['keep'] }]);
  });

  it('counts calls per second per command with one conditional write per claim (the shared REST counter)', async () => {
    const { rates } = allServicesFromEnv(process.env);
    const second = Math.floor(Date.parse('2099-02-01T00:00:00Z') / 1000);
    const first = await Promise.all([1, 1, 1].map((want) => rates.take('all_member_push/im_get_tag', second, want, 3)));
    expect(first.map((c) => c.granted)).toEqual([1, 1, 1]);
    expect(await rates.take('all_member_push/im_get_tag', second, 1, 3)).toEqual({ granted: 0, count: 3 });
    // Another command has its own budget; the next second starts afresh.
    expect((await rates.take('all_member_push/im_add_tag', second, 1, 3)).granted).toBe(1);
    expect((await rates.take('all_member_push/im_get_tag', second + 1, 1, 3)).granted).toBe(1);
    // A block larger than what is left gets the rest, never more than the limit.
    expect(await rates.take('all_member_push/im_get_attr', second, 2, 3)).toEqual({ granted: 2, count: 2 });
    expect(await rates.take('all_member_push/im_get_attr', second, 2, 3)).toEqual({ granted: 1, count: 3 });
    expect(await rates.take('all_member_push/im_get_attr', second, 5, 3)).toEqual({ granted: 0, count: 3 });
  });

  /** Sets `command`'s counter for this second and the next two to `calls`, so a REST call made now lands in one of them. */
  const callsMade = async (command: string, calls: number): Promise<number> => {
    const db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
    const second = Math.floor(Date.now() / 1000);
    await Promise.all([0, 1, 2].map((i) => db.send(new PutCommand({
      TableName: process.env[messagesTable.envVar]!, Item: { pk: `RATE#all_member_push/${command}`, sk: String(second + i), calls, ttl: second + 60 },
    }))));
    return (second + 3) * 1000;
  };

  it('allows the 100th call in a second; the 101st gets 60007 and changes nothing', async () => {
    const [a] = await importUsers(1);
    let until = await callsMade('im_add_tag', 99);
    expect(await amp('im_add_tag', { UserTags: [{ To_Account: a, Tags: ['hundredth'] }] })).toMatchObject({ ErrorCode: 0 });
    expect(Date.now()).toBeLessThan(until);
    until = await callsMade('im_add_tag', 100);
    const refused = await amp('im_add_tag', { UserTags: [{ To_Account: a, Tags: ['late'] }] });
    expect(Date.now()).toBeLessThan(until);
    expect(refused).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60007, ErrorInfo: expect.stringContaining('100 calls per second') });
    expect((await amp('im_get_tag', { To_Account: [a] })).UserTags).toEqual([{ To_Account: a, Tags: ['hundredth'] }]);
  });

  it('limits each attribute and tag command', async () => {
    for (const command of ['im_set_attr_name', 'im_get_attr_name', 'im_set_attr', 'im_get_attr', 'im_remove_attr', 'im_get_tag', 'im_remove_tag', 'im_remove_all_tags']) await callsMade(command, 100);
    const [a] = await importUsers(1);
    const bodies: Record<string, unknown> = {
      im_set_attr_name: { AttrNames: { 5: 'zone' } }, im_get_attr_name: {}, im_set_attr: { UserAttrs: [{ To_Account: a, Attrs: { city: 'x' } }] },
      im_get_attr: { To_Account: [a] }, im_remove_attr: { UserAttrs: [{ To_Account: a, Attrs: ['city'] }] },
      im_get_tag: { To_Account: [a] }, im_remove_tag: { UserTags: [{ To_Account: a, Tags: ['x'] }] }, im_remove_all_tags: { To_Account: [a] },
    };
    const replies = await Promise.all(Object.entries(bodies).map(async ([command, body]) => [command, (await amp(command, body)).ErrorCode]));
    expect(Object.fromEntries(replies)).toEqual(Object.fromEntries(Object.keys(bodies).map((c) => [c, 60007])));
  });
});
