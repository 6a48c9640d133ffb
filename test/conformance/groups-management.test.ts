import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import { optional, type CorpusCase, type CorpusContext, type ReplyShape } from './corpus.js';
import { uniqueId } from '../support/stack.js';
import { GO, GO_MEMBER, JAVA, JAVA_MEMBER, KV, PHP, XJ } from './groups-shapes.js';

/**
 * group_open_http_svc group management (create, import, info, modify, destroy, owner, app list) as public server SDKs send it.
 * Go: dobyte/tencent-im group/types.go (encoding/json: fields without omitempty always sent, nil slices as null).
 * Go: xjcloudy/tencent-im-restapi-go group.go (GroupId always sent, "" for a server-assigned id).
 * Java: doocs/qcloud-im-server-sdk-java model/request, model/response, model/group (Jackson, nulls left out).
 * PHP: Tencent's own legacy TimRestApi.php sample (unset options sent as null).
 */

/** dobyte group/types.go groupInfo; with no ResponseFilter Tencent sends every base field, so they are required here. */
const GO_GROUP_INFO = {
  GroupId: 'string', ErrorCode: 'integer', ErrorInfo: 'string', Type: 'string', Name: 'string', Appid: 'integer', Introduction: 'string',
  Notification: 'string', FaceUrl: 'string', Owner_Account: 'string', CreateTime: 'integer', LastInfoTime: 'integer', LastMsgTime: 'integer',
  NextMsgSeq: 'integer', MemberNum: 'integer', MaxMemberNum: 'integer', ApplyJoinOption: 'string',
  // dobyte reads the legacy ShutUpAllMember; Tencent's reply today carries MuteAllMember (rest-api.md §4.14), so it stays absent.
  ShutUpAllMember: 'string?', AppDefinedData: optional(KV), MemberList: optional([GO_MEMBER]),
} as const;
/** doocs model/group/GroupInfo (CreateTime Integer, InfoSeq Long, NextMsgSeq Long, MuteAllMember String). */
const JAVA_GROUP_INFO = {
  GroupId: 'string', ErrorCode: 'integer', ErrorInfo: 'string', Type: 'string?', Name: 'string?', Introduction: 'string?', Notification: 'string?',
  FaceUrl: 'string?', Owner_Account: 'string?', CreateTime: 'integer?', InfoSeq: 'integer?', LastInfoTime: 'integer?', LastMsgTime: 'integer?',
  NextMsgSeq: 'integer?', MemberNum: 'integer?', MaxMemberNum: 'integer?', ApplyJoinOption: 'string?', MuteAllMember: 'string?',
  AppDefinedData: optional(KV), MemberList: optional([JAVA_MEMBER]),
} as const;

const info = async (ctx: CorpusContext, groupId: string): Promise<Record<string, unknown>> => {
  const r = await ctx.rest('group_open_http_svc/get_group_info', { GroupIdList: [groupId] });
  return (r.GroupInfo as Record<string, unknown>[])[0]!;
};

async function groupWithMembers(ctx: CorpusContext, type = 'Public'): Promise<void> {
  const [owner, a, b] = await ctx.users(3, 'gm');
  ctx.vars.owner = owner; ctx.vars.a = a; ctx.vars.b = b;
  const r = await ctx.ok('group_open_http_svc/create_group', {
    Owner_Account: owner, Type: type, Name: 'corpus', MemberList: [{ Member_Account: a }, { Member_Account: b }],
    AppDefinedData: [], // the custom fields of tests are declared per stack; none here
  });
  ctx.vars.groupId = r.GroupId;
}

const createdType = (expected: string) => async (ctx: CorpusContext, reply: Record<string, unknown>) => {
  expect(await info(ctx, reply.GroupId as string)).toMatchObject({ ErrorCode: 0, Type: expected });
};

const cases: CorpusCase[] = [
  {
    command: 'group_open_http_svc/create_group',
    title: 'Private (legacy Work) with initial members',
    source: `${GO} group/types.go createGroupReq, memberItem (ShutUpUntil always sent: 0; Role omitempty) / createGroupResp; im_test.go TestIm_Group_CreateGroup`,
    async prepare(ctx) { const [o, a, b] = await ctx.users(3, 'gc'); Object.assign(ctx.vars, { o, a, b }); },
    request: (ctx) => ({
      Owner_Account: ctx.vars.o, Type: 'Private', Name: '测试群2', FaceUrl: 'http://www.baidu.com', Introduction: '这是一个测试群', Notification: '这是一个测试群公告',
      MaxMemberCount: 30,
      MemberList: [
        { Member_Account: ctx.vars.a, JoinTime: Math.floor(Date.now() / 1000), ShutUpUntil: 0 },
        { Member_Account: ctx.vars.b, JoinTime: Math.floor(Date.now() / 1000), ShutUpUntil: 0 },
      ],
    }),
    reply: { GroupId: 'string' },
    async after(ctx, reply) {
      const g = await info(ctx, reply.GroupId as string);
      expect(g).toMatchObject({ ErrorCode: 0, Type: 'Work', MemberNum: 3, MaxMemberNum: 30, Name: '测试群2' });
    },
  },
  {
    command: 'group_open_http_svc/create_group',
    title: 'empty GroupId means a server-assigned one',
    source: `${XJ} group.go GroupDefine (GroupId without omitempty: "" when not chosen; Type ChatRoom) / CreateGroupResp`,
    request: () => ({ Type: 'ChatRoom', GroupId: '', Name: 'xj', MemberList: [] }),
    reply: { GroupId: 'string' },
    async after(ctx, reply) {
      expect(reply.GroupId).toMatch(/^@TGS#/);
      await createdType('Meeting')(ctx, reply);
    },
  },
  {
    command: 'group_open_http_svc/create_group',
    title: 'legacy BChatRoom',
    source: `${XJ} group.go TIMGroupBChatRoom ("BChatRoom", Tencent's deprecated broadcast group; read as AVChatRoom)`,
    request: () => ({ Type: 'BChatRoom', GroupId: '', Name: 'bc' }),
    reply: { GroupId: 'string' },
    after: createdType('AVChatRoom'),
  },
  {
    command: 'group_open_http_svc/create_group',
    title: 'Community',
    source: `${JAVA} model/request/CreateGroupRequest (SupportTopic Integer) / model/response/CreateGroupResult (GroupId, Type String, HugeGroupFlag Integer)`,
    async prepare(ctx) { [ctx.vars.o] = await ctx.users(1, 'gc'); },
    request: (ctx) => ({ Owner_Account: ctx.vars.o, Type: 'Community', Name: 'community', ApplyJoinOption: 'FreeAccess' }),
    reply: { GroupId: 'string', Type: 'string?', HugeGroupFlag: 'integer?' },
  },
  {
    command: 'group_open_http_svc/create_group',
    title: 'unset options as null',
    source: `${PHP} group_create_group2 (GroupId, Introduction, Notification, FaceUrl, ApplyJoinOption null when unset; MemberList [])`,
    async prepare(ctx) { [ctx.vars.o] = await ctx.users(1, 'gc'); },
    request: (ctx) => ({
      Type: 'Public', Name: 'php', Owner_Account: ctx.vars.o, GroupId: null, Introduction: null, Notification: null, FaceUrl: null,
      MaxMemberCount: 500, ApplyJoinOption: null, MemberList: [],
    }),
    reply: { GroupId: 'string' },
    async after(ctx, reply) {
      expect(await info(ctx, reply.GroupId as string)).toMatchObject({ ErrorCode: 0, ApplyJoinOption: 'NeedPermission', MaxMemberNum: 500, Introduction: '' });
    },
  },
  {
    command: 'group_open_http_svc/import_group',
    title: 'CreateTime 0 (not set)',
    source: `${GO} group/types.go importGroupReq (CreateTime int64 without omitempty: 0 when unset) / importGroupResp; im_test.go TestIm_Group_ImportGroup`,
    request: () => ({ Type: 'Public', Name: '测试群1', Introduction: '这是一个测试群', Notification: '这是一个测试群公告', FaceUrl: 'http://www.baidu.com', MaxMemberCount: 30, CreateTime: 0 }),
    reply: { GroupId: 'string' },
    async after(ctx, reply) {
      const g = await info(ctx, reply.GroupId as string);
      expect(Math.abs((g.CreateTime as number) - Date.now() / 1000)).toBeLessThan(60);
    },
  },
  {
    command: 'group_open_http_svc/import_group',
    title: 'with a CreateTime and a chosen GroupId',
    source: `${JAVA} model/request/ImportGroupRequest (CreateTime Integer) / model/response/ImportGroupResult`,
    request: (ctx) => { ctx.vars.id = uniqueId('imp'); return { Type: 'Work', GroupId: ctx.vars.id, Name: 'imported', CreateTime: 1600000000 }; },
    reply: { GroupId: 'string' },
    async after(ctx) {
      expect(await info(ctx, ctx.vars.id as string)).toMatchObject({ CreateTime: 1600000000, Type: 'Work' });
    },
  },
  {
    command: 'group_open_http_svc/get_group_info',
    source: `${GO} group/types.go getGroupsReq (ResponseFilter omitempty) / getGroupsResp, groupInfo (CreateTime int64, MemberNum uint, Appid int)`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({ GroupIdList: [ctx.vars.groupId] }),
    reply: { GroupInfo: [GO_GROUP_INFO] },
    after(_ctx, r) {
      const g = (r.GroupInfo as Record<string, unknown>[])[0]!;
      expect(g.MemberNum).toBe(3);
      expect(g).toHaveProperty('MuteAllMember', 'Off');
    },
  },
  {
    command: 'group_open_http_svc/get_group_info',
    title: 'with filters, an unknown group',
    source: `${JAVA} model/request/GetGroupInfoRequest, ResponseFilter / model/response/GetGroupInfoResult, model/group/GroupInfo`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({
      GroupIdList: [ctx.vars.groupId, 'nosuchgroup'],
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name', 'MemberNum', 'InfoSeq', 'MuteAllMember'], MemberInfoFilter: ['Account', 'Role', 'MuteUntil'] },
    }),
    reply: { GroupInfo: [JAVA_GROUP_INFO] },
    after(_ctx, r) {
      const [g, missing] = r.GroupInfo as Record<string, unknown>[];
      expect(g).toMatchObject({ ErrorCode: 0, Type: 'Public', MemberNum: 3 });
      expect((g!.MemberList as unknown[]).length).toBe(3);
      expect(missing).toMatchObject({ GroupId: 'nosuchgroup', ErrorCode: 10010 });
    },
  },
  {
    command: 'group_open_http_svc/get_group_info',
    title: 'legacy ShutUpUntil member filter',
    source: `${PHP} group_get_group_info (MemberInfoFilter Account, Role, JoinTime, LastSendMsgTime, ShutUpUntil)`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({
      GroupIdList: [ctx.vars.groupId],
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name', 'CreateTime', 'Owner_Account', 'MemberNum'], MemberInfoFilter: ['Account', 'Role', 'JoinTime', 'LastSendMsgTime', 'ShutUpUntil'], AppDefinedDataFilter_Group: ['GroupTestData1'] },
    }),
    reply: { GroupInfo: [JAVA_GROUP_INFO] },
    after(_ctx, r) {
      const member = ((r.GroupInfo as Record<string, unknown>[])[0]!.MemberList as Record<string, unknown>[])[0]!;
      expect(Object.keys(member).sort()).toEqual(['JoinTime', 'LastSendMsgTime', 'Member_Account', 'MuteUntil', 'Role']);
    },
  },
  {
    command: 'group_open_http_svc/modify_group_base_info',
    title: 'legacy ShutUpAllMember',
    source: `${GO} group/types.go updateGroupReq (ShutUpAllMember, MaxMemberNum omitempty); im_test.go TestIm_Group_UpdateGroup`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({
      GroupId: ctx.vars.groupId, Name: '测试群1', Introduction: '这是一个测试群', Notification: '这是一个测试群公告', FaceUrl: 'http://www.baidu.com',
      MaxMemberNum: 30, ShutUpAllMember: 'On',
    }),
    reply: {},
    async after(ctx) {
      expect(await info(ctx, ctx.vars.groupId as string)).toMatchObject({ Name: '测试群1', MaxMemberNum: 30, MuteAllMember: 'On' });
    },
  },
  {
    command: 'group_open_http_svc/modify_group_base_info',
    source: `${JAVA} model/request/ModifyGroupBaseInfoRequest (MuteAllMember, MaxMemberNum Integer, AppDefinedData) / ModifyGroupBaseInfoResult`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({ GroupId: ctx.vars.groupId, Introduction: '', ApplyJoinOption: 'FreeAccess', MuteAllMember: 'Off' }),
    reply: {},
    async after(ctx) {
      expect(await info(ctx, ctx.vars.groupId as string)).toMatchObject({ Introduction: '', ApplyJoinOption: 'FreeAccess' });
    },
  },
  {
    command: 'group_open_http_svc/modify_group_base_info',
    title: 'unset options as null, empty AppDefinedData',
    source: `${PHP} group_modify_group_base_info2 (Introduction, Notification, FaceUrl, MaxMemberNum null; AppDefinedData [])`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({ GroupId: ctx.vars.groupId, Name: 'renamed', Introduction: null, Notification: null, FaceUrl: null, MaxMemberNum: null, AppDefinedData: [] }),
    reply: {},
    async after(ctx) {
      expect(await info(ctx, ctx.vars.groupId as string)).toMatchObject({ Name: 'renamed', MaxMemberNum: 2000 });
    },
  },
  {
    command: 'group_open_http_svc/change_group_owner',
    source: `${GO} group/types.go changeGroupOwnerReq (GroupId, NewOwner_Account); ${JAVA} ChangeGroupOwnerRequest / ChangeGroupOwnerResult`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({ GroupId: ctx.vars.groupId, NewOwner_Account: ctx.vars.a }),
    reply: {},
    async after(ctx) {
      expect(await info(ctx, ctx.vars.groupId as string)).toMatchObject({ Owner_Account: ctx.vars.a });
    },
  },
  {
    command: 'group_open_http_svc/destroy_group',
    source: `${GO} group/types.go destroyGroupReq; ${XJ} group.go DestroyGroup (map GroupId); ${JAVA} DestroyGroupRequest / DestroyGroupResult`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: (ctx) => ({ GroupId: ctx.vars.groupId }),
    reply: {},
    async after(ctx) {
      expect(await info(ctx, ctx.vars.groupId as string)).toMatchObject({ ErrorCode: 10010 });
    },
  },
  {
    command: 'group_open_http_svc/get_appid_group_list',
    title: 'Limit and Next left out (0)',
    source: `${GO} group/types.go fetchGroupIdsReq (Limit, Next, Type omitempty) / fetchGroupIdsResp (Next int, TotalCount int, GroupIdList of {GroupId})`,
    prepare: (ctx) => groupWithMembers(ctx),
    request: () => ({}),
    reply: { Next: 'integer', TotalCount: 'integer', GroupIdList: [{ GroupId: 'string' }] },
    after(ctx, r) {
      expect((r.GroupIdList as { GroupId: string }[]).map((g) => g.GroupId)).toContain(ctx.vars.groupId);
      expect(r.Next).toBe(0);
    },
  },
  {
    command: 'group_open_http_svc/get_appid_group_list',
    title: 'a page of one, by type',
    source: `${JAVA} model/request/GetAppIdGroupListRequest (Limit Integer, Next Long, GroupType) / GetAppIdGroupListResult (TotalCount Integer, Next Long)`,
    async prepare(ctx) { await groupWithMembers(ctx, 'ChatRoom'); await groupWithMembers(ctx, 'ChatRoom'); },
    request: () => ({ Limit: 1, Next: 0, GroupType: 'ChatRoom' }),
    reply: { Next: 'integer', TotalCount: 'integer', GroupIdList: [{ GroupId: 'string' }] },
    after(_ctx, r) {
      expect(r.GroupIdList).toHaveLength(1);
      expect(r.Next).toBeGreaterThan(0);
      expect(r.TotalCount).toBeGreaterThanOrEqual(2);
    },
  },
  {
    command: 'group_open_http_svc/get_appid_group_list',
    title: 'unset options as null',
    source: `${PHP} group_get_appid_group_list2 (Limit 50, Offset null, GroupType null)`,
    request: () => ({ Limit: 50, Offset: null, GroupType: null }),
    reply: { Next: 'integer', TotalCount: 'integer', GroupIdList: [{ GroupId: 'string' }] as ReplyShape },
  },
];

runCorpus('group management as the server SDKs send it', cases);
