import { ImError } from '../shared/errors.js';
import { restRoute, wsRoute } from './services.js';
import type { RestCaller, RouteCall } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import { AFTER_SEND, BEFORE_SEND, sendGroupMessage, type GroupSendRequest } from './send.js';
import { groupHistory } from './history.js';
import { AFTER_RECALL, clearGroupHistory, deleteMessagesBySender, recallGroupMessages } from './recall.js';
import { forbidSendMsg, mutedAccounts } from './mute.js';
import { onlineMemberNum, sendSystemNotification } from './notify.js';
import { importGroupMessages } from './import.js';
import { setUnreadNum } from './read-state.js';
import { pinnedMessageRoutes } from './pinned-routes.js';
import { groupModifyRoutes } from './modify-routes.js';
import { groupExtensionRoutes } from './extension-routes.js';
import { groupReceiptRoutes } from './receipt-routes.js';
import { messageScope } from '../topics/topic-scope.js';
import {
  clearHistoryInput, deleteBySenderInput, forbidSendInput, groupIdOnlyInput, historyInput, importInput, recallInput, sendGroupMsgInput, setUnreadInput,
  systemNotificationInput, wsGroupSendInput, wsHistoryInput,
} from './schemas.js';

const service = 'group_open_http_svc';
const feature = 'groupmsg';
const invalidParamCode = GroupMsgCode.InvalidParam;

type SendInput = { SendMsgControl?: string[]; OnlineOnlyFlag?: 0 | 1 };
function controls(input: SendInput) {
  const list = input.SendMsgControl ?? [];
  if (input.OnlineOnlyFlag === 1 && list.length > 0) throw new ImError(GroupMsgCode.InvalidParam, 'OnlineOnlyFlag cannot be combined with SendMsgControl');
  return { onlineOnly: input.OnlineOnlyFlag === 1, noUnread: list.includes('NoUnread'), noLastMsg: list.includes('NoLastMsg') };
}

async function restSender(call: RouteCall<RestCaller, Pick<ServiceCatalog, 'accounts'>>, from: string | undefined): Promise<string> {
  if (from === undefined || from === call.caller.admin) return call.caller.admin;
  if (!(await call.app.services.accounts.get(from))) throw new ImError(10019, `From_Account "${from}" is not imported`);
  return from;
}

/** Group messages: group_open_http_svc message commands (spec §3.8) and the group.send / history.group actions (docs/websocket.md). */
export const groupMessageRoutes = [
  wsRoute({
    feature, invalidParamCode, action: 'group.send', input: wsGroupSendInput,
    run: async ({ app, caller }, input) => {
      const admin = app.config.admins.includes(caller.userId);
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      const request: GroupSendRequest = {
        groupId: scope.containerId, from: caller.userId, by: admin ? 'admin' : 'user', operator: caller.userId, body: input.MsgBody, random: input.Random,
        priority: input.MsgPriority ?? 'Normal', cloudCustomData: input.CloudCustomData, ...controls(input),
        needReceipt: input.NeedReadReceipt === 1, extensible: input.SupportMessageExtension === 1, beforeCallback: true, afterCallback: true,
        atInfo: input.GroupAtInfo, offlinePushInfo: input.OfflinePushInfo, toAccounts: input.To_Account, exceptConnectionId: caller.connectionId,
        meta: callbackMetaFor(caller, BEFORE_SEND),
      };
      return { ...(await sendGroupMessage(scope.services, app.config, request)) };
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'history.group', input: wsHistoryInput,
    run: async ({ app, caller }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      return groupHistory(scope.services, app.config, {
        groupId: scope.containerId, reqMsgSeq: input.ReqMsgSeq, count: input.ReqMsgNumber ?? 20, reader: caller.userId, appAdmin: app.config.admins.includes(caller.userId),
        withVersion: true,
      });
    },
  }),
  restRoute({
    service, feature, command: 'send_group_msg', input: sendGroupMsgInput,
    run: async (call, input) => {
      const forbid = input.ForbidCallbackControl ?? [];
      const { app, caller } = call;
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      const reply = await sendGroupMessage(scope.services, app.config, {
        groupId: scope.containerId, from: await restSender(call, input.From_Account), by: 'admin', operator: caller.admin, body: input.MsgBody,
        random: input.Random, priority: input.MsgPriority ?? 'Normal', cloudCustomData: input.CloudCustomData, ...controls(input),
        needReceipt: input.NeedReadReceipt === 1, extensible: input.SupportMessageExtension === 1,
        beforeCallback: !forbid.includes('ForbidBeforeSendMsgCallback'), afterCallback: !forbid.includes('ForbidAfterSendMsgCallback'),
        atInfo: input.GroupAtInfo, offlinePushInfo: input.OfflinePushInfo, toAccounts: input.To_Account, meta: callbackMetaFor(caller, AFTER_SEND),
      });
      return { ...reply };
    },
  }),
  restRoute({
    service, feature, command: 'send_group_system_notification', input: systemNotificationInput,
    run: async ({ app, caller }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      await sendSystemNotification(scope.services, app.config, scope.containerId, input.Content, input.ToMembers_Account, caller.admin);
      return {};
    },
  }),
  restRoute({
    service, feature, command: 'group_msg_get_simple', input: historyInput,
    run: async ({ app }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      const reply = await groupHistory(scope.services, app.config, { groupId: scope.containerId, reqMsgSeq: input.ReqMsgSeq, count: input.ReqMsgNumber, appAdmin: true });
      // Tencent's reply names the group it was asked about; a topic's history is the Community's GroupId with the TopicId asked.
      return { ...reply, GroupId: input.GroupId };
    },
  }),
  restRoute({
    service, feature, command: 'group_msg_recall', input: recallInput,
    run: async ({ app, caller }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      return {
        RecallRetList: await recallGroupMessages(scope.services, app.config, {
          groupId: scope.containerId, seqs: input.MsgSeqList.map((m) => m.MsgSeq), actor: caller.admin, appAdmin: true, meta: callbackMetaFor(caller, AFTER_RECALL),
        }),
      };
    },
  }),
  restRoute({
    service, feature, command: 'delete_group_msg_by_sender', input: deleteBySenderInput,
    run: async ({ app }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      await deleteMessagesBySender(scope.services, scope.containerId, input.Sender_Account);
      return {};
    },
  }),
  restRoute({
    service, feature, command: 'clear_group_msg', input: clearHistoryInput,
    run: async ({ app }, input) => { await clearGroupHistory(app.services, input.GroupId, input.MsgSeq); return {}; },
  }),
  restRoute({
    service, feature, command: 'forbid_send_msg', input: forbidSendInput,
    run: async ({ app, caller }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      await forbidSendMsg(scope.services, scope.containerId, input.Members_Account, input.MuteTime, caller.admin);
      return {};
    },
  }),
  restRoute({
    service, feature, command: 'get_group_muted_account', input: groupIdOnlyInput,
    run: async ({ app }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      return {
        GroupId: input.GroupId,
        MutedAccountList: (await mutedAccounts(scope.services, scope.containerId)).map((m) => ({ Member_Account: m.userId, MutedUntil: m.until })),
      };
    },
  }),
  restRoute({
    service, feature, command: 'get_group_shutted_uin', input: groupIdOnlyInput,
    run: async ({ app }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      return {
        GroupId: input.GroupId,
        ShuttedUinList: (await mutedAccounts(scope.services, scope.containerId)).map((m) => ({ Member_Account: m.userId, ShuttedUntil: m.until })),
      };
    },
  }),
  restRoute({
    service, feature, command: 'import_group_msg', input: importInput,
    run: async ({ app }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      return { ImportMsgResult: await importGroupMessages(scope.services, app.config, scope.containerId, input.MsgList) };
    },
  }),
  restRoute({
    service, feature, command: 'set_unread_msg_num', input: setUnreadInput,
    run: async ({ app }, input) => { await setUnreadNum(app.services, input.GroupId, input.Member_Account, input.UnreadMsgNum); return {}; },
  }),
  restRoute({
    service, feature, command: 'get_online_member_num', input: groupIdOnlyInput,
    run: async ({ app }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      return { OnlineMemberNum: await onlineMemberNum(scope.services, scope.containerId) };
    },
  }),
  ...pinnedMessageRoutes,
  ...groupModifyRoutes,
  ...groupExtensionRoutes,
  ...groupReceiptRoutes,
];
