import { ImError } from '../shared/errors.js';
import { restRoute, wsRoute } from './services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { groupMsgModify } from '../groupmsg/shared-actions.js';
import { C2cCode } from '../c2c/c2c-codes.js';
import { AFTER_MODIFY, modifyC2cMessage } from '../c2c/modify.js';
import { modifyC2cMsgInput, modifyInput } from '../c2c/action-schemas.js';

const feature = 'msgactions';

/** Message edit: the `msg.modify` action (C2C here, group messages handed to groupmsg like `msg.recall`) and `openim/modify_c2c_msg`. */
export const modifyRoutes = [
  wsRoute({
    feature, action: 'msg.modify', input: modifyInput, invalidParamCode: C2cCode.InvalidParam,
    run: async (call, input) => {
      const edit = { body: input.MsgBody, cloudCustomData: input.CloudCustomData, expectedVersion: input.MsgVersion };
      if (input.GroupId !== undefined) return groupMsgModify(call, input.GroupId, input.MsgSeq, edit, input.TopicId);
      if (input.Peer_Account === undefined || input.MsgKey === undefined) throw new ImError(C2cCode.InvalidParam, 'Peer_Account and MsgKey (or GroupId and MsgSeq) are required');
      const { app, caller } = call;
      return modifyC2cMessage(app.services, app.config, {
        user: caller.userId, peer: input.Peer_Account, msgKey: input.MsgKey, ...edit, by: 'user', operator: caller.userId,
        meta: callbackMetaFor(caller, AFTER_MODIFY), exceptConnectionId: caller.connectionId,
      });
    },
  }),
  restRoute({
    service: 'openim', feature, command: 'modify_c2c_msg', input: modifyC2cMsgInput,
    run: async ({ app, caller }, input) => {
      await modifyC2cMessage(app.services, app.config, {
        user: input.From_Account, peer: input.To_Account, from: input.From_Account, msgKey: input.MsgKey, body: input.MsgBody,
        cloudCustomData: input.CloudCustomData, by: 'admin', operator: caller.admin, meta: callbackMetaFor(caller, AFTER_MODIFY),
      });
      return {};
    },
  }),
];
