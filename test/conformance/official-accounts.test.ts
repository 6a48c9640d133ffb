import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import { optional, type CorpusCase, type CorpusContext } from './corpus.js';

/**
 * Official accounts (official_account_open_http_svc) as public server SDKs send them. Java:
 * doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im model/request/*OfficialAccount*, *Subscriber*
 * (Jackson: every field serialized, unset ones as null; `OfficialAccount` without underscore in modify, the
 * subscriber entry of AddSubscriberRequest is its OfficialAccountItem `{Official_Account}`). Second client: a public
 * Java backend calling the REST API with Maps (found with find_string "get_subscribed_official_account_list"):
 * `Official_Account` in modify, `SubscriberList` of `{Subscriber_Account}` in add and delete, ResponseFilter lists.
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im';
const MAPS = 'public Java REST client (Map bodies)';
const S = 'official_account_open_http_svc';
const text = (Text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text } }];
let n = 0;
const nextId = () => `@TOA#_cf${Date.now().toString(36)}${n++}`;

async function account(ctx: CorpusContext, subscribers = 0): Promise<void> {
  const [owner, ...subs] = await ctx.users(1 + subscribers, 'oacf');
  const r = await ctx.ok(`${S}/create_official_account`, { Owner_Account: owner, Name: 'cf', OfficialAccountUserID: nextId() });
  ctx.vars.id = r.OfficialAccountUserID;
  ctx.vars.owner = owner;
  ctx.vars.subs = subs;
  if (subs.length > 0) await ctx.ok(`${S}/add_subscriber`, { Official_Account: r.OfficialAccountUserID, SubscriberList: subs.map((u) => ({ Subscriber_Account: u })) });
}
async function withMessage(ctx: CorpusContext): Promise<void> {
  await account(ctx, 1);
  const r = await ctx.ok(`${S}/send_official_account_msg`, { Official_Account: ctx.vars.id, Random: 7, MsgBody: text('hi') });
  ctx.vars.key = r.MsgKey;
}
const INFO = {
  Official_Account: 'string', Name: 'string', Owner_Account: 'string', LastMsgTime: 'integer', SubscriberNum: 'integer', Introduction: 'string',
  FaceUrl: 'string', Organization: 'string', CustomString: 'string', CreateTime: 'integer',
} as const;
const RESULT = [{ Subscriber_Account: 'string', Result: 'integer' }] as const;

const cases: CorpusCase[] = [
  {
    command: 'official_account_open_http_svc/create_official_account',
    source: `${JAVA} model/request/CreateOfficialAccountRequest.java / model/response/CreateOfficialAccountResult.java (unset fields null)`,
    async prepare(ctx) { [ctx.vars.owner] = await ctx.users(1, 'oacf'); },
    request: (ctx) => ({ Owner_Account: ctx.vars.owner, OfficialAccountUserID: null, Name: 'doocs', Introduction: null, FaceUrl: null, MaxSubscriberNum: null, Organization: null, CustomString: null }),
    reply: { OfficialAccountUserID: 'string' },
    after: (_ctx, reply) => { expect(reply.OfficialAccountUserID).toMatch(/^@TOA#_@TOA#/); },
  },
  {
    command: 'official_account_open_http_svc/create_official_account',
    title: 'custom id, zero values',
    source: `${MAPS} createOfficialAccount`,
    async prepare(ctx) { [ctx.vars.owner] = await ctx.users(1, 'oacf'); ctx.vars.id = nextId(); },
    request: (ctx) => ({ OfficialAccountUserID: ctx.vars.id, Owner_Account: ctx.vars.owner, Name: 'maps', Introduction: '', FaceUrl: '', Organization: '', MaxSubscriberNum: 0 }),
    reply: { OfficialAccountUserID: 'string' },
    async after(ctx, reply) {
      expect(reply.OfficialAccountUserID).toBe(ctx.vars.id);
      const info = await ctx.ok(`${S}/get_official_account_info`, { OfficialAccountIdList: [{ Official_Account: ctx.vars.id }] });
      expect(info.OfficialAccountInfoList).toEqual([expect.objectContaining({ MaxSubscriberNum: 100000 })]);
    },
  },
  {
    command: 'official_account_open_http_svc/destroy_official_account',
    source: `${JAVA} model/request/DestroyOfficialAccountRequest.java / DestroyOfficialAccountResult.java`,
    prepare: (ctx) => account(ctx),
    request: (ctx) => ({ Official_Account: ctx.vars.id }),
    reply: {},
  },
  {
    command: 'official_account_open_http_svc/modify_official_account_base_info',
    source: `${JAVA} model/request/ModifyOfficialAccountBaseInfoRequest.java (OfficialAccount, sic; unset fields null)`,
    prepare: (ctx) => account(ctx),
    request: (ctx) => ({ OfficialAccount: ctx.vars.id, Name: 'renamed', Introduction: null, FaceUrl: null, Organization: null, CustomString: null, MaxSubscriberNum: null }),
    reply: {},
    async after(ctx) {
      const info = await ctx.ok(`${S}/get_official_account_info`, { OfficialAccountIdList: [{ Official_Account: ctx.vars.id }] });
      expect(info.OfficialAccountInfoList).toEqual([expect.objectContaining({ Name: 'renamed', MaxSubscriberNum: 100000 })]);
    },
  },
  {
    command: 'official_account_open_http_svc/modify_official_account_base_info',
    title: 'Official_Account',
    source: `${MAPS} modifyOfficialAccount`,
    prepare: (ctx) => account(ctx),
    request: (ctx) => ({ Official_Account: ctx.vars.id, Name: 'maps', MaxSubscriberNum: 10 }),
    reply: {},
  },
  {
    command: 'official_account_open_http_svc/send_official_account_msg',
    source: `${JAVA} model/request/SendOfficialAccountMsgRequest.java / SendOfficialAccountMsgResult.java (MsgTime Integer, MsgKey String)`,
    prepare: (ctx) => account(ctx, 1),
    request: (ctx) => ({
      Official_Account: ctx.vars.id, Random: 123, MsgBody: text('hello world'), OfflinePushInfo: null, ForbidCallbackControl: null,
      OnlineOnlyFlag: null, SendMsgControl: null, CloudCustomData: null,
    }),
    reply: { MsgTime: 'integer', MsgKey: 'string' },
  },
  {
    command: 'official_account_open_http_svc/get_official_account_info',
    source: `${JAVA} model/request/GetOfficialAccountInfoRequest.java (OfficialAccountItem list) / GetOfficialAccountInfoResult.java, OfficialAccountInfoResult.java`,
    prepare: (ctx) => account(ctx),
    request: (ctx) => ({ OfficialAccountIdList: [{ Official_Account: ctx.vars.id }], ResponseFilter: null }),
    reply: { OfficialAccountInfoList: [{ ...INFO, ActionStatus: 'string', ErrorCode: 'integer', ErrorInfo: 'string' }] },
  },
  {
    command: 'official_account_open_http_svc/get_official_account_info',
    title: 'ResponseFilter',
    source: `${MAPS} getOfficialAccountInfo (OfficialAccountBaseInfoFilter)`,
    prepare: (ctx) => account(ctx),
    request: (ctx) => ({
      OfficialAccountIdList: [{ Official_Account: ctx.vars.id }],
      ResponseFilter: { OfficialAccountBaseInfoFilter: ['CreateTime', 'Name', 'Owner_Account', 'LastMsgTime', 'SubscriberNum', 'Introduction', 'FaceUrl', 'Organization', 'CustomString'] },
    }),
    reply: { OfficialAccountInfoList: [INFO] },
  },
  {
    command: 'official_account_open_http_svc/get_subscriber_info',
    source: `${JAVA} model/request/GetSubscriberInfoRequest.java (Next "") / GetSubscriberInfoResult.java, OfficialAccountSubscriberItem.java (MsgFlag Integer)`,
    prepare: (ctx) => account(ctx, 2),
    request: (ctx) => ({ Official_Account: ctx.vars.id, Limit: 10, Next: '' }),
    reply: {
      Next: 'string', SubscriberNum: 'integer',
      SubscriberList: [{ Subscriber_Account: 'string', SubscribeTime: 'integer', CustomString: 'string', MsgFlag: 'integer', LastSendMsgTime: 'integer' }],
    },
    after: (_ctx, reply) => { expect(reply.SubscriberList).toHaveLength(2); },
  },
  {
    command: 'official_account_open_http_svc/official_account_msg_recall',
    source: `${JAVA} model/request/OfficialAccountMsgRecallRequest.java (Reason null) / OfficialAccountMsgRecallResult.java, RecallRetItem.java`,
    prepare: withMessage,
    request: (ctx) => ({ Official_Account: ctx.vars.id, MsgKeyList: [ctx.vars.key], Reason: null }),
    reply: { RecallRetList: [{ MsgSeq: 'integer', RetCode: 'integer', MsgKey: 'string' }] },
  },
  {
    command: 'official_account_open_http_svc/official_account_msg_get_simple',
    source: `${JAVA} model/request/OfficialAccountMsgGetSimpleRequest.java / OfficialAccountMsgGetSimpleResult.java, RspMsgItem.java`,
    prepare: withMessage,
    request: (ctx) => ({ Official_Account: ctx.vars.id, LastMsgKey: null, ReqMsgNumber: 10, WithRecalledMsg: 1 }),
    reply: {
      Official_Account: 'string', IsFinished: 'integer', LastMsgKey: 'string',
      RspMsgList: [{
        From_Account: 'string', IsPlaceMsg: 'integer', MsgBody: 'any', IsSystemMsg: 'integer', MsgPriority: 'integer', MsgRandom: 'integer',
        MsgKey: 'string', MsgSeq: 'integer', MsgTimeStamp: 'integer',
      }],
    },
    after: (_ctx, reply) => { expect(reply.RspMsgList).toHaveLength(1); },
  },
  {
    command: 'official_account_open_http_svc/add_subscriber',
    source: `${JAVA} model/request/AddSubscriberRequest.java (SubscriberList of OfficialAccountItem: {Official_Account}) / AddSubscriberResult.java`,
    async prepare(ctx) { await account(ctx); [ctx.vars.user] = await ctx.users(1, 'oacf'); },
    request: (ctx) => ({ Official_Account: ctx.vars.id, SubscriberList: [{ Official_Account: ctx.vars.user }] }),
    reply: { SubscriberList: RESULT },
    after: (ctx, reply) => { expect(reply.SubscriberList).toEqual([{ Subscriber_Account: ctx.vars.user, Result: 1 }]); },
  },
  {
    command: 'official_account_open_http_svc/add_subscriber',
    title: 'Subscriber_Account',
    source: `${MAPS} addSubscriber`,
    async prepare(ctx) { await account(ctx); [ctx.vars.user] = await ctx.users(1, 'oacf'); },
    request: (ctx) => ({ Official_Account: ctx.vars.id, SubscriberList: [{ Subscriber_Account: ctx.vars.user }] }),
    reply: { SubscriberList: RESULT },
  },
  {
    command: 'official_account_open_http_svc/delete_subscriber',
    source: `${JAVA} model/request/DeleteSubscriberRequest.java (SubscriberToDel_Account) / DeleteSubscriberResult.java`,
    prepare: (ctx) => account(ctx, 1),
    request: (ctx) => ({ Official_Account: ctx.vars.id, SubscriberToDel_Account: ctx.vars.subs }),
    reply: { SubscriberList: RESULT },
    after: (ctx, reply) => { expect(reply.SubscriberList).toEqual([{ Subscriber_Account: (ctx.vars.subs as string[])[0], Result: 1 }]); },
  },
  {
    command: 'official_account_open_http_svc/delete_subscriber',
    title: 'SubscriberList',
    source: `${MAPS} deleteSubscriber`,
    prepare: (ctx) => account(ctx, 1),
    request: (ctx) => ({ Official_Account: ctx.vars.id, SubscriberList: (ctx.vars.subs as string[]).map((u) => ({ Subscriber_Account: u })) }),
    reply: { SubscriberList: RESULT },
    after: (_ctx, reply) => { expect(reply.SubscriberList).toEqual([expect.objectContaining({ Result: 1 })]); },
  },
  {
    command: 'official_account_open_http_svc/modify_subscriber_info',
    source: `${JAVA} model/request/ModifySubscriberInfoRequest.java / ModifySubscriberInfoResult.java`,
    prepare: (ctx) => account(ctx, 1),
    request: (ctx) => ({ Official_Account: ctx.vars.id, Subscriber_Account: (ctx.vars.subs as string[])[0], CustomString: 'test_custom_string' }),
    reply: {},
  },
  {
    command: 'official_account_open_http_svc/get_subscribed_official_account_list',
    source: `${JAVA} model/request/GetSubscribedOfficialAccountListRequest.java (Limit, Offset, ResponseFilter null) / GetSubscribedOfficialAccountListResult.java (Next Integer), OfficialAccountInfoItem.java`,
    prepare: (ctx) => account(ctx, 1),
    request: (ctx) => ({ Subscriber_Account: (ctx.vars.subs as string[])[0], Limit: null, Offset: null, ResponseFilter: null }),
    reply: {
      OfficialAccountInfoList: [{ ...INFO, SelfInfo: { SubscribeTime: 'integer', CustomString: 'string' } }],
      TotalCount: 'integer', CompleteFlag: 'integer', Next: 'integer',
    },
  },
  {
    command: 'official_account_open_http_svc/get_subscribed_official_account_list',
    title: 'filters',
    source: `${MAPS} getSubscribedOfficialAccounts (OfficialAccountBaseInfoFilter, SelfInfoFilter)`,
    prepare: (ctx) => account(ctx, 1),
    request: (ctx) => ({
      Subscriber_Account: (ctx.vars.subs as string[])[0], Limit: 20, Offset: 0,
      ResponseFilter: { OfficialAccountBaseInfoFilter: ['CreateTime', 'Name', 'Owner_Account', 'LastMsgTime', 'SubscriberNum', 'Introduction', 'FaceUrl', 'Organization'], SelfInfoFilter: ['SubscribeTime'] },
    }),
    reply: { OfficialAccountInfoList: [{ Official_Account: 'string', Name: 'string', SelfInfo: { SubscribeTime: 'integer', CustomString: optional('string') } }], TotalCount: 'integer' },
  },
];

runCorpus('official accounts as the server SDKs send them', cases);
