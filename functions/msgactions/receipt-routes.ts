import { restRoute, wsRoute } from './services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { ImError } from '../shared/errors.js';
import { groupMsgReceiptGet, groupMsgReceiptSend } from '../groupmsg/shared-actions.js';
import { C2C_RECEIPT_LIMITS, C2cCode } from '../c2c/c2c-codes.js';
import { c2cMsgReadReceiptInput, receiptInput } from '../c2c/action-schemas.js';
import { c2cReceiptStatus, restC2cReceipt, sendC2cReceipts } from '../c2c/receipts.js';

const feature = 'msgactions';
const REPORT = 'C2C.CallbackAfterMsgReport';
const peerOf = (peer: string | undefined) => {
  if (peer === undefined) throw new ImError(C2cCode.InvalidParam, 'Peer_Account and MsgKeyList (or GroupId and MsgSeqList) are required');
  return peer;
};

/**
 * Read receipts: `msg.receipt.send` and `msg.receipt.get` (C2C here; frames with GroupId go to functions/groupmsg like
 * `msg.read`) and `openim/c2c_msg_read_receipt`. The group REST commands and `msg.receipt.detail`: groupmsg/receipt-routes.ts.
 */
export const receiptRoutes = [
  wsRoute({
    feature, action: 'msg.receipt.send', input: receiptInput, invalidParamCode: C2cCode.InvalidParam,
    run: async (call, input) => {
      if (input.GroupId !== undefined) return groupMsgReceiptSend(call, input.GroupId, input.MsgSeqList);
      return sendC2cReceipts(call.app.services, {
        reader: call.caller.userId, peer: peerOf(input.Peer_Account), msgKeys: input.MsgKeyList, max: C2C_RECEIPT_LIMITS.ws, meta: callbackMetaFor(call.caller, REPORT),
      });
    },
  }),
  wsRoute({
    feature, action: 'msg.receipt.get', input: receiptInput, invalidParamCode: C2cCode.InvalidParam,
    run: async (call, input) => {
      if (input.GroupId !== undefined) return groupMsgReceiptGet(call, input.GroupId, input.MsgSeqList);
      return c2cReceiptStatus(call.app.services, call.caller.userId, peerOf(input.Peer_Account), input.MsgKeyList, C2C_RECEIPT_LIMITS.ws);
    },
  }),
  restRoute({
    service: 'openim', feature, command: 'c2c_msg_read_receipt', input: c2cMsgReadReceiptInput,
    run: async ({ app, caller }, input) => {
      await restC2cReceipt(app.services, input, callbackMetaFor(caller, REPORT));
      return {};
    },
  }),
];
