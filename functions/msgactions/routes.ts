import { restRoute, wsRoute } from './services.js';
import { ImError } from '../shared/errors.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { readInput, recallInput, setMsgReadInput, unreadNumInput } from '../c2c/action-schemas.js';
import { recallC2cMessage } from '../c2c/recall.js';
import { c2cUnreadCounts, markC2cRead, setC2cReadByTime } from '../c2c/read-state.js';
import { C2cCode } from '../c2c/c2c-codes.js';
import { groupMsgRead, groupMsgRecall } from '../groupmsg/shared-actions.js';
import { modifyRoutes } from './modify-routes.js';
import { extensionRoutes } from './extension-routes.js';
import { receiptRoutes } from './receipt-routes.js';

const feature = 'msgactions';
const OPENIM_INVALID = C2cCode.InvalidParam;

/**
 * The actions that work on messages of either kind of conversation: a frame with `Peer_Account` is a C2C message
 * (functions/c2c), one with `GroupId` a group or topic message (functions/groupmsg/shared-actions.ts). With them, the
 * REST commands of the same operations on C2C messages (edit, read receipts, extensions).
 */
export const msgActionsRoutes = [
  wsRoute({
    feature, action: 'msg.read', input: readInput, invalidParamCode: OPENIM_INVALID,
    run: async ({ app, caller }, input) => {
      if (input.GroupId !== undefined) return groupMsgRead({ app, caller }, input.GroupId, input.MsgSeq, input.TopicId);
      if (input.Peer_Account === undefined) throw new ImError(OPENIM_INVALID, 'Peer_Account (or GroupId) is required');
      const read = await markC2cRead(app.services, caller.userId, input.Peer_Account, input.MsgSeq, callbackMetaFor(caller, 'C2C.CallbackAfterMsgReport'), caller.connectionId);
      return { UnreadNum: read.unread, LastMsgSeq: read.lastSeq };
    },
  }),
  wsRoute({
    feature, action: 'msg.recall', input: recallInput, invalidParamCode: OPENIM_INVALID,
    run: async ({ app, caller }, input) => {
      if (input.GroupId !== undefined) return groupMsgRecall({ app, caller }, input.GroupId, input.MsgSeq, input.TopicId);
      if (input.Peer_Account === undefined || input.MsgKey === undefined) throw new ImError(OPENIM_INVALID, 'Peer_Account and MsgKey (or GroupId and MsgSeq) are required');
      await recallC2cMessage(app.services, app.config, {
        from: caller.userId, to: input.Peer_Account, msgKey: input.MsgKey, by: 'user',
        meta: callbackMetaFor(caller, 'C2C.CallbackAfterMsgWithDraw'), exceptConnectionId: caller.connectionId,
      });
      return {};
    },
  }),
  restRoute({
    service: 'openim', feature, command: 'admin_set_msg_read', input: setMsgReadInput,
    run: async ({ app, caller }, input) => {
      const time = input.MsgReadTime === undefined ? undefined : Number(input.MsgReadTime);
      await setC2cReadByTime(app.services, input.Report_Account, input.Peer_Account, time, callbackMetaFor(caller, 'C2C.CallbackAfterMsgReport'));
      return {};
    },
  }),
  restRoute({
    service: 'openim', feature, command: 'get_c2c_unread_msg_num', input: unreadNumInput,
    run: ({ app }, input) => c2cUnreadCounts(app.services, input.To_Account, input.Peer_Account),
  }),
  ...modifyRoutes,
  ...extensionRoutes,
  ...receiptRoutes,
];
