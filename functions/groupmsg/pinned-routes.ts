import { wsRoute } from './services.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import { listPinnedMessages, pinGroupMessage } from './pinned-messages.js';
import { groupIdOnlyInput, pinInput } from './schemas.js';

const feature = 'groupmsg';
const invalidParamCode = GroupMsgCode.InvalidParam;

/** Pinned group messages: WebSocket only (Tencent has no REST command for them; docs/websocket.md). */
export const pinnedMessageRoutes = [
  wsRoute({
    feature, invalidParamCode, action: 'group.message.pin', input: pinInput,
    run: async ({ app, caller }, input) => {
      await pinGroupMessage(app.services, {
        groupId: input.GroupId, seq: input.MsgSeq, pinned: input.IsPinned === 1, actor: caller.userId, appAdmin: app.config.admins.includes(caller.userId),
      });
      return {};
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.message.pins', input: groupIdOnlyInput,
    run: ({ app, caller }, input) => listPinnedMessages(app.services, { groupId: input.GroupId, actor: caller.userId, appAdmin: app.config.admins.includes(caller.userId) }),
  }),
];
