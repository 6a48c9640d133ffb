// Message extensions (msg.extensions.*, openim_msg_ext_http_svc) over WebSocket and REST, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient } from '../../client/src/index.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';
import { connect, type Reply, type TestClient } from '../support/ws-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, sleep, textBody } from '../support/groupmsg.js';
import { callbacksByCommand, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
const CALLBACKS = ['C2C.CallbackAfterC2CMsgExtension', 'Group.CallbackAfterGroupMsgExtension'];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, webhook: { url: `${receiver.url}/cb`, commands: CALLBACKS } });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });

const { send: groupSend } = groupMessageHelpers(() => stack);
let random = 70_000;
type Pair = { Key: string; Value: string; Seq: number };
type Results = { ExtensionList: Array<{ ErrorCode: number; Extension: Pair }>; Seq: number; ClearSeq: number };
type Page = { CompleteFlag: number; LatestSeq: number; ClearSeq: number; ExtensionList: Pair[] };

const ok = (reply: Reply) => { expect(reply.ErrorCode, reply.ErrorInfo).toBe(0); return reply.data as never; };
const refused = (reply: Reply | Record<string, unknown>, code: number) => {
  expect(reply.ErrorCode, String(reply.ErrorInfo)).toBe(code);
  expect(reply.ErrorInfo).not.toBe('');
};
const noEvent = async (ws: TestClient) => { await sleep(200); expect(ws.events.filter((e) => e.event === 'message.extensions.changed')).toEqual([]); };

async function c2cSend(ws: TestClient, to: string, extra: Record<string, unknown> = { SupportMessageExtension: 1 }) {
  return ok(await ws.request('c2c.send', { To_Account: to, MsgBody: textBody('poll'), MsgRandom: ++random, ...extra })) as { MsgKey: string; MsgSeq: number };
}

/** Alice on two devices and Bob on one, with an extensible message from Alice. */
async function pair() {
  const [alice, bob] = await newUsers(stack, 2, 'xc');
  const alice1 = await connect(stack, alice, { platform: 'Web' });
  const alice2 = await connect(stack, alice, { platform: 'Windows' });
  const wsBob = await connect(stack, bob);
  const sent = await c2cSend(alice1, bob);
  const at = { Peer_Account: bob, MsgKey: sent.MsgKey };
  return { alice, bob, alice1, alice2, wsBob, sent, at, close: () => Promise.all([alice1.close(), alice2.close(), wsBob.close()]) };
}

describe('msg.extensions.*, C2C', () => {
  it('sets pairs; both users\' other devices get message.extensions.changed; get answers them over WebSocket and REST', async () => {
    const p = await pair();
    const set: Results = ok(await p.alice1.request('msg.extensions.set', { ...p.at, ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 0 }, { Key: 'k2', Value: 'v2' }] }));
    expect(set).toEqual({ ExtensionList: [{ ErrorCode: 0, Extension: { Key: 'k1', Value: 'v1', Seq: 1 } }, { ErrorCode: 0, Extension: { Key: 'k2', Value: 'v2', Seq: 1 } }], Seq: 1, ClearSeq: 0 });
    for (const ws of [p.wsBob, p.alice2]) {
      expect((await ws.event('message.extensions.changed')).data).toEqual({
        From_Account: p.alice, To_Account: p.bob, MsgKey: p.sent.MsgKey, OperateType: 1, Seq: 1, ClearSeq: 0, Operator_Account: p.alice,
        ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 1 }, { Key: 'k2', Value: 'v2', Seq: 1 }],
      });
    }
    await noEvent(p.alice1);
    // Bob sees them from his side of the conversation; REST from either From_Account/To_Account order.
    const page: Page = ok(await p.wsBob.request('msg.extensions.get', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey }));
    expect(page).toEqual({ CompleteFlag: 1, LatestSeq: 1, ClearSeq: 0, ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 1 }, { Key: 'k2', Value: 'v2', Seq: 1 }] });
    const viaRest = await rest(stack, 'openim_msg_ext_http_svc/get_key_values', { From_Account: p.bob, To_Account: p.alice, MsgKey: p.sent.MsgKey });
    expect(viaRest).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...page });
    // StartSeq: only what changed since.
    ok(await p.wsBob.request('msg.extensions.set', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: 'k3', Value: 'bob', Seq: 0 }] }));
    expect((ok(await p.alice1.request('msg.extensions.get', { ...p.at, StartSeq: 2 })) as Page).ExtensionList).toEqual([{ Key: 'k3', Value: 'bob', Seq: 2 }]);
    await p.close();
  });

  it('a stale Seq gets 23001 with the current pair and changes nothing; the right Seq overwrites', async () => {
    const p = await pair();
    ok(await p.alice1.request('msg.extensions.set', { ...p.at, ExtensionList: [{ Key: 'vote', Value: 'a', Seq: 0 }] }));
    const stale: Results = ok(await p.wsBob.request('msg.extensions.set', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: 'vote', Value: 'b', Seq: 0 }, { Key: 'other', Value: 'x', Seq: 0 }] }));
    expect(stale.ExtensionList).toEqual([{ ErrorCode: 23001, Extension: { Key: 'vote', Value: 'a', Seq: 1 } }, { ErrorCode: 0, Extension: { Key: 'other', Value: 'x', Seq: 2 } }]);
    // A user who leaves Seq out means 0 (Tencent requires it of users).
    expect(((ok(await p.wsBob.request('msg.extensions.set', { ...p.at, Peer_Account: p.alice, ExtensionList: [{ Key: 'vote', Value: 'c' }] })) as Results).ExtensionList[0]!.ErrorCode)).toBe(23001);
    const right: Results = ok(await p.wsBob.request('msg.extensions.set', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: 'vote', Value: 'b', Seq: 1 }] }));
    expect(right.ExtensionList).toEqual([{ ErrorCode: 0, Extension: { Key: 'vote', Value: 'b', Seq: 3 } }]);
    expect((ok(await p.alice1.request('msg.extensions.get', p.at)) as Page).ExtensionList).toEqual([{ Key: 'other', Value: 'x', Seq: 2 }, { Key: 'vote', Value: 'b', Seq: 3 }]);
    await p.close();
  });

  it('concurrent writers of different keys all succeed; of one key exactly one wins', async () => {
    const p = await pair();
    const writers = Array.from({ length: 12 }, (_, i) => (i % 2 ? p.wsBob : p.alice1));
    const distinct = await Promise.all(writers.map((ws, i) => ws.request('msg.extensions.set', {
      Peer_Account: ws === p.wsBob ? p.alice : p.bob, MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: `voter${i}`, Value: `option${i}`, Seq: 0 }],
    })));
    expect(distinct.map((r) => (r.data as Results).ExtensionList[0]!.ErrorCode)).toEqual(writers.map(() => 0));
    const page: Page = ok(await p.alice1.request('msg.extensions.get', p.at));
    expect(page.ExtensionList.map((e) => e.Key).sort()).toEqual(writers.map((_, i) => `voter${i}`).sort());
    expect(page.LatestSeq).toBe(12);
    expect(new Set(page.ExtensionList.map((e) => e.Seq)).size).toBe(12); // every write its own Seq
    const same = await Promise.all(writers.slice(0, 6).map((ws, i) => ws.request('msg.extensions.set', {
      Peer_Account: ws === p.wsBob ? p.alice : p.bob, MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: 'title', Value: `t${i}`, Seq: 0 }],
    })));
    const codes = same.map((r) => (r.data as Results).ExtensionList[0]!.ErrorCode).sort();
    expect(codes).toEqual([0, 23001, 23001, 23001, 23001, 23001]);
    const winner = same.find((r) => (r.data as Results).ExtensionList[0]!.ErrorCode === 0)!;
    for (const r of same.filter((x) => x !== winner)) expect((r.data as Results).ExtensionList[0]!.Extension).toEqual((winner.data as Results).ExtensionList[0]!.Extension);
    await p.close();
  });

  it('deletes with the key\'s Seq (23004 for a key not set), clears everything without a list', async () => {
    const p = await pair();
    ok(await p.alice1.request('msg.extensions.set', { ...p.at, ExtensionList: [{ Key: 'a', Value: '1', Seq: 0 }, { Key: 'b', Value: '2', Seq: 0 }] }));
    const del: Results = ok(await p.wsBob.request('msg.extensions.delete', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: 'a', Seq: 1 }, { Key: 'zz', Seq: 0 }, { Key: 'b', Seq: 7 }] }));
    expect(del.ExtensionList).toEqual([
      { ErrorCode: 0, Extension: { Key: 'a', Value: '', Seq: 2 } },
      { ErrorCode: 23004, Extension: { Key: 'zz', Value: '', Seq: 0 } },
      { ErrorCode: 23001, Extension: { Key: 'b', Value: '2', Seq: 1 } },
    ]);
    expect((await p.alice1.event('message.extensions.changed')).data).toMatchObject({ OperateType: 2, ExtensionList: [{ Key: 'a', Value: '', Seq: 2 }], Seq: 2, Operator_Account: p.bob });
    const clear: Results = ok(await p.wsBob.request('msg.extensions.delete', { Peer_Account: p.alice, MsgKey: p.sent.MsgKey }));
    expect(clear).toEqual({ ExtensionList: [], Seq: 3, ClearSeq: 3 });
    await sleep(200);
    expect(p.alice1.events.filter((e) => e.event === 'message.extensions.changed').map((e) => e.data).at(-1))
      .toMatchObject({ OperateType: 3, ExtensionList: [{ Key: 'b', Value: '', Seq: 3 }], Seq: 3, ClearSeq: 3 });
    expect(ok(await p.alice1.request('msg.extensions.get', p.at))).toEqual({ CompleteFlag: 1, LatestSeq: 3, ClearSeq: 3, ExtensionList: [] });
    await p.close();
  });

  it('enforces 20 pairs per call, 100-byte keys, 1000-byte values, 300 pairs per message and 200 per page', async () => {
    const p = await pair();
    const set = (list: unknown[]) => p.alice1.request('msg.extensions.set', { ...p.at, ExtensionList: list });
    const pairs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ Key: `k${String(from + i).padStart(3, '0')}`, Value: 'v', Seq: 0 }));
    refused(await set(pairs(21)), 90001);
    refused(await set([{ Key: 'x'.repeat(101), Value: 'v', Seq: 0 }]), 90001);
    refused(await set([{ Key: '', Value: 'v', Seq: 0 }]), 90001);
    refused(await set([{ Key: 'k', Value: 'é'.repeat(501), Seq: 0 }]), 90001); // 1002 bytes
    refused(await set([{ Key: 'k', Value: 'v', Seq: 0 }, { Key: 'k', Value: 'w', Seq: 0 }]), 90001);
    refused(await set([{ Key: 'k', Seq: 0 }]), 90001);
    refused(await set([]), 90001);
    refused(await set([{ Key: 'k', Value: 1, Seq: 0 }]), 90001);
    refused(await set([{ Key: 'k', Value: 'v', Seq: -1 }]), 90001);
    ok(await set([{ Key: 'x'.repeat(100), Value: 'é'.repeat(500), Seq: 0 }])); // the limits themselves pass
    for (let i = 0; i < 14; i++) ok(await set(pairs(20, i * 20)));
    ok(await set(pairs(19, 280)));
    expect((ok(await p.alice1.request('msg.extensions.get', p.at)) as Page).LatestSeq).toBe(16);
    refused(await set(pairs(1, 299)), 90001); // the 301st
    const first: Page = ok(await p.alice1.request('msg.extensions.get', p.at));
    expect(first).toMatchObject({ CompleteFlag: 0, LatestSeq: 16 });
    expect(first.ExtensionList).toHaveLength(200);
    const rest2: Page = ok(await p.alice1.request('msg.extensions.get', { ...p.at, StartSeq: first.ExtensionList.at(-1)!.Seq }));
    const keys = new Set([...first.ExtensionList, ...rest2.ExtensionList].map((e) => e.Key));
    expect(rest2.CompleteFlag).toBe(1);
    expect(keys.size).toBe(300);
    // Overwriting one of the 300 is fine.
    expect((ok(await set([{ Key: 'k000', Value: 'new', Seq: 2 }])) as Results).ExtensionList[0]!.ErrorCode).toBe(0);
    await p.close();
  });

  it('refuses messages without SupportMessageExtension, recalled, unknown and foreign ones, and bad keys', async () => {
    const p = await pair();
    const plain = await c2cSend(p.alice1, p.bob, {});
    const recalled = await c2cSend(p.alice1, p.bob);
    ok(await p.alice1.request('msg.recall', { Peer_Account: p.bob, MsgKey: recalled.MsgKey }));
    const [carol] = await newUsers(stack, 1, 'xo');
    const wsCarol = await connect(stack, carol);
    const set = (ws: TestClient, peer: string, msgKey: string) => ws.request('msg.extensions.set', { Peer_Account: peer, MsgKey: msgKey, ExtensionList: [{ Key: 'k', Value: 'v', Seq: 0 }] });
    refused(await set(p.alice1, p.bob, plain.MsgKey), 90001);
    refused(await set(p.alice1, p.bob, recalled.MsgKey), 20023);
    const [s, r, t] = p.sent.MsgKey.split('_');
    refused(await set(p.alice1, p.bob, `${s}_${Number(r) + 100000}_${t}`), 20026);
    refused(await set(wsCarol, p.bob, p.sent.MsgKey), 20026); // not carol's conversation
    refused(await set(p.alice1, p.bob, 'nope'), 90054);
    refused(await p.alice1.request('msg.extensions.set', { MsgKey: p.sent.MsgKey, ExtensionList: [{ Key: 'k', Value: 'v' }] }), 90001);
    refused(await p.alice1.request('msg.extensions.get', { Peer_Account: p.bob, MsgKey: plain.MsgKey }), 90001);
    expect(ok(await p.alice1.request('msg.extensions.get', p.at))).toEqual({ CompleteFlag: 1, LatestSeq: 0, ClearSeq: 0, ExtensionList: [] });
    await noEvent(p.wsBob);
    await Promise.all([p.close(), wsCarol.close()]);
  });
});

describe('msg.extensions.* and group_*_key_values, groups', () => {
  async function group(type = 'Public') {
    const users = await newUsers(stack, 4, 'xg');
    const [owner, a, b, outsider] = users;
    const GroupId = await newGroup(stack, { Owner_Account: owner, Type: type, MemberList: type === 'AVChatRoom' ? undefined : [{ Member_Account: a }, { Member_Account: b }] });
    const [wsOwner, wsA, wsB, wsOut] = await Promise.all(users.map((u) => connect(stack, u)));
    return { GroupId, owner, a, b, outsider, wsOwner: wsOwner!, wsA: wsA!, wsB: wsB!, wsOut: wsOut!, close: () => Promise.all([wsOwner!, wsA!, wsB!, wsOut!].map((w) => w.close())) };
  }
  const sendExtensible = async (ws: TestClient, groupId: string, extra: Record<string, unknown> = { SupportMessageExtension: 1 }) =>
    ok(await groupSend(ws, groupId, 'poll', extra)) as { MsgSeq: number };

  it('members set and read; the other online members get the event; the app admin reads over REST', async () => {
    const g = await group();
    const sent = await sendExtensible(g.wsA, g.GroupId);
    const set: Results = ok(await g.wsB.request('msg.extensions.set', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, ExtensionList: [{ Key: g.b, Value: 'yes', Seq: 0 }] }));
    expect(set).toEqual({ ExtensionList: [{ ErrorCode: 0, Extension: { Key: g.b, Value: 'yes', Seq: 1 } }], Seq: 1, ClearSeq: 0 });
    for (const ws of [g.wsOwner, g.wsA]) {
      expect((await ws.event('message.extensions.changed')).data).toEqual({
        GroupId: g.GroupId, MsgSeq: sent.MsgSeq, OperateType: 1, ExtensionList: [{ Key: g.b, Value: 'yes', Seq: 1 }], Seq: 1, ClearSeq: 0, Operator_Account: g.b,
      });
    }
    await noEvent(g.wsB);
    await noEvent(g.wsOut);
    expect(ok(await g.wsOwner.request('msg.extensions.get', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq }))).toEqual({ CompleteFlag: 1, LatestSeq: 1, ClearSeq: 0, ExtensionList: [{ Key: g.b, Value: 'yes', Seq: 1 }] });
    expect(await rest(stack, 'openim_msg_ext_http_svc/group_get_key_values', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, StartSeq: 0 }))
      .toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', CompleteFlag: 1, LatestSeq: 1, ClearSeq: 0, ExtensionList: [{ Key: g.b, Value: 'yes', Seq: 1 }] });
    // Concurrent votes by every member: none lost.
    const votes = await Promise.all([g.wsOwner, g.wsA, g.wsB].map((ws, i) => ws.request('msg.extensions.set', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq, ExtensionList: [{ Key: `v${i}`, Value: 'x', Seq: 0 }] })));
    expect(votes.map((v) => (v.data as Results).ExtensionList[0]!.ErrorCode)).toEqual([0, 0, 0]);
    expect((ok(await g.wsA.request('msg.extensions.get', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq })) as Page).ExtensionList).toHaveLength(4);
    await g.close();
  });

  it('refuses outsiders, AVChatRoom and Community, tips, unknown and recalled messages, and messages without extensions', async () => {
    const g = await group();
    const sent = await sendExtensible(g.wsA, g.GroupId);
    const plain = await sendExtensible(g.wsA, g.GroupId, {});
    const recalled = await sendExtensible(g.wsA, g.GroupId);
    ok(await g.wsA.request('msg.recall', { GroupId: g.GroupId, MsgSeq: recalled.MsgSeq }));
    await groupRest(stack, 'add_group_member', { GroupId: g.GroupId, MemberList: [{ Member_Account: g.outsider }], Silence: 0 });
    await groupRest(stack, 'delete_group_member', { GroupId: g.GroupId, MemberToDel_Account: [g.outsider] });
    const history = await groupRest(stack, 'group_msg_get_simple', { GroupId: g.GroupId, ReqMsgNumber: 20 });
    const tip = (history.RspMsgList as Array<{ MsgSeq: number; IsSystemMsg?: number }>).find((m) => m.IsSystemMsg === 1)!;
    const set = (ws: TestClient, groupId: string, seq: number) => ws.request('msg.extensions.set', { GroupId: groupId, MsgSeq: seq, ExtensionList: [{ Key: 'k', Value: 'v', Seq: 0 }] });
    refused(await set(g.wsOut, g.GroupId, sent.MsgSeq), 10007);
    refused(await g.wsOut.request('msg.extensions.get', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq }), 10007);
    refused(await set(g.wsA, g.GroupId, plain.MsgSeq), 10004);
    refused(await set(g.wsA, g.GroupId, recalled.MsgSeq), 20023);
    refused(await set(g.wsA, g.GroupId, tip.MsgSeq), 10004);
    refused(await set(g.wsA, g.GroupId, 999), 10030);
    refused(await set(g.wsA, '@TGS#nosuchgroup', 1), 10010);
    refused(await g.wsA.request('msg.extensions.set', { GroupId: g.GroupId, ExtensionList: [{ Key: 'k', Value: 'v' }] }), 10004);
    expect(ok(await g.wsA.request('msg.extensions.get', { GroupId: g.GroupId, MsgSeq: sent.MsgSeq }))).toMatchObject({ LatestSeq: 0 });
    const live = await group('AVChatRoom');
    ok(await live.wsA.request('group.join', { GroupId: live.GroupId }));
    refused(await set(live.wsOwner, live.GroupId, 1), 10007);
    const [cOwner] = await newUsers(stack, 1, 'xk');
    const community = await newGroup(stack, { Owner_Account: cOwner, Type: 'Community' });
    const csent = await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: community, From_Account: cOwner, Random: 1, MsgBody: textBody('x'), SupportMessageExtension: 1 });
    refused(await rest(stack, 'openim_msg_ext_http_svc/group_set_key_values', { GroupId: community, MsgSeq: csent.MsgSeq, OperateType: 1, ExtensionList: [{ Key: 'k', Value: 'v', Seq: 0 }] }), 10007);
    await noEvent(g.wsB);
    await Promise.all([g.close(), live.close()]);
  });
});

describe('openim_msg_ext_http_svc as the app admin', () => {
  it('set_key_values and group_set_key_values with Tencent\'s samples: set, delete by Seq, clear; the callbacks as Tencent sends them', async () => {
    const [a, b] = await newUsers(stack, 2, 'xr');
    const sent = await rest(stack, 'openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: 1287657, MsgBody: textBody('hi'), SupportMessageExtension: 1 });
    const at = { From_Account: a, To_Account: b, MsgKey: sent.MsgKey };
    const start = receiver.requests.length;
    const set = await rest(stack, 'openim_msg_ext_http_svc/set_key_values', { ...at, OperateType: 1, ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 0 }, { Key: 'k2', Value: 'v2', Seq: 0 }, { Key: 'k3', Value: 'v3', Seq: 0 }] });
    expect(set).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ExtensionList: ['k1', 'k2', 'k3'].map((k, i) => ({ ErrorCode: 0, Extension: { Key: k, Value: `v${i + 1}`, Seq: 1 } })) });
    // The admin's Seq 0 (typed SDKs' "not set") overwrites; a wrong non-zero Seq conflicts.
    expect((await rest(stack, 'openim_msg_ext_http_svc/set_key_values', { ...at, OperateType: 1, ExtensionList: [{ Key: 'k3', Value: 'v3b', Seq: 0 }] })).ExtensionList).toEqual([{ ErrorCode: 0, Extension: { Key: 'k3', Value: 'v3b', Seq: 2 } }]);
    expect((await rest(stack, 'openim_msg_ext_http_svc/set_key_values', { ...at, OperateType: 1, ExtensionList: [{ Key: 'k3', Value: 'x', Seq: 1 }] })).ExtensionList).toEqual([{ ErrorCode: 23001, Extension: { Key: 'k3', Value: 'v3b', Seq: 2 } }]);
    expect((await rest(stack, 'openim_msg_ext_http_svc/set_key_values', { ...at, OperateType: 2, ExtensionList: [{ Key: 'k1', Value: '', Seq: 1 }] })).ExtensionList).toEqual([{ ErrorCode: 0, Extension: { Key: 'k1', Value: '', Seq: 3 } }]);
    expect(await rest(stack, 'openim_msg_ext_http_svc/set_key_values', { ...at, OperateType: 3 })).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ExtensionList: [] });
    expect(await rest(stack, 'openim_msg_ext_http_svc/get_key_values', at)).toMatchObject({ LatestSeq: 4, ClearSeq: 4, ExtensionList: [] });
    await callbacksByCommand(receiver, ['C2C.CallbackAfterC2CMsgExtension']);
    await sleep(300);
    // The after-callback queue keeps no order between events: by Seq.
    const c2c = receiver.requests.slice(start).filter((c) => c.query.CallbackCommand === 'C2C.CallbackAfterC2CMsgExtension').map((c) => c.body as { Seq: number })
      .sort((x, y) => x.Seq - y.Seq);
    expect(c2c).toHaveLength(4); // the refused write fired none
    expect(c2c[0]).toEqual({
      CallbackCommand: 'C2C.CallbackAfterC2CMsgExtension', From_Account: a, To_Account: b, MsgKey: sent.MsgKey, OperateType: 1,
      ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 1 }, { Key: 'k2', Value: 'v2', Seq: 1 }, { Key: 'k3', Value: 'v3', Seq: 1 }], Seq: 1, EventTime: expect.any(Number),
    });
    expect(c2c[2]).toMatchObject({ OperateType: 2, ExtensionList: [{ Key: 'k1', Value: '', Seq: 3 }], Seq: 3 });
    expect(c2c[3]).toMatchObject({ OperateType: 3, ExtensionList: [{ Key: 'k2', Value: '', Seq: 4 }, { Key: 'k3', Value: '', Seq: 4 }], Seq: 4 });

    const GroupId = await newGroup(stack, { Owner_Account: a, Type: 'Public', MemberList: [{ Member_Account: b }] });
    const gsent = await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId, From_Account: a, Random: 5, MsgBody: textBody('poll'), SupportMessageExtension: 1 });
    const gset = await rest(stack, 'openim_msg_ext_http_svc/group_set_key_values', { GroupId, MsgSeq: gsent.MsgSeq, OperateType: 1, ExtensionList: [{ Key: 'key1', Value: '1', Seq: 0 }] });
    expect(gset).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ExtensionList: [{ ErrorCode: 0, Extension: { Key: 'key1', Value: '1', Seq: 1 } }] });
    const group = (await callbacksByCommand(receiver, ['Group.CallbackAfterGroupMsgExtension'])).get('Group.CallbackAfterGroupMsgExtension')!;
    expect(group.at(-1)!.body).toEqual({
      CallbackCommand: 'Group.CallbackAfterGroupMsgExtension', GroupId, MsgSeq: gsent.MsgSeq, OperateType: 1, ExtensionList: [{ Key: 'key1', Value: '1', Seq: 1 }], Seq: 1, EventTime: expect.any(Number),
    });
  });

  it('refuses bad requests with Tencent-style codes and changes nothing', async () => {
    const [a, b] = await newUsers(stack, 2, 'xq');
    const sent = await rest(stack, 'openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: 4, MsgBody: textBody('hi'), SupportMessageExtension: 1 });
    const at = { From_Account: a, To_Account: b, MsgKey: sent.MsgKey };
    const set = (body: Record<string, unknown>) => rest(stack, 'openim_msg_ext_http_svc/set_key_values', body);
    refused(await set({ ...at, OperateType: 4, ExtensionList: [{ Key: 'k', Value: 'v' }] }), 90001);
    refused(await set({ ...at, OperateType: 1 }), 90001);
    refused(await set({ ...at, OperateType: 2, ExtensionList: [] }), 90001);
    refused(await set({ To_Account: b, MsgKey: sent.MsgKey, OperateType: 1, ExtensionList: [{ Key: 'k', Value: 'v' }] }), 90001);
    refused(await set({ ...at, MsgKey: 'x_y', OperateType: 1, ExtensionList: [{ Key: 'k', Value: 'v' }] }), 90054);
    refused(await set({ ...at, OperateType: 1, ExtensionList: Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }), 90001);
    refused(await rest(stack, 'openim_msg_ext_http_svc/group_set_key_values', { GroupId: '@TGS#none', MsgSeq: 1, OperateType: 1, ExtensionList: [{ Key: 'k', Value: 'v' }] }), 10010);
    refused(await rest(stack, 'openim_msg_ext_http_svc/group_get_key_values', { GroupId: '@TGS#none', MsgSeq: 0 }), 10004);
    expect(await rest(stack, 'openim_msg_ext_http_svc/get_key_values', at)).toMatchObject({ LatestSeq: 0, ExtensionList: [] });
  });
});

describe('client SDK: setMessageExtensions, getMessageExtensions, deleteMessageExtensions', () => {
  const client = (platform: 'Web' | 'Windows' = 'Web') => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, platform, reconnectBaseMs: 50, reconnectMaxMs: 200 });

  it('sends the Seq it last saw: events keep it current, a device that saw nothing gets 23001 once and then overwrites', async () => {
    const alice = uniqueId('xa');
    const bob = uniqueId('xb');
    const [imA, imB, imB2] = [client(), client(), client('Windows')];
    await imA.login(alice, officialUserSig(alice));
    await imB.login(bob, officialUserSig(bob));
    const received = new Promise<Parameters<Parameters<typeof imB.on<'message'>>[1]>[0]>((resolve) => imB.on('message', resolve));
    const sent = await imA.sendC2C(bob, textBody('poll') as never, { SupportMessageExtension: 1 });
    const bobsCopy = await received;
    const changed = new Promise<unknown>((resolve) => imA.on('message.extensions.changed', resolve));
    const first = await imB.setMessageExtensions(bobsCopy, [{ Key: 'vote', Value: 'yes' }]);
    expect(first.ExtensionList).toEqual([{ ErrorCode: 0, Extension: { Key: 'vote', Value: 'yes', Seq: 1 } }]);
    expect(await changed).toMatchObject({ MsgKey: sent.MsgKey, OperateType: 1, ExtensionList: [{ Key: 'vote', Value: 'yes', Seq: 1 }], Operator_Account: bob });
    // Alice's client learned Seq 1 from the event: her overwrite goes through.
    expect((await imA.setMessageExtensions(sent.message!, [{ Key: 'vote', Value: 'no' }])).ExtensionList[0]).toEqual({ ErrorCode: 0, Extension: { Key: 'vote', Value: 'no', Seq: 2 } });
    // Bob's other device logs in afterwards and has seen nothing: a conflict with the current value, then success.
    await imB2.login(bob, officialUserSig(bob));
    const stale = await imB2.setMessageExtensions(bobsCopy, [{ Key: 'vote', Value: 'maybe' }]);
    expect(stale.ExtensionList).toEqual([{ ErrorCode: 23001, Extension: { Key: 'vote', Value: 'no', Seq: 2 } }]);
    expect((await imB2.setMessageExtensions(bobsCopy, [{ Key: 'vote', Value: 'maybe' }])).ExtensionList[0]!.ErrorCode).toBe(0);
    await imA.setMessageExtensions(sent.message!, [{ Key: 'note', Value: 'n' }]);
    expect(await imB.getMessageExtensions(bobsCopy)).toEqual([{ Key: 'vote', Value: 'maybe', Seq: 3 }, { Key: 'note', Value: 'n', Seq: 4 }]);
    expect((await imB.deleteMessageExtensions(bobsCopy, ['note'])).ExtensionList).toEqual([{ ErrorCode: 0, Extension: { Key: 'note', Value: '', Seq: 5 } }]);
    expect(await imB.deleteMessageExtensions(bobsCopy)).toEqual({ ExtensionList: [], Seq: 6, ClearSeq: 6 });
    expect(await imA.getMessageExtensions(sent.message!)).toEqual([]);
    for (const im of [imA, imB, imB2]) im.close();
  });
});
