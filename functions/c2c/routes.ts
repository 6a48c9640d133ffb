import { restRoute, wsRoute } from './services.js';
import { notifyDeleted } from './conversation-delete.js';
import { ImError } from '../shared/errors.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import {
  batchSendInput, conversationListInput, deleteForSelfInput, deleteRambleInput, getNoSpeakingInput, getRoamMsgInput, historyInput, importMsgInput, msgWithdrawInput, readInput,
  recallInput, recentDeleteInput, recentGetListInput, sendMsgInput, setMsgReadInput, setNoSpeakingInput, unreadNumInput, wsSendInput,
} from './schemas.js';
import { deleteC2cMessagesForUser } from './delete-for-user.js';
import { sendC2cMessage, BEFORE_SEND, AFTER_SEND, type SendRequest } from './send-message.js';
import { c2cHistory, getRoamMessages, HISTORY_MAX } from './history.js';
import { recallC2cMessage } from './recall.js';
import { c2cUnreadCounts, markC2cRead, setC2cReadByTime } from './read-state.js';
import { deleteC2cConversation, deleteGroupConversation, listConversations, recentContacts } from './conversations.js';
import { batchSend, importMessage } from './rest-sends.js';
import { getNoSpeaking, setNoSpeaking } from './global-mute.js';
import { C2cCode } from './c2c-codes.js';
import { groupMsgRead, groupMsgRecall } from '../groupmsg/shared-actions.js';
import { opsRoutes } from '../ops/routes.js';
import { conversationSettingsRoutes } from './conversation-settings-routes.js';
import { modifyRoutes } from './modify-routes.js';
import { extensionRoutes } from './extension-routes.js';
import { receiptRoutes } from './receipt-routes.js';

const feature = 'c2c';
const openim = 'openim';
const OPENIM_INVALID = C2cCode.InvalidParam;

const controls = (list: readonly string[] | undefined) => ({ noUnread: list?.includes('NoUnread') ?? false, noLastMsg: list?.includes('NoLastMsg') ?? false });

export const c2cRoutes = [
  wsRoute({
    feature, action: 'c2c.send', input: wsSendInput, invalidParamCode: OPENIM_INVALID,
    run: ({ app, caller }, input) => sendC2cMessage(app.services, app.config, {
      from: caller.userId, to: input.To_Account, body: input.MsgBody, random: input.MsgRandom, cloudCustomData: input.CloudCustomData,
      needReceipt: input.IsNeedReadReceipt === 1, extensible: input.SupportMessageExtension === 1, by: 'user', syncToSender: 'others', exceptConnectionId: caller.connectionId,
      onlineOnly: input.OnlineOnlyFlag === 1, ...controls(input.SendMsgControl), beforeCallback: true, afterCallback: true,
      meta: callbackMetaFor(caller, BEFORE_SEND), ...(input.OfflinePushInfo && { offlinePushInfo: input.OfflinePushInfo }),
    }) as unknown as Promise<Record<string, unknown>>,
  }),
  wsRoute({
    feature, action: 'history.c2c', input: historyInput, invalidParamCode: OPENIM_INVALID,
    run: ({ app, caller }, input) => c2cHistory(app.services, app.config, caller.userId, input.Peer_Account, { beforeSeq: input.BeforeMsgSeq, count: input.Count ?? 20 }),
  }),
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
  wsRoute({
    feature, action: 'msg.delete', input: deleteForSelfInput, invalidParamCode: OPENIM_INVALID,
    run: async ({ app, caller }, input) => {
      await deleteC2cMessagesForUser(app.services, { user: caller.userId, peer: input.Peer_Account, msgKeys: input.MsgKeyList, exceptConnectionId: caller.connectionId });
      return {};
    },
  }),
  restRoute({
    service: 'openim', feature, command: 'delete_c2c_msg_ramble', input: deleteRambleInput,
    run: async ({ app }, input) => {
      await deleteC2cMessagesForUser(app.services, { user: input.Operator_Account, peer: input.Peer_Account, msgKeys: input.MsgKeyList });
      return {};
    },
  }),
  wsRoute({
    feature, action: 'conversation.list', input: conversationListInput,
    run: ({ app, caller }, input) => listConversations(app.services, app.config, caller.userId, { cursor: input.Cursor, count: input.Count ?? 20 }),
  }),
  restRoute({
    service: openim, feature, command: 'sendmsg', input: sendMsgInput,
    run: async ({ app, caller }, input) => {
      const forbid = input.ForbidCallbackControl ?? [];
      const request: SendRequest = {
        from: input.From_Account ?? caller.admin, to: input.To_Account, body: input.MsgBody, random: input.MsgRandom,
        cloudCustomData: input.CloudCustomData, needReceipt: input.IsNeedReadReceipt === 1, extensible: input.SupportMessageExtension === 1, by: 'admin', adminId: caller.admin,
        syncToSender: input.SyncOtherMachine === 1 ? 'all' : 'none',
        onlineOnly: input.OnlineOnlyFlag === 1 || input.MsgLifeTime === 0, ...controls(input.SendMsgControl),
        beforeCallback: !forbid.includes('ForbidBeforeSendMsgCallback'), afterCallback: !forbid.includes('ForbidAfterSendMsgCallback'),
        meta: callbackMetaFor(caller, BEFORE_SEND),
        ...(input.OfflinePushInfo && { offlinePushInfo: input.OfflinePushInfo }),
      };
      const reply = await sendC2cMessage(app.services, app.config, request);
      return { MsgTime: reply.MsgTime, MsgKey: reply.MsgKey };
    },
  }),
  restRoute({
    service: openim, feature, command: 'batchsendmsg', input: batchSendInput,
    run: ({ app, caller }, input) => batchSend(app.services, app.config, {
      from: input.From_Account ?? caller.admin, body: input.MsgBody, random: input.MsgRandom, cloudCustomData: input.CloudCustomData,
      needReceipt: input.IsNeedReadReceipt === 1, extensible: input.SupportMessageExtension === 1, by: 'admin', adminId: caller.admin, syncToSender: input.SyncOtherMachine === 1 ? 'all' : 'none',
      onlineOnly: input.MsgLifeTime === 0, ...controls(input.SendMsgControl), meta: callbackMetaFor(caller, AFTER_SEND),
      ...(input.OfflinePushInfo && { offlinePushInfo: input.OfflinePushInfo }),
    }, input.To_Account),
  }),
  restRoute({
    service: openim, feature, command: 'importmsg', input: importMsgInput,
    run: ({ app, caller }, input) => importMessage(app.services, app.config, {
      realtime: input.SyncFromOldSystem !== 2, from: input.From_Account, to: input.To_Account, clientSeq: input.MsgSeq ?? 0,
      random: input.MsgRandom, time: input.MsgTimeStamp, body: input.MsgBody, cloudCustomData: input.CloudCustomData,
      meta: callbackMetaFor(caller, AFTER_SEND),
    }),
  }),
  restRoute({
    service: openim, feature, command: 'admin_getroammsg', input: getRoamMsgInput,
    run: ({ app }, input) => {
      const legacy = input.Operator_Account === undefined;
      const operator = input.Operator_Account ?? input.From_Account;
      const peer = input.Peer_Account ?? input.To_Account;
      if (operator === undefined) throw new ImError(OPENIM_INVALID, 'Operator_Account (or From_Account) is required');
      if (peer === undefined) throw new ImError(OPENIM_INVALID, 'Peer_Account (or To_Account) is required');
      if (input.MinTime > input.MaxTime) throw new ImError(OPENIM_INVALID, 'MinTime is after MaxTime');
      return getRoamMessages(app.services, {
        operator, peer, maxCnt: input.MaxCnt, minTime: input.MinTime, maxTime: input.MaxTime, lastMsgKey: input.LastMsgKey, legacy,
      });
    },
  }),
  restRoute({
    service: openim, feature, command: 'admin_msgwithdraw', input: msgWithdrawInput,
    run: async ({ app, caller }, input) => {
      await recallC2cMessage(app.services, app.config, {
        from: input.From_Account, to: input.To_Account, msgKey: input.MsgKey, by: 'admin', meta: callbackMetaFor(caller, 'C2C.CallbackAfterMsgWithDraw'),
      });
      return {};
    },
  }),
  restRoute({
    service: openim, feature, command: 'admin_set_msg_read', input: setMsgReadInput,
    run: async ({ app, caller }, input) => {
      const time = input.MsgReadTime === undefined ? undefined : Number(input.MsgReadTime);
      await setC2cReadByTime(app.services, input.Report_Account, input.Peer_Account, time, callbackMetaFor(caller, 'C2C.CallbackAfterMsgReport'));
      return {};
    },
  }),
  restRoute({
    service: openim, feature, command: 'get_c2c_unread_msg_num', input: unreadNumInput,
    run: ({ app }, input) => c2cUnreadCounts(app.services, input.To_Account, input.Peer_Account),
  }),
  restRoute({
    service: 'recentcontact', feature, command: 'get_list', input: recentGetListInput,
    run: ({ app }, input) => recentContacts(app.services, app.config, input.From_Account, input.StartIndex ?? 0, 100, input.AssistFlags ?? 0),
  }),
  restRoute({
    service: 'recentcontact', feature, command: 'delete', input: recentDeleteInput,
    run: async ({ app }, input) => {
      // The user's devices hear of it (`conversation.deleted`), as of a deletion on one of them.
      if (input.Type === 2) {
        if (!input.ToGroupid) throw new ImError(50002, 'ToGroupid is required for Type 2');
        await deleteGroupConversation(app.services, input.From_Account, input.ToGroupid);
        await notifyDeleted(app.services, input.From_Account, [{ type: 'Group', groupId: input.ToGroupid }]);
        return {};
      }
      if (input.To_Account === undefined) throw new ImError(50002, 'To_Account is required for Type 1');
      await deleteC2cConversation(app.services, input.From_Account, input.To_Account, input.ClearRamble === 1);
      await notifyDeleted(app.services, input.From_Account, [{ type: 'C2C', peer: input.To_Account }]);
      return {};
    },
  }),
  restRoute({
    service: 'openconfigsvr', feature, command: 'setnospeaking', input: setNoSpeakingInput,
    run: async ({ app }, input) => {
      await setNoSpeaking(app.services, input.Set_Account, input.C2CmsgNospeakingTime, input.GroupmsgNospeakingTime);
      return {};
    },
  }),
  restRoute({
    service: 'openconfigsvr', feature, command: 'getnospeaking', input: getNoSpeakingInput,
    run: ({ app }, input) => getNoSpeaking(app.services, input.Get_Account),
  }),
  ...conversationSettingsRoutes,
  ...modifyRoutes,
  ...extensionRoutes,
  ...receiptRoutes,
  ...opsRoutes,
];

export { HISTORY_MAX };
