import { restRoute, wsRoute } from './services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import { AFTER_READ_RECEIPT, groupReceiptCounts, groupReceiptDetail, sendGroupReceipts } from './receipts.js';
import { getGroupMsgReceiptDetailInput, getGroupMsgReceiptInput, groupMsgReceiptInput, receiptDetailInput } from './schemas.js';

const service = 'group_open_http_svc';
const feature = 'groupmsg';
const seqsOf = (list: ReadonlyArray<{ MsgSeq: number }>) => list.map((m) => m.MsgSeq);
/** Tencent's Count is at most 200; without one, a page of 100. */
const DEFAULT_DETAIL_COUNT = 100;

/**
 * Group read receipts (docs/rest.md "Read receipts"): the three group_open_http_svc commands and `msg.receipt.detail`
 * (`msg.receipt.send` and `msg.receipt.get` are declared by c2c with their C2C forms and hand GroupId frames over).
 */
export const groupReceiptRoutes = [
  wsRoute({
    feature, invalidParamCode: GroupMsgCode.InvalidParam, action: 'msg.receipt.detail', input: receiptDetailInput,
    run: ({ app, caller }, input) => groupReceiptDetail(app.services, {
      groupId: input.GroupId, seq: input.MsgSeq, filter: input.Filter === 1 ? 1 : 0, cursor: input.Cursor, count: input.Count ?? DEFAULT_DETAIL_COUNT,
      actor: caller.userId, appAdmin: app.config.admins.includes(caller.userId),
    }),
  }),
  restRoute({
    service, feature, command: 'group_msg_receipt', input: groupMsgReceiptInput,
    run: async ({ app, caller }, input) => {
      const reply = await sendGroupReceipts(app.services, {
        groupId: input.GroupId, reader: input.From_Account, seqs: seqsOf(input.MsgSeqList), meta: callbackMetaFor(caller, AFTER_READ_RECEIPT),
      });
      return { GroupMsgReceiptList: reply.GroupMsgReceiptList };
    },
  }),
  restRoute({
    service, feature, command: 'get_group_msg_receipt', input: getGroupMsgReceiptInput,
    run: async ({ app, caller }, input) => {
      const reply = await groupReceiptCounts(app.services, { groupId: input.GroupId, seqs: seqsOf(input.MsgSeqList), actor: caller.admin, appAdmin: true });
      return { GroupMsgReceiptList: reply.GroupMsgReceiptList };
    },
  }),
  restRoute({
    service, feature, command: 'get_group_msg_receipt_detail', input: getGroupMsgReceiptDetailInput,
    run: ({ app, caller }, input) => groupReceiptDetail(app.services, {
      groupId: input.GroupId, seq: input.MsgSeq, filter: input.Filter === 1 ? 1 : 0, cursor: input.Cursor, count: input.Count ?? DEFAULT_DETAIL_COUNT,
      actor: caller.admin, appAdmin: true,
    }),
  }),
];
