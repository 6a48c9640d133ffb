import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import type { Reply, TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Group messages: mute (member, forbid_send_msg, mute-all, global), frequency control and priorities. Limit 5/s here;
 * every test uses a fresh group, so each starts with an empty frequency window (the window is per group).
 */
let stack: LocalStack;
let hooks: WebhookReceiver;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  stack = await startTestStack({
    groupMessages: { perSecond: 5 },
    webhook: { url: hooks.url, commands: ['Group.CallbackBeforeSendMsg', 'Group.CallbackAfterSendMsg'], timeoutMs: 2000, failClosed: false },
  });
});
afterAll(async () => { await stack?.stop(); await hooks?.close(); });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let random = 9000;
const send = (ws: TestClient, groupId: string, extra: Record<string, unknown> = {}) =>
  ws.request('group.send', { GroupId: groupId, MsgBody: text(`t${random}`), Random: ++random, ...extra });
const nextMsgSeq = async (groupId: string) =>
  ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<{ NextMsgSeq: number }>)[0]!.NextMsgSeq;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(type: 'Public' | 'Work' = 'Public') {
  const users = await newUsers(stack, 4, 'q');
  const [owner, admin, a, b] = users;
  const groupId = await newGroup(stack, {
    Owner_Account: owner, Type: type, MemberList: [{ Member_Account: admin, Role: type === 'Work' ? undefined : 'Admin' }, { Member_Account: a }, { Member_Account: b }],
  });
  const sockets = await connectAll(stack, users);
  const [wsOwner, wsAdmin, wsA, wsB] = sockets as [TestClient, TestClient, TestClient, TestClient];
  return { groupId, owner: owner!, admin: admin!, a: a!, b: b!, wsOwner, wsAdmin, wsA, wsB, close: () => Promise.all(sockets.map((s) => s.close())) };
}

describe('mute', () => {
  it('forbid_send_msg mutes (10017), survives quitting and rejoining, is listed by get_group_muted_account and get_group_shutted_uin; 0 unmutes', async () => {
    const g = await setup();
    expect((await groupRest(stack, 'forbid_send_msg', { GroupId: g.groupId, Members_Account: [g.a], MuteTime: 600 })).ErrorCode).toBe(0);
    const muted = await send(g.wsA, g.groupId);
    expect(muted.ErrorCode).toBe(10017);
    expect(muted.ErrorInfo).toContain('muted');
    const list = await groupRest(stack, 'get_group_muted_account', { GroupId: g.groupId });
    const until = (list.MutedAccountList as Array<{ Member_Account: string; MutedUntil: number }>).find((m) => m.Member_Account === g.a)!.MutedUntil;
    expect(until).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 590);
    const legacy = await groupRest(stack, 'get_group_shutted_uin', { GroupId: g.groupId });
    expect(legacy.ShuttedUinList).toEqual([{ Member_Account: g.a, ShuttedUntil: until }]);
    expect((await g.wsA.request('group.quit', { GroupId: g.groupId })).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'add_group_member', { GroupId: g.groupId, MemberList: [{ Member_Account: g.a }] })).ErrorCode).toBe(0);
    expect((await send(g.wsA, g.groupId)).ErrorCode).toBe(10017);
    expect((await groupRest(stack, 'forbid_send_msg', { GroupId: g.groupId, Members_Account: [g.a], MuteTime: 0 })).ErrorCode).toBe(0);
    expect((await send(g.wsA, g.groupId)).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'get_group_muted_account', { GroupId: g.groupId })).MutedAccountList).toEqual([]);
    await g.close();
  });

  it('MuteTime 4294967295 is permanent; more than 500 accounts is 10005; modify_group_member_info MuteTime also mutes', async () => {
    const g = await setup();
    expect((await groupRest(stack, 'forbid_send_msg', { GroupId: g.groupId, Members_Account: [g.b], MuteTime: 4294967295 })).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'get_group_muted_account', { GroupId: g.groupId })).MutedAccountList).toEqual([{ Member_Account: g.b, MutedUntil: 4294967295 }]);
    const many = Array.from({ length: 501 }, (_, i) => `user${i}`);
    expect((await groupRest(stack, 'forbid_send_msg', { GroupId: g.groupId, Members_Account: many, MuteTime: 60 })).ErrorCode).toBe(10005);
    expect((await groupRest(stack, 'forbid_send_msg', { GroupId: g.groupId, Members_Account: [g.a], MuteTime: -1 })).ErrorCode).toBe(10004);
    expect((await groupRest(stack, 'forbid_send_msg', { GroupId: '@TGS#none', Members_Account: [g.a], MuteTime: 60 })).ErrorCode).toBe(10010);
    expect((await g.wsAdmin.request('group.modifyMember', { GroupId: g.groupId, Member_Account: g.a, MuteTime: 60 })).ErrorCode).toBe(0);
    expect((await send(g.wsA, g.groupId)).ErrorCode).toBe(10017);
    expect((await send(g.wsB, g.groupId)).ErrorCode).toBe(10017);
    await g.close();
  });

  it('MuteAllMember: ordinary members get 10017; owner, admins and whitelisted members still speak', async () => {
    const g = await setup();
    expect((await groupRest(stack, 'modify_group_base_info', { GroupId: g.groupId, MuteAllMember: 'On' })).ErrorCode).toBe(0);
    expect((await g.wsOwner.request('group.whitelistAdd', { GroupId: g.groupId, Members_Account: [g.b] })).ErrorCode).toBe(0);
    expect((await send(g.wsA, g.groupId)).ErrorCode).toBe(10017);
    expect((await send(g.wsB, g.groupId)).ErrorCode).toBe(0);
    expect((await send(g.wsOwner, g.groupId)).ErrorCode).toBe(0);
    expect((await send(g.wsAdmin, g.groupId)).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: 1, MsgBody: text('admin') })).ErrorCode).toBe(0);
    await g.close();
  });

  it('the global group mute of setnospeaking gives 10017 in every group', async () => {
    const g = await setup();
    expect((await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: g.a, GroupmsgNospeakingTime: 600 })).ErrorCode).toBe(0);
    expect((await send(g.wsA, g.groupId)).ErrorCode).toBe(10017);
    expect((await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: g.a, GroupmsgNospeakingTime: 0 })).ErrorCode).toBe(0);
    expect((await send(g.wsA, g.groupId)).ErrorCode).toBe(0);
    await g.close();
  });
});

interface Outcome { priority: string; time: number; seq: number; dropped: boolean }
const outcomes = (priority: string, replies: Reply[]): Outcome[] => replies.map((r) => {
  expect(r.ErrorCode).toBe(0);
  const d = r.data as { MsgSeq: number; MsgTime: number; MsgDropReason?: string };
  if (d.MsgDropReason !== undefined) {
    expect(d.MsgDropReason).toBe('MsgFreqCtrl');
    expect(d.MsgSeq).toBe(0);
  }
  return { priority, time: d.MsgTime, seq: d.MsgSeq, dropped: d.MsgDropReason !== undefined };
});
const admittedIn = (all: Outcome[], second: number) => all.filter((o) => !o.dropped && o.time === second).length;

describe('frequency control and priorities (limit 5/s: Normal 4, Low 3, Lowest 2)', () => {
  it('a burst: at most 5 messages per second are admitted; lower priorities are dropped first; dropped sends take no SEQ, are not stored, run only the before-callback', async () => {
    const g = await setup();
    const base = await nextMsgSeq(g.groupId);
    const [lowest, high] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, () => send(g.wsA, g.groupId, { MsgPriority: 'Lowest' }))),
      Promise.all(Array.from({ length: 8 }, () => send(g.wsB, g.groupId, { MsgPriority: 'High' }))),
    ]);
    const all = [...outcomes('Lowest', lowest), ...outcomes('High', high)];
    const seconds = [...new Set(all.map((o) => o.time))];
    for (const s of seconds) {
      expect(admittedIn(all, s)).toBeLessThanOrEqual(5);
      expect(all.filter((o) => o.priority === 'Lowest' && !o.dropped && o.time === s).length).toBeLessThanOrEqual(2);
    }
    // A High message is dropped only when its second was full; a Lowest only when 2 were admitted before it.
    for (const o of all.filter((x) => x.dropped)) expect(admittedIn(all, o.time)).toBeGreaterThanOrEqual(o.priority === 'High' ? 5 : 2);
    const admitted = all.filter((o) => !o.dropped);
    expect(all.some((o) => o.dropped)).toBe(true);
    expect(admitted.map((o) => o.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: admitted.length }, (_, i) => base + i));
    expect(await nextMsgSeq(g.groupId)).toBe(base + admitted.length);
    const page = await groupRest(stack, 'group_msg_get_simple', { GroupId: g.groupId, ReqMsgNumber: 20 });
    expect((page.RspMsgList as Array<{ MsgSeq: number }>).filter((m) => m.MsgSeq >= base)).toHaveLength(admitted.length);
    await sleep(500);
    const forGroup = (cmd: string) => hooks.requests.filter((r) => r.query.CallbackCommand === cmd && (r.body as { GroupId: string }).GroupId === g.groupId).length;
    expect(forGroup('Group.CallbackBeforeSendMsg')).toBe(20);
    expect(forGroup('Group.CallbackAfterSendMsg')).toBe(admitted.length);
    await g.close();
  });

  it('owners and group admins are exempt from the priority shares: their Lowest messages use the whole limit', async () => {
    const g = await setup();
    const replies = outcomes('Lowest', await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? g.wsOwner : g.wsAdmin, g.groupId, { MsgPriority: 'Lowest' }))));
    for (const o of replies.filter((x) => x.dropped)) expect(admittedIn(replies, o.time)).toBe(5);
    for (const s of new Set(replies.map((o) => o.time))) expect(admittedIn(replies, s)).toBeLessThanOrEqual(5);
    expect(replies.filter((o) => !o.dropped).length).toBeGreaterThanOrEqual(5);
    await g.close();
  });

  it('the window only moves forward: a slow send that reaches it after a later second opened is counted in, and timed at, that second', async () => {
    const [owner] = await newUsers(stack, 1, 'q');
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public' });
    const store = allServicesFromEnv(process.env).groupMessages;
    const s = Math.floor(Date.now() / 1000) + 1000; // seconds no real send of this group uses
    const admit = (time: number) => store.admit({ groupId, time, threshold: 2, takeSeq: true, moveLast: true, noUnread: false });
    expect(await admit(s + 1)).toMatchObject({ outcome: 'admitted', time: s + 1 });
    // Started in second s, arrives after s + 1 opened: joins s + 1 (it does not reopen s for two more).
    expect(await admit(s)).toMatchObject({ outcome: 'admitted', time: s + 1 });
    expect(await admit(s)).toEqual({ outcome: 'dropped', time: s + 1 });
    expect(await admit(s + 1)).toEqual({ outcome: 'dropped', time: s + 1 });
    expect(await admit(s + 2)).toMatchObject({ outcome: 'admitted', time: s + 2 });
  });

  it('AVChatRoom is frequency-controlled too (seed 004: chat rooms drop beyond a threshold), without SEQ', async () => {
    const users = await newUsers(stack, 2, 'r');
    const groupId = await newGroup(stack, { Owner_Account: users[0], Type: 'AVChatRoom' });
    const [wsOwner, wsMember] = await connectAll(stack, users);
    expect((await wsMember!.request('group.join', { GroupId: groupId })).ErrorCode).toBe(0);
    const replies = outcomes('Low', await Promise.all(Array.from({ length: 12 }, () => send(wsMember!, groupId, { MsgPriority: 'Low' }))));
    expect(replies.every((o) => o.seq === 0)).toBe(true);
    for (const s of new Set(replies.map((o) => o.time))) expect(admittedIn(replies, s)).toBeLessThanOrEqual(3);
    expect(replies.some((o) => o.dropped)).toBe(true);
    const delivered = replies.filter((o) => !o.dropped).length;
    await wsOwner!.waitFor(() => wsOwner!.events.filter((e) => e.event === 'group.message').length
      + wsOwner!.events.filter((e) => e.event === 'group.messages').reduce((n, e) => n + (e.data.Messages as unknown[]).length, 0) >= delivered, 3000).catch(() => undefined);
    const got = wsOwner!.events.filter((e) => e.event === 'group.message').length
      + wsOwner!.events.filter((e) => e.event === 'group.messages').reduce((n, e) => n + (e.data.Messages as unknown[]).length, 0);
    expect(got).toBe(delivered);
    await Promise.all([wsOwner!.close(), wsMember!.close()]);
  });
});

describe('online index lifecycle', () => {
  it('destroying a group clears its online index: a group re-created under the same id reaches only its new members', async () => {
    const users = await newUsers(stack, 3, 'x');
    const groupId = `reuse-${users[0]}`;
    const sockets = await connectAll(stack, users);
    await newGroup(stack, { GroupId: groupId, Owner_Account: users[0], Type: 'Public', MemberList: [{ Member_Account: users[1] }, { Member_Account: users[2] }] });
    expect((await groupRest(stack, 'get_online_member_num', { GroupId: groupId })).OnlineMemberNum).toBe(3);
    expect((await groupRest(stack, 'destroy_group', { GroupId: groupId })).ErrorCode).toBe(0);
    await newGroup(stack, { GroupId: groupId, Owner_Account: users[0], Type: 'Public' });
    expect((await groupRest(stack, 'get_online_member_num', { GroupId: groupId })).OnlineMemberNum).toBe(1);
    await groupRest(stack, 'send_group_msg', { GroupId: groupId, Random: 1, MsgBody: text('only the owner') });
    await sockets[0]!.waitFor((f) => f.event === 'group.message');
    await sleep(150);
    expect(sockets[1]!.events.filter((e) => e.event === 'group.message')).toHaveLength(0);
    await Promise.all(sockets.map((s) => s.close()));
  });
});
