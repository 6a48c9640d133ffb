// Message edit (msg.modify, openim/modify_c2c_msg, openim/modify_group_msg) over WebSocket and REST, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, ImRequestError } from '../../client/src/index.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect, type Reply, type TestClient } from '../support/ws-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, sleep, textBody } from '../support/groupmsg.js';
import { officialUserSig } from '../support/usersigs.js';
import { callbacksByCommand, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
const CALLBACKS = ['C2C.CallbackAfterModifyMsg', 'Group.CallbackAfterModifyMsg'];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, dirtyWords: ['forbidden phrase'],
    webhook: { url: `${receiver.url}/cb`, commands: CALLBACKS },
  });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });

const { send: groupSend, history: groupHistory } = groupMessageHelpers(() => stack);
const image = [{ MsgType: 'TIMImageElem', MsgContent: { UUID: 'i', ImageFormat: 1, ImageInfoArray: [{ Type: 1, Size: 1, Width: 1, Height: 1, URL: 'https://x/i.png' }] } }];
let random = 90_000;

async function c2cSend(ws: TestClient, to: string, body: unknown = textBody('original'), extra: Record<string, unknown> = {}) {
  const reply = await ws.request('c2c.send', { To_Account: to, MsgBody: body, MsgRandom: ++random, ...extra });
  expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
  return reply.data as { MsgKey: string; MsgSeq: number };
}
const c2cHistory = async (ws: TestClient, peer: string) =>
  ((await ws.request('history.c2c', { Peer_Account: peer })).data as { Messages: Array<Record<string, unknown>> }).Messages;
const roam = async (from: string, to: string) => (await rest(stack, 'openim/admin_getroammsg', {
  Operator_Account: from, Peer_Account: to, MaxCnt: 100, MinTime: 0, MaxTime: 4294967295,
})).MsgList as Array<Record<string, unknown>>;
/** No frame named `event` reaches `ws` within a moment (the events to others have arrived by then). */
const noEvent = async (ws: TestClient, event: string) => { await sleep(200); expect(ws.events.filter((e) => e.event === event)).toEqual([]); };
const refused = (reply: Reply, code: number) => {
  expect(reply.ErrorCode, reply.ErrorInfo).toBe(code);
  expect(reply.ErrorInfo).not.toBe('');
};

/** Alice on two devices and Bob on one, with a message from Alice. */
async function pair() {
  const [alice, bob] = await newUsers(stack, 2, 'mm');
  const alice1 = await connect(stack, alice, { platform: 'Web' });
  const alice2 = await connect(stack, alice, { platform: 'Windows' });
  const wsBob = await connect(stack, bob);
  const sent = await c2cSend(alice1, bob);
  return { alice, bob, alice1, alice2, wsBob, sent, close: () => Promise.all([alice1.close(), alice2.close(), wsBob.close()]) };
}

describe('msg.modify, C2C', () => {
  it('changes the message in place: the reply and every other device of both users carry the new body and MsgVersion; history shows it', async () => {
    const p = await pair();
    const reply = await p.alice1.request('msg.modify', {
      Peer_Account: p.bob, MsgKey: p.sent.MsgKey, MsgBody: textBody('edited'), CloudCustomData: 'reply-to:1', MsgVersion: 0,
    });
    expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
    expect(reply.data).toMatchObject({ From_Account: p.alice, To_Account: p.bob, MsgKey: p.sent.MsgKey, MsgSeq: p.sent.MsgSeq, MsgBody: textBody('edited'), CloudCustomData: 'reply-to:1', MsgVersion: 1 });
    for (const ws of [p.wsBob, p.alice2]) {
      expect((await ws.event('message.modified')).data).toMatchObject({
        From_Account: p.alice, To_Account: p.bob, MsgKey: p.sent.MsgKey, MsgBody: textBody('edited'), CloudCustomData: 'reply-to:1', MsgVersion: 1, Operator_Account: p.alice,
      });
    }
    await noEvent(p.alice1, 'message.modified');
    for (const [ws, peer] of [[p.wsBob, p.alice], [p.alice2, p.bob]] as const) {
      expect((await c2cHistory(ws, peer)).find((m) => m.MsgKey === p.sent.MsgKey)).toMatchObject({ MsgBody: textBody('edited'), CloudCustomData: 'reply-to:1', MsgVersion: 1 });
    }
    // REST history: the new body in Tencent's shape (no MsgVersion).
    const [item] = await roam(p.alice, p.bob);
    expect(item).toMatchObject({ MsgKey: p.sent.MsgKey, MsgBody: textBody('edited'), CloudCustomData: 'reply-to:1' });
    expect(item).not.toHaveProperty('MsgVersion');
    // The conversation list's last message is the edited one too.
    const list = (await p.wsBob.request('conversation.list', {})).data as { Conversations: Array<{ Peer_Account: string; LastMsg: Record<string, unknown> }> };
    expect(list.Conversations.find((c) => c.Peer_Account === p.alice)!.LastMsg).toMatchObject({ MsgBody: textBody('edited'), MsgVersion: 1 });
    await p.close();
  });

  it('lets either user edit (the peer too); CloudCustomData alone keeps the body; the version counts every edit', async () => {
    const p = await pair();
    const first = await p.wsBob.request('msg.modify', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey, CloudCustomData: 'by bob' });
    expect(first.data).toMatchObject({ MsgBody: textBody('original'), CloudCustomData: 'by bob', MsgVersion: 1 });
    expect((await p.alice1.event('message.modified')).data).toMatchObject({ Operator_Account: p.bob, MsgVersion: 1 });
    const second = await p.alice2.request('msg.modify', { Peer_Account: p.bob, MsgKey: p.sent.MsgKey, MsgBody: textBody('again'), MsgVersion: 1 });
    expect(second.data).toMatchObject({ MsgBody: textBody('again'), CloudCustomData: 'by bob', MsgVersion: 2 });
    await p.close();
  });

  it('of two concurrent edits of one version exactly one wins; the other gets 2480 with the current message', async () => {
    const p = await pair();
    const [x, y] = await Promise.all([
      p.alice1.request('msg.modify', { Peer_Account: p.bob, MsgKey: p.sent.MsgKey, MsgBody: textBody('alice wins'), MsgVersion: 0 }),
      p.wsBob.request('msg.modify', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey, MsgBody: textBody('bob wins'), MsgVersion: 0 }),
    ]);
    const codes = [x.ErrorCode, y.ErrorCode].sort();
    expect(codes).toEqual([0, 2480]);
    const [winner, loser] = x.ErrorCode === 0 ? [x, y] : [y, x];
    expect(winner.data).toMatchObject({ MsgVersion: 1 });
    expect(loser.data).toEqual({ Message: expect.objectContaining({ MsgKey: p.sent.MsgKey, MsgVersion: 1, MsgBody: (winner.data as { MsgBody: unknown }).MsgBody }) });
    expect(loser.ErrorInfo).toContain('MsgVersion 1');
    expect((await c2cHistory(p.alice1, p.bob))[0]).toMatchObject({ MsgBody: (winner.data as { MsgBody: unknown }).MsgBody, MsgVersion: 1 });
    // A stale version later is a conflict too, and changes nothing.
    refused(await p.alice1.request('msg.modify', { Peer_Account: p.bob, MsgKey: p.sent.MsgKey, CloudCustomData: 'late', MsgVersion: 0 }), 2480);
    expect((await c2cHistory(p.alice1, p.bob))[0]).not.toHaveProperty('CloudCustomData');
    await p.close();
  });

  it('refuses unknown, recalled, online-only, foreign and malformed edits with Tencent\'s codes, and changes nothing', async () => {
    const p = await pair();
    const imageMsg = await c2cSend(p.alice1, p.bob, image);
    const recalled = await c2cSend(p.alice1, p.bob, textBody('to recall'));
    expect((await p.alice1.request('msg.recall', { Peer_Account: p.bob, MsgKey: recalled.MsgKey })).ErrorCode).toBe(0);
    const online = await c2cSend(p.alice1, p.bob, textBody('online only'), { OnlineOnlyFlag: 1 });
    const before = await c2cHistory(p.alice1, p.bob);
    const edit = (ws: TestClient, peer: string, data: Record<string, unknown>) => ws.request('msg.modify', { Peer_Account: peer, ...data });
    const [carol] = await newUsers(stack, 1, 'mc');
    const wsCarol = await connect(stack, carol);
    const [s, r, t] = p.sent.MsgKey.split('_');
    refused(await edit(p.alice1, p.bob, { MsgKey: `${Number(s) + 50}_1_${t}`, MsgBody: textBody('x') }), 20026);
    refused(await edit(p.alice1, p.bob, { MsgKey: `${s}_${Number(r) + 100000}_${t}`, CloudCustomData: 'x' }), 20026);
    refused(await edit(p.alice1, p.bob, { MsgKey: online.MsgKey, MsgBody: textBody('x') }), 20026);
    refused(await edit(wsCarol, p.bob, { MsgKey: p.sent.MsgKey, MsgBody: textBody('x') }), 20026); // carol's conversation with bob has no such message
    refused(await edit(p.alice1, p.bob, { MsgKey: recalled.MsgKey, MsgBody: textBody('x') }), 20023);
    refused(await edit(p.alice1, p.bob, { MsgKey: recalled.MsgKey, CloudCustomData: 'x' }), 20023);
    refused(await edit(p.alice1, p.bob, { MsgKey: 'not-a-key', MsgBody: textBody('x') }), 90054);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey }), 90001);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, MsgBody: [] }), 90002);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, MsgBody: 'text' }), 90007);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, MsgBody: image }), 90010); // users edit text, custom, location and face only
    refused(await edit(p.alice1, p.bob, { MsgKey: imageMsg.MsgKey, MsgBody: textBody('x') }), 90010); // nor turn an image message into text
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, MsgBody: textBody('a forbidden phrase') }), 80001);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, MsgBody: textBody('x'.repeat(12 * 1024)) }), 93000);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, CloudCustomData: 'x'.repeat(8193) }), 90001);
    refused(await edit(p.alice1, p.bob, { MsgKey: p.sent.MsgKey, CloudCustomData: 'x', MsgVersion: -1 }), 90001);
    refused(await p.alice1.request('msg.modify', { MsgKey: p.sent.MsgKey, CloudCustomData: 'x' }), 90001);
    expect(await c2cHistory(p.alice1, p.bob)).toEqual(before);
    await noEvent(p.wsBob, 'message.modified');
    // Any message's CloudCustomData may change (an image message's too).
    expect((await edit(p.alice1, p.bob, { MsgKey: imageMsg.MsgKey, CloudCustomData: 'caption' })).data).toMatchObject({ MsgBody: image, CloudCustomData: 'caption', MsgVersion: 1 });
    await Promise.all([p.close(), wsCarol.close()]);
  });
});

describe('openim/modify_c2c_msg', () => {
  it('lets the app admin rewrite any body; both users get message.modified from the admin; C2C.CallbackAfterModifyMsg as Tencent sends it', async () => {
    const p = await pair();
    const start = receiver.requests.length;
    const reply = await rest(stack, 'openim/modify_c2c_msg', { From_Account: p.alice, To_Account: p.bob, MsgKey: p.sent.MsgKey, MsgBody: image, CloudCustomData: 'admin' });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    for (const ws of [p.alice1, p.alice2, p.wsBob]) {
      expect((await ws.event('message.modified')).data).toMatchObject({ MsgKey: p.sent.MsgKey, MsgBody: image, CloudCustomData: 'admin', MsgVersion: 1, Operator_Account: 'administrator' });
    }
    const [item] = await roam(p.alice, p.bob);
    expect(item).toMatchObject({ MsgBody: image, CloudCustomData: 'admin' });
    const [seq, msgRandom, time] = p.sent.MsgKey.split('_').map(Number);
    const callbacks = (await callbacksByCommand(receiver, ['C2C.CallbackAfterModifyMsg'])).get('C2C.CallbackAfterModifyMsg')!;
    const mine = receiver.requests.slice(start).filter((c) => c.query.CallbackCommand === 'C2C.CallbackAfterModifyMsg');
    expect(callbacks.length).toBeGreaterThan(0);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.query).toMatchObject({ OptPlatform: 'RESTAPI' });
    expect(mine[0]!.body).toEqual({
      CallbackCommand: 'C2C.CallbackAfterModifyMsg', CloudCustomData: 'admin', MsgBody: image, Operator_Account: 'administrator',
      From_Account: p.alice, To_Account: p.bob, MsgRandom: msgRandom, MsgSeq: seq, MsgTime: time, MsgKey: p.sent.MsgKey, EventTime: expect.any(Number),
    });
    await p.close();
  });

  it('names the message by its sender: swapped accounts, unknown keys and bad fields are refused and change nothing', async () => {
    const p = await pair();
    const modify = (body: Record<string, unknown>) => rest(stack, 'openim/modify_c2c_msg', { From_Account: p.alice, To_Account: p.bob, MsgKey: p.sent.MsgKey, ...body });
    expect(await modify({ From_Account: p.bob, To_Account: p.alice, MsgBody: textBody('x') })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 20026 });
    expect(await modify({ MsgKey: '1_2_3', MsgBody: textBody('x') })).toMatchObject({ ErrorCode: 20026 });
    expect(await modify({ MsgKey: 'k', MsgBody: textBody('x') })).toMatchObject({ ErrorCode: 90054 });
    expect(await modify({})).toMatchObject({ ErrorCode: 90001 });
    expect(await modify({ MsgBody: [{ MsgType: 'TIMNoSuchElem', MsgContent: {} }] })).toMatchObject({ ErrorCode: 90002 });
    expect(await modify({ From_Account: 7, MsgBody: textBody('x') })).toMatchObject({ ErrorCode: 90008 });
    expect(await modify({ To_Account: '', MsgBody: textBody('x') })).toMatchObject({ ErrorCode: 90003 });
    expect((await roam(p.alice, p.bob))[0]).toMatchObject({ MsgBody: textBody('original') });
    await noEvent(p.wsBob, 'message.modified');
    await p.close();
  });
});

describe('msg.modify and openim/modify_group_msg, groups', () => {
  async function group(type = 'Public') {
    const users = await newUsers(stack, 4, 'mg');
    const [owner, a, b, outsider] = users;
    const GroupId = await newGroup(stack, { Owner_Account: owner, Type: type, MemberList: [{ Member_Account: a }, { Member_Account: b }] });
    const [wsOwner, wsA, wsB, wsOut] = await Promise.all(users.map((u) => connect(stack, u)));
    return { GroupId, owner, a, b, outsider, wsOwner: wsOwner!, wsA: wsA!, wsB: wsB!, wsOut: wsOut!, close: () => Promise.all([wsOwner!, wsA!, wsB!, wsOut!].map((w) => w.close())) };
  }

  it('any member edits any message; the other online members get message.modified; history has the new body', async () => {
    const g = await group();
    const sent = (await groupSend(g.wsA, g.GroupId, 'original')).data as { MsgSeq: number };
    const reply = await g.wsB.request('msg.modify', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: textBody('edited by b'), MsgVersion: 0 });
    expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
    expect(reply.data).toMatchObject({ GroupId: g.GroupId, From_Account: g.a, MsgSeq: sent.MsgSeq, MsgBody: textBody('edited by b'), MsgVersion: 1 });
    for (const ws of [g.wsOwner, g.wsA]) {
      expect((await ws.event('message.modified')).data).toMatchObject({ GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: textBody('edited by b'), MsgVersion: 1, Operator_Account: g.b });
    }
    await noEvent(g.wsB, 'message.modified');
    await noEvent(g.wsOut, 'message.modified');
    const ws = (await g.wsOwner.request('history.group', { GroupId: g.GroupId })).data as { RspMsgList: Array<Record<string, unknown>> };
    expect(ws.RspMsgList.find((m) => m.MsgSeq === sent.MsgSeq)).toMatchObject({ MsgBody: textBody('edited by b'), MsgVersion: 1 });
    const item = ((await groupHistory(g.GroupId)).RspMsgList as Array<Record<string, unknown>>).find((m) => m.MsgSeq === sent.MsgSeq);
    expect(item).toMatchObject({ MsgBody: textBody('edited by b') });
    expect(item).not.toHaveProperty('MsgVersion');
    await g.close();
  });

  it('of two concurrent edits of one version exactly one wins; the loser gets 2480 with the current message', async () => {
    const g = await group('Work');
    const sent = (await groupSend(g.wsOwner, g.GroupId, 'original')).data as { MsgSeq: number };
    const edits = await Promise.all([g.wsA, g.wsB, g.wsOwner].map((ws, i) =>
      ws.request('msg.modify', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: textBody(`edit ${i}`), MsgVersion: 0 })));
    expect(edits.filter((e) => e.ErrorCode === 0)).toHaveLength(1);
    const winner = edits.find((e) => e.ErrorCode === 0)!;
    for (const loser of edits.filter((e) => e.ErrorCode !== 0)) {
      expect(loser.ErrorCode).toBe(2480);
      expect((loser.data as { Message: Record<string, unknown> }).Message).toMatchObject({ MsgSeq: sent.MsgSeq, MsgVersion: 1, MsgBody: (winner.data as { MsgBody: unknown }).MsgBody });
    }
    await g.close();
  });

  it('refuses non-members, AVChatRoom, recalled, tips, unknown seqs, topics and bad bodies, and changes nothing', async () => {
    const g = await group();
    const sent = (await groupSend(g.wsA, g.GroupId, 'original')).data as { MsgSeq: number };
    const recalled = (await groupSend(g.wsA, g.GroupId, 'to recall')).data as { MsgSeq: number };
    expect((await g.wsA.request('msg.recall', { GroupId: g.GroupId, MsgSeq: recalled.MsgSeq })).ErrorCode).toBe(0);
    // A stored tip: the outsider joins (Public groups store member-change tips).
    await groupRest(stack, 'add_group_member', { GroupId: g.GroupId, MemberList: [{ Member_Account: g.outsider }], Silence: 0 });
    await groupRest(stack, 'delete_group_member', { GroupId: g.GroupId, MemberToDel_Account: [g.outsider] });
    const tips = ((await groupHistory(g.GroupId)).RspMsgList as Array<{ MsgSeq: number; IsSystemMsg?: number }>).filter((m) => m.IsSystemMsg === 1);
    expect(tips.length).toBeGreaterThan(0);
    const before = await groupHistory(g.GroupId);
    const edit = (ws: TestClient, data: Record<string, unknown>) => ws.request('msg.modify', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, ...data });
    refused(await edit(g.wsOut, { MsgBody: textBody('x') }), 10007);
    refused(await edit(g.wsB, { MsgSeq: 999, MsgBody: textBody('x') }), 20026);
    refused(await edit(g.wsB, { MsgSeq: recalled.MsgSeq, MsgBody: textBody('x') }), 20023);
    refused(await edit(g.wsB, { MsgSeq: tips[0]!.MsgSeq, MsgBody: textBody('x') }), 10004);
    refused(await edit(g.wsB, { MsgSeq: 0, MsgBody: textBody('x') }), 10004);
    refused(await edit(g.wsB, {}), 10004);
    refused(await edit(g.wsB, { MsgBody: image }), 10004);
    refused(await edit(g.wsB, { MsgBody: textBody('x'.repeat(12 * 1024)) }), 80002);
    refused(await edit(g.wsB, { MsgBody: textBody('forbidden phrase!') }), 80001);
    refused(await edit(g.wsB, { GroupId: '@TGS#nosuchgroup', MsgBody: textBody('x') }), 10010);
    const refusedRest = async (body: Record<string, unknown>, code: number) =>
      expect(await rest(stack, 'openim/modify_group_msg', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: textBody('x'), ...body })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    await refusedRest({ TopicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic' }, 10004);
    await refusedRest({ MsgSeq: 999 }, 20026);
    await refusedRest({ GroupId: '@TGS#nosuchgroup' }, 10010);
    expect(await groupHistory(g.GroupId)).toEqual(before);
    await noEvent(g.wsOwner, 'message.modified');

    const room = await newGroup(stack, { Owner_Account: g.owner, Type: 'AVChatRoom' });
    await g.wsA.request('group.join', { GroupId: room });
    refused(await g.wsA.request('msg.modify', { GroupId: room, MsgSeq: 1, MsgBody: textBody('x') }), 2481);
    expect(await rest(stack, 'openim/modify_group_msg', { GroupId: room, MsgSeq: 1, MsgBody: textBody('x') })).toMatchObject({ ErrorCode: 10007 });
    await g.close();
  });

  it('a targeted message is edited for, and announced to, its members and sender only', async () => {
    const g = await group();
    const sent = (await groupSend(g.wsA, g.GroupId, 'for b', { To_Account: [g.b] })).data as { MsgSeq: number };
    refused(await g.wsOwner.request('msg.modify', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: textBody('x') }), 20026);
    expect((await g.wsB.request('msg.modify', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: textBody('edited') })).ErrorCode).toBe(0);
    expect((await g.wsA.event('message.modified')).data).toMatchObject({ MsgSeq: sent.MsgSeq, MsgVersion: 1 });
    await noEvent(g.wsOwner, 'message.modified');
    await g.close();
  });

  it('modify_group_msg lets the app admin rewrite any body; Group.CallbackAfterModifyMsg as Tencent sends it', async () => {
    const g = await group();
    const sent = (await groupSend(g.wsA, g.GroupId, 'original')).data as { MsgSeq: number };
    const start = receiver.requests.length;
    const reply = await rest(stack, 'openim/modify_group_msg', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, MsgBody: image, CloudCustomData: 'by admin', TopicId: '' });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    for (const ws of [g.wsOwner, g.wsA, g.wsB]) {
      expect((await ws.event('message.modified')).data).toMatchObject({ MsgSeq: sent.MsgSeq, MsgBody: image, CloudCustomData: 'by admin', MsgVersion: 1, Operator_Account: 'administrator' });
    }
    expect(((await groupHistory(g.GroupId)).RspMsgList as Array<Record<string, unknown>>).find((m) => m.MsgSeq === sent.MsgSeq)).toMatchObject({ MsgBody: image, CloudCustomData: 'by admin' });
    await callbacksByCommand(receiver, ['Group.CallbackAfterModifyMsg']);
    const mine = receiver.requests.slice(start).filter((c) => c.query.CallbackCommand === 'Group.CallbackAfterModifyMsg');
    expect(mine.map((c) => c.body)).toEqual([{
      CallbackCommand: 'Group.CallbackAfterModifyMsg', MsgBody: image, Operator_Account: 'administrator', GroupId: g.GroupId, TopicId: '', MsgSeq: sent.MsgSeq, EventTime: expect.any(Number),
    }]);
    await g.close();
  });
});

describe('client SDK: modifyMessage and message.modified', () => {
  const client = () => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 50, reconnectMaxMs: 200 });

  it('edits a message, keeps both clients\' copies of the last message current, and rejects a stale copy with the current message', async () => {
    const alice = uniqueId('sa');
    const bob = uniqueId('sb');
    const [imA, imB] = [client(), client()];
    await imA.login(alice, officialUserSig(alice));
    await imB.login(bob, officialUserSig(bob));
    const received = new Promise<Parameters<Parameters<typeof imB.on<'message'>>[1]>[0]>((resolve) => imB.on('message', resolve));
    const sent = await imA.sendC2C(bob, textBody('hello') as never);
    const copyOfBob = await received;
    const modified = new Promise<unknown>((resolve) => imB.on('message.modified', resolve));

    const edited = await imA.modifyMessage(sent.message!, { MsgBody: textBody('hello, edited') as never, CloudCustomData: 'v1' });
    expect(edited).toMatchObject({ ConversationID: `C2C${bob}`, MsgKey: sent.MsgKey, MsgBody: textBody('hello, edited'), CloudCustomData: 'v1', MsgVersion: 1 });
    expect(await modified).toMatchObject({ MsgKey: sent.MsgKey, MsgVersion: 1, Operator_Account: alice });
    expect(imA.conversations().find((c) => c.Peer_Account === bob)!.LastMsg).toMatchObject({ MsgBody: textBody('hello, edited'), MsgVersion: 1 });
    expect(imB.conversations().find((c) => c.Peer_Account === alice)!.LastMsg).toMatchObject({ MsgBody: textBody('hello, edited'), MsgVersion: 1 });

    // Bob's copy of the message is still version 0: his edit conflicts, and the error carries the current message.
    const error = await imB.modifyMessage(copyOfBob, { CloudCustomData: 'stale' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImRequestError);
    expect(error).toMatchObject({ code: 2480, data: { Message: expect.objectContaining({ MsgVersion: 1, CloudCustomData: 'v1' }) } });
    // With the current version it goes through.
    const again = await imB.modifyMessage({ ...copyOfBob, MsgVersion: 1 }, { CloudCustomData: 'v2' });
    expect(again).toMatchObject({ MsgVersion: 2, CloudCustomData: 'v2', MsgBody: textBody('hello, edited') });
    imA.close();
    imB.close();
  });
});
