import { restRoute, wsRoute } from './services.js';
import { ImError } from '../shared/errors.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import {
  batchSendInput, deleteForSelfInput, deleteRambleInput, getNoSpeakingInput, getRoamMsgInput, historyInput, importMsgInput, msgWithdrawInput,
  receiveOptGetInput, receiveOptSetInput, sendMsgInput, setNoSpeakingInput, wsSendInput,
} from './schemas.js';
import { getC2cReceiveOpts, setC2cReceiveOpt } from './receive-opts.js';
import { deleteC2cMessagesForUser } from './delete-for-user.js';
import { sendC2cMessage, BEFORE_SEND, AFTER_SEND, type SendRequest } from './send-message.js';
import { c2cHistory, getRoamMessages, HISTORY_MAX } from './history.js';
import { recallC2cMessage } from './recall.js';
import { batchSend, importMessage } from './rest-sends.js';
import { getNoSpeaking, setNoSpeaking } from './global-mute.js';
import { C2cCode } from './c2c-codes.js';
import { officialPrivateRoutes } from '../official/private-routes.js';

const feature = 'c2c';
const openim = 'openim';
const OPENIM_INVALID = C2cCode.InvalidParam;

const controls = (list: readonly string[] | undefined) => ({ noUnread: list?.includes('NoUnread') ?? false, noLastMsg: list?.includes('NoLastMsg') ?? false });

export const c2cRoutes = [
  wsRoute({
    feature, action: 'c2c.send', input: wsSendInput, invalidParamCode: OPENIM_INVALID, overHttp: 'proves-session',
    run: ({ app, caller }, input) => sendC2cMessage(app.services, app.config, {
      from: caller.userId, to: input.To_Account, body: input.MsgBody, random: input.MsgRandom, cloudCustomData: input.CloudCustomData,
      needReceipt: input.IsNeedReadReceipt === 1, extensible: input.SupportMessageExtension === 1, by: 'user', syncToSender: 'others', exceptConnectionId: caller.connectionId,
      ...(caller.overHttp && { senderSession: { platform: caller.platform, instance: caller.instance } }),
      onlineOnly: input.OnlineOnlyFlag === 1, ...controls(input.SendMsgControl), beforeCallback: true, afterCallback: true,
      meta: callbackMetaFor(caller, BEFORE_SEND), ...(input.OfflinePushInfo && { offlinePushInfo: input.OfflinePushInfo }),
    }) as unknown as Promise<Record<string, unknown>>,
  }),
  wsRoute({
    feature, action: 'history.c2c', input: historyInput, invalidParamCode: OPENIM_INVALID, overHttp: 'session-checked',
    run: ({ app, caller }, input) => c2cHistory(app.services, app.config, caller.userId, input.Peer_Account, { beforeSeq: input.BeforeMsgSeq, count: input.Count ?? 20 }),
  }),
  wsRoute({
    feature, action: 'msg.delete', input: deleteForSelfInput, invalidParamCode: OPENIM_INVALID,
    run: async ({ app, caller }, input) => {
      await deleteC2cMessagesForUser(app.services, { user: caller.userId, peer: input.Peer_Account, msgKeys: input.MsgKeyList, exceptConnectionId: caller.connectionId });
      return {};
    },
  }),
  wsRoute({
    feature, action: 'c2c.receiveOpt.set', input: receiveOptSetInput, invalidParamCode: OPENIM_INVALID,
    run: ({ app, caller }, input) => setC2cReceiveOpt(app.services, caller.userId, input.To_Account, input.MsgFlag),
  }),
  wsRoute({
    feature, action: 'c2c.receiveOpt.get', input: receiveOptGetInput, invalidParamCode: OPENIM_INVALID,
    run: ({ app, caller }, input) => getC2cReceiveOpts(app.services, caller.userId, input.To_Account),
  }),
  restRoute({
    service: 'openim', feature, command: 'delete_c2c_msg_ramble', input: deleteRambleInput,
    run: async ({ app }, input) => {
      await deleteC2cMessagesForUser(app.services, { user: input.Operator_Account, peer: input.Peer_Account, msgKeys: input.MsgKeyList });
      return {};
    },
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
  ...officialPrivateRoutes,
];

export { HISTORY_MAX };
