import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import type { CorpusCase, CorpusContext } from './corpus.js';

/**
 * Message edit as public server SDKs send it. Java: doocs/qcloud-im-server-sdk-java model/request/ModifyC2cMsgRequest.java,
 * ModifyGroupMsgRequest.java (Jackson, NON_NULL: unset fields are left out; MsgSeq a Long; MsgBody of model/message
 * TIMTextMsgElement) and model/response/ModifyC2cMsgResult.java, ModifyGroupMsgResult.java (the envelope only; doocs calls
 * modifyGroupMsg from core/Group.java but on service `openim`). PHP: fireqong/tencent-im src/Message.php modifyC2CMsg /
 * modifyGroupMsg (`/v4/openim/modify_*`): the caller's array, json_encode'd as it is (Tencent's documented samples), the
 * reply json_decode'd to an array.
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im';
const PHP = 'fireqong/tencent-im src/Message.php';
const text = (t: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });

async function c2cMessage(ctx: CorpusContext) {
  [ctx.vars.a, ctx.vars.b] = await ctx.users(2, 'mo');
  const r = await ctx.ok('openim/sendmsg', { From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgRandom: 123, MsgBody: [text('before')] });
  ctx.vars.msgKey = r.MsgKey;
}
const lastC2c = async (ctx: CorpusContext) => ((await ctx.ok('openim/admin_getroammsg', {
  Operator_Account: ctx.vars.a, Peer_Account: ctx.vars.b, MaxCnt: 10, MinTime: 0, MaxTime: 4294967295,
})).MsgList as Array<{ MsgBody: unknown; CloudCustomData?: string }>)[0]!;

async function groupMessage(ctx: CorpusContext) {
  const [owner] = await ctx.users(1, 'mo');
  ctx.vars.g = (await ctx.ok('group_open_http_svc/create_group', { Owner_Account: owner, Type: 'Public', Name: 'modify' })).GroupId;
  ctx.vars.seq = (await ctx.ok('group_open_http_svc/send_group_msg', { GroupId: ctx.vars.g, From_Account: owner, Random: 9, MsgBody: [text('before')] })).MsgSeq;
}
const groupItem = async (ctx: CorpusContext) => ((await ctx.ok('group_open_http_svc/group_msg_get_simple', { GroupId: ctx.vars.g, ReqMsgNumber: 1 }))
  .RspMsgList as Array<{ MsgSeq: number; MsgBody: unknown; CloudCustomData?: string }>)[0]!;

const cases: CorpusCase[] = [
  {
    command: 'openim/modify_c2c_msg',
    title: 'the builder with a new MsgBody (CloudCustomData null, left out)',
    source: `${JAVA} model/request/ModifyC2cMsgRequest.java (docs/guide/message.md example) / model/response/ModifyC2cMsgResult.java`,
    prepare: c2cMessage,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgKey: ctx.vars.msgKey, MsgBody: [text('test modify c2c msg')] }),
    reply: {},
    async after(ctx) { expect(await lastC2c(ctx)).toMatchObject({ MsgBody: [text('test modify c2c msg')] }); },
  },
  {
    command: 'openim/modify_c2c_msg',
    title: 'Tencent\'s sample that changes CloudCustomData only',
    source: `${PHP} modifyC2CMsg (urlMap, Client.php send: json_encode of the array)`,
    prepare: c2cMessage,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgKey: ctx.vars.msgKey, CloudCustomData: 'your cloud custom data' }),
    reply: {},
    async after(ctx) { expect(await lastC2c(ctx)).toMatchObject({ MsgBody: [text('before')], CloudCustomData: 'your cloud custom data' }); },
  },
  {
    command: 'openim/modify_group_msg',
    title: 'setters with MsgSeq as a Long and no TopicId',
    source: `${JAVA} model/request/ModifyGroupMsgRequest.java (docs/guide/group.md example) / model/response/ModifyGroupMsgResult.java`,
    prepare: groupMessage,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, MsgBody: [text('hello world')] }),
    reply: {},
    async after(ctx) { expect(await groupItem(ctx)).toMatchObject({ MsgSeq: ctx.vars.seq, MsgBody: [text('hello world')] }); },
  },
  {
    command: 'openim/modify_group_msg',
    title: 'Tencent\'s sample with MsgBody and CloudCustomData',
    source: `${PHP} modifyGroupMsg (urlMap, Client.php send: json_encode of the array)`,
    prepare: groupMessage,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, MsgBody: [text('hello')], CloudCustomData: 'your cloud custom data' }),
    reply: {},
    async after(ctx) { expect(await groupItem(ctx)).toMatchObject({ MsgBody: [text('hello')], CloudCustomData: 'your cloud custom data' }); },
  },
  {
    command: 'openim/modify_group_msg',
    title: 'a Community topic (not served: refused, nothing changed)',
    source: `${JAVA} model/request/ModifyGroupMsgRequest.java (topicId set)`,
    prepare: groupMessage,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, MsgBody: [text('x')], TopicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic' }),
    expectCode: 10004,
    reply: {},
    async after(ctx) { expect(await groupItem(ctx)).toMatchObject({ MsgBody: [text('before')] }); },
  },
];

runCorpus('message edit (openim/modify_c2c_msg, openim/modify_group_msg)', cases);
