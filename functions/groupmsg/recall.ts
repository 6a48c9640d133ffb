import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { GroupMsgCode, LIMITS } from './groupmsg-codes.js';
import { countersOr10010 } from './read-state.js';
import { deliverToGroup } from './fan-out.js';
import { containerFields } from '../topics/topic-ids.js';
import { COMMUNITY_BITS, holdsInContainer } from '../topics/permissions.js';

type RecallServices = Pick<ServiceCatalog, 'clock' | 'groups' | 'groupMessages' | 'connections' | 'gateway' | 'webhooks' | 'permissionGroups' | 'topics'>;

export const AFTER_RECALL = 'Group.CallbackAfterRecallMsg';

export interface RecallRequest {
  groupId: string;
  seqs: readonly number[];
  /** A member over the WebSocket, or the app admin (REST, or an admin identifier). */
  actor: string;
  appAdmin: boolean;
  meta: CallbackMeta;
}

/**
 * Recalls group messages: a member its own within `recallLimitSeconds` (10031 after), owners, admins and the app
 * admin anyone's while stored. Recalled messages stay in history as `IsPlaceMsg` 2; online members get
 * `msg.recalled`; `Group.CallbackAfterRecallMsg` fires once for the recalled seqs. Returns a code per seq.
 */
export async function recallGroupMessages(services: RecallServices, config: AppConfig, req: RecallRequest): Promise<Array<{ MsgSeq: number; RetCode: number }>> {
  const group = await countersOr10010(services, req.groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupMsgCode.RecallUnsupported, 'AVChatRoom messages are not stored and cannot be recalled');
  let privileged = req.appAdmin;
  if (!privileged) {
    const member = (await services.groupMessages.standing(req.groupId, req.actor, false)).member;
    if (!member) throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${req.groupId}`);
    privileged = member.role === 'Owner' || member.role === 'Admin';
    // In a permission-group Community, RevokeOtherMemberGroupMessage (RevokeOtherMemberTopicMessage in a topic) decides instead of the role.
    if (group.type === 'Community' && member.role !== 'Owner') {
      privileged = (await holdsInContainer(services, req.groupId, req.actor, COMMUNITY_BITS.RevokeOtherMemberGroupMessage)) ?? privileged;
    }
  }
  const nowS = Math.floor(services.clock() / 1000);
  const seqs = [...new Set(req.seqs)];
  const messages = new Map((await services.groupMessages.getMessages(req.groupId, seqs)).map((m) => [m.seq, m]));
  const results = await Promise.all(seqs.map(async (seq) => {
    const m = messages.get(seq);
    if (!m || m.expiresAt <= nowS || m.deleted || seq <= group.clearedSeq) return { MsgSeq: seq, RetCode: GroupMsgCode.RecallNotFound };
    if (m.recalled) return { MsgSeq: seq, RetCode: GroupMsgCode.NotRecallable };
    if (m.tip) return { MsgSeq: seq, RetCode: GroupMsgCode.NotRecallable };
    if (!privileged) {
      if (m.from !== req.actor) return { MsgSeq: seq, RetCode: GroupMsgCode.NoPermission };
      if (nowS - m.time > config.groupMessages.recallLimitSeconds) return { MsgSeq: seq, RetCode: GroupMsgCode.RecallTooLate };
    }
    const outcome = await services.groupMessages.mark(req.groupId, seq, 'recalled', nowS);
    return { MsgSeq: seq, RetCode: outcome === 'ok' ? 0 : outcome === 'already' ? GroupMsgCode.NotRecallable : GroupMsgCode.RecallNotFound };
  }));
  const recalled = results.filter((r) => r.RetCode === 0).map((r) => r.MsgSeq);
  if (recalled.length > 0) await announceRecall(services, config, group.groupId, group.type, recalled, req.actor, req.meta);
  return results;
}

async function announceRecall(services: RecallServices, config: AppConfig, groupId: string, type: string, seqs: readonly number[], operator: string, meta: CallbackMeta) {
  await Promise.all(seqs.map((MsgSeq) => deliverToGroup(services, config, { groupId, frame: eventFrame('msg.recalled', { ...containerFields(groupId), MsgSeq }), honourDiscard: true })));
  await services.webhooks.after(AFTER_RECALL, {
    ...containerFields(groupId), Type: type, Operator_Account: operator, MsgSeqList: seqs.map((MsgSeq) => ({ MsgSeq })), EventTime: services.clock(),
  }, meta);
}

/** `delete_group_msg_by_sender`: the sender's messages among the group's last 1000 become `IsPlaceMsg` 1 (one Query, one update each). */
export async function deleteMessagesBySender(services: RecallServices, groupId: string, sender: string): Promise<number> {
  const group = await countersOr10010(services, groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupMsgCode.DeleteUnsupported, 'AVChatRoom messages are not stored');
  const last = group.lastSeq;
  const nowS = Math.floor(services.clock() / 1000);
  // Cleared messages are gone already: the scan stops above the mark.
  const lowest = Math.max(1, group.clearedSeq + 1, last - LIMITS.senderDeleteScan + 1);
  const recent = await services.groupMessages.range(groupId, lowest, last, LIMITS.senderDeleteScan);
  const mine = recent.filter((m) => m.from === sender && !m.tip && !m.deleted && m.expiresAt > nowS);
  const outcomes = await Promise.all(mine.map((m) => services.groupMessages.mark(groupId, m.seq, 'deleted', nowS)));
  return outcomes.filter((o) => o === 'ok').length;
}

/**
 * `clear_group_msg`: history up to `MsgSeq` (absent or 0: the newest) is gone for everyone. One UpdateItem of a mark
 * on META, which history, unread, conversation lists, recall and delete honour; no message is rewritten (retention
 * removes them) and `NextMsgSeq` does not move, so no SEQ is reused. A seq past the newest clears up to the newest.
 */
export async function clearGroupHistory(services: Pick<ServiceCatalog, 'groupMessages'>, groupId: string, msgSeq: number | undefined): Promise<void> {
  const group = await countersOr10010(services, groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupMsgCode.NoPermission, 'AVChatRoom stores no messages: no history to clear');
  const upTo = msgSeq ? Math.min(msgSeq, group.lastSeq) : group.lastSeq;
  if (upTo <= group.clearedSeq) return;
  // `skipped` read with the last seq: exact for a clear to the newest; a clear inside the history counts the NoUnread
  // messages after MsgSeq as unread for members who had not read to MsgSeq (docs/data-model.md).
  const outcome = await services.groupMessages.clearHistory(groupId, upTo, group.skipped);
  if (outcome === 'gone') throw new ImError(GroupMsgCode.NotFound, `group ${groupId} does not exist or was dissolved`);
}
