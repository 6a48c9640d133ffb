import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, sleep, textBody } from '../support/groupmsg.js';

/**
 * Group messages (issue 7), the rest of the send surface: targeted messages (`To_Account`), `TopicId` refused,
 * member `LastSendMsgTime`, group conversations in recentcontact (get_list, delete), and offline push for groups
 * above `offlinePushMaxMembers` (here 2), whose members the fan-out worker reads in pages (here of 2).
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} },
    groupMessages: { offlinePushMaxMembers: 2, pushPageSize: 2 },
  });
});
afterAll(async () => { await stack?.stop(); });

const { nextRandom, send, history, publicGroup } = groupMessageHelpers(() => stack);
const seqOf = (f: { data: Record<string, unknown> }) => f.data.MsgSeq as number;
const eventsOf = (ws: TestClient, seq: number) => ws.events.filter((e) => e.event === 'group.message' && e.data.MsgSeq === seq);
const conversation = async (ws: TestClient, groupId: string) =>
  ((await ws.request('conversation.list', {})).data as { Conversations: Array<Record<string, unknown>> }).Conversations.find((c) => c.GroupId === groupId);
const sessions = async (user: string) =>
  (await rest(stack, 'recentcontact/get_list', { From_Account: user, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 })).SessionItem as Array<Record<string, unknown>>;

describe('targeted group messages (To_Account)', () => {
  it('reach only the named members and the sender\'s other devices; others see a placeholder in history; no unread, not the last message', async () => {
    const g = await publicGroup();
    const plain = await send(g.wsA, g.groupId, 'to everyone');
    await g.wsOwner.waitFor((f) => f.event === 'group.message' && seqOf(f as never) === plain.data!.MsgSeq);
    const before = await conversation(g.wsOwner, g.groupId);
    const aPhone = await connect(stack, g.a, { platform: 'Android' });
    const targeted = await send(g.wsA, g.groupId, 'only for b', { To_Account: [g.b] });
    expect(targeted.ErrorCode).toBe(0);
    const seq = targeted.data!.MsgSeq as number;
    expect(seq).toBe((plain.data!.MsgSeq as number) + 1);
    const atB = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message' && seqOf(f as never) === seq);
    expect(atB.data).toMatchObject({ GroupId: g.groupId, From_Account: g.a, MsgBody: textBody('only for b') });
    await aPhone.waitFor((f) => f.event === 'group.message' && seqOf(f as never) === seq);
    await sleep(150);
    expect(eventsOf(g.wsOwner, seq)).toHaveLength(0);

    // History: the recipient and the sender see it, another member a placeholder, the app admin everything.
    const itemFor = async (ws: TestClient) =>
      ((await ws.request('history.group', { GroupId: g.groupId })).data!.RspMsgList as Array<Record<string, unknown>>).find((m) => m.MsgSeq === seq)!;
    expect(await itemFor(g.wsB)).toMatchObject({ IsPlaceMsg: 0, MsgBody: textBody('only for b'), From_Account: g.a });
    expect(await itemFor(g.wsA)).toMatchObject({ IsPlaceMsg: 0, MsgBody: textBody('only for b') });
    expect(await itemFor(g.wsOwner)).toMatchObject({ IsPlaceMsg: 1, MsgBody: [], From_Account: '' });
    expect((await history(g.groupId)).RspMsgList).toContainEqual(expect.objectContaining({ MsgSeq: seq, IsPlaceMsg: 0, MsgBody: textBody('only for b') }));

    // Not counted as unread, not the conversation's last message (for anyone).
    const after = await conversation(g.wsOwner, g.groupId);
    expect(after).toMatchObject({ UnreadNum: before!.UnreadNum, LastMsg: expect.objectContaining({ MsgSeq: plain.data!.MsgSeq }) });
    expect((await conversation(g.wsB, g.groupId))!.LastMsg).toMatchObject({ MsgSeq: plain.data!.MsgSeq });

    // REST send_group_msg too.
    const viaRest = await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: nextRandom(), MsgBody: textBody('admin to owner'), To_Account: [g.owner] });
    expect(viaRest.ErrorCode).toBe(0);
    await g.wsOwner.waitFor((f) => f.event === 'group.message' && seqOf(f as never) === viaRest.MsgSeq);
    await sleep(150);
    expect(eventsOf(g.wsB, viaRest.MsgSeq as number)).toHaveLength(0);
    await aPhone.close();
    await g.close();
  });

  it('at most 50 accounts (10005), never with GroupAtInfo (10004), not in AVChatRoom or Community (10007); nothing is stored', async () => {
    const g = await publicGroup();
    const seqBefore = (await history(g.groupId)).RspMsgList as unknown[];
    const many = Array.from({ length: 51 }, (_, i) => `user${i}`);
    const tooMany = await send(g.wsA, g.groupId, 'x', { To_Account: many });
    expect([tooMany.ErrorCode, tooMany.ErrorInfo]).toEqual([10005, expect.stringContaining('50')]);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: nextRandom(), MsgBody: textBody('x'), To_Account: many })).ErrorCode).toBe(10005);
    expect((await send(g.wsA, g.groupId, 'x', { To_Account: many.slice(0, 50) })).ErrorCode).toBe(0);
    const withAt = await send(g.wsA, g.groupId, 'x', { To_Account: [g.b], GroupAtInfo: [{ GroupAtAllFlag: 1 }] });
    expect([withAt.ErrorCode, withAt.ErrorInfo]).toEqual([10004, expect.stringContaining('GroupAtInfo')]);
    expect(((await history(g.groupId)).RspMsgList as unknown[]).length).toBe(seqBefore.length + 1);
    for (const type of ['AVChatRoom', 'Community']) {
      const groupId = await newGroup(stack, { Owner_Account: g.owner, Type: type });
      const refused = await groupRest(stack, 'send_group_msg', { GroupId: groupId, Random: nextRandom(), MsgBody: textBody('x'), To_Account: [g.owner] });
      expect([refused.ErrorCode, refused.ErrorInfo]).toEqual([10007, expect.stringContaining(type)]);
    }
    await g.close();
  });
});

describe('TopicId on an ordinary group', () => {
  it('a TopicId of no topic, or of another group, is refused and changes nothing; commands without topics refuse any; an empty TopicId is the group itself', async () => {
    const g = await publicGroup();
    const base = { GroupId: g.groupId };
    const calls: Array<[string, Record<string, unknown>]> = [
      ['send_group_msg', { ...base, Random: nextRandom(), MsgBody: textBody('x') }],
      ['send_group_system_notification', { ...base, Content: 'hi' }],
      ['group_msg_get_simple', { ...base, ReqMsgNumber: 5 }],
      ['group_msg_recall', { ...base, MsgSeqList: [{ MsgSeq: 1 }] }],
      ['delete_group_msg_by_sender', { ...base, Sender_Account: g.a }],
      ['forbid_send_msg', { ...base, Members_Account: [g.a], MuteTime: 60 }],
      ['get_group_muted_account', base],
      ['import_group_msg', { ...base, MsgList: [{ From_Account: g.a, SendTime: Math.floor(Date.now() / 1000), MsgBody: textBody('x') }] }],
    ];
    const seqBefore = ((await history(g.groupId)).RspMsgList as unknown[]).length;
    for (const [command, body] of calls) {
      const unknown = await groupRest(stack, command, { ...body, TopicId: `${g.groupId}@TOPIC#_t` });
      expect([command, unknown.ErrorCode, unknown.ErrorInfo]).toEqual([command, 10010, expect.stringContaining('topic')]);
      const other = await groupRest(stack, command, { ...body, TopicId: '@TGS#_other@TOPIC#_t' });
      expect([command, other.ErrorCode, other.ErrorInfo]).toEqual([command, 10004, expect.stringContaining('TopicId')]);
    }
    for (const [command, body] of [['clear_group_msg', base], ['get_group_msg_receipt', { ...base, MsgSeqList: [{ MsgSeq: 1 }] }]] as const) {
      const reply = await groupRest(stack, command, { ...body, TopicId: `${g.groupId}@TOPIC#_t` });
      expect([command, reply.ErrorCode, reply.ErrorInfo]).toEqual([command, 10004, expect.stringContaining('TopicId')]);
    }
    expect(((await history(g.groupId)).RspMsgList as unknown[]).length).toBe(seqBefore);
    expect((await groupRest(stack, 'get_group_muted_account', base)).MutedAccountList).toEqual([]);
    expect((await groupRest(stack, 'send_group_msg', { ...base, Random: nextRandom(), MsgBody: textBody('x'), TopicId: '' })).ErrorCode).toBe(0);
    await g.close();
  });
});

describe('LastSendMsgTime', () => {
  it('get_group_member_info shows when a member last sent (rewritten at most once a minute); 0 for members who never sent', async () => {
    const g = await publicGroup();
    const lastSend = async () => Object.fromEntries(((await groupRest(stack, 'get_group_member_info', { GroupId: g.groupId })).MemberList as Array<{ Member_Account: string; LastSendMsgTime: number }>)
      .map((m) => [m.Member_Account, m.LastSendMsgTime]));
    const t0 = Math.floor(Date.now() / 1000);
    expect((await send(g.wsA, g.groupId, 'one')).ErrorCode).toBe(0);
    const first = await lastSend();
    expect(first[g.a]).toBeGreaterThanOrEqual(t0);
    expect(first[g.a]).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(first[g.b]).toBe(0);
    // REST sends as a member count too.
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, From_Account: g.b, Random: nextRandom(), MsgBody: textBody('two') })).ErrorCode).toBe(0);
    await sleep(1100);
    expect((await send(g.wsA, g.groupId, 'three')).ErrorCode).toBe(0);
    const second = await lastSend();
    expect(second[g.a]).toBe(first[g.a]); // within the minute: not rewritten
    expect(second[g.b]).toBeGreaterThanOrEqual(t0);
    expect(second[g.owner]).toBe(0);
    await g.close();
  });
});

describe('group conversations in recentcontact', () => {
  it('get_list has the group as Type 2; delete hides it (and from conversation.list) until the next message', async () => {
    const g = await publicGroup();
    expect((await send(g.wsA, g.groupId, 'hello')).ErrorCode).toBe(0);
    expect(await sessions(g.b)).toContainEqual({ Type: 2, GroupId: g.groupId, MsgTime: expect.any(Number), TopFlag: 0 });
    const deleted = await rest(stack, 'recentcontact/delete', { From_Account: g.b, Type: 2, ToGroupid: g.groupId });
    expect(deleted.ErrorCode).toBe(0);
    expect((await sessions(g.b)).filter((s) => s.GroupId === g.groupId)).toEqual([]);
    expect(await conversation(g.wsB, g.groupId)).toBeUndefined();
    // Only for that user; still a member, still receiving.
    expect(await conversation(g.wsA, g.groupId)).toBeDefined();
    const next = await send(g.wsA, g.groupId, 'back again');
    await g.wsB.waitFor((f) => f.event === 'group.message' && seqOf(f as never) === next.data!.MsgSeq);
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ LastMsg: expect.objectContaining({ MsgSeq: next.data!.MsgSeq }) });
    expect((await sessions(g.b)).filter((s) => s.GroupId === g.groupId)).toHaveLength(1);
    // An unknown group: nothing to hide, success (as deleting an absent C2C conversation).
    expect((await rest(stack, 'recentcontact/delete', { From_Account: g.b, Type: 2, ToGroupid: 'no-such-group' })).ErrorCode).toBe(0);
    await g.close();
  });
});

describe('offline push for groups above offlinePushMaxMembers', () => {
  const statusOf = async (user: string) =>
    ((await rest(stack, 'openim/query_online_status', { To_Account: [user] })).QueryResult as Array<{ Status: string }>)[0]!.Status;
  /** A user whose phone registered a push device; with `stayOnline` the phone stays connected (Online), else PushOnline. */
  async function phoneUser(stayOnline = false): Promise<{ user: string; arn: string; ws?: TestClient }> {
    const user = uniqueId('p');
    await rest(stack, 'im_open_login_svc/account_import', { UserID: user });
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
    expect((await phone.request('push.register', { Platform: 'APNs', Token: `tok-${user}` })).ErrorCode).toBe(0);
    if (!stayOnline) {
      await phone.close();
      for (let i = 0; i < 100 && (await statusOf(user)) !== 'PushOnline'; i++) await sleep(30);
    }
    const arn = (await allServicesFromEnv(process.env).connections.presenceOf(user, Date.now())).devices[0]!.endpointArn!;
    return { user, arn, ...(stayOnline && { ws: phone }) };
  }
  const publishesTo = (arn: string) => stack.sns.outbox.filter((e) => e.action === 'Publish' && e.params.TargetArn === arn);

  it('the worker pages through the members: offline members with a device are pushed; online, AcceptNotNotify and the sender are not', async () => {
    const [owner] = await newUsers(stack, 1, 'o');
    const offline = await Promise.all([phoneUser(), phoneUser(), phoneUser()]);
    const quiet = await phoneUser();
    const online = await phoneUser(true);
    const groupId = await newGroup(stack, {
      Owner_Account: owner, Type: 'Public', Name: 'Big',
      MemberList: [...offline, quiet, online].map((p) => ({ Member_Account: p.user })),
    });
    await groupRest(stack, 'modify_group_member_info', { GroupId: groupId, Member_Account: quiet.user, MsgFlag: 'AcceptNotNotify' });
    const reply = await groupRest(stack, 'send_group_msg', { GroupId: groupId, From_Account: offline[0]!.user, Random: nextRandom(), MsgBody: textBody('all hands') });
    expect(reply.ErrorCode).toBe(0);
    const expected = offline.slice(1);
    for (let i = 0; i < 200 && expected.some((p) => publishesTo(p.arn).length === 0); i++) await sleep(25);
    await stack.sqs.idle();
    await sleep(200);
    for (const p of expected) {
      expect(publishesTo(p.arn).map((e) => (e.message as { APNS: { aps: { alert: string } } }).APNS.aps.alert)).toEqual([expect.stringContaining('(Big):all hands')]);
    }
    expect(publishesTo(offline[0]!.arn)).toEqual([]); // the sender
    expect(publishesTo(quiet.arn)).toEqual([]);
    expect(publishesTo(online.arn)).toEqual([]);
    await online.ws!.waitFor((f) => f.event === 'group.message' && seqOf(f as never) === reply.MsgSeq);
    await online.ws!.close();
  });
});
