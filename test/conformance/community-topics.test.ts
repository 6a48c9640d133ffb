import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import { optional, type CorpusCase, type CorpusContext } from './corpus.js';

/**
 * Community topics and permission groups as public server SDKs and Tencent's pages send them. Java: doocs/qcloud-im-server-sdk-java
 * model/request/CreateGroupTopicRequest, GetGroupTopicRequest, ModifyGroupTopicRequest, DestroyGroupTopicRequest, ImportGroupTopicRequest
 * (Jackson NON_NULL: unset fields left out) and model/response/CreateGroupTopicResult (`TopicId`), GetGroupTopicResult
 * (`TopicAndSelfInfo` of TopicAndSelfInfoItem {ErrorCode, ErrorInfo, TopicInfo {TopicName, GroupID, FaceUrl, TopicId, NextMsgSeq (Long),
 * Notification, Introduction, CreateTime, LastMsgTime, ShutUpAllFlag, CustomString}, SelfInfo {ShutUpTime, MsgSeq, MsgFlag}}),
 * DestroyGroupTopicResult (`DestroyResultItem` {ErrorCode, ErrorInfo, TopicId}). PHP: fireqong/tencent-im src/Group.php createTopic,
 * getTopic, modifyTopic, destroyTopic, importTopic (group_open_http_svc), the caller's array json_encode'd. Permission groups: no
 * public server SDK has them; the bodies are the samples of Tencent's pages trtc.io/document/61232-61242.
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im';
const PHP = 'fireqong/tencent-im src/Group.php';
const DOCS = 'Tencent Cloud Chat REST pages (trtc.io/document/612xx)';
const topicInfo = {
  TopicName: 'string', GroupID: 'string', FaceUrl: 'string', TopicId: 'string', NextMsgSeq: 'integer', Notification: 'string', Introduction: 'string',
  CreateTime: 'integer', LastMsgTime: 'integer', ShutUpAllFlag: 'integer', CustomString: 'string',
} as const;

async function community(ctx: CorpusContext) {
  const [owner, member] = await ctx.users(2, 'tp');
  [ctx.vars.owner, ctx.vars.member] = [owner, member];
  ctx.vars.g = (await ctx.ok('group_open_http_svc/create_group', {
    Owner_Account: owner, Type: 'Community', Name: 'community', SupportTopic: 1, MemberList: [{ Member_Account: member }],
  })).GroupId;
}
async function withTopic(ctx: CorpusContext) {
  await community(ctx);
  ctx.vars.t = (await ctx.ok('million_group_open_http_svc/create_topic', { GroupId: ctx.vars.g, TopicName: 'TestTopic' })).TopicId;
}
async function withPermissionGroup(ctx: CorpusContext) {
  await withTopic(ctx);
  ctx.vars.pg = (await ctx.ok('group_open_http_svc/create_permission_group', { GroupId: ctx.vars.g, PermissionGroupName: 'pg', Permission: 64 })).PermissionGroupId;
}

const cases: CorpusCase[] = [
  {
    command: 'million_group_open_http_svc/create_topic',
    title: 'all fields, custom id',
    source: `${JAVA} model/request/CreateGroupTopicRequest.java / model/response/CreateGroupTopicResult.java; ${PHP} createTopic`,
    prepare: community,
    request: (ctx) => ({
      GroupId: ctx.vars.g, TopicId: `${ctx.vars.g as string}@TOPIC#_TestTopic`, TopicName: 'TestTopic', From_Account: ctx.vars.owner,
      CustomString: 'This is a custom string', FaceUrl: 'http://this.is.face.url', Notification: 'This is topic Notification', Introduction: 'This is topic Introduction',
    }),
    reply: { TopicId: 'string' },
    after(ctx, reply) { expect(reply.TopicId).toBe(`${ctx.vars.g as string}@TOPIC#_TestTopic`); },
  },
  {
    command: 'million_group_open_http_svc/get_topic',
    title: 'all topics with the member\'s SelfInfo',
    source: `${JAVA} model/request/GetGroupTopicRequest.java / model/response/GetGroupTopicResult.java, TopicAndSelfInfoItem.java, TopicInfo.java`,
    prepare: withTopic,
    request: (ctx) => ({ GroupId: ctx.vars.g, From_Account: ctx.vars.member }),
    reply: { TopicAndSelfInfo: [{ ErrorCode: 'integer', ErrorInfo: 'string', TopicInfo: topicInfo, SelfInfo: { ShutUpTime: 'integer', MsgSeq: 'integer', MsgFlag: 'string' } }] },
    after(ctx, reply) { expect(reply.TopicAndSelfInfo).toHaveLength(1); },
  },
  {
    command: 'million_group_open_http_svc/modify_topic',
    source: `${JAVA} model/request/ModifyGroupTopicRequest.java (MuteAllMember "On"/"Off"); ${PHP} modifyTopic`,
    prepare: withTopic,
    request: (ctx) => ({ GroupId: ctx.vars.g, TopicId: ctx.vars.t, TopicName: 'TestTopicName', Notification: 'Notification', MuteAllMember: 'On' }),
    reply: {},
    async after(ctx) {
      const got = await ctx.ok('million_group_open_http_svc/get_topic', { GroupId: ctx.vars.g, TopicIdList: [ctx.vars.t] });
      expect((got.TopicAndSelfInfo as Array<{ TopicInfo: Record<string, unknown> }>)[0]!.TopicInfo).toMatchObject({ TopicName: 'TestTopicName', ShutUpAllFlag: 1 });
    },
  },
  {
    command: 'million_group_open_http_svc/destroy_topic',
    source: `${JAVA} model/request/DestroyGroupTopicRequest.java / model/response/DestroyGroupTopicResult.java, DestroyGroupTopicResultItem.java`,
    prepare: withTopic,
    request: (ctx) => ({ GroupId: ctx.vars.g, TopicIdList: [ctx.vars.t] }),
    reply: { DestroyResultItem: [{ ErrorCode: 'integer', ErrorInfo: 'string', TopicId: 'string' }] },
  },
  {
    command: 'group_open_http_svc/import_topic',
    source: `${JAVA} model/request/ImportGroupTopicRequest.java / model/response/ImportGroupTopicResult.java; ${PHP} importTopic`,
    prepare: community,
    request: (ctx) => ({ Type: 'Community', GroupId: ctx.vars.g, TopicName: 'test_topic3', CreateTime: 1448357837 }),
    reply: { TopicId: 'string' },
  },
  {
    command: 'million_group_open_http_svc/import_topic',
    title: 'the path of Tencent\'s Chinese page (2025)',
    source: 'cloud.tencent.com/document/product/269/85313',
    prepare: community,
    request: (ctx) => ({ GroupId: ctx.vars.g, TopicName: 'test_topic3', CreateTime: 1448357837 }),
    reply: { TopicId: 'string' },
  },
  {
    command: 'group_open_http_svc/create_permission_group',
    source: `${DOCS}/61232 sample`,
    prepare: community,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: '@PMG#_test_permission_group', PermissionGroupName: 'test_permission_group', Permission: 123, CustomString: 'test_custom_string' }),
    reply: { PermissionGroupId: 'string' },
  },
  {
    command: 'group_open_http_svc/modify_permission_group',
    source: `${DOCS}/61234 sample`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, Permission: 123, PermissionGroupName: 'test_modify_group_name', CustomString: 'test_modify_custom_string' }),
    reply: {},
  },
  {
    command: 'group_open_http_svc/get_permission_group',
    title: 'all, first page',
    source: `${DOCS}/61235 sample`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, Limit: 20, Next: '' }),
    reply: {
      PermissionGroupInfoList: [{ ErrorCode: 'integer', ErrorInfo: 'string', PermissionGroupId: 'string', PermissionGroupName: 'string', Permission: 'integer', CustomString: 'string', MemberNum: 'integer', CreateTime: 'integer' }],
      Next: 'string',
    },
  },
  {
    command: 'group_open_http_svc/destroy_permission_group',
    source: `${DOCS}/61233 sample`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupIdList: [ctx.vars.pg] }),
    reply: { PermissionGroupResultList: [{ ErrorCode: 'integer', ErrorInfo: 'string', PermissionGroupId: 'string' }] },
  },
  {
    command: 'group_open_http_svc/add_topic_permission_group',
    source: `${DOCS}/61236 sample`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, TopicPermissionList: [{ Permission: 1234, TopicId: ctx.vars.t }] }),
    reply: { TopicPermissionResultList: [{ ErrorCode: 'integer', ErrorInfo: 'string', TopicId: 'string' }] },
  },
  {
    command: 'group_open_http_svc/set_topic_permission_group',
    source: `${DOCS}/61237 sample`,
    async prepare(ctx) {
      await withPermissionGroup(ctx);
      await ctx.ok('group_open_http_svc/add_topic_permission_group', { GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, TopicPermissionList: [{ Permission: 1, TopicId: ctx.vars.t }] });
    },
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, TopicPermissionList: [{ Permission: 123456, TopicId: ctx.vars.t }] }),
    reply: { TopicPermissionResultList: [{ ErrorCode: 'integer', ErrorInfo: 'string', TopicId: 'string' }] },
  },
  {
    command: 'group_open_http_svc/get_topic_permission_group',
    source: `${DOCS}/61239 sample`,
    async prepare(ctx) {
      await withPermissionGroup(ctx);
      await ctx.ok('group_open_http_svc/add_topic_permission_group', { GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, TopicPermissionList: [{ Permission: 1234, TopicId: ctx.vars.t }] });
    },
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg }),
    reply: { TopicPermissionResultList: [{ ErrorCode: 'integer', ErrorInfo: 'string', TopicId: 'string', Permission: 'integer' }] },
  },
  {
    command: 'group_open_http_svc/delete_topic_permission_group',
    source: `${DOCS}/61238 (client deleteTopicPermissionFromPermissionGroup: TopicIdList)`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, TopicIdList: [ctx.vars.t] }),
    reply: { TopicPermissionResultList: optional([{ ErrorCode: 'integer', ErrorInfo: 'string', TopicId: 'string' }]) },
  },
  {
    command: 'group_open_http_svc/add_permission_group_member',
    source: `${DOCS}/61240 sample`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, MemberList: [{ Member_Account: ctx.vars.member }] }),
    reply: { MemberList: [{ Member_Account: 'string', Result: 'integer' }] },
  },
  {
    command: 'group_open_http_svc/delete_permission_group_member',
    source: `${DOCS}/61241 sample`,
    prepare: withPermissionGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, MemberList: [{ Member_Account: ctx.vars.member }] }),
    reply: {},
  },
  {
    command: 'group_open_http_svc/get_permission_group_member_list',
    source: `${DOCS}/61242 sample (Limit ≤ 50, Next "" first)`,
    async prepare(ctx) {
      await withPermissionGroup(ctx);
      await ctx.ok('group_open_http_svc/add_permission_group_member', { GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, MemberList: [{ Member_Account: ctx.vars.member }] });
    },
    request: (ctx) => ({ GroupId: ctx.vars.g, PermissionGroupId: ctx.vars.pg, Limit: 20, Next: '' }),
    reply: { MemberList: [{ Member_Account: 'string' }], Next: 'string' },
  },
];

runCorpus('Community topics and permission groups', cases);
