import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { OK_REPLY, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} },
    c2c: { friendCheck: 'both', recallLimitSeconds: 120, maxConversations: 100 },
    webhook: { url: receiver.url, timeoutMs: 1000, commands: ['C2C.CallbackBeforeSendMsg', 'C2C.CallbackAfterSendMsg'] },
  });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });
beforeEach(() => { receiver.replyWith({ json: OK_REPLY }); receiver.requests.length = 0; });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let random = 9000;
const users = async (n: number) => {
  const ids = Array.from({ length: n }, () => uniqueId());
  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
  return ids as [string, string, string];
};
/** `friend` joins `owner`'s friend list only (one direction), through the sns REST API. */
const befriend = async (owner: string, friend: string) => expect(await rest(stack, 'sns/friend_add', {
  From_Account: owner, AddFriendItem: [{ To_Account: friend, AddSource: 'AddSource_Type_Test' }], AddType: 'Add_Type_Single', ForceAddFlags: 1,
})).toMatchObject({ ActionStatus: 'OK', ResultItem: [{ To_Account: friend, ResultCode: 0 }] });
const commands = () => receiver.requests.map((r) => (r.body as { CallbackCommand: string }).CallbackCommand);
const history = async (a: string, b: string) =>
  (await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 100, MinTime: 0, MaxTime: 4294967295 })).MsgList as Array<Record<string, unknown>>;

describe('openim/sendmsg', () => {
  it('sends as From_Account without friend checks, replies MsgTime and MsgKey, syncs to the sender only with SyncOtherMachine 1, fires before and after callbacks', async () => {
    const [a, b] = await users(2);
    const ca = await connect(stack, a);
    const cb = await connect(stack, b);
    const reply = await rest(stack, 'openim/sendmsg', { SyncOtherMachine: 2, From_Account: a, To_Account: b, MsgRandom: 1, MsgSeq: 93847636, MsgBody: text('hi'), CloudCustomData: 'c' });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(reply.MsgKey).toBe(`1_1_${String(reply.MsgTime)}`);
    expect((await cb.event('c2c.message')).data).toMatchObject({ From_Account: a, MsgBody: text('hi'), CloudCustomData: 'c' });
    await rest(stack, 'openim/sendmsg', { SyncOtherMachine: 1, From_Account: a, To_Account: b, MsgRandom: 2, MsgBody: text('synced') });
    expect((await ca.event('c2c.message')).data).toMatchObject({ MsgSeq: 2, MsgBody: text('synced') });
    expect(ca.events.filter((e) => e.event === 'c2c.message')).toHaveLength(1);
    const calls = await receiver.waitForRequests(4);
    const before = calls.find((c) => c.query.CallbackCommand === 'C2C.CallbackBeforeSendMsg')!;
    expect(before.query.OptPlatform).toBe('RESTAPI');
    // The seq is assigned after the verdict: MsgSeq 0 and the key admin_msgwithdraw resolves by MsgRandom and MsgTime.
    expect(before.body).toMatchObject({ From_Account: a, To_Account: b, MsgSeq: 0, MsgKey: `0_1_${String(reply.MsgTime)}`, MsgRandom: 1, MsgBody: text('hi'), CloudCustomData: 'c' });
    const after = calls.find((c) => c.query.CallbackCommand === 'C2C.CallbackAfterSendMsg')!;
    expect(after.body).toMatchObject({ From_Account: a, To_Account: b, MsgSeq: 1, MsgKey: reply.MsgKey, SendMsgResult: 0, UnreadMsgNum: 1 });
    await Promise.all([ca.close(), cb.close()]);
  });

  it('validates fields with the openim codes and stores nothing', async () => {
    const [a, b] = await users(2);
    const base = { From_Account: a, To_Account: b, MsgRandom: 3, MsgBody: text('x') };
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ ...base, SyncOtherMachine: 'yes' }, 90031],
      [{ ...base, MsgLifeTime: 1.5 }, 90044],
      [{ ...base, MsgLifeTime: 604801 }, 90026],
      [{ ...base, MsgRandom: undefined }, 90005],
      [{ ...base, MsgSeq: -4 }, 90004],
      [{ ...base, MsgBody: {} }, 90007],
      [{ ...base, To_Account: 'ghost-user-1' }, 90012],
      [{ ...base, From_Account: 'ghost-user-2' }, 90008],
      [{ ...base, MsgBody: text('y'.repeat(12300)) }, 93000],
      [{ ...base, ForbidCallbackControl: ['Nope'] }, 90001],
    ];
    for (const [body, code] of cases) expect((await rest(stack, 'openim/sendmsg', body)).ErrorCode, JSON.stringify(body).slice(0, 120)).toBe(code);
    expect(await history(a, b)).toEqual([]);
    expect((await rest(stack, 'openim/sendmsg', base, { identifier: a, usersig: (await import('../support/usersigs.js')).officialUserSig(a) })).ErrorCode).toBe(90009);
  });

  it('MsgLifeTime 0 delivers to online users only and stores nothing; ForbidCallbackControl suppresses callbacks', async () => {
    const [a, b] = await users(2);
    const cb = await connect(stack, b);
    await rest(stack, 'openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: 4, MsgLifeTime: 0, MsgBody: text('now or never'),
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'] });
    expect((await cb.event('c2c.message')).data).toMatchObject({ MsgSeq: 0, MsgBody: text('now or never') });
    expect(await history(a, b)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(commands()).toEqual([]);
    await cb.close();
  });
});

describe('C2C.CallbackBeforeSendMsg verdicts on WebSocket sends', () => {
  it('0 with a new MsgBody replaces it, 1 refuses with 20006, 2 drops silently, a custom code is passed through', async () => {
    const [a, b] = await users(2);
    await befriend(a, b); await befriend(b, a);
    const ca = await connect(stack, a);
    receiver.replyWith({ json: { ...OK_REPLY, MsgBody: text('[moderated]'), CloudCustomData: 'new' } });
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('rude'), MsgRandom: ++random })).ErrorCode).toBe(0);
    receiver.replyWith({ json: { ...OK_REPLY, ErrorCode: 1 } });
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('x'), MsgRandom: ++random })).ErrorCode).toBe(20006);
    receiver.replyWith({ json: { ...OK_REPLY, ErrorCode: 2 } });
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('dropped'), MsgRandom: ++random })).ErrorCode).toBe(0);
    receiver.replyWith({ json: { ...OK_REPLY, ErrorCode: 120042, ErrorInfo: 'custom no' } });
    expect(await ca.request('c2c.send', { To_Account: b, MsgBody: text('x'), MsgRandom: ++random })).toMatchObject({ ErrorCode: 120042, ErrorInfo: 'custom no' });
    const stored = await history(a, b);
    expect(stored.map((m) => [m.MsgBody, m.CloudCustomData])).toEqual([[text('[moderated]'), 'new']]);
    await ca.close();
  });
});

describe('friends-only app setting', () => {
  it('refuses WebSocket sends without friendship in both directions (20009/20010/20011)', async () => {
    const [a, b, c] = await users(3);
    const ca = await connect(stack, a);
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('x'), MsgRandom: ++random })).ErrorCode).toBe(20009);
    await befriend(a, b);
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('x'), MsgRandom: ++random })).ErrorCode).toBe(20010);
    await befriend(c, a);
    expect((await ca.request('c2c.send', { To_Account: c, MsgBody: text('x'), MsgRandom: ++random })).ErrorCode).toBe(20011);
    await befriend(b, a);
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('x'), MsgRandom: ++random })).ErrorCode).toBe(0);
    await ca.close();
  });
});

describe('openim/batchsendmsg', () => {
  it('sends to many, reports unknown accounts in ErrorList with SomeError, never fires callbacks, refuses more than 500', async () => {
    const [a, b, c] = await users(3);
    const reply = await rest(stack, 'openim/batchsendmsg', { From_Account: a, To_Account: [b, c, 'ghost-batch'], MsgRandom: 77, MsgBody: text('all') });
    expect(reply).toMatchObject({ ActionStatus: 'SomeError', ErrorCode: 0, ErrorInfo: '', ErrorList: [{ To_Account: 'ghost-batch', ErrorCode: 70107 }] });
    expect(reply.MsgKey).toMatch(/^1_77_\d+$/);
    expect((await history(c, a)).map((m) => m.MsgBody)).toEqual([text('all')]);
    const ok = await rest(stack, 'openim/batchsendmsg', { To_Account: [b], MsgRandom: 78, MsgBody: text('from admin') });
    expect(ok).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(ok.ErrorList).toBeUndefined();
    expect(await rest(stack, 'openim/batchsendmsg', { To_Account: ['ghost-1', 'ghost-2'], MsgRandom: 79, MsgBody: text('x') })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 90012 });
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect(await rest(stack, 'openim/batchsendmsg', { To_Account: many, MsgRandom: 80, MsgBody: text('x') })).toMatchObject({ ErrorCode: 90011 });
    await new Promise((r) => setTimeout(r, 200));
    expect(commands()).toEqual([]);
  });
});

describe('openim/importmsg and admin_getroammsg', () => {
  it('caps a reply at about 13 KB and pages on with LastMsgKey', async () => {
    const [a, b] = await users(2);
    const big = 'x'.repeat(5000);
    for (let i = 1; i <= 4; i++) await rest(stack, 'openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: i, MsgBody: text(`${i}${big}`) });
    const page = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 1000, MinTime: 0, MaxTime: 4294967295 });
    expect(page).toMatchObject({ Complete: 0, MsgCnt: 2 });
    const rest2 = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 1000, MinTime: 0, MaxTime: page.LastMsgTime, LastMsgKey: page.LastMsgKey });
    expect(rest2).toMatchObject({ Complete: 1, MsgCnt: 2 });
    expect([...(page.MsgList as Array<{ MsgSeq: number }>), ...(rest2.MsgList as Array<{ MsgSeq: number }>)].map((m) => m.MsgSeq)).toEqual([4, 3, 2, 1]);
  });

  it('imports history without unread, real-time with unread and push, dedupes on MsgSeq+MsgRandom+MsgTimeStamp either direction', async () => {
    const [a, b] = await users(2);
    const cb = await connect(stack, b);
    const t = Math.floor(Date.now() / 1000) - 3600;
    const msg = { From_Account: a, To_Account: b, MsgSeq: 10, MsgRandom: 20, MsgTimeStamp: t, MsgBody: text('old one') };
    expect(await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 2, ...msg })).toMatchObject({ ActionStatus: 'OK' });
    expect(await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 2, ...msg, From_Account: b, To_Account: a, MsgBody: text('dup') })).toMatchObject({ ActionStatus: 'OK' });
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b })).AllC2CUnreadMsgNum).toBe(0);
    await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 5, ...msg, MsgSeq: 11, MsgTimeStamp: t + 60, MsgBody: text('live one') });
    expect((await cb.event('c2c.message')).data).toMatchObject({ MsgBody: text('live one') });
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b })).AllC2CUnreadMsgNum).toBe(1);
    expect((await history(b, a)).map((m) => m.MsgBody)).toEqual([text('live one'), text('old one')]);
    expect((await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 2, ...msg, MsgTimeStamp: 'x' })).ErrorCode).toBe(90006);
    await new Promise((r) => setTimeout(r, 200));
    expect(commands()).toEqual([]);
    await cb.close();
  });

  it('answers both field-name forms, pages with LastMsgKey, filters by time, reports IsPeerRead and MsgFlagBits', async () => {
    const [a, b] = await users(2);
    const base = Math.floor(Date.now() / 1000) - 1000;
    for (let i = 0; i < 5; i++) {
      await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 5, From_Account: a, To_Account: b, MsgSeq: i, MsgRandom: i, MsgTimeStamp: base + i * 10, MsgBody: text(`m${i}`) });
    }
    await rest(stack, 'openim/admin_set_msg_read', { Report_Account: b, Peer_Account: a, MsgReadTime: String(base + 15) });
    const first = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 2, MinTime: base + 10, MaxTime: base + 40 });
    expect(first).toMatchObject({ ActionStatus: 'OK', Complete: 0, MsgCnt: 2, LastMsgTime: base + 30 });
    const list = first.MsgList as Array<Record<string, unknown>>;
    expect(list.map((m) => m.MsgBody)).toEqual([text('m4'), text('m3')]);
    expect(list[0]).toMatchObject({ From_Account: a, To_Account: b, MsgSeq: 5, MsgRandom: 4, MsgTimeStamp: base + 40, MsgFlagBits: 0, IsPeerRead: 0, MsgKey: `5_4_${base + 40}` });
    const next = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 2, MinTime: base + 10, MaxTime: first.LastMsgTime, LastMsgKey: first.LastMsgKey });
    expect(next).toMatchObject({ Complete: 1, MsgCnt: 2 });
    expect((next.MsgList as Array<Record<string, unknown>>).map((m) => [m.MsgBody, m.IsPeerRead])).toEqual([[text('m2'), 0], [text('m1'), 1]]);
    await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: list[0]!.MsgKey });
    const legacy = await rest(stack, 'openim/admin_getroammsg', { From_Account: b, To_Account: a, MaxCnt: 1, MinTime: 0, MaxTime: base + 100 });
    expect(legacy.MsgList).toEqual([{ From_Account: a, To_Account: b, MsgSeq: 5, MsgRandom: 4, MsgTimeStamp: base + 40, MsgFlagBits: 8, MsgKey: `5_4_${base + 40}`, MsgBody: text('m4') }]);
    expect((await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, MaxCnt: 1, MinTime: 0, MaxTime: 1 })).ErrorCode).toBe(90001);
    expect((await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 0, MinTime: 0, MaxTime: 1 })).ErrorCode).toBe(90001);
    expect((await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 5, MinTime: 10, MaxTime: 1 })).ErrorCode).toBe(90001);
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b, Peer_Account: Array.from({ length: 11 }, (_, i) => `p${i}`) })).ErrorCode).toBe(90001);
  });
});
