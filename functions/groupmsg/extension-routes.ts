import { restRoute } from './services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { groupGetKeyValuesInput, groupSetKeyValuesInput } from '../msgext/schemas.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import { AFTER_GROUP_EXTENSION, getGroupExtensions, operateGroupExtensions } from './extensions.js';

const code = GroupMsgCode.InvalidParam;

/**
 * `openim_msg_ext_http_svc/group_set_key_values` and `group_get_key_values`: in the C2C feature's service but group
 * commands, so groupmsg serves them (command routes of their own; docs/architecture.md "Routing").
 */
export const groupExtensionRoutes = [
  restRoute({
    service: 'openim_msg_ext_http_svc', feature: 'groupmsg', command: 'group_set_key_values', input: groupSetKeyValuesInput(code),
    run: async ({ app, caller }, input) => {
      const outcome = await operateGroupExtensions(app.services, input.GroupId, input.MsgSeq,
        { operation: input.OperateType ?? 1, pairs: input.ExtensionList ?? [], seqCheck: 'given' },
        { actor: caller.admin, appAdmin: true, meta: callbackMetaFor(caller, AFTER_GROUP_EXTENSION) });
      return { ExtensionList: outcome.results };
    },
  }),
  restRoute({
    service: 'openim_msg_ext_http_svc', feature: 'groupmsg', command: 'group_get_key_values', input: groupGetKeyValuesInput(code),
    run: ({ app, caller }, input) => getGroupExtensions(app.services, input.GroupId, input.MsgSeq, input.StartSeq ?? 0, { actor: caller.admin, appAdmin: true }),
  }),
];
