import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import type { CorpusCase, CorpusContext } from './corpus.js';

/**
 * Message extensions as public server SDKs send them. Java: doocs/qcloud-im-server-sdk-java model/request/SetKeyValuesRequest,
 * GetKeyValuesRequest, GroupSetKeyValuesRequest, GroupGetKeyValuesRequest (Jackson, NON_NULL: unset fields left out;
 * Seq/StartSeq/MsgSeq Longs, OperateType an Integer) and model/response/SetKeyValuesResult, GroupSetKeyValuesResult
 * (`ExtensionList` of ExtensionMsg `{ErrorCode, Extension: KeyValueSeq}`), GetKeyValuesResult, GroupGetKeyValuesResult
 * (`CompleteFlag`, `LatestSeq`, `ClearSeq`, `ExtensionList` of KeyValueSeq `{Key, Value, Seq}`); its GroupTest sets a pair
 * without OperateType or Seq. PHP: fireqong/tencent-im src/Message.php setKeyValues / getKeyValues / setGroupKeyValues /
 * getGroupKeyValues: the caller's array json_encode'd as it is (Tencent's documented samples).
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im';
const PHP = 'fireqong/tencent-im src/Message.php';
const text = (t: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });
const pair = { Key: 'string', Value: 'string', Seq: 'integer' } as const;
const setReply = { ExtensionList: [{ ErrorCode: 'integer', Extension: pair }] } as const;
const getReply = { CompleteFlag: 'integer', LatestSeq: 'integer', ClearSeq: 'integer', ExtensionList: [pair] } as const;

async function c2cMessage(ctx: CorpusContext) {
  [ctx.vars.a, ctx.vars.b] = await ctx.users(2, 'me');
  const r = await ctx.ok('openim/sendmsg', { From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgRandom: 12, MsgBody: [text('poll')], SupportMessageExtension: 1 });
  ctx.vars.msgKey = r.MsgKey;
}
const c2cAt = (ctx: CorpusContext) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgKey: ctx.vars.msgKey });
async function c2cWithPairs(ctx: CorpusContext) {
  await c2cMessage(ctx);
  await ctx.ok('openim_msg_ext_http_svc/set_key_values', { ...c2cAt(ctx), OperateType: 1, ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 0 }, { Key: 'k2', Value: 'v2', Seq: 0 }] });
  await ctx.ok('openim_msg_ext_http_svc/set_key_values', { ...c2cAt(ctx), OperateType: 1, ExtensionList: [{ Key: 'k3', Value: 'v3', Seq: 0 }] });
}
const c2cPairs = async (ctx: CorpusContext) => (await ctx.ok('openim_msg_ext_http_svc/get_key_values', c2cAt(ctx))).ExtensionList;

async function groupMessage(ctx: CorpusContext) {
  const [owner] = await ctx.users(1, 'me');
  ctx.vars.g = (await ctx.ok('group_open_http_svc/create_group', { Owner_Account: owner, Type: 'Public', Name: 'ext' })).GroupId;
  ctx.vars.seq = (await ctx.ok('group_open_http_svc/send_group_msg', { GroupId: ctx.vars.g, From_Account: owner, Random: 8, MsgBody: [text('poll')], SupportMessageExtension: 1 })).MsgSeq;
}
const groupPairs = async (ctx: CorpusContext) => (await ctx.ok('openim_msg_ext_http_svc/group_get_key_values', { GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq })).ExtensionList;

const cases: CorpusCase[] = [
  {
    command: 'openim_msg_ext_http_svc/set_key_values',
    title: 'Tencent\'s sample: three pairs with Seq 0',
    source: `${PHP} setKeyValues (urlMap, Client.php send: json_encode of the array) / ${JAVA} model/response/SetKeyValuesResult.java`,
    prepare: c2cMessage,
    request: (ctx) => ({ ...c2cAt(ctx), OperateType: 1, ExtensionList: [{ Key: 'k1', Value: 'v1', Seq: 0 }, { Key: 'k2', Value: 'v2', Seq: 0 }, { Key: 'k3', Value: 'v3', Seq: 0 }] }),
    reply: setReply,
    async after(ctx, reply) {
      expect(reply.ExtensionList).toEqual(['k1', 'k2', 'k3'].map((Key, i) => ({ ErrorCode: 0, Extension: { Key, Value: `v${i + 1}`, Seq: 1 } })));
      expect(await c2cPairs(ctx)).toHaveLength(3);
    },
  },
  {
    command: 'openim_msg_ext_http_svc/set_key_values',
    title: 'Tencent\'s delete sample: Value "" and the key\'s Seq',
    source: `${PHP} setKeyValues / ${JAVA} model/request/SetKeyValuesRequest.java (OperateType 2, KeyValueSeq with seq)`,
    prepare: c2cWithPairs,
    request: (ctx) => ({ ...c2cAt(ctx), OperateType: 2, ExtensionList: [{ Key: 'k1', Value: '', Seq: 1 }] }),
    reply: setReply,
    async after(ctx) { expect((await c2cPairs(ctx) as Array<{ Key: string }>).map((p) => p.Key)).toEqual(['k2', 'k3']); },
  },
  {
    command: 'openim_msg_ext_http_svc/set_key_values',
    title: 'Tencent\'s clear sample: OperateType 3 without ExtensionList',
    source: `${PHP} setKeyValues / ${JAVA} model/request/SetKeyValuesRequest.java (extensionList null, left out)`,
    prepare: c2cWithPairs,
    request: (ctx) => ({ ...c2cAt(ctx), OperateType: 3 }),
    reply: { ExtensionList: [{ ErrorCode: 'integer', Extension: pair }] },
    async after(ctx) { expect(await c2cPairs(ctx)).toEqual([]); },
  },
  {
    command: 'openim_msg_ext_http_svc/get_key_values',
    title: 'the builder without StartSeq',
    source: `${JAVA} model/request/GetKeyValuesRequest.java / model/response/GetKeyValuesResult.java`,
    prepare: c2cWithPairs,
    request: (ctx) => c2cAt(ctx),
    reply: getReply,
    after(_ctx, reply) {
      expect(reply).toMatchObject({ CompleteFlag: 1, LatestSeq: 2, ClearSeq: 0 });
      expect(reply.ExtensionList).toEqual([{ Key: 'k1', Value: 'v1', Seq: 1 }, { Key: 'k2', Value: 'v2', Seq: 1 }, { Key: 'k3', Value: 'v3', Seq: 2 }]);
    },
  },
  {
    command: 'openim_msg_ext_http_svc/get_key_values',
    title: 'Tencent\'s sample with StartSeq 2',
    source: `${PHP} getKeyValues (Tencent's sample) / ${JAVA} core/Message.java getKeyValues (startSeq a Long)`,
    prepare: c2cWithPairs,
    request: (ctx) => ({ ...c2cAt(ctx), StartSeq: 2 }),
    reply: getReply,
    after(_ctx, reply) { expect(reply.ExtensionList).toEqual([{ Key: 'k3', Value: 'v3', Seq: 2 }]); },
  },
  {
    command: 'openim_msg_ext_http_svc/group_set_key_values',
    title: 'doocs\' GroupTest: one pair without OperateType or Seq',
    source: `${JAVA} model/request/GroupSetKeyValuesRequest.java (src/test core/GroupTest.java testSetGroupKeyValues) / model/response/GroupSetKeyValuesResult.java`,
    prepare: groupMessage,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, ExtensionList: [{ Key: 'test', Value: 'test' }] }),
    reply: setReply,
    async after(ctx) { expect(await groupPairs(ctx)).toEqual([{ Key: 'test', Value: 'test', Seq: 1 }]); },
  },
  {
    command: 'openim_msg_ext_http_svc/group_set_key_values',
    title: 'Tencent\'s sample with OperateType and Seq 0',
    source: `${PHP} setGroupKeyValues (Tencent's sample)`,
    prepare: groupMessage,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, OperateType: 1, ExtensionList: [{ Key: 'key1', Value: '1', Seq: 0 }, { Key: 'key2', Value: '2', Seq: 0 }] }),
    reply: setReply,
    async after(ctx) { expect(await groupPairs(ctx)).toHaveLength(2); },
  },
  {
    command: 'openim_msg_ext_http_svc/group_get_key_values',
    title: 'the builder with GroupId and MsgSeq (a Long)',
    source: `${JAVA} model/request/GroupGetKeyValuesRequest.java (core/GroupTest.java testGroupGetKeyValues) / model/response/GroupGetKeyValuesResult.java`,
    async prepare(ctx) {
      await groupMessage(ctx);
      await ctx.ok('openim_msg_ext_http_svc/group_set_key_values', { GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, OperateType: 1, ExtensionList: [{ Key: 'key1', Value: '1', Seq: 0 }] });
    },
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq }),
    reply: getReply,
    after(_ctx, reply) { expect(reply).toMatchObject({ CompleteFlag: 1, LatestSeq: 1, ClearSeq: 0, ExtensionList: [{ Key: 'key1', Value: '1', Seq: 1 }] }); },
  },
  {
    command: 'openim_msg_ext_http_svc/group_get_key_values',
    title: 'Tencent\'s sample with StartSeq',
    source: `${PHP} getGroupKeyValues (Tencent's sample: StartSeq 2)`,
    prepare: groupMessage,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, StartSeq: 2 }),
    reply: getReply,
    after(_ctx, reply) { expect(reply).toMatchObject({ LatestSeq: 0, ExtensionList: [] }); },
  },
];

runCorpus('message extensions (openim_msg_ext_http_svc)', cases);
