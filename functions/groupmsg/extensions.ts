import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { checkExtensionRequest, extensionPage, type ExtensionRequest } from '../msgext/extension-rules.js';
import { operateOnExtensions } from '../msgext/operate.js';
import { ModifyCode } from '../c2c/modify-rules.js';
import { groupConversationId } from './group-conversation-reads-dynamo.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import type { GroupCounters, GroupMessage } from './groupmsg-store.js';
import { deliverGroupEvent } from './online-index.js';
import { countersOr10010 } from './read-state.js';

type ExtensionServices = Pick<ServiceCatalog, 'clock' | 'groupMessages' | 'messageExtensions' | 'groupFanOut' | 'gateway' | 'connections' | 'webhooks'>;

export const AFTER_GROUP_EXTENSION = 'Group.CallbackAfterGroupMsgExtension';

/** Who acts: a member over the WebSocket, or the app admin (REST, or an admin identifier). */
export interface GroupExtensionActor { actor: string; appAdmin: boolean }

/** Tencent's extension pages list Work, Public and Meeting groups; AVChatRoom stores no messages, Community is not supported. */
const UNSUPPORTED = new Set(['AVChatRoom', 'Community']);

async function extensibleMessage(services: ExtensionServices, groupId: string, seq: number, who: GroupExtensionActor): Promise<{ group: GroupCounters; message: GroupMessage }> {
  const group = await countersOr10010(services, groupId);
  if (UNSUPPORTED.has(group.type)) throw new ImError(GroupMsgCode.NoPermission, `${group.type} group messages do not support extensions`);
  if (!who.appAdmin && !(await services.groupMessages.standing(groupId, who.actor, false)).member) {
    throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${groupId}`);
  }
  const nowS = Math.floor(services.clock() / 1000);
  const [message] = await services.groupMessages.getMessages(groupId, [seq]);
  const visible = message && (who.appAdmin || !message.targets || message.from === who.actor || message.targets.includes(who.actor));
  if (!message || !visible || message.expiresAt <= nowS || message.deleted || seq <= group.clearedSeq) {
    throw new ImError(GroupMsgCode.RecallNotFound, `message ${seq} of group ${groupId} does not exist (not stored, expired, deleted or cleared)`);
  }
  if (message.tip) throw new ImError(GroupMsgCode.InvalidParam, `message ${seq} is a group tip; tips take no extensions`);
  if (message.recalled) throw new ImError(ModifyCode.Recalled, `message ${seq} was recalled`);
  if (!message.extensible) throw new ImError(GroupMsgCode.InvalidParam, `message ${seq} was not sent with SupportMessageExtension: 1, so it takes no extensions`);
  return { group, message };
}

const targetOf = (m: GroupMessage) => ({ conversationId: groupConversationId(m.groupId), seq: m.seq });

/**
 * `group_set_key_values` and `msg.extensions.set` / `.delete` with `GroupId`. Online members who see the message
 * (a targeted message: its members and sender) get `message.extensions.changed`; fires
 * `Group.CallbackAfterGroupMsgExtension` when something changed.
 */
export async function operateGroupExtensions(
  services: ExtensionServices, groupId: string, seq: number, req: ExtensionRequest,
  how: GroupExtensionActor & { meta: CallbackMeta; exceptConnectionId?: string },
) {
  checkExtensionRequest(req, GroupMsgCode.InvalidParam);
  const { group, message } = await extensibleMessage(services, groupId, seq, how);
  const outcome = await operateOnExtensions(services.messageExtensions, targetOf(message), req, GroupMsgCode.InvalidParam, message.expiresAt);
  if (outcome.changed.length > 0 || req.operation === 3) {
    const change = { GroupId: groupId, MsgSeq: seq, OperateType: req.operation, ExtensionList: outcome.changed, Seq: outcome.seq };
    const only = message.targets ? new Set([...message.targets, message.from]) : undefined;
    await deliverGroupEvent(services, groupId, group.type, 'message.extensions.changed', { ...change, ClearSeq: outcome.clearSeq, Operator_Account: how.actor },
      (c) => c.connectionId !== how.exceptConnectionId && (!only || only.has(c.userId)));
    await services.webhooks.after(AFTER_GROUP_EXTENSION, { ...change, EventTime: services.clock() }, how.meta);
  }
  return outcome;
}

/** `group_get_key_values` and `msg.extensions.get` with `GroupId`. */
export async function getGroupExtensions(services: ExtensionServices, groupId: string, seq: number, startSeq: number, who: GroupExtensionActor) {
  const { message } = await extensibleMessage(services, groupId, seq, who);
  return extensionPage(await services.messageExtensions.get(targetOf(message)), startSeq);
}
