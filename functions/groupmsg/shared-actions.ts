import { ImError } from '../shared/errors.js';
import type { RouteCall, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { isPlausibleGroupId } from '../groups/group-ids.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import { markGroupRead } from './read-state.js';
import { AFTER_RECALL, recallGroupMessages } from './recall.js';
import { AFTER_MODIFY_GROUP, modifyGroupMessage } from './modify.js';
import { AFTER_GROUP_EXTENSION, getGroupExtensions, operateGroupExtensions } from './extensions.js';
import type { ExtensionRequest } from '../msgext/extension-rules.js';
import { AFTER_READ_RECEIPT, groupReceiptCounts, sendGroupReceipts } from './receipts.js';
import { LIMITS } from './groupmsg-codes.js';
import { messageScope } from '../topics/topic-scope.js';
import { isTopicId } from '../topics/topic-ids.js';

/**
 * The group halves of `msg.read`, `msg.recall`, `msg.modify`, `msg.receipt.send` and `msg.receipt.get`: those actions
 * are declared once, by the c2c feature, and hand a frame with `GroupId` to these.
 */
const checkGroupId = (groupId: string) => {
  if (!isPlausibleGroupId(groupId) && !(isTopicId(groupId) && /^[\x20-\x7e]{1,96}$/.test(groupId))) throw new ImError(GroupMsgCode.InvalidGroupId, 'GroupId must be 1-48 bytes of printable ASCII');
};

export async function groupMsgRead(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'topics' | 'webhooks'>>, groupId: string, seq: number, topicId?: string) {
  checkGroupId(groupId);
  const scope = await messageScope(call.app.services, groupId, topicId);
  return { UnreadNum: await markGroupRead(scope.services, call.caller.userId, scope.containerId, seq, call.caller.connectionId) };
}

export async function groupMsgRecall(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'permissionGroups' | 'topics' | 'webhooks'>>, groupId: string, seq: number | undefined, topicId?: string) {
  checkGroupId(groupId);
  if (seq === undefined || seq < 1) throw new ImError(GroupMsgCode.InvalidParam, 'MsgSeq is required with GroupId');
  const scope = await messageScope(call.app.services, groupId, topicId);
  const [result] = await recallGroupMessages(scope.services, call.app.config, {
    groupId: scope.containerId, seqs: [seq], actor: call.caller.userId, appAdmin: call.app.config.admins.includes(call.caller.userId),
    meta: callbackMetaFor(call.caller, AFTER_RECALL),
  });
  if (result!.RetCode !== 0) {
    const why: Record<number, string> = {
      [GroupMsgCode.RecallNotFound]: `message ${seq} does not exist, expired or was deleted`,
      [GroupMsgCode.NotRecallable]: `message ${seq} was already recalled or cannot be recalled`,
      [GroupMsgCode.NoPermission]: 'members may only recall their own messages',
      [GroupMsgCode.RecallTooLate]: 'the recall time limit has passed',
    };
    throw new ImError(result!.RetCode, why[result!.RetCode] ?? 'recall failed');
  }
  return {};
}

/** The group half of `msg.modify` (declared by the c2c feature): a member edits a group message (functions/groupmsg/modify.ts). */
export async function groupMsgModify(
  call: RouteCall<WsCaller, Pick<ServiceCatalog, 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'topics' | 'webhooks'>>, groupId: string, seq: number | undefined, edit: { body?: unknown; cloudCustomData?: string; expectedVersion?: number }, topicId?: string,
) {
  checkGroupId(groupId);
  if (seq === undefined || seq < 1) throw new ImError(GroupMsgCode.InvalidParam, 'MsgSeq is required with GroupId');
  const scope = await messageScope(call.app.services, groupId, topicId);
  return modifyGroupMessage(scope.services, call.app.config, {
    groupId: scope.containerId, seq, ...edit, actor: call.caller.userId, appAdmin: call.app.config.admins.includes(call.caller.userId), by: 'user',
    meta: callbackMetaFor(call.caller, AFTER_MODIFY_GROUP), exceptConnectionId: call.caller.connectionId,
  });
}

const groupMessageSeq = (groupId: string, seq: number | undefined): number => {
  checkGroupId(groupId);
  if (seq === undefined || seq < 1) throw new ImError(GroupMsgCode.InvalidParam, 'MsgSeq is required with GroupId');
  return seq;
};

/** The group half of `msg.extensions.set` / `.delete` (declared by the c2c feature; functions/groupmsg/extensions.ts). */
export async function groupMsgExtensions(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'messageExtensions' | 'webhooks'>>, groupId: string, seq: number | undefined, req: ExtensionRequest) {
  return operateGroupExtensions(call.app.services, groupId, groupMessageSeq(groupId, seq), req, {
    actor: call.caller.userId, appAdmin: call.app.config.admins.includes(call.caller.userId),
    meta: callbackMetaFor(call.caller, AFTER_GROUP_EXTENSION), exceptConnectionId: call.caller.connectionId,
  });
}

/** The group half of `msg.extensions.get`. */
export async function groupMsgGetExtensions(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'messageExtensions' | 'webhooks'>>, groupId: string, seq: number | undefined, startSeq: number) {
  return getGroupExtensions(call.app.services, groupId, groupMessageSeq(groupId, seq), startSeq, {
    actor: call.caller.userId, appAdmin: call.app.config.admins.includes(call.caller.userId),
  });
}

/** `MsgSeqList` of a receipt frame: 1 to `LIMITS.receiptBatchWs` messages (10004 none, 10005 more). */
function receiptSeqs(list: ReadonlyArray<{ MsgSeq: number }> | undefined): number[] {
  if (!list?.length) throw new ImError(GroupMsgCode.InvalidParam, 'MsgSeqList (1 or more {MsgSeq}) is required with GroupId');
  if (list.length > LIMITS.receiptBatchWs) throw new ImError(GroupMsgCode.TooMany, `MsgSeqList has more than ${LIMITS.receiptBatchWs} messages, got ${list.length}`);
  return list.map((m) => m.MsgSeq);
}

/** The group half of `msg.receipt.send`: the caller read these messages (functions/groupmsg/receipts.ts). */
export async function groupMsgReceiptSend(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'groupMessages' | 'webhooks'>>, groupId: string, list: ReadonlyArray<{ MsgSeq: number }> | undefined) {
  checkGroupId(groupId);
  return sendGroupReceipts(call.app.services, {
    groupId, reader: call.caller.userId, seqs: receiptSeqs(list), meta: callbackMetaFor(call.caller, AFTER_READ_RECEIPT),
  });
}

/** The group half of `msg.receipt.get`: ReadNum and UnreadNum of the caller's messages (any message for owners and admins). */
export async function groupMsgReceiptGet(call: RouteCall<WsCaller, Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'groupMessages' | 'webhooks'>>, groupId: string, list: ReadonlyArray<{ MsgSeq: number }> | undefined) {
  checkGroupId(groupId);
  return groupReceiptCounts(call.app.services, {
    groupId, seqs: receiptSeqs(list), actor: call.caller.userId, appAdmin: call.app.config.admins.includes(call.caller.userId),
  });
}
