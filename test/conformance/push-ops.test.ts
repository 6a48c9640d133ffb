import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import { optional, type CorpusCase, type CorpusContext } from './corpus.js';

/**
 * all_member_push (push to all, attributes, tags) and the operations commands, as dobyte/tencent-im
 * (push/types.go, operation/types.go) and doocs/qcloud-im-server-sdk-java (model/request, model/response) send and read them.
 */
const GO = 'dobyte/tencent-im';
const JAVA = 'doocs/qcloud-im-server-sdk-java';
const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'to all' } }];

async function one(ctx: CorpusContext) { [ctx.vars.a] = await ctx.users(1, 'pu'); }
const attrsOf = async (ctx: CorpusContext) =>
  ((await ctx.ok('all_member_push/im_get_attr', { To_Account: [ctx.vars.a] })).UserAttrs as { Attrs: Record<string, string> }[])[0]!.Attrs;
const tagsOf = async (ctx: CorpusContext) =>
  ((await ctx.ok('all_member_push/im_get_tag', { To_Account: [ctx.vars.a] })).UserTags as { Tags: string[] }[])[0]!.Tags;

const cases: CorpusCase[] = [
  {
    command: 'all_member_push/im_push',
    title: 'tag condition with nil slices and maps',
    source: `${GO} push/types.go pushMessageReq / condition (TagsAnd, TagsOr, AttrsAnd, AttrsOr without omitempty: nil ones are null) / pushMessageResp (TaskId string)`,
    request: () => ({ Condition: { TagsAnd: null, TagsOr: ['vip'], AttrsAnd: null, AttrsOr: null }, MsgRandom: 1, MsgBody: body }),
    reply: { TaskId: 'string' },
  },
  {
    command: 'all_member_push/im_push',
    title: 'everyone',
    source: `${JAVA} model/request/ImPushRequest (Condition left out) / model/response/ImPushResult (TaskId String)`,
    // Tencent allows one im_push per second per app (60018 sooner); the case before this one pushed.
    async prepare() { await new Promise((resolve) => setTimeout(resolve, 1100)); },
    request: () => ({ MsgRandom: 2, MsgBody: body, MsgLifeTime: 3600, OfflinePushInfo: { PushFlag: 0, Desc: 'd' } }),
    reply: { TaskId: 'string' },
  },
  {
    command: 'all_member_push/im_set_attr_name',
    source: `${GO} push/types.go setAttrNamesReq (AttrNames map[string]string)`,
    request: () => ({ AttrNames: { 0: 'sex', 1: 'city' } }),
    reply: {},
    async after(ctx) {
      const r = await ctx.ok('all_member_push/im_get_attr_name', {});
      expect(r.AttrNames).toMatchObject({ 0: 'sex', 1: 'city' });
    },
  },
  {
    command: 'all_member_push/im_get_attr_name',
    source: `${GO} push/types.go getAttrNamesReq {} / getAttrNamesResp (AttrNames map[string]string)`,
    async prepare(ctx) { await ctx.ok('all_member_push/im_set_attr_name', { AttrNames: { 0: 'sex' } }); },
    request: () => ({}),
    reply: { AttrNames: { 0: 'string' } },
  },
  {
    command: 'all_member_push/im_set_attr',
    title: 'Go wrapper name "Attrs"',
    source: `${GO} push/types.go setUserAttrsReq (json "Attrs" for Tencent's UserAttrs)`,
    async prepare(ctx) { await one(ctx); await ctx.ok('all_member_push/im_set_attr_name', { AttrNames: { 0: 'sex', 1: 'city' } }); },
    request: (ctx) => ({ Attrs: [{ To_Account: ctx.vars.a, Attrs: { sex: 'm', city: 'sz' } }] }),
    reply: {},
    async after(ctx) { expect(await attrsOf(ctx)).toEqual({ sex: 'm', city: 'sz' }); },
  },
  {
    command: 'all_member_push/im_set_attr',
    source: `${JAVA} model/request/ImSetAttrRequest (UserAttrs)`,
    async prepare(ctx) { await one(ctx); await ctx.ok('all_member_push/im_set_attr_name', { AttrNames: { 0: 'sex' } }); },
    request: (ctx) => ({ UserAttrs: [{ To_Account: ctx.vars.a, Attrs: { sex: 'f' } }] }),
    reply: {},
  },
  {
    command: 'all_member_push/im_get_attr',
    // Go reads the reply's "Attrs" (getUserAttrsResp); Tencent's documented reply field is UserAttrs (doocs ImGetAttrResult), which is served.
    source: `${JAVA} model/response/ImGetAttrResult, UserAttrItem (To_Account, Attrs Map); ${GO} push/types.go getUserAttrsReq`,
    async prepare(ctx) {
      await one(ctx); await ctx.ok('all_member_push/im_set_attr_name', { AttrNames: { 0: 'sex' } });
      await ctx.ok('all_member_push/im_set_attr', { UserAttrs: [{ To_Account: ctx.vars.a, Attrs: { sex: 'm' } }] });
    },
    request: (ctx) => ({ To_Account: [ctx.vars.a] }),
    reply: { UserAttrs: [{ To_Account: 'string', Attrs: { sex: 'string' } }] },
  },
  {
    command: 'all_member_push/im_remove_attr',
    source: `${GO} push/types.go deleteUserAttrsReq (json "Attrs" of deleteUserAttr {To_Account, Attrs []string})`,
    async prepare(ctx) {
      await one(ctx); await ctx.ok('all_member_push/im_set_attr_name', { AttrNames: { 0: 'sex' } });
      await ctx.ok('all_member_push/im_set_attr', { UserAttrs: [{ To_Account: ctx.vars.a, Attrs: { sex: 'm' } }] });
    },
    request: (ctx) => ({ Attrs: [{ To_Account: ctx.vars.a, Attrs: ['sex'] }] }),
    reply: {},
    async after(ctx) { expect(await attrsOf(ctx)).toEqual({}); },
  },
  {
    command: 'all_member_push/im_add_tag',
    title: 'Go wrapper name "Tags"',
    source: `${GO} push/types.go addUserTagsReq (json "Tags" for Tencent's UserTags)`,
    prepare: one,
    request: (ctx) => ({ Tags: [{ To_Account: ctx.vars.a, Tags: ['vip', 'new'] }] }),
    reply: {},
    async after(ctx) { expect((await tagsOf(ctx)).sort()).toEqual(['new', 'vip']); },
  },
  {
    command: 'all_member_push/im_add_tag',
    source: `${JAVA} model/request/ImAddTagRequest (UserTags)`,
    prepare: one,
    request: (ctx) => ({ UserTags: [{ To_Account: ctx.vars.a, Tags: ['a'] }] }),
    reply: {},
  },
  {
    command: 'all_member_push/im_get_tag',
    // Go reads "Tags" (getUserTagsResp); Tencent's reply field is UserTags (doocs ImGetTagResult), which is served.
    source: `${JAVA} model/response/ImGetTagResult, UserTagItem (To_Account, Tags List<String>); ${GO} push/types.go getUserTagsReq`,
    async prepare(ctx) { await one(ctx); await ctx.ok('all_member_push/im_add_tag', { UserTags: [{ To_Account: ctx.vars.a, Tags: ['vip'] }] }); },
    request: (ctx) => ({ To_Account: [ctx.vars.a] }),
    reply: { UserTags: [{ To_Account: 'string', Tags: ['string'] }] },
  },
  {
    command: 'all_member_push/im_remove_tag',
    source: `${GO} push/types.go deleteUserTagsReq (json "Tags")`,
    async prepare(ctx) { await one(ctx); await ctx.ok('all_member_push/im_add_tag', { UserTags: [{ To_Account: ctx.vars.a, Tags: ['vip', 'x'] }] }); },
    request: (ctx) => ({ Tags: [{ To_Account: ctx.vars.a, Tags: ['vip'] }] }),
    reply: {},
    async after(ctx) { expect(await tagsOf(ctx)).toEqual(['x']); },
  },
  {
    command: 'all_member_push/im_remove_all_tags',
    source: `${GO} push/types.go deleteUserAllTagsReq (To_Account)`,
    async prepare(ctx) { await one(ctx); await ctx.ok('all_member_push/im_add_tag', { UserTags: [{ To_Account: ctx.vars.a, Tags: ['vip'] }] }); },
    request: (ctx) => ({ To_Account: [ctx.vars.a] }),
    reply: {},
    async after(ctx) { expect(await tagsOf(ctx)).toEqual([]); },
  },
  {
    command: 'openconfigsvr/getappinfo',
    source: `${GO} operation/types.go getOperationDataReq (RequestField omitempty: all fields) / OperationData (every value a string)`,
    request: () => ({}),
    reply: { Result: [{ AppId: 'string', AppName: 'string', Company: 'string', RegistUserNumTotal: 'string', GroupAllGroupNum: 'string', Date: 'string', C2CUpMsgNum: 'string?', GroupSendMsgGroupNum: 'string?' }] },
  },
  {
    command: 'openconfigsvr/getappinfo',
    title: 'asked fields',
    source: `${JAVA} model/request/GetAppInfoRequest (RequestField) / model/response/AppInfoResultItem (Strings)`,
    request: () => ({ RequestField: ['AppId', 'Date', 'RegistUserNumTotal'] }),
    reply: { Result: [{ AppId: 'string', Date: 'string', RegistUserNumTotal: 'string' }] },
  },
  {
    command: 'ConfigSvc/GetIPList',
    source: `${GO} operation/types.go getIPListReq {} / getIPListResp (IPList []string)`,
    request: () => ({}),
    reply: { IPList: optional(['string']) },
  },
];

runCorpus('push and operations', cases);
