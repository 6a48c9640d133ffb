// The permission matrix of a Community with permission groups (seed 002 权限组): every Community bit and every topic
// bit, each tried by a member who holds it (through a permission group) and by an Admin who does not (seed 002: with
// permission groups an Admin acts as a member). Against the real local stack, over the WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import type { Reply, TestClient } from '../support/ws-client.js';
import { COMMUNITY_BITS as C, TOPIC_BITS as T } from '../../functions/topics/permissions.js';

let stack: LocalStack;
let clients: TestClient[] = [];
let owner: string, holder: string, admin: string, target: string;
let holderWs: TestClient, adminWs: TestClient;
let GroupId: string, TopicId: string;
/** A permission group with no bits, for the membership and topic-permission cases. */
const EMPTY = '@PMG#_empty';
let random = 1;
const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

const ok = (reply: unknown) => expect(reply).toMatchObject({ ErrorCode: 0 });
async function sendAs(from: string, body: Record<string, unknown> = {}): Promise<number> {
  const reply = await groupRest(stack, 'send_group_msg', { GroupId, From_Account: from, Random: random++, MsgBody: text('m'), ...body });
  ok(reply);
  return reply.MsgSeq as number;
}

beforeAll(async () => {
  stack = await startTestStack();
  [owner, holder, admin, target] = await newUsers(stack, 4, 'pm');
  GroupId = await newGroup(stack, {
    Type: 'Community', Owner_Account: owner, SupportTopic: 1, EnablePermission: 1, DefaultPermission: 0, MemberList: [{ Member_Account: target }],
  });
  const created = await rest(stack, 'million_group_open_http_svc/create_topic', { GroupId, TopicName: 'general' });
  ok(created);
  TopicId = created.TopicId as string;
  // Sent before holder and admin join: what GetGroupHistoryMessage / GetTopicHistoryMessage are about.
  await sendAs(owner);
  await sendAs(owner, { TopicId });
  await new Promise((r) => setTimeout(r, 1100));
  ok(await groupRest(stack, 'add_group_member', { GroupId, MemberList: [{ Member_Account: holder }, { Member_Account: admin }] }));
  ok(await groupRest(stack, 'modify_group_member_info', { GroupId, Member_Account: admin, Role: 'Admin' }));
  ok(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: EMPTY, PermissionGroupName: 'empty', Permission: 0 }));
  clients = await connectAll(stack, [holder, admin]);
  [holderWs, adminWs] = clients as [TestClient, TestClient];
});
afterAll(async () => { await Promise.all(clients.map((c) => c.close())); await stack?.stop(); });

let groups = 0;
/** Gives `holder` exactly these bits through a new permission group; the returned function takes them back. */
async function grant(bits: { community?: number; topic?: number }): Promise<() => Promise<void>> {
  const id = `@PMG#_case${groups++}`;
  ok(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: id, PermissionGroupName: id, Permission: bits.community ?? 0 }));
  if (bits.topic) ok(await groupRest(stack, 'add_topic_permission_group', { GroupId, PermissionGroupId: id, TopicPermissionList: [{ TopicId, Permission: bits.topic }] }));
  ok(await groupRest(stack, 'add_permission_group_member', { GroupId, PermissionGroupId: id, MemberList: [{ Member_Account: holder }] }));
  return async () => { ok(await groupRest(stack, 'destroy_permission_group', { GroupId, PermissionGroupIdList: [id] })); };
}
const setDefault = async (bits: number) => ok(await groupRest(stack, 'modify_group_base_info', { GroupId, DefaultPermission: bits }));

interface Case {
  name: string;
  community?: number;
  topic?: number;
  /** Bits every member holds for the case (DefaultPermission), e.g. SendGroupMessage under GroupAtAll. */
  base?: number;
  act: (ws: TestClient, who: string) => Promise<Reply>;
}

const historySeqs = async (ws: TestClient, topic?: string) => {
  const reply = await ws.request('history.group', { GroupId, ...(topic && { TopicId: topic }), ReqMsgNumber: 20 });
  expect(reply.ErrorCode).toBe(0);
  return ((reply.data!.RspMsgList as Array<{ MsgSeq: number; IsPlaceMsg?: number }>)).filter((m) => !m.IsPlaceMsg).map((m) => m.MsgSeq);
};

const cases: Case[] = [
  { name: 'ManageGroupInfo: group.modify', community: C.ManageGroupInfo, act: (ws, who) => ws.request('group.modify', { GroupId, Introduction: who }) },
  { name: 'ManageGroupMember: another member\'s NameCard', community: C.ManageGroupMember, act: (ws, who) => ws.request('group.modifyMember', { GroupId, Member_Account: target, NameCard: who }) },
  { name: 'ManageGroupMember: the applications', community: C.ManageGroupMember, act: (ws) => ws.request('group.applications', { GroupId }) },
  { name: 'ManagePermissionGroupInfo: permission.create', community: C.ManagePermissionGroupInfo, act: (ws, who) => ws.request('permission.create', { GroupId, PermissionGroupName: who, Permission: 0 }) },
  { name: 'ManagePermissionGroupMember: permission.member.add', community: C.ManagePermissionGroupMember, act: (ws) => ws.request('permission.member.add', { GroupId, PermissionGroupId: EMPTY, MemberList: [{ Member_Account: target }] }) },
  { name: 'ManageTopic: topic.create', community: C.ManageTopic, act: (ws, who) => ws.request('topic.create', { GroupId, TopicName: who.slice(0, 20) }) },
  { name: 'GroupMuteMember: group.mute', community: C.GroupMuteMember, act: (ws) => ws.request('group.mute', { GroupId, Members_Account: [target], MuteTime: 0 }) },
  { name: 'GroupMuteMember: group.modifyMember MuteTime', community: C.GroupMuteMember, act: (ws) => ws.request('group.modifyMember', { GroupId, Member_Account: target, MuteTime: 0 }) },
  { name: 'SendGroupMessage: group.send', community: C.SendGroupMessage, act: (ws) => ws.request('group.send', { GroupId, Random: random++, MsgBody: text('hi') }) },
  {
    name: 'GroupAtAll: group.send @all', community: C.GroupAtAll, base: C.SendGroupMessage,
    act: (ws) => ws.request('group.send', { GroupId, Random: random++, MsgBody: text('@all'), GroupAtInfo: [{ GroupAtAllFlag: 1 }] }),
  },
  {
    name: 'RevokeOtherMemberGroupMessage: msg.recall of another member\'s message', community: C.RevokeOtherMemberGroupMessage,
    act: async (ws) => ws.request('msg.recall', { GroupId, MsgSeq: await sendAs(target) }),
  },
  { name: 'BanMemberGroupMessage: group.blocklist', community: C.BanMemberGroupMessage, act: (ws) => ws.request('group.blocklist', { GroupId }) },
  { name: 'ManageTopicInfo: topic.modify', topic: T.ManageTopicInfo, act: (ws, who) => ws.request('topic.modify', { GroupId, TopicId, Introduction: who }) },
  {
    name: 'ManagePermissionTopicInfo: permission.topic.delete', topic: T.ManagePermissionTopicInfo,
    act: (ws) => ws.request('permission.topic.delete', { GroupId, PermissionGroupId: EMPTY, TopicIdList: [TopicId] }),
  },
  { name: 'TopicMuteMember: group.mute in the topic', topic: T.TopicMuteMember, act: (ws) => ws.request('group.mute', { GroupId, TopicId, Members_Account: [target], MuteTime: 0 }) },
  { name: 'SendTopicMessage: group.send to the topic', topic: T.SendTopicMessage, act: (ws) => ws.request('group.send', { GroupId, TopicId, Random: random++, MsgBody: text('hi') }) },
  {
    name: 'TopicAtAll: group.send @all in the topic', topic: T.TopicAtAll, base: C.SendGroupMessage,
    act: (ws) => ws.request('group.send', { GroupId, TopicId, Random: random++, MsgBody: text('@all'), GroupAtInfo: [{ GroupAtAllFlag: 1 }] }),
  },
  {
    name: 'RevokeOtherMemberTopicMessage: msg.recall in the topic', topic: T.RevokeOtherMemberTopicMessage,
    act: async (ws) => ws.request('msg.recall', { GroupId, TopicId, MsgSeq: await sendAs(target, { TopicId }) }),
  },
];

describe('the permission matrix (EnablePermission 1, DefaultPermission 0)', () => {
  it.each(cases)('$name: allowed with the bit, refused (10007) to an Admin without it', async (c) => {
    if (c.base) await setDefault(c.base);
    const revoke = await grant({ community: c.community, topic: c.topic });
    try {
      expect(await c.act(holderWs, holder)).toMatchObject({ ErrorCode: 0 });
      const refused = await c.act(adminWs, admin);
      expect(refused.ErrorCode).toBe(10007);
      expect(refused.ErrorInfo.length).toBeGreaterThan(10);
    } finally {
      await revoke();
      if (c.base) await setDefault(0);
    }
    // Taken back, the holder is refused too: the bit (not something else about the holder) allowed it.
    expect((await c.act(holderWs, holder)).ErrorCode).toBe(10007);
  });

  it('a refused group.modify changes nothing', async () => {
    expect((await adminWs.request('group.modify', { GroupId, Introduction: 'by the admin' })).ErrorCode).toBe(10007);
    const info = await groupRest(stack, 'get_group_info', { GroupIdList: [GroupId] });
    expect((info.GroupInfo as Array<{ Introduction: string }>)[0]!.Introduction).not.toBe('by the admin');
  });

  it.each([
    ['GetGroupHistoryMessage', { community: C.GetGroupHistoryMessage }, undefined],
    ['GetTopicHistoryMessage', { topic: T.GetTopicHistoryMessage }, 'topic'],
  ] as const)('%s: messages sent before the member joined are visible only with the bit', async (_, bits, inTopic) => {
    const topic = inTopic ? TopicId : undefined;
    expect(await historySeqs(adminWs, topic)).not.toContain(1);
    const revoke = await grant(bits);
    try {
      expect(await historySeqs(holderWs, topic)).toContain(1);
      expect(await historySeqs(adminWs, topic)).not.toContain(1);
    } finally {
      await revoke();
    }
    expect(await historySeqs(holderWs, topic)).not.toContain(1);
  });

  it('the owner holds every bit without a permission group', async () => {
    const [ownerWs] = await connectAll(stack, [owner]);
    clients.push(ownerWs!);
    expect(await ownerWs!.request('group.modify', { GroupId, Notification: 'owner' })).toMatchObject({ ErrorCode: 0 });
    expect(await ownerWs!.request('group.mute', { GroupId, TopicId, Members_Account: [admin], MuteTime: 0 })).toMatchObject({ ErrorCode: 0 });
    expect(await historySeqs(ownerWs!)).toContain(1);
  });
});

describe('granting', () => {
  it('a member may hand out only the bits it holds, and add members only to groups within them', async () => {
    const revoke = await grant({ community: C.ManagePermissionGroupInfo | C.ManagePermissionGroupMember | C.SendGroupMessage });
    try {
      expect(await holderWs.request('permission.create', { GroupId, PermissionGroupName: 'senders', Permission: C.SendGroupMessage })).toMatchObject({ ErrorCode: 0 });
      const above = await holderWs.request('permission.create', { GroupId, PermissionGroupId: '@PMG#_above', PermissionGroupName: 'above', Permission: C.SendGroupMessage | C.BanMemberGroupMessage });
      expect(above.ErrorCode).toBe(10007);
      expect(above.ErrorInfo).toContain(String(C.BanMemberGroupMessage));
      expect((await groupRest(stack, 'get_permission_group', { GroupId, PermissionGroupIdList: ['@PMG#_above'] })).PermissionGroupInfoList).toMatchObject([{ ErrorCode: 10010 }]);
      // A group above the holder, made by the app admin: the holder may not add anyone to it, itself included.
      ok(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: '@PMG#_mods', PermissionGroupName: 'mods', Permission: C.BanMemberGroupMessage }));
      expect((await holderWs.request('permission.member.add', { GroupId, PermissionGroupId: '@PMG#_mods', MemberList: [{ Member_Account: holder }] })).ErrorCode).toBe(10007);
      expect((await holderWs.request('permission.modify', { GroupId, PermissionGroupId: '@PMG#_mods', Permission: 0 })).ErrorCode).toBe(10007);
      // Topic bits: those its Community bits imply (SendGroupMessage → SendTopicMessage) and no others.
      expect(await holderWs.request('permission.topic.add', { GroupId, PermissionGroupId: EMPTY, TopicPermissionList: [{ TopicId, Permission: T.SendTopicMessage }] }))
        .toMatchObject({ ErrorCode: 0, data: { TopicPermissionResultList: [{ ErrorCode: 0, TopicId }] } });
      expect((await holderWs.request('permission.topic.set', { GroupId, PermissionGroupId: EMPTY, TopicPermissionList: [{ TopicId, Permission: T.TopicMuteMember }] })).ErrorCode).toBe(10007);
      expect((await groupRest(stack, 'get_topic_permission_group', { GroupId, PermissionGroupId: EMPTY })).TopicPermissionResultList).toEqual([{ ErrorCode: 0, ErrorInfo: '', TopicId, Permission: T.SendTopicMessage }]);
      ok(await groupRest(stack, 'delete_topic_permission_group', { GroupId, PermissionGroupId: EMPTY, TopicIdList: [TopicId] }));
    } finally {
      await revoke();
    }
  });

  it('a TopicIdList that names a topic twice is read and deleted like one that names it once', async () => {
    ok(await groupRest(stack, 'add_topic_permission_group', { GroupId, PermissionGroupId: EMPTY, TopicPermissionList: [{ TopicId, Permission: T.SendTopicMessage }] }));
    const twice = [TopicId, TopicId];
    expect(await adminWs.request('permission.topic.get', { GroupId, PermissionGroupId: EMPTY, TopicIdList: twice }))
      .toMatchObject({ ErrorCode: 0, data: { TopicPermissionResultList: [{ ErrorCode: 0, TopicId, Permission: T.SendTopicMessage }, { ErrorCode: 0, TopicId }] } });
    ok(await groupRest(stack, 'delete_topic_permission_group', { GroupId, PermissionGroupId: EMPTY, TopicIdList: twice }));
    expect((await groupRest(stack, 'get_topic_permission_group', { GroupId, PermissionGroupId: EMPTY })).TopicPermissionResultList).toEqual([]);
  });

  it('permission-group reads are for members of the Community', async () => {
    const [stranger] = await newUsers(stack, 1, 'pms');
    const [strangerWs] = await connectAll(stack, [stranger!]);
    clients.push(strangerWs!);
    expect((await strangerWs!.request('permission.get', { GroupId, Limit: 20, Next: '' })).ErrorCode).toBe(10007);
    expect((await strangerWs!.request('permission.member.list', { GroupId, PermissionGroupId: EMPTY, Limit: 10, Next: '' })).ErrorCode).toBe(10007);
    const listed = await adminWs.request('permission.get', { GroupId, PermissionGroupIdList: [EMPTY] });
    expect(listed).toMatchObject({ ErrorCode: 0, data: { PermissionGroupInfoList: [{ ErrorCode: 0, PermissionGroupId: EMPTY, Permission: 0 }] } });
  });
});

describe('topic default permissions', () => {
  it('a topic\'s DefaultPermission gives its bits to every member in that topic only; setting it takes the permission-setting bit and only bits held', async () => {
    const created = await rest(stack, 'million_group_open_http_svc/create_topic', { GroupId, TopicName: 'open', DefaultPermission: T.SendTopicMessage });
    ok(created);
    const Open = created.TopicId as string;
    const topicInfo = async (id: string) => ((await rest(stack, 'million_group_open_http_svc/get_topic', { GroupId, TopicIdList: [id] }))
      .TopicAndSelfInfo as Array<{ TopicInfo: Record<string, unknown> }>)[0]!.TopicInfo;
    expect(await topicInfo(Open)).toMatchObject({ DefaultPermission: T.SendTopicMessage });
    expect(await topicInfo(TopicId)).not.toHaveProperty('DefaultPermission');
    // Holder is in no permission group here: it may send in the open topic, not in the other one or the Community.
    const send = (topic?: string) => holderWs.request('group.send', { GroupId, ...(topic && { TopicId: topic }), Random: random++, MsgBody: text('d') });
    expect((await send(Open)).ErrorCode).toBe(0);
    expect((await send(TopicId)).ErrorCode).toBe(10007);
    expect((await send()).ErrorCode).toBe(10007);
    // Changing it: refused without ManagePermissionGroupInfo (or ManagePermissionTopicInfo there), and nothing changes.
    expect((await holderWs.request('topic.modify', { GroupId, TopicId: Open, DefaultPermission: 0 })).ErrorCode).toBe(10007);
    expect(await topicInfo(Open)).toMatchObject({ DefaultPermission: T.SendTopicMessage });
    const managers = '@PMG#_openmanagers';
    ok(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: managers, PermissionGroupName: 'open managers', Permission: 0 }));
    ok(await groupRest(stack, 'add_topic_permission_group', { GroupId, PermissionGroupId: managers, TopicPermissionList: [{ TopicId: Open, Permission: T.ManageTopicInfo | T.ManagePermissionTopicInfo }] }));
    ok(await groupRest(stack, 'add_permission_group_member', { GroupId, PermissionGroupId: managers, MemberList: [{ Member_Account: holder }] }));
    try {
      // With them it may change it to bits it holds there (SendTopicMessage, from the default itself)...
      ok(await holderWs.request('topic.modify', { GroupId, TopicId: Open, DefaultPermission: T.SendTopicMessage | T.ManageTopicInfo }));
      expect(await topicInfo(Open)).toMatchObject({ DefaultPermission: T.SendTopicMessage | T.ManageTopicInfo });
      // ...even with the topic bits it may not hand out a bit it lacks there (TopicMuteMember).
      const above = await holderWs.request('topic.modify', { GroupId, TopicId: Open, DefaultPermission: T.TopicMuteMember });
      expect(above.ErrorCode).toBe(10007);
      expect(above.ErrorInfo).toContain(String(T.TopicMuteMember));
      // Taken back: nobody may send there any more.
      ok(await rest(stack, 'million_group_open_http_svc/modify_topic', { GroupId, TopicId: Open, DefaultPermission: 0 }));
      expect(await topicInfo(Open)).not.toHaveProperty('DefaultPermission');
      expect((await send(Open)).ErrorCode).toBe(10007);
    } finally {
      ok(await groupRest(stack, 'destroy_permission_group', { GroupId, PermissionGroupIdList: [managers] }));
    }
    // Bad input changes nothing.
    expect((await rest(stack, 'million_group_open_http_svc/modify_topic', { GroupId, TopicId: Open, DefaultPermission: -1 })).ErrorCode).toBe(10004);
  });
});

describe('leaving the Community', () => {
  it('a member who quits, or is kicked, leaves its permission groups: MemberNum drops and a rejoin brings no bits back', async () => {
    const [quitter, kicked] = await newUsers(stack, 2, 'pml');
    ok(await groupRest(stack, 'add_group_member', { GroupId, MemberList: [{ Member_Account: quitter }, { Member_Account: kicked }] }));
    ok(await groupRest(stack, 'create_permission_group', { GroupId, PermissionGroupId: '@PMG#_leavers', PermissionGroupName: 'leavers', Permission: C.SendGroupMessage }));
    ok(await groupRest(stack, 'add_permission_group_member', { GroupId, PermissionGroupId: '@PMG#_leavers', MemberList: [{ Member_Account: quitter }, { Member_Account: kicked }] }));
    const memberNum = async () => ((await groupRest(stack, 'get_permission_group', { GroupId, PermissionGroupIdList: ['@PMG#_leavers'] })).PermissionGroupInfoList as Array<{ MemberNum: number }>)[0]!.MemberNum;
    expect(await memberNum()).toBe(2);
    const [quitterWs] = await connectAll(stack, [quitter!]);
    clients.push(quitterWs!);
    expect(await quitterWs!.request('group.quit', { GroupId })).toMatchObject({ ErrorCode: 0 });
    ok(await groupRest(stack, 'delete_group_member', { GroupId, MemberToDel_Account: [kicked] }));
    expect(await memberNum()).toBe(0);
    const members = await groupRest(stack, 'get_permission_group_member_list', { GroupId, PermissionGroupId: '@PMG#_leavers', Limit: 10, Next: '' });
    expect(members.MemberList).toEqual([]);
    ok(await groupRest(stack, 'add_group_member', { GroupId, MemberList: [{ Member_Account: quitter }] }));
    const mine = await quitterWs!.request('permission.list', { GroupId });
    expect(mine).toMatchObject({ ErrorCode: 0, data: { PermissionGroupList: [], Permission: 0 } });
    expect((await quitterWs!.request('group.send', { GroupId, Random: random++, MsgBody: text('back') })).ErrorCode).toBe(10007);
  });
});
