import { ImError } from '../shared/errors.js';
import { restRoute, wsRoute } from './services.js';
import type { RouteCall, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { groupMsgExtensions, groupMsgGetExtensions } from '../groupmsg/shared-actions.js';
import type { ExtensionOperation, ExtensionRequest, RequestedPair } from '../msgext/extension-rules.js';
import type { ExtensionOutcome } from '../msgext/operate.js';
import { getKeyValuesInput, setKeyValuesInput, wsChangeExtensionsInput, wsGetExtensionsInput } from '../msgext/schemas.js';
import { C2cCode } from '../c2c/c2c-codes.js';
import { AFTER_C2C_EXTENSION, getC2cExtensions, operateC2cExtensions } from '../c2c/extensions.js';

const feature = 'msgactions';
const code = C2cCode.InvalidParam;

/** What set/delete answer: Tencent's per-pair results, plus (over the WebSocket) the message's Seq and ClearSeq. */
const wsReply = (o: ExtensionOutcome) => ({ ExtensionList: o.results, Seq: o.seq, ClearSeq: o.clearSeq });

interface WsMessageRef { Peer_Account?: string; MsgKey?: string; GroupId?: string; MsgSeq?: number }

/** The group half goes to groupmsg (like `msg.modify`); the C2C form needs Peer_Account and MsgKey. */
function c2cRef(call: RouteCall<WsCaller, Pick<ServiceCatalog, never>>, input: WsMessageRef) {
  if (input.Peer_Account === undefined || input.MsgKey === undefined) throw new ImError(code, 'Peer_Account and MsgKey (or GroupId and MsgSeq) are required');
  return { user: call.caller.userId, peer: input.Peer_Account, msgKey: input.MsgKey };
}

async function wsChange(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'messageExtensions' | 'webhooks'>>, input: WsMessageRef & { ExtensionList?: RequestedPair[] }, operation: ExtensionOperation) {
  const req: ExtensionRequest = { operation, pairs: input.ExtensionList ?? [], seqCheck: 'always' };
  if (input.GroupId !== undefined) return wsReply(await groupMsgExtensions(call, input.GroupId, input.MsgSeq, req));
  const outcome = await operateC2cExtensions(call.app.services, c2cRef(call, input), req, {
    operator: call.caller.userId, meta: callbackMetaFor(call.caller, AFTER_C2C_EXTENSION), exceptConnectionId: call.caller.connectionId,
  });
  return wsReply(outcome);
}

/** Message extensions: `openim_msg_ext_http_svc` C2C commands and the `msg.extensions.*` actions (group halves in groupmsg). */
export const extensionRoutes = [
  wsRoute({
    feature, action: 'msg.extensions.set', input: wsChangeExtensionsInput(code), invalidParamCode: code,
    run: (call, input) => wsChange(call, input, 1),
  }),
  wsRoute({
    feature, action: 'msg.extensions.delete', input: wsChangeExtensionsInput(code), invalidParamCode: code,
    run: (call, input) => wsChange(call, input, (input.ExtensionList ?? []).length > 0 ? 2 : 3),
  }),
  wsRoute({
    feature, action: 'msg.extensions.get', input: wsGetExtensionsInput(code), invalidParamCode: code,
    run: async (call, input) => {
      if (input.GroupId !== undefined) return groupMsgGetExtensions(call, input.GroupId, input.MsgSeq, input.StartSeq ?? 0);
      return getC2cExtensions(call.app.services, c2cRef(call, input), input.StartSeq ?? 0);
    },
  }),
  restRoute({
    service: 'openim_msg_ext_http_svc', feature, command: 'set_key_values', input: setKeyValuesInput(code),
    run: async ({ app, caller }, input) => {
      const outcome = await operateC2cExtensions(app.services, { user: input.From_Account, peer: input.To_Account, msgKey: input.MsgKey },
        { operation: input.OperateType ?? 1, pairs: input.ExtensionList ?? [], seqCheck: 'given' },
        { operator: caller.admin, meta: callbackMetaFor(caller, AFTER_C2C_EXTENSION) });
      return { ExtensionList: outcome.results };
    },
  }),
  restRoute({
    service: 'openim_msg_ext_http_svc', feature, command: 'get_key_values', input: getKeyValuesInput(code),
    run: ({ app }, input) => getC2cExtensions(app.services, { user: input.From_Account, peer: input.To_Account, msgKey: input.MsgKey }, input.StartSeq ?? 0),
  }),
];
