import { restRoute } from './services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { AFTER_MODIFY_GROUP, modifyGroupMessage } from './modify.js';
import { modifyGroupMsgInput } from './schemas.js';
import { messageScope } from '../topics/topic-scope.js';

/**
 * `openim/modify_group_msg`: in service `openim` but a group command, so the groupmsg feature serves it (the route
 * plan gives it a literal route of its own; docs/architecture.md "Routing"). The WebSocket side is `msg.modify`.
 */
export const groupModifyRoutes = [
  restRoute({
    service: 'openim', feature: 'groupmsg', command: 'modify_group_msg', input: modifyGroupMsgInput,
    run: async ({ app, caller }, input) => {
      const scope = await messageScope(app.services, input.GroupId, input.TopicId);
      await modifyGroupMessage(scope.services, app.config, {
        groupId: scope.containerId, seq: input.MsgSeq, body: input.MsgBody, cloudCustomData: input.CloudCustomData,
        actor: caller.admin, appAdmin: true, by: 'admin', meta: callbackMetaFor(caller, AFTER_MODIFY_GROUP),
      });
      return {};
    },
  }),
];
