import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import { optional, type CorpusCase, type CorpusContext } from './corpus.js';
import { uniqueId } from '../support/stack.js';
import { GO, GO_MEMBER, JAVA, JAVA_MEMBER, KV, PHP, XJ } from './groups-shapes.js';
import { connect } from '../support/ws-client.js';

/**
 * group_open_http_svc members (add, delete, info, modify, joined list, roles, import, unread) and
 * group_open_avchatroom_http_svc (get_members, check_members), as public server SDKs send them.
 * Go: dobyte/tencent-im group/types.go (fields without omitempty always sent, nil slices as null).
 * Go: xjcloudy/tencent-im-restapi-go group.go. Java: doocs/qcloud-im-server-sdk-java (Jackson, nulls left out).
 * PHP: Tencent's own legacy TimRestApi.php sample.
 */
const MEMBER_RESULT = [{ Member_Account: 'string', Result: 'integer' }] as const;

async function group(ctx: CorpusContext, type = 'Public', members = 2): Promise<void> {
  const [owner, ...rest] = await ctx.users(members + 3, 'gb');
  ctx.vars.owner = owner;
  ctx.vars.members = rest.slice(0, members);
  ctx.vars.outsiders = rest.slice(members);
  const r = await ctx.ok('group_open_http_svc/create_group', {
    Owner_Account: owner, Type: type, Name: 'members', ...(type !== 'AVChatRoom' && { MemberList: rest.slice(0, members).map((m) => ({ Member_Account: m })) }),
  });
  ctx.vars.groupId = r.GroupId;
}
const v = (ctx: CorpusContext) => ctx.vars as { groupId: string; owner: string; members: string[]; outsiders: string[] };
const roles = async (ctx: CorpusContext, users: string[]) =>
  ((await ctx.rest('group_open_http_svc/get_role_in_group', { GroupId: v(ctx).groupId, User_Account: users })).UserIdList as { Role: string }[]).map((r) => r.Role);
const member = async (ctx: CorpusContext, user: string) => {
  const r = await ctx.rest('group_open_http_svc/get_specified_group_member_info', { GroupId: v(ctx).groupId, Member_List_Account: [user] });
  return (r.MemberList as Record<string, unknown>[])[0]!;
};

const cases: CorpusCase[] = [
  {
    command: 'group_open_http_svc/add_group_member',
    source: `${GO} group/types.go addMembersReq (Silence omitempty), addMemberItem / addMembersResp, AddMembersResult (Result int); im_test.go TestIm_Group_AddGroupMembers`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Silence: 1, MemberList: [{ Member_Account: v(ctx).outsiders[0] }, { Member_Account: v(ctx).members[0] }] }),
    reply: { MemberList: MEMBER_RESULT },
    after(_ctx, r) { expect((r.MemberList as { Result: number }[]).map((m) => m.Result)).toEqual([1, 2]); },
  },
  {
    command: 'group_open_http_svc/add_group_member',
    title: 'misspelt Slicence, Role in items',
    source: `${XJ} group.go AddGroupMember (map with "Slicence": 0, MemberList of GroupMemberAccount, Role omitempty) / AddGroupMemberResp; unknown fields are ignored, as Tencent does`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Slicence: 0, MemberList: [{ Member_Account: v(ctx).outsiders[0] }] }),
    reply: { MemberList: MEMBER_RESULT },
    async after(ctx) { expect(await roles(ctx, [v(ctx).outsiders[0]!])).toEqual(['Member']); },
  },
  {
    command: 'group_open_http_svc/delete_group_member',
    title: 'Silence 0 and an empty Reason (always sent)',
    source: `${GO} group/types.go deleteMembersReq (GroupId, Silence, Reason, MemberToDel_Account, no omitempty)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Silence: 0, Reason: '', MemberToDel_Account: [v(ctx).members[0]] }),
    reply: {},
    async after(ctx) { expect(await roles(ctx, [v(ctx).members[0]!])).toEqual(['NotMember']); },
  },
  {
    command: 'group_open_http_svc/delete_group_member',
    source: `${JAVA} model/request/DeleteGroupMemberRequest (Silence Integer, Reason) / DeleteGroupMemberResult; ${XJ} group.go DeleteGroupMember`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Silence: 1, Reason: 'spam', MemberToDel_Account: v(ctx).members }),
    reply: {},
    async after(ctx) { expect(await roles(ctx, v(ctx).members)).toEqual(['NotMember', 'NotMember']); },
  },
  {
    command: 'group_open_http_svc/get_group_member_info',
    title: 'Limit 0, Offset 0, filters null',
    source: `${GO} group/types.go fetchMembersReq (Limit, Offset, MemberInfoFilter, MemberRoleFilter, AppDefinedDataFilter_GroupMember without omitempty) / fetchMembersResp (MemberNum int)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Limit: 0, Offset: 0, MemberInfoFilter: null, MemberRoleFilter: null, AppDefinedDataFilter_GroupMember: null }),
    reply: { MemberNum: 'integer', MemberList: [GO_MEMBER] },
    after(_ctx, r) {
      expect(r.MemberNum).toBe(3);
      expect(r.MemberList).toHaveLength(3); // Limit 0 is "not set": every member, as Tencent answers
    },
  },
  {
    command: 'group_open_http_svc/get_group_member_info',
    title: 'a page by role',
    source: `${JAVA} model/request/GetGroupMemberInfoRequest (Limit, Offset Integer, Next String) / GetGroupMemberInfoResult (MemberNum Integer, MemberList of MemberProfile, Next String)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Limit: 1, Offset: 1, MemberRoleFilter: ['Member'], MemberInfoFilter: ['Role', 'JoinTime', 'MuteUntil'] }),
    reply: { MemberNum: 'integer', MemberList: [JAVA_MEMBER], Next: 'string?' },
    after(_ctx, r) { expect(r.MemberList).toEqual([expect.objectContaining({ Role: 'Member' })]); },
  },
  {
    command: 'group_open_http_svc/get_group_member_info',
    title: 'Limit and Offset only',
    source: `${PHP} group_get_group_member_info (GroupId, Limit, Offset)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Limit: 2, Offset: 0 }),
    reply: { MemberNum: 'integer', MemberList: [JAVA_MEMBER] },
    after(_ctx, r) { expect(r.MemberList).toHaveLength(2); },
  },
  {
    command: 'group_open_http_svc/get_specified_group_member_info',
    source: `${JAVA} model/request/GetSpecifiedGroupMemberInfoRequest (Member_List_Account) / GetSpecifiedGroupMemberInfoResult (GroupId, MemberList of MemberProfile)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Member_List_Account: [v(ctx).members[0], v(ctx).outsiders[0]], MemberInfoFilter: ['Role', 'NameCard'] }),
    reply: { GroupId: 'string', MemberList: [JAVA_MEMBER] },
    after(ctx, r) { expect(r.MemberList).toEqual([{ Member_Account: v(ctx).members[0], Role: 'Member', NameCard: '' }]); },
  },
  {
    command: 'group_open_http_svc/modify_group_member_info',
    source: `${GO} group/types.go updateMemberReq (Role, NameCard, MsgFlag omitempty; ShutUpUntil *int64 omitempty, not set here); im_test.go TestIm_Group_UpdateGroupMember`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Member_Account: v(ctx).members[0], Role: 'Admin', NameCard: '这是一个测试名片信息', MsgFlag: 'AcceptAndNotify' }),
    reply: {},
    async after(ctx) { expect(await member(ctx, v(ctx).members[0]!)).toMatchObject({ Role: 'Admin', NameCard: '这是一个测试名片信息' }); },
  },
  {
    command: 'group_open_http_svc/modify_group_member_info',
    title: 'MuteTime',
    source: `${JAVA} model/request/ModifyGroupMemberInfoRequest (MuteTime Long, AppMemberDefinedData) / ModifyGroupMemberInfoResult`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Member_Account: v(ctx).members[0], MuteTime: 600 }),
    reply: {},
    async after(ctx) { expect((await member(ctx, v(ctx).members[0]!)).MuteUntil as number).toBeGreaterThan(Date.now() / 1000 + 500); },
  },
  {
    command: 'group_open_http_svc/modify_group_member_info',
    title: 'legacy ShutUpTime 0 unmutes',
    source: `${PHP} group_modify_group_member_info2 ($shutup_time, Tencent's older ShutUpTime name of MuteTime)`,
    async prepare(ctx) {
      await group(ctx);
      await ctx.ok('group_open_http_svc/modify_group_member_info', { GroupId: v(ctx).groupId, Member_Account: v(ctx).members[0], MuteTime: 600 });
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, Member_Account: v(ctx).members[0], Role: 'Member', ShutUpTime: 0 }),
    reply: {},
    async after(ctx) { expect(await member(ctx, v(ctx).members[0]!)).toMatchObject({ MuteUntil: 0 }); },
  },
  {
    command: 'group_open_http_svc/get_joined_group_list',
    source: `${GO} group/types.go fetchMemberGroupsReq (Limit, Offset, Type, WithHugeGroups, WithNoActiveGroups omitempty; ResponseFilter with SelfInfoFilter) / fetchMemberGroupsResp (TotalCount int, GroupIdList of groupInfo with SelfInfo); im_test.go TestIm_Group_FetchMemberGroups`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({
      Member_Account: v(ctx).members[0], Limit: 3, WithHugeGroups: 1, WithNoActiveGroups: 1,
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name', 'Owner_Account', 'MemberNum', 'MaxMemberNum', 'CreateTime', 'LastMsgTime', 'NextMsgSeq'], SelfInfoFilter: ['Role', 'JoinTime', 'MsgFlag', 'ShutUpUntil'] },
    }),
    reply: {
      TotalCount: 'integer',
      GroupIdList: [{
        GroupId: 'string', Type: 'string?', Name: 'string?', Owner_Account: 'string?', CreateTime: 'integer?', LastMsgTime: 'integer?', NextMsgSeq: 'integer?',
        MemberNum: 'integer?', MaxMemberNum: 'integer?', SelfInfo: optional({ Role: 'string?', JoinTime: 'integer?', MsgFlag: 'string?', MuteUntil: 'integer?' }),
      }],
    },
    after(ctx, r) {
      expect(r.TotalCount).toBe(1);
      expect((r.GroupIdList as Record<string, unknown>[])[0]).toMatchObject({ GroupId: v(ctx).groupId, MemberNum: 3, SelfInfo: { Role: 'Member', MuteUntil: 0 } });
    },
  },
  {
    command: 'group_open_http_svc/get_joined_group_list',
    title: 'GroupType, no filter',
    source: `${JAVA} model/request/GetJoinedGroupListRequest (GroupType, Limit/Offset Integer) / GetJoinGroupListResult (TotalCount Integer, GroupIdList of GroupIdListResultItem)`,
    prepare: (ctx) => group(ctx, 'ChatRoom'),
    request: (ctx) => ({ Member_Account: v(ctx).owner, GroupType: 'ChatRoom', Limit: 10, Offset: 0 }),
    reply: { TotalCount: 'integer', GroupIdList: [{ GroupId: 'string' }] },
    after(ctx, r) { expect(r.GroupIdList).toEqual([{ GroupId: v(ctx).groupId }]); },
  },
  {
    command: 'group_open_http_svc/get_role_in_group',
    source: `${GO} group/types.go getRolesInGroupReq (User_Account) / getRolesInGroupResp (UserIdList of {Member_Account, Role}); ${JAVA} GetRoleInGroupResult`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, User_Account: [v(ctx).owner, v(ctx).members[0], uniqueId('none')] }),
    reply: { UserIdList: [{ Member_Account: 'string', Role: 'string' }] },
    after(_ctx, r) { expect((r.UserIdList as { Role: string }[]).map((u) => u.Role)).toEqual(['Owner', 'Member', 'NotMember']); },
  },
  {
    command: 'group_open_http_svc/import_group_member',
    source: `${GO} group/types.go importMembersReq, memberItem (Role, JoinTime, UnreadMsgNum omitempty; ShutUpUntil always sent: 0) / importMembersResp (Result int); im_test.go TestIm_Group_ImportMembers`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({
      GroupId: v(ctx).groupId,
      MemberList: [
        { Member_Account: v(ctx).outsiders[0], Role: 'Admin', JoinTime: Math.floor(Date.now() / 1000) - 100, ShutUpUntil: 0, UnreadMsgNum: 10 },
        { Member_Account: v(ctx).outsiders[1], ShutUpUntil: 0 },
      ],
    }),
    reply: { MemberList: MEMBER_RESULT },
    async after(ctx, r) {
      expect((r.MemberList as { Result: number }[]).map((m) => m.Result)).toEqual([1, 1]);
      expect(await roles(ctx, v(ctx).outsiders)).toEqual(['Admin', 'Member']);
    },
  },
  {
    command: 'group_open_http_svc/import_group_member',
    title: 'JoinTime and UnreadMsgNum 0',
    source: `${XJ} group.go ImportMemberAccount (JoinTime int64 and UnreadMsgNum int without omitempty: 0 when unset) / AddGroupMemberResp; ${JAVA} MemberItem, ImportGroupMemberResult`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, MemberList: [{ Member_Account: v(ctx).outsiders[0], JoinTime: 0, UnreadMsgNum: 0 }] }),
    reply: { MemberList: MEMBER_RESULT },
    async after(ctx) { expect((await member(ctx, v(ctx).outsiders[0]!)).JoinTime as number).toBeGreaterThan(Date.now() / 1000 - 60); },
  },
  {
    command: 'group_open_http_svc/set_unread_msg_num',
    title: 'UnreadMsgNum 0',
    source: `${GO} group/types.go setMemberUnreadMsgNumReq (UnreadMsgNum int, always sent); ${JAVA} SetUnreadMsgNumRequest / SetUnreadMsgNumResult`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Member_Account: v(ctx).members[0], UnreadMsgNum: 0 }),
    reply: {},
  },
  {
    command: 'group_open_avchatroom_http_svc/get_members',
    source: `${JAVA} model/request/GetMembersRequest (Timestamp Long, Mark Long: left out) / GetMembersResult (MemberList of MemberListItem {Member_Account, JoinTime Integer}, NextTimestamp Long)`,
    async prepare(ctx) {
      await group(ctx, 'AVChatRoom', 0);
      const [u] = v(ctx).outsiders;
      const client = await connect(ctx.stack, u!);
      expect(await client.request('group.join', { GroupId: v(ctx).groupId })).toMatchObject({ ErrorCode: 0 });
      ctx.vars.client = client;
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, Timestamp: 0 }),
    reply: { MemberList: [{ Member_Account: 'string', JoinTime: 'integer', NickName: 'string?', Avatar: 'string?' }], NextTimestamp: 'integer' },
    async after(ctx, r) {
      expect((r.MemberList as { Member_Account: string }[]).map((m) => m.Member_Account)).toContain(v(ctx).outsiders[0]);
      await (ctx.vars.client as { close(): Promise<void> }).close();
    },
  },
  {
    command: 'group_open_avchatroom_http_svc/get_members',
    title: 'Timestamp and Mark 0',
    source: 'integer-typed request (Timestamp, Mark both 0 when unset): rest-api.md §3.8 "Timestamp (0 first)"; Mark 0 is no mark filter',
    async prepare(ctx) {
      await group(ctx, 'AVChatRoom', 0);
      const client = await connect(ctx.stack, v(ctx).outsiders[0]!);
      expect(await client.request('group.join', { GroupId: v(ctx).groupId })).toMatchObject({ ErrorCode: 0 });
      ctx.vars.client = client;
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, Timestamp: 0, Mark: 0 }),
    reply: { MemberList: [{ Member_Account: 'string', JoinTime: 'integer' }], NextTimestamp: 'integer' },
    async after(ctx, r) {
      expect(r.MemberList).not.toEqual([]);
      await (ctx.vars.client as { close(): Promise<void> }).close();
    },
  },
  {
    command: 'group_open_avchatroom_http_svc/check_members',
    source: `${JAVA} model/request/CheckMembersRequest (Member_Account List<String>) / CheckMembersResult (Member_Account List<String>)`,
    async prepare(ctx) {
      await group(ctx, 'AVChatRoom', 0);
      const client = await connect(ctx.stack, v(ctx).outsiders[0]!);
      expect(await client.request('group.join', { GroupId: v(ctx).groupId })).toMatchObject({ ErrorCode: 0 });
      ctx.vars.client = client;
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, Member_Account: v(ctx).outsiders }),
    reply: { Member_Account: ['string'] },
    async after(ctx, r) {
      expect(r.Member_Account).toEqual([v(ctx).outsiders[0]]);
      await (ctx.vars.client as { close(): Promise<void> }).close();
    },
  },
];

runCorpus('group members as the server SDKs send them', cases);
