import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import type { CorpusCase, CorpusContext } from './corpus.js';

/**
 * Read receipts as public server SDKs send them. Java: doocs/qcloud-im-server-sdk-java model/request/GroupMsgReceiptRequest,
 * GetGroupMsgReceiptRequest, GetGroupMsgReceiptDetailRequest, C2cMsgReadReceiptRequest with MsgSeqItem (MsgSeq a Long) and
 * C2cMsgInfoItem (Jackson, NON_NULL: unset fields are left out), and model/response/GroupMsgReceiptResult, C2cMsgReadReceiptResult
 * (the envelope only), GetGroupMsgReceiptResult (GroupMsgReceiptList of GroupMsgReceiptResultItem: Code Integer, MsgSeq Long,
 * ReadNum, UnreadNum Integer), GetGroupMsgReceiptDetailResult (IsFinished Integer, MsgSeq Long, ReadList of Read_Account,
 * UnreadList of Unread_Account, Cursor String); core/Group.java groupMsgReceipt, getGroupMsgReceipt, getGroupMsgReceiptDetail,
 * c2cMsgReadReceipt (service openim). PHP: fireqong/tencent-im src/Message.php getGroupMsgReceipt / getGroupMsgReceiptDetail
 * (`/v4/group_open_http_svc/...`): the caller's array, json_encode'd as it is (Tencent's documented samples).
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im';
const PHP = 'fireqong/tencent-im src/Message.php';
const text = (t: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });
const RECEIPT_ITEM = { Code: 'integer', MsgSeq: 'integer', ReadNum: 'integer', UnreadNum: 'integer' } as const;
const DETAIL = { IsFinished: 'integer', MsgSeq: 'integer', Cursor: 'string' } as const;

/** A Public group of an owner and two members; the owner's message asks for receipts (doocs SendGroupMsgRequest NeedReadReceipt), a second does not. */
async function receiptGroup(ctx: CorpusContext) {
  const [owner, a, b] = await ctx.users(3, 'rc');
  Object.assign(ctx.vars, { owner, a, b });
  ctx.vars.g = (await ctx.ok('group_open_http_svc/create_group', {
    Owner_Account: owner, Type: 'Public', Name: 'receipts', MemberList: [{ Member_Account: a }, { Member_Account: b }],
  })).GroupId;
  ctx.vars.seq = (await ctx.ok('group_open_http_svc/send_group_msg', { GroupId: ctx.vars.g, From_Account: owner, Random: 21, MsgBody: [text('read me')], NeedReadReceipt: 1 })).MsgSeq;
  ctx.vars.plain = (await ctx.ok('group_open_http_svc/send_group_msg', { GroupId: ctx.vars.g, From_Account: owner, Random: 22, MsgBody: [text('no receipt')] })).MsgSeq;
}
/** The same group once member `a` has read the message. */
async function readByA(ctx: CorpusContext) {
  await receiptGroup(ctx);
  await ctx.ok('group_open_http_svc/group_msg_receipt', { GroupId: ctx.vars.g, From_Account: ctx.vars.a, MsgSeqList: [{ MsgSeq: ctx.vars.seq }] });
}
const countsOf = async (ctx: CorpusContext) => (await ctx.ok('group_open_http_svc/get_group_msg_receipt', { GroupId: ctx.vars.g, MsgSeqList: [{ MsgSeq: ctx.vars.seq }] }))
  .GroupMsgReceiptList as Array<{ ReadNum: number; UnreadNum: number }>;

async function c2cMessage(ctx: CorpusContext) {
  [ctx.vars.a, ctx.vars.b] = await ctx.users(2, 'rc');
  ctx.vars.msgKey = (await ctx.ok('openim/sendmsg', { From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgRandom: 5, MsgBody: [text('dm')], IsNeedReadReceipt: 1 })).MsgKey;
}
const peerRead = async (ctx: CorpusContext) => {
  const now = Math.floor(Date.now() / 1000);
  return ((await ctx.ok('openim/admin_getroammsg', { Operator_Account: ctx.vars.a, Peer_Account: ctx.vars.b, MaxCnt: 10, MinTime: now - 600, MaxTime: now + 600 }))
    .MsgList as Array<{ IsPeerRead: number }>).map((m) => m.IsPeerRead);
};

const cases: CorpusCase[] = [
  {
    command: 'group_open_http_svc/group_msg_receipt',
    title: 'the docs/guide/group.md example (MsgSeqItem with a Long)',
    source: `${JAVA} model/request/GroupMsgReceiptRequest.java / model/response/GroupMsgReceiptResult.java`,
    prepare: receiptGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, From_Account: ctx.vars.a, MsgSeqList: [{ MsgSeq: ctx.vars.seq }] }),
    reply: {},
    async after(ctx) { expect(await countsOf(ctx)).toEqual([{ Code: 0, MsgSeq: ctx.vars.seq, ReadNum: 1, UnreadNum: 1 }]); },
  },
  {
    command: 'group_open_http_svc/group_msg_receipt',
    title: 'Tencent\'s sample with MsgSeq as a string (a PHP caller passing request parameters through)',
    source: 'fireqong/tencent-im src/Client.php send (public: json_encode of the caller\'s array, for commands Message.php has no method for) with the request sample of cloud.tencent.com/document/product/269/107478',
    prepare: receiptGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, From_Account: ctx.vars.b, MsgSeqList: [{ MsgSeq: String(ctx.vars.seq) }] }),
    reply: {},
    async after(ctx) { expect(await countsOf(ctx)).toMatchObject([{ ReadNum: 1, UnreadNum: 1 }]); },
  },
  {
    command: 'group_open_http_svc/get_group_msg_receipt',
    title: 'setters with a MsgSeqItem',
    source: `${JAVA} model/request/GetGroupMsgReceiptRequest.java (docs/guide/group.md example) / model/response/GetGroupMsgReceiptResult.java, GroupMsgReceiptResultItem.java`,
    prepare: readByA,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeqList: [{ MsgSeq: ctx.vars.seq }] }),
    reply: { GroupMsgReceiptList: [RECEIPT_ITEM] },
    after(ctx, reply) { expect(reply.GroupMsgReceiptList).toEqual([{ Code: 0, MsgSeq: ctx.vars.seq, ReadNum: 1, UnreadNum: 1 }]); },
  },
  {
    command: 'group_open_http_svc/get_group_msg_receipt',
    title: 'Tencent\'s sample with two seqs, one of a message without receipts (Code 10062)',
    source: `${PHP} getGroupMsgReceipt (urlMap, Client.php send: json_encode of the array; tencentcloud.com/document/product/1047/49439)`,
    prepare: readByA,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeqList: [{ MsgSeq: ctx.vars.seq }, { MsgSeq: ctx.vars.plain }] }),
    reply: { GroupMsgReceiptList: [RECEIPT_ITEM] },
    after(ctx, reply) {
      expect(reply.GroupMsgReceiptList).toEqual([
        { Code: 0, MsgSeq: ctx.vars.seq, ReadNum: 1, UnreadNum: 1 }, { Code: 10062, MsgSeq: ctx.vars.plain, ReadNum: 0, UnreadNum: 0 },
      ]);
    },
  },
  {
    command: 'group_open_http_svc/get_group_msg_receipt_detail',
    title: 'the unread list (Filter 1, Cursor "", Count 12)',
    source: `${JAVA} model/request/GetGroupMsgReceiptDetailRequest.java (GroupTest testGetGroupMsgReceiptDetail) / model/response/GetGroupMsgReceiptDetailResult.java, UnreadAccountItem.java`,
    prepare: readByA,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, Filter: 1, Cursor: '', Count: 12 }),
    reply: { ...DETAIL, UnreadList: [{ Unread_Account: 'string' }] },
    after(ctx, reply) { expect(reply).toMatchObject({ IsFinished: 1, MsgSeq: ctx.vars.seq, UnreadList: [{ Unread_Account: ctx.vars.b }], Cursor: '' }); },
  },
  {
    command: 'group_open_http_svc/get_group_msg_receipt_detail',
    title: 'the read list with the SDK\'s defaults (Filter 0, Count 200)',
    source: `${PHP} getGroupMsgReceiptDetail (tencentcloud.com/document/product/1047/49438) / ReadAccountItem.java`,
    prepare: readByA,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq, Filter: 0, Cursor: '', Count: 200 }),
    reply: { ...DETAIL, ReadList: [{ Read_Account: 'string' }] },
    after(ctx, reply) { expect(reply).toMatchObject({ IsFinished: 1, ReadList: [{ Read_Account: ctx.vars.a }], Cursor: '' }); },
  },
  {
    command: 'group_open_http_svc/get_group_msg_receipt_detail',
    title: 'the builder without Filter, Cursor and Count (NON_NULL leaves them out): the read list, a page of 100',
    source: `${JAVA} model/request/GetGroupMsgReceiptDetailRequest.java (builder().groupId().msgSeq().build())`,
    prepare: readByA,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.seq }),
    reply: { ...DETAIL, ReadList: [{ Read_Account: 'string' }] },
    after(ctx, reply) { expect(reply).toMatchObject({ IsFinished: 1, ReadList: [{ Read_Account: ctx.vars.a }] }); },
  },
  {
    command: 'group_open_http_svc/get_group_msg_receipt_detail',
    title: 'a message without receipts',
    source: `${JAVA} model/request/GetGroupMsgReceiptDetailRequest.java`,
    prepare: receiptGroup,
    request: (ctx) => ({ GroupId: ctx.vars.g, MsgSeq: ctx.vars.plain, Filter: 1, Cursor: '', Count: 12 }),
    expectCode: 10062,
    reply: {},
  },
  {
    command: 'openim/c2c_msg_read_receipt',
    title: 'the docs/guide/group.md example (one C2cMsgInfoItem)',
    source: `${JAVA} model/request/C2cMsgReadReceiptRequest.java, C2cMsgInfoItem.java / model/response/C2cMsgReadReceiptResult.java`,
    prepare: c2cMessage,
    request: (ctx) => ({ Operator_Account: ctx.vars.b, Peer_Account: ctx.vars.a, C2CMsgInfo: [{ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgKey: ctx.vars.msgKey }] }),
    reply: {},
    async after(ctx) { expect(await peerRead(ctx)).toEqual([1]); },
  },
  {
    command: 'openim/c2c_msg_read_receipt',
    title: 'Tencent\'s sample shape with a MsgKey naming no message (20026, nothing read)',
    source: 'cloud.tencent.com/document/product/269/104121 (the request sample: MsgKey "1467329515_5675354_1708676941")',
    prepare: c2cMessage,
    request: (ctx) => ({ Operator_Account: ctx.vars.b, Peer_Account: ctx.vars.a, C2CMsgInfo: [{ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgKey: '1467329515_5675354_1708676941' }] }),
    expectCode: 20026,
    reply: {},
    async after(ctx) { expect(await peerRead(ctx)).toEqual([0]); },
  },
];

runCorpus('read receipts (group_msg_receipt, get_group_msg_receipt, get_group_msg_receipt_detail, openim/c2c_msg_read_receipt)', cases);
