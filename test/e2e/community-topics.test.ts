// Community topics and permission groups (functions/topics) over REST and WebSocket, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import type { TestClient } from '../support/ws-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
const clients: TestClient[] = [];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: `${receiver.url}/cb`, commands: ['Group.CallbackAfterCreateTopic', 'Group.CallbackAfterTopicDestroyed', 'Group.CallbackAfterTopicInfoChanged', 'Group.CallbackAfterSendMsg'] },
    groups: { maxTopicsPerCommunity: 3 } as never,
  });
});
afterAll(async () => { await Promise.all(clients.map((c) => c.close())); await stack?.stop(); await receiver?.close(); });

type Body = Record<string, unknown>;
/** The first callback whose body matches (after-callbacks arrive through the queue, a little after the reply). */
async function callback(match: (body: Body) => boolean): Promise<{ body: Body }> {
  for (let i = 0; i < 100; i++) {
    const found = receiver.requests.find((r) => r.body !== undefined && match(r.body as Body));
    if (found) return { body: found.body as Body };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('callback not received');
}
const topicRest = (command: string, body: unknown) => rest(stack, `million_group_open_http_svc/${command}`, body);
async function community(owner: string, members: readonly string[], extra: Record<string, unknown> = {}) {
  return newGroup(stack, { Type: 'Community', Owner_Account: owner, SupportTopic: 1, MemberList: members.map((Member_Account) => ({ Member_Account })), ...extra });
}
async function topic(GroupId: string, TopicName: string, TopicId?: string): Promise<string> {
  const reply = await topicRest('create_topic', { GroupId, TopicName, ...(TopicId && { TopicId }) });
  expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  return reply.TopicId as string;
}

describe('topics over REST', () => {
  it('create (generated and custom ids), get with SelfInfo, modify, destroy with per-topic results and callbacks', async () => {
    const [owner, member] = await newUsers(stack, 2, 'ct');
    const GroupId = await community(owner, [member]);
    const generated = await topic(GroupId, 'general');
    expect(generated.startsWith(`${GroupId}@TOPIC#_@TOPIC#`)).toBe(true);
    const custom = await topic(GroupId, 'news', `${GroupId}@TOPIC#_news`);
    expect(custom).toBe(`${GroupId}@TOPIC#_news`);
    const created = await callback((c) => c.CallbackCommand === 'Group.CallbackAfterCreateTopic' && c.TopicId === custom);
    expect(created.body).toMatchObject({ GroupId, TopicId: custom, Type: 'Community', Name: 'news', Owner_Account: owner, UserDefinedDataList: [] });

    const got = await topicRest('get_topic', { GroupId, From_Account: member });
    expect(got).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const items = got.TopicAndSelfInfo as Array<{ ErrorCode: number; TopicInfo: Record<string, unknown>; SelfInfo: Record<string, unknown> }>;
    expect(items.map((i) => i.TopicInfo.TopicId)).toEqual([generated, custom]);
    expect(items[1]!.TopicInfo).toEqual({
      TopicName: 'news', GroupID: GroupId, FaceUrl: '', TopicId: custom, NextMsgSeq: 1, Notification: '', Introduction: '',
      CreateTime: expect.any(Number), LastMsgTime: 0, ShutUpAllFlag: 0, CustomString: '',
    });
    expect(items[1]!.SelfInfo).toEqual({ ShutUpTime: 0, MsgSeq: 0, MsgFlag: 'AcceptAndNotify' });

    expect(await topicRest('modify_topic', { GroupId, TopicId: custom, TopicName: 'news2', Notification: 'n', MuteAllMember: 'On' })).toMatchObject({ ErrorCode: 0 });
    const changed = await callback((c) => c.CallbackCommand === 'Group.CallbackAfterTopicInfoChanged');
    expect(changed.body).toMatchObject({ GroupId, TopicId: custom, Type: 'Community', Name: 'news2', Notification: 'n' });
    const one = await topicRest('get_topic', { GroupId, TopicIdList: [custom, `${GroupId}@TOPIC#_nope`], ResponseFilter: ['TopicName', 'ShutUpAllFlag'] });
    const [first, missing] = one.TopicAndSelfInfo as Array<Record<string, unknown>>;
    expect(first).toEqual({ ErrorCode: 0, ErrorInfo: '', TopicInfo: { TopicId: custom, TopicName: 'news2', ShutUpAllFlag: 1 } });
    expect(missing).toMatchObject({ ErrorCode: 10010, TopicId: `${GroupId}@TOPIC#_nope` });

    const destroyed = await topicRest('destroy_topic', { GroupId, TopicIdList: [custom, custom.replace('news', 'gone')] });
    expect(destroyed.DestroyResultItem).toEqual([
      { ErrorCode: 0, ErrorInfo: 'ok', TopicId: custom },
      { ErrorCode: 110003, ErrorInfo: expect.any(String), TopicId: custom.replace('news', 'gone') },
    ]);
    const cb = await callback((c) => c.CallbackCommand === 'Group.CallbackAfterTopicDestroyed');
    expect(cb.body).toMatchObject({ GroupId, Type: 'Community', TopicIdList: [custom] });
    expect(((await topicRest('get_topic', { GroupId })).TopicAndSelfInfo as unknown[]).length).toBe(1);
    // The id is free again once destroyed.
    expect(await topic(GroupId, 'again', custom)).toBe(custom);
  });

  it('refuses what Tencent refuses, and changes nothing', async () => {
    const [owner] = await newUsers(stack, 1, 'ct');
    const plain = await newGroup(stack, { Type: 'Community', Owner_Account: owner });
    expect(await topicRest('create_topic', { GroupId: plain, TopicName: 't' })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 11000 });
    const work = await newGroup(stack, { Type: 'Public', Owner_Account: owner });
    expect(await topicRest('create_topic', { GroupId: work, TopicName: 't' })).toMatchObject({ ErrorCode: 11000 });
    expect(await groupRest(stack, 'create_group', { Type: 'Public', Name: 'x', SupportTopic: 1 })).toMatchObject({ ErrorCode: 10004 });
    expect(await topicRest('create_topic', { GroupId: '@TGS#_nope', TopicName: 't' })).toMatchObject({ ErrorCode: 10010 });
    const GroupId = await community(owner, []);
    expect(await topicRest('create_topic', { GroupId, TopicName: 'x'.repeat(31) })).toMatchObject({ ErrorCode: 10004 });
    expect(await topicRest('create_topic', { GroupId, TopicName: '' })).toMatchObject({ ErrorCode: 10004 });
    expect(await topicRest('create_topic', { GroupId, TopicName: 't', CustomString: 'x'.repeat(3001) })).toMatchObject({ ErrorCode: 10004 });
    expect(await topicRest('create_topic', { GroupId, TopicName: 't', TopicId: '@TGS#_other@TOPIC#_a' })).toMatchObject({ ErrorCode: 10015 });
    expect(await topicRest('create_topic', { GroupId, TopicName: 't', TopicId: `${GroupId}@TOPIC#_@TOPIC#fake` })).toMatchObject({ ErrorCode: 10015 });
    // SDKs send "" for an unset TopicId: a generated one.
    const t1 = await topicRest('create_topic', { GroupId, TopicName: 't', TopicId: '' });
    expect(t1).toMatchObject({ ErrorCode: 0 });
    expect(await topicRest('create_topic', { GroupId, TopicName: 't', TopicId: `${GroupId}@TOPIC#_@TOPIC#Z` })).toMatchObject({ ErrorCode: 10015 });
    await topic(GroupId, 'b', `${GroupId}@TOPIC#_b`);
    expect(await topicRest('create_topic', { GroupId, TopicName: 'b', TopicId: `${GroupId}@TOPIC#_b` })).toMatchObject({ ErrorCode: 10021 });
    await topic(GroupId, 'c');
    // The configured limit (3 here; 200 by default).
    expect(await topicRest('create_topic', { GroupId, TopicName: 'd' })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
    expect(((await topicRest('get_topic', { GroupId })).TopicAndSelfInfo as unknown[]).length).toBe(3);
    // Both import paths; import sends no callback.
    expect(await topicRest('destroy_topic', { GroupId, TopicIdList: [t1.TopicId] })).toMatchObject({ ErrorCode: 0 });
    const imported = await groupRest(stack, 'import_topic', { Type: 'Community', GroupId, TopicName: 'old', CreateTime: 1448357837 });
    expect(imported).toMatchObject({ ErrorCode: 0, TopicId: expect.any(String) });
    const info = await topicRest('get_topic', { GroupId, TopicIdList: [imported.TopicId] });
    expect((info.TopicAndSelfInfo as Array<{ TopicInfo: { CreateTime: number } }>)[0]!.TopicInfo.CreateTime).toBe(1448357837);
    expect(await groupRest(stack, 'create_group', { Type: 'Community', Name: 'x', GroupId: '@TGS#_a@TOPIC#_b' })).toMatchObject({ ErrorCode: 10015 });
  });
});

describe('topic messages', () => {
  it('each topic has its own SEQ, history, unread and read position; members online get them with TopicId', async () => {
    const [owner, alice, bob] = await newUsers(stack, 3, 'tm');
    const GroupId = await community(owner, [alice, bob]);
    const [ta, tb] = [await topic(GroupId, 'a'), await topic(GroupId, 'b')];
    const [ca, cb] = await connectAll(stack, [alice, bob]);
    clients.push(ca!, cb!);
    const sent = await ca!.request('group.send', { GroupId, TopicId: ta, Random: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi a' } }] });
    expect(sent).toMatchObject({ ErrorCode: 0, data: { MsgSeq: 1 } });
    const event = await cb!.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message' && (f.data as { TopicId?: string }).TopicId === ta);
    expect(event.data).toMatchObject({ GroupId, TopicId: ta, From_Account: alice, MsgSeq: 1 });
    const cbBody = await callback((c) => c.CallbackCommand === 'Group.CallbackAfterSendMsg' && c.TopicId === ta);
    expect(cbBody.body).toMatchObject({ GroupId, TopicId: ta, Type: 'Community', MsgSeq: 1 });
    // The Community's own SEQ and the other topic's are untouched.
    expect(await groupRest(stack, 'send_group_msg', { GroupId, TopicId: tb, Random: 2, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'b1' } }] })).toMatchObject({ ErrorCode: 0, MsgSeq: 1 });
    expect(await groupRest(stack, 'send_group_msg', { GroupId, TopicId: tb, Random: 3, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'b2' } }] })).toMatchObject({ MsgSeq: 2 });
    const before = await groupRest(stack, 'get_group_info', { GroupIdList: [GroupId] });
    const next = (before.GroupInfo as Array<{ NextMsgSeq: number }>)[0]!.NextMsgSeq;
    expect(await groupRest(stack, 'send_group_msg', { GroupId, Random: 4, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'g' } }] })).toMatchObject({ MsgSeq: next });

    const history = await groupRest(stack, 'group_msg_get_simple', { GroupId, TopicId: tb, ReqMsgNumber: 20 });
    expect(history).toMatchObject({ ErrorCode: 0, GroupId });
    expect((history.RspMsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq)).toEqual([2, 1]);
    const wsHistory = await cb!.request('history.group', { GroupId, TopicId: ta });
    expect(wsHistory).toMatchObject({ ErrorCode: 0, data: { GroupId, TopicId: ta } });

    const list = await cb!.request('topic.list', { GroupId });
    const byId = new Map((list.data!.TopicAndSelfInfo as Array<{ TopicInfo: { TopicId: string }; UnreadNum: number }>).map((t) => [t.TopicInfo.TopicId, t]));
    expect(byId.get(ta)!.UnreadNum).toBe(1);
    expect(byId.get(tb)!.UnreadNum).toBe(2);
    expect(await cb!.request('msg.read', { GroupId, TopicId: tb, MsgSeq: 1 })).toMatchObject({ ErrorCode: 0, data: { UnreadNum: 1 } });
    const after = await topicRest('get_topic', { GroupId, From_Account: bob, TopicIdList: [tb] });
    expect((after.TopicAndSelfInfo as Array<{ SelfInfo: { MsgSeq: number } }>)[0]!.SelfInfo.MsgSeq).toBe(1);

    // Recall and mute inside one topic.
    expect(await groupRest(stack, 'group_msg_recall', { GroupId, TopicId: ta, MsgSeqList: [{ MsgSeq: 1 }] })).toMatchObject({ RecallRetList: [{ MsgSeq: 1, RetCode: 0 }] });
    expect(await groupRest(stack, 'forbid_send_msg', { GroupId, TopicId: ta, Members_Account: [bob], MuteTime: 600 })).toMatchObject({ ErrorCode: 0 });
    const muted = await groupRest(stack, 'get_group_muted_account', { GroupId, TopicId: ta });
    expect(muted.MutedAccountList).toEqual([{ Member_Account: bob, MutedUntil: expect.any(Number) }]);
    expect(await cb!.request('group.send', { GroupId, TopicId: ta, Random: 5, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }] })).toMatchObject({ ErrorCode: 10017 });
    expect(await cb!.request('group.send', { GroupId, TopicId: tb, Random: 6, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'y' } }] })).toMatchObject({ ErrorCode: 0 });
    // Unknown topics and topics of other groups.
    expect(await groupRest(stack, 'send_group_msg', { GroupId, TopicId: `${GroupId}@TOPIC#_none`, Random: 7, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'z' } }] })).toMatchObject({ ErrorCode: 10010 });
    expect(await groupRest(stack, 'send_group_msg', { GroupId, TopicId: '@TGS#_x@TOPIC#_y', Random: 8, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'z' } }] })).toMatchObject({ ErrorCode: 10004 });
    // A non-member cannot send to a topic.
    const [stranger] = await newUsers(stack, 1, 'tm');
    const [cs] = await connectAll(stack, [stranger]);
    clients.push(cs!);
    expect(await cs!.request('group.send', { GroupId, TopicId: tb, Random: 9, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'z' } }] })).toMatchObject({ ErrorCode: 10007 });
  });
});

describe('permission groups', () => {
  it('with EnablePermission, members send only where their permission groups let them', async () => {
    const [owner, alice, bob] = await newUsers(stack, 3, 'pg');
    const GroupId = await community(owner, [alice, bob], { EnablePermission: 1, DefaultPermission: 0 });
    const info = await groupRest(stack, 'get_group_info', { GroupIdList: [GroupId] });
    expect((info.GroupInfo as Array<Record<string, unknown>>)[0]).toMatchObject({ SupportTopic: 1, EnablePermission: 1, DefaultPermission: 0 });
    const [ta, tb] = [await topic(GroupId, 'a'), await topic(GroupId, 'b')];
    const [ca, cbob, co] = await connectAll(stack, [alice, bob, owner]);
    clients.push(ca!, cbob!, co!);
    const send = (c: TestClient, TopicId: string, Random: number) => c.request('group.send', { GroupId, TopicId, Random, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 't' } }] });
    expect(await send(ca!, ta, 1)).toMatchObject({ ErrorCode: 10007 });
    expect(await send(co!, ta, 2)).toMatchObject({ ErrorCode: 0 });

    const created = await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: '@PMG#_writers', PermissionGroupName: 'writers', Permission: 0, CustomString: 'c' });
    expect(created).toMatchObject({ ErrorCode: 0, PermissionGroupId: '@PMG#_writers' });
    expect(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: '@PMG#_writers', PermissionGroupName: 'w', Permission: 0 })).toMatchObject({ ErrorCode: 10021 });
    expect(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: '@PMG#_@PMG#x', PermissionGroupName: 'w', Permission: 0 })).toMatchObject({ ErrorCode: 10015 });
    expect(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupName: 'x'.repeat(151), Permission: 0 })).toMatchObject({ ErrorCode: 10004 });
    const [stranger] = await newUsers(stack, 1, 'pg');
    const added = await groupRest(stack, 'add_permission_group_member', { GroupId, PermissionGroupId: '@PMG#_writers', MemberList: [{ Member_Account: alice }, { Member_Account: stranger }] });
    expect(added.MemberList).toEqual([{ Member_Account: alice, Result: 0 }, { Member_Account: stranger, Result: 10007 }]);
    expect((await groupRest(stack, 'add_permission_group_member', { GroupId, PermissionGroupId: '@PMG#_writers', MemberList: [{ Member_Account: alice }] })).MemberList)
      .toEqual([{ Member_Account: alice, Result: 10013 }]);

    // SendTopicMessage (1<<3) in topic a only.
    const tp = await groupRest(stack, 'add_topic_permission_group', { GroupId, PermissionGroupId: '@PMG#_writers', TopicPermissionList: [{ TopicId: ta, Permission: 8 }] });
    expect(tp.TopicPermissionResultList).toEqual([{ ErrorCode: 0, ErrorInfo: '', TopicId: ta }]);
    expect(await send(ca!, ta, 3)).toMatchObject({ ErrorCode: 0 });
    expect(await send(ca!, tb, 4)).toMatchObject({ ErrorCode: 10007 });
    expect(await send(cbob!, ta, 5)).toMatchObject({ ErrorCode: 10007 });
    const got = await groupRest(stack, 'get_topic_permission_group', { GroupId, PermissionGroupId: '@PMG#_writers' });
    expect(got.TopicPermissionResultList).toEqual([{ ErrorCode: 0, ErrorInfo: '', TopicId: ta, Permission: 8 }]);

    // SendGroupMessage (1<<6) on the permission group: every topic.
    expect(await groupRest(stack, 'modify_permission_group', { GroupId, PermissionGroupId: '@PMG#_writers', Permission: 64 })).toMatchObject({ ErrorCode: 0 });
    expect(await send(ca!, tb, 6)).toMatchObject({ ErrorCode: 0 });
    const mine = await ca!.request('permission.list', { GroupId, TopicId: ta });
    expect(mine.data).toMatchObject({ EnablePermission: 1, Permission: 64, TopicPermission: 8, PermissionGroupList: [{ PermissionGroupId: '@PMG#_writers', MemberNum: 1 }] });
    // @all needs GroupAtAll.
    expect(await ca!.request('group.send', { GroupId, TopicId: tb, Random: 7, GroupAtInfo: [{ GroupAtAllFlag: 1 }], MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '@all' } }] }))
      .toMatchObject({ ErrorCode: 10007 });

    const members = await groupRest(stack, 'get_permission_group_member_list', { GroupId, PermissionGroupId: '@PMG#_writers', Limit: 10, Next: '' });
    expect(members).toMatchObject({ ErrorCode: 0, MemberList: [{ Member_Account: alice }], Next: '' });
    const listed = await groupRest(stack, 'get_permission_group', { GroupId, Limit: 20, Next: '' });
    expect(listed.PermissionGroupInfoList).toEqual([{ ErrorCode: 0, ErrorInfo: '', PermissionGroupId: '@PMG#_writers', PermissionGroupName: 'writers', Permission: 64, CustomString: 'c', MemberNum: 1, CreateTime: expect.any(Number) }]);
    expect(await groupRest(stack, 'delete_permission_group_member', { GroupId, PermissionGroupId: '@PMG#_writers', MemberList: [{ Member_Account: alice }, { Member_Account: bob }] })).toMatchObject({ ErrorCode: 0 });
    expect(await send(ca!, tb, 8)).toMatchObject({ ErrorCode: 10007 });
    // DefaultPermission gives everyone SendGroupMessage.
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId, DefaultPermission: 64 })).toMatchObject({ ErrorCode: 0 });
    expect(await send(cbob!, tb, 9)).toMatchObject({ ErrorCode: 0 });
    const destroyed = await groupRest(stack, 'destroy_permission_group', { GroupId, PermissionGroupIdList: ['@PMG#_writers', '@PMG#_none'] });
    expect(destroyed.PermissionGroupResultList).toEqual([{ ErrorCode: 0, ErrorInfo: '', PermissionGroupId: '@PMG#_writers' }, { ErrorCode: 10010, ErrorInfo: expect.any(String), PermissionGroupId: '@PMG#_none' }]);
    expect(await groupRest(stack, 'get_permission_group', { GroupId, PermissionGroupIdList: ['@PMG#_writers'] })).toMatchObject({ PermissionGroupInfoList: [{ ErrorCode: 10010 }] });
    // Permission groups are for Communities.
    const work = await newGroup(stack, { Type: 'Public', Owner_Account: owner });
    expect(await groupRest(stack, 'create_permission_group', { GroupId: work, PermissionGroupName: 'w', Permission: 0 })).toMatchObject({ ErrorCode: 10007 });
  });
});

describe('topics in the client SDK', () => {
  it('a topic is its own conversation GROUP<TopicId>: live messages, missed ones after a reconnect, unread per topic', async () => {
    const { ImClient, MemorySyncStorage, textElem } = await import('../../client/src/index.js');
    const { officialUserSig } = await import('../support/usersigs.js');
    const [owner, reader] = await newUsers(stack, 2, 'tc');
    const GroupId = await community(owner, [reader]);
    const [ta, tb] = [await topic(GroupId, 'a'), await topic(GroupId, 'b')];
    const storage = new MemorySyncStorage();
    const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 20, reconnectMaxMs: 150, storage, requestTimeoutMs: 4000 });
    const seen: Array<{ ConversationID: string; MsgSeq: number; TopicId?: string; GroupId?: string }> = [];
    im.on('message', (m) => seen.push(m));
    await im.login(reader, officialUserSig(reader));
    await im.whenSynced();
    const send = (TopicId: string, text: string, Random: number) => groupRest(stack, 'send_group_msg', { GroupId, TopicId, Random, MsgBody: [textElem(text)] });
    await send(ta, 'a1', 1);
    const until = async (check: () => boolean) => { for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 25)); expect(check()).toBe(true); };
    await until(() => seen.some((m) => m.ConversationID === `GROUP${ta}`));
    expect(seen.find((m) => m.ConversationID === `GROUP${ta}`)).toMatchObject({ GroupId, TopicId: ta, MsgSeq: 1 });
    // Missed while offline: two in b, one in a; the resync finds them per topic, in order.
    for (const c of stack.websocket.connections.values()) if (c.authorizer.userId === reader) c.socket.terminate();
    await send(tb, 'b1', 2);
    await send(tb, 'b2', 3);
    await send(ta, 'a2', 4);
    await until(() => seen.filter((m) => m.ConversationID === `GROUP${tb}`).length === 2 && seen.filter((m) => m.ConversationID === `GROUP${ta}`).length === 2);
    expect(seen.filter((m) => m.ConversationID === `GROUP${tb}`).map((m) => m.MsgSeq)).toEqual([1, 2]);
    expect(seen.filter((m) => m.ConversationID === `GROUP${ta}`).map((m) => m.MsgSeq)).toEqual([1, 2]);
    const list = await im.conversationList();
    const topicItems = list.Conversations.filter((c) => c.Type === 'Group' && c.TopicId !== undefined);
    expect(topicItems.map((c) => [c.Type === 'Group' ? c.TopicId : '', c.UnreadNum]).sort()).toEqual([[ta, 2], [tb, 2]].sort());
    const topics = await im.getTopicList({ GroupId });
    expect(topics.TopicAndSelfInfo.map((t) => t.UnreadNum)).toEqual([2, 2]);
    im.close();
  });
});
