import { restRoute, wsRoute } from './services.js';
import { OfficialCode } from './official-codes.js';
import { officialContext } from './official-context.js';
import { createOfficialAccount, destroyOfficialAccount, modifyOfficialAccount, officialAccountInfo } from './accounts.js';
import { addSubscribers, deleteSubscribers, modifySubscriber, subscribedAccounts, subscriberPage, subscribeSelf, unsubscribeSelf } from './subscribers.js';
import { publish } from './publish.js';
import { historyPage, markRead, recallBroadcasts } from './history.js';
import { officialConversations } from './official-conversations.js';
import {
  accountOnlyInput, addSubscriberInput, createInput, deleteSubscriberInput, historyInput, infoInput, modifyInput, modifySubscriberInput,
  recallInput, sendInput, subscribedListInput, subscriberInfoInput, wsHistoryInput, wsListInput, wsReadInput, wsSendInput, wsSubscribeInput,
} from './schemas.js';

const service = 'official_account_open_http_svc';
// The official Lambda (its own since issue 19's 130 KB limit: with broadcast's all_member_push the bundle was 195 KB).
const feature = 'official';
const invalidParamCode = OfficialCode.InvalidParam;
const forbids = (list: readonly string[] | undefined, what: string) => (list ?? []).includes(what);

/** Official accounts (functions/official/README.md): the §3.12 REST commands and the official.* actions. */
export const officialRoutes = [
  restRoute({
    service, feature, command: 'create_official_account', input: createInput,
    run: (call, i) => createOfficialAccount(officialContext(call), {
      owner: i.Owner_Account, name: i.Name, ...(i.OfficialAccountUserID !== undefined && { customId: i.OfficialAccountUserID }),
      introduction: i.Introduction, faceUrl: i.FaceUrl, organization: i.Organization, customString: i.CustomString, maxSubscriberNum: i.MaxSubscriberNum,
    }),
  }),
  restRoute({ service, feature, command: 'destroy_official_account', input: accountOnlyInput, run: (call, i) => destroyOfficialAccount(officialContext(call), i.Official_Account) }),
  restRoute({
    service, feature, command: 'modify_official_account_base_info', input: modifyInput,
    run: (call, i) => modifyOfficialAccount(officialContext(call), i.Official_Account, {
      name: i.Name, introduction: i.Introduction, faceUrl: i.FaceUrl, organization: i.Organization, customString: i.CustomString, maxSubscriberNum: i.MaxSubscriberNum,
    }),
  }),
  restRoute({
    service, feature, command: 'send_official_account_msg', input: sendInput,
    run: (call, i) => publish(officialContext(call), {
      accountId: i.Official_Account, body: i.MsgBody, ...(i.Random !== undefined && { random: i.Random }), cloudCustomData: i.CloudCustomData,
      onlineOnly: i.OnlineOnlyFlag === 1, ...(i.OfflinePushInfo && { offlinePushInfo: i.OfflinePushInfo }),
      beforeCallback: !forbids(i.ForbidCallbackControl, 'ForbidBeforeSendMsgCallback'), afterCallback: !forbids(i.ForbidCallbackControl, 'ForbidAfterSendMsgCallback'),
    }),
  }),
  restRoute({
    service, feature, command: 'get_official_account_info', input: infoInput,
    run: (call, i) => officialAccountInfo(officialContext(call), i.OfficialAccountIdList.map((e) => e.Official_Account), i.ResponseFilter?.OfficialAccountBaseInfoFilter),
  }),
  restRoute({ service, feature, command: 'get_subscriber_info', input: subscriberInfoInput, run: (call, i) => subscriberPage(officialContext(call), i.Official_Account, i.Limit, i.Next) }),
  restRoute({ service, feature, command: 'official_account_msg_recall', input: recallInput, run: (call, i) => recallBroadcasts(officialContext(call), i.Official_Account, i.MsgKeyList) }),
  restRoute({
    service, feature, command: 'official_account_msg_get_simple', input: historyInput,
    run: (call, i) => historyPage(officialContext(call), i.Official_Account, {
      ...(i.LastMsgKey && { lastMsgKey: i.LastMsgKey }), ...(i.ReqMsgNumber !== undefined && { count: i.ReqMsgNumber }), withRecalled: i.WithRecalledMsg === 1,
    }),
  }),
  restRoute({ service, feature, command: 'add_subscriber', input: addSubscriberInput, run: (call, i) => addSubscribers(officialContext(call), i.Official_Account, i.SubscriberList) }),
  restRoute({ service, feature, command: 'delete_subscriber', input: deleteSubscriberInput, run: (call, i) => deleteSubscribers(officialContext(call), i.Official_Account, i.users) }),
  restRoute({
    service, feature, command: 'modify_subscriber_info', input: modifySubscriberInput,
    run: (call, i) => modifySubscriber(officialContext(call), i.Official_Account, i.Subscriber_Account, i.CustomString),
  }),
  restRoute({
    service, feature, command: 'get_subscribed_official_account_list', input: subscribedListInput,
    run: (call, i) => subscribedAccounts(officialContext(call), i.Subscriber_Account, {
      ...(i.Limit !== undefined && { limit: i.Limit }), ...(i.Offset !== undefined && { offset: i.Offset }),
      baseFilter: i.ResponseFilter?.OfficialAccountBaseInfoFilter, selfFilter: i.ResponseFilter?.SelfInfoFilter,
    }),
  }),

  wsRoute({ feature, invalidParamCode, action: 'official.subscribe', input: wsSubscribeInput, run: (call, i) => subscribeSelf(officialContext(call), i.Official_Account, i.MsgFlag) }),
  wsRoute({ feature, invalidParamCode, action: 'official.unsubscribe', input: accountOnlyInput, run: (call, i) => unsubscribeSelf(officialContext(call), i.Official_Account) }),
  wsRoute({
    feature, invalidParamCode, action: 'official.list', input: wsListInput,
    run: async (call) => ({ OfficialAccounts: (await officialConversations(call.app.services, call.caller.userId, { lastMsg: true, all: true })).map((r) => r.item) }),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'official.history', input: wsHistoryInput,
    run: (call, i) => historyPage(officialContext(call), i.Official_Account, {
      ...(i.LastMsgKey && { lastMsgKey: i.LastMsgKey }), ...(i.ReqMsgNumber !== undefined && { count: i.ReqMsgNumber }), withRecalled: true, asSubscriber: true,
    }),
  }),
  wsRoute({ feature, invalidParamCode, action: 'official.read', input: wsReadInput, run: (call, i) => markRead(officialContext(call), i.Official_Account, i.MsgSeq) }),
  wsRoute({
    feature, invalidParamCode, action: 'official.send', input: wsSendInput,
    run: (call, i) => publish(officialContext(call), {
      accountId: i.Official_Account, body: i.MsgBody, ...(i.Random !== undefined && { random: i.Random }), cloudCustomData: i.CloudCustomData,
      onlineOnly: i.OnlineOnlyFlag === 1, ...(i.OfflinePushInfo && { offlinePushInfo: i.OfflinePushInfo }), beforeCallback: true, afterCallback: true,
    }),
  }),
];
