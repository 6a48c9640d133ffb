import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { newUsers } from '../support/groups.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { OK_REPLY, startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} },
    c2c: { friendCheck: 'both', recallLimitSeconds: 120, maxConversations: 100 },
    dirtyWords: ['badword'],
    webhook: {
      url: receiver.url, timeoutMs: 1000,
      commands: ['C2C.CallbackBeforeSendMsg', 'C2C.CallbackAfterSendMsg', 'C2C.CallbackAfterMsgWithDraw'],
    },
  });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });
beforeEach(() => { receiver.replyWith({ json: OK_REPLY }); receiver.requests.length = 0; });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let random = 31000;
const users = (n: number) => newUsers(stack, n, 'k');
const befriend = async (a: string, b: string) => {
  for (const [owner, friend] of [[a, b], [b, a]] as const) {
    expect(await rest(stack, 'sns/friend_add', {
      From_Account: owner, AddFriendItem: [{ To_Account: friend, AddSource: 'AddSource_Type_Test' }], AddType: 'Add_Type_Single', ForceAddFlags: 1,
    })).toMatchObject({ ActionStatus: 'OK' });
  }
};
type Roamed = { MsgSeq: number; MsgKey: string; MsgFlagBits: number; MsgBody: unknown; MsgRandom: number };
const roam = async (a: string, b: string, extra: Record<string, unknown> = {}) => (await rest(stack, 'openim/admin_getroammsg', {
  Operator_Account: a, Peer_Account: b, MaxCnt: 100, MinTime: 0, MaxTime: 4294967295, ...extra,
})).MsgList as Roamed[];
const sendAs = (from: string, to: string, t: string, extra: Record<string, unknown> = {}) =>
  rest(stack, 'openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: ++random, MsgBody: text(t), ...extra });
const callbacks = (command: string, from: string) => receiver.requests.filter((r) => r.query.CallbackCommand === command && (r.body as { From_Account?: string }).From_Account === from);
const waitForCallbacks = async (command: string, from: string, count: number): Promise<ReceivedCallback[]> => {
  const deadline = Date.now() + 5000;
  while (callbacks(command, from).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return callbacks(command, from);
};

describe('batchsendmsg answers one MsgKey that names the message for every recipient', () => {
  it('is the first listed recipient\'s key; admin_msgwithdraw with it recalls every copy, and LastMsgKey pages with it', async () => {
    const [a, b, c, d, e] = await users(5);
    // Different seqs per conversation: b's copy gets seq 4; c's seq 1 (no seq 4 there); e's seq 6 (seq 4 is another message).
    for (let i = 0; i < 3; i++) await sendAs(a, b, `b${i}`);
    for (let i = 0; i < 5; i++) await sendAs(a, e, `e${i}`);
    const ce = await connect(stack, e);
    const batchRandom = ++random;
    const reply = await rest(stack, 'openim/batchsendmsg', { From_Account: a, To_Account: [b, c, 'ghost-batch-key', d, e], MsgRandom: batchRandom, MsgBody: text('to all') });
    expect(reply).toMatchObject({ ActionStatus: 'SomeError', ErrorList: [{ To_Account: 'ghost-batch-key', ErrorCode: 70107 }] });
    const [bCopy] = await roam(a, b);
    expect(bCopy).toMatchObject({ MsgSeq: 4, MsgBody: text('to all') });
    expect(reply.MsgKey).toBe(bCopy!.MsgKey);
    const time = Number(String(reply.MsgKey).split('_')[2]);
    const copies = await Promise.all([c, d, e].map(async (to) => (await roam(a, to))[0]!));
    expect(copies.map((m) => [m.MsgSeq, m.MsgKey])).toEqual([[1, `1_${batchRandom}_${time}`], [1, `1_${batchRandom}_${time}`], [6, `6_${batchRandom}_${time}`]]);

    // Paging with the batch key in e's conversation starts below e's copy (seq 6), not below seq 4.
    const before = await roam(e, a, { MaxTime: time, LastMsgKey: reply.MsgKey });
    expect(before.map((m) => m.MsgSeq)).toEqual([5, 4, 3, 2, 1]);

    for (const to of [b, c, d, e]) {
      expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: to, MsgKey: reply.MsgKey }), to).toMatchObject({ ActionStatus: 'OK' });
    }
    for (const to of [b, c, d, e]) expect((await roam(a, to))[0]!.MsgFlagBits, to).toBe(8);
    // Only the batch's copies: e's message at seq 4 is untouched.
    expect((await roam(a, e)).filter((m) => m.MsgFlagBits === 8).map((m) => m.MsgSeq)).toEqual([6]);
    // The recipient's client knows its copy by its stored key, whichever key recalled it.
    expect((await ce.event('msg.recalled')).data).toEqual({ Peer_Account: a, MsgKey: `6_${batchRandom}_${time}` });
    const withdrawn = await waitForCallbacks('C2C.CallbackAfterMsgWithDraw', a, 4);
    expect(withdrawn.map((r) => (r.body as { MsgKey: string }).MsgKey).sort()).toEqual([bCopy!.MsgKey, ...copies.map((m) => m.MsgKey)].sort());
    expect((await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: e, MsgKey: reply.MsgKey })).ErrorCode).toBe(20023);
    // Another random or another second names nothing.
    expect((await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: c, MsgKey: `4_${batchRandom + 1}_${time}` })).ErrorCode).toBe(20022);
    expect((await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: c, MsgKey: `4_${batchRandom}_${time - 1}` })).ErrorCode).toBe(20022);
    await ce.close();
  }, 60_000);
});

describe('C2C.CallbackBeforeSendMsg MsgKey and MsgSeq', () => {
  it('carries MsgSeq 0 and MsgKey 0_<random>_<time>, which admin_msgwithdraw resolves; the after-callback carries the stored seq and key', async () => {
    const [a, b] = await users(2);
    await sendAs(a, b, 'first');
    const reply = await sendAs(a, b, 'second', { MsgSeq: 93847636 });
    const myRandom = random;
    expect(reply.MsgKey).toBe(`2_${myRandom}_${String(reply.MsgTime)}`);
    const [before] = await waitForCallbacks('C2C.CallbackBeforeSendMsg', a, 2).then((all) => all.filter((r) => (r.body as { MsgRandom: number }).MsgRandom === myRandom));
    expect(before!.body).toMatchObject({ MsgSeq: 0, MsgRandom: myRandom, MsgTime: reply.MsgTime, MsgKey: `0_${myRandom}_${String(reply.MsgTime)}` });
    const [after] = (await waitForCallbacks('C2C.CallbackAfterSendMsg', a, 2)).filter((r) => (r.body as { MsgRandom: number }).MsgRandom === myRandom);
    expect(after!.body).toMatchObject({ MsgSeq: 2, MsgKey: reply.MsgKey, SendMsgResult: 0 });

    const beforeKey = (before!.body as { MsgKey: string }).MsgKey;
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: beforeKey })).toMatchObject({ ActionStatus: 'OK' });
    expect((await roam(a, b)).map((m) => [m.MsgSeq, m.MsgFlagBits])).toEqual([[2, 8], [1, 0]]);
    const [withdrawn] = await waitForCallbacks('C2C.CallbackAfterMsgWithDraw', a, 1);
    expect(withdrawn!.body).toMatchObject({ MsgKey: reply.MsgKey });
  });
});

describe('C2C.CallbackAfterSendMsg for sends refused after validation (spec §6.2)', () => {
  const refusal = async (from: string, myRandom: number) => {
    const [after] = (await waitForCallbacks('C2C.CallbackAfterSendMsg', from, 1)).filter((r) => (r.body as { MsgRandom: number }).MsgRandom === myRandom);
    return after?.body as Record<string, unknown> | undefined;
  };

  it('dirty words, mute and the friend check answer their code and report it with UnreadMsgNum -1', async () => {
    const [a, b, c, m] = await users(4);
    await befriend(a, b); await befriend(m, b);
    const ca = await connect(stack, a);
    const cm = await connect(stack, m);
    const cases: Array<[typeof ca, string, string, number]> = [[ca, b, 'a badword', 80001], [ca, c, 'stranger', 20009]];
    for (const [client, to, t, code] of cases) {
      const myRandom = ++random;
      expect((await client.request('c2c.send', { To_Account: to, MsgBody: text(t), MsgRandom: myRandom, CloudCustomData: 'cc' })).ErrorCode).toBe(code);
      const body = await refusal(a, myRandom);
      expect(body, t).toMatchObject({
        From_Account: a, To_Account: to, MsgSeq: 0, MsgRandom: myRandom, MsgKey: expect.stringMatching(new RegExp(`^0_${myRandom}_\\d+$`)),
        OnlineOnlyFlag: 0, SendMsgResult: code, UnreadMsgNum: -1, MsgBody: text(t), CloudCustomData: 'cc',
      });
      expect(body!.ErrorInfo).not.toBe('send msg succeed');
    }
    await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: m, C2CmsgNospeakingTime: 600 });
    const muted = ++random;
    expect((await cm.request('c2c.send', { To_Account: b, MsgBody: text('shh'), MsgRandom: muted })).ErrorCode).toBe(20012);
    expect(await refusal(m, muted)).toMatchObject({ SendMsgResult: 20012, UnreadMsgNum: -1, MsgSeq: 0 });


    // None of these reached the before-callback, and nothing was stored.
    expect(callbacks('C2C.CallbackBeforeSendMsg', a)).toEqual([]);
    expect(callbacks('C2C.CallbackBeforeSendMsg', m)).toEqual([]);
    expect(await roam(a, b)).toEqual([]);
    await Promise.all([ca.close(), cm.close()]);
  });

  it('REST sendmsg with dirty words reports 80001 unless ForbidAfterSendMsgCallback; a before-callback refusal is not reported', async () => {
    const [a, b] = await users(2);
    expect((await sendAs(a, b, 'badword!')).ErrorCode).toBe(80001);
    expect(await refusal(a, random)).toMatchObject({ SendMsgResult: 80001, UnreadMsgNum: -1 });
    expect((await sendAs(a, b, 'badword again', { ForbidCallbackControl: ['ForbidAfterSendMsgCallback'] })).ErrorCode).toBe(80001);
    receiver.replyWith({ json: { ...OK_REPLY, ErrorCode: 1 } });
    expect((await sendAs(a, b, 'refused by the backend')).ErrorCode).toBe(20006);
    // The marker, sent last, is the only other after-callback: the forbidden one and the before-callback's refusal add none.
    receiver.replyWith({ json: OK_REPLY });
    const marker = await sendAs(a, b, 'marker');
    await waitForCallbacks('C2C.CallbackAfterSendMsg', a, 2);
    await new Promise((r) => setTimeout(r, 300));
    const reported = callbacks('C2C.CallbackAfterSendMsg', a).map((r) => r.body as { SendMsgResult: number; MsgKey: string });
    expect(reported.map((r) => r.SendMsgResult).sort()).toEqual([0, 80001]);
    expect(reported.find((r) => r.SendMsgResult === 0)!.MsgKey).toBe(marker.MsgKey);
  });
});

describe('openim/importmsg SyncFromOldSystem', () => {
  it('accepts only 2, 5 and the legacy 1; anything else is 90001 and imports nothing', async () => {
    const [a, b] = await users(2);
    const t = Math.floor(Date.now() / 1000) - 60;
    for (const value of [3, 4, 0, 6, '5', '1', 2.5]) {
      const reply = await rest(stack, 'openim/importmsg', { SyncFromOldSystem: value, From_Account: a, To_Account: b, MsgRandom: ++random, MsgTimeStamp: t, MsgBody: text('x') });
      expect(reply.ErrorCode, String(value)).toBe(90001);
    }
    expect(await roam(a, b)).toEqual([]);
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b })).AllC2CUnreadMsgNum).toBe(0);
    expect(await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 2, From_Account: a, To_Account: b, MsgRandom: ++random, MsgTimeStamp: t, MsgBody: text('ok') })).toMatchObject({ ActionStatus: 'OK' });
    expect((await roam(a, b)).map((m) => m.MsgBody)).toEqual([text('ok')]);
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b })).AllC2CUnreadMsgNum).toBe(0);
  });

  it('reads the legacy 1 (Tencent\'s older page: a real-time import, counted as unread) as 5', async () => {
    const [a, b] = await users(2);
    const t = Math.floor(Date.now() / 1000) - 60;
    expect(await rest(stack, 'openim/importmsg', { SyncFromOldSystem: 1, From_Account: a, To_Account: b, MsgRandom: ++random, MsgTimeStamp: t, MsgBody: text('live') })).toMatchObject({ ActionStatus: 'OK' });
    expect((await roam(a, b)).map((m) => m.MsgBody)).toEqual([text('live')]);
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b })).AllC2CUnreadMsgNum).toBe(1);
  });
});
