import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { GroupMsgCode, LIMITS } from './groupmsg-codes.js';
import { historyItem, versionedHistoryItem } from './message-view.js';
import { countersOr10010 } from './read-state.js';
import { groupHolesIn } from './holes.js';
import { containerFields } from '../topics/topic-ids.js';
import { preJoinHistoryFloor } from '../topics/permissions.js';

type HistoryServices = Pick<ServiceCatalog, 'clock' | 'groupMessages' | 'groups' | 'permissionGroups' | 'topics'>;

export interface HistoryQuery {
  groupId: string;
  /** The newest seq wanted (inclusive); default the latest. */
  reqMsgSeq?: number;
  count: number;
  /** A member reading (WebSocket); undefined for the app admin. */
  reader?: string;
  appAdmin: boolean;
  /** WebSocket `history.group`: items carry `MsgVersion` when edited (REST group_msg_get_simple stays Tencent's shape). */
  withVersion?: boolean;
}

/** Whether members see messages sent before they joined (config `groupMessages.preJoinHistoryTypes`). */
const preJoinVisible = (config: AppConfig, group: { type: string }) => (config.groupMessages.preJoinHistoryTypes as readonly string[]).includes(group.type);

/**
 * `group_msg_get_simple` / `history.group`: up to 20 messages from `ReqMsgSeq` down, newest first, one Query. Every
 * seq in the range is answered: expired, deleted or missing ones as `IsPlaceMsg` 1, recalled ones as 2.
 * `IsFinished`: 1 when the oldest visible seq was reached, 0 otherwise, 2 when the page is all expired.
 * Messages up to `clear_group_msg`'s mark (and, for a member, its own `conversation.clearHistory`) are not visible: history
 * ends above it, like before a member's join.
 */
export async function groupHistory(services: HistoryServices, config: AppConfig, q: HistoryQuery) {
  if (q.count < 1 || q.count > LIMITS.historyCount) throw new ImError(GroupMsgCode.InvalidParam, `ReqMsgNumber must be 1-${LIMITS.historyCount}`);
  // META's counters hold everything history needs (type, last seq, cleared mark): no read of the whole group item.
  const group = await countersOr10010(services, q.groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupMsgCode.NoPermission, 'AVChatRoom stores no messages');
  let floor = group.clearedSeq;
  if (!q.appAdmin) {
    const member = (await services.groupMessages.standing(q.groupId, q.reader!, false)).member;
    if (!member) throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${q.groupId}`);
    // The member's own clear (conversation.clearHistory) ends its history as the group's clear does.
    floor = Math.max(floor, member.clearedSeq);
    if (!preJoinVisible(config, group)) floor = Math.max(floor, member.joinSeq);
    else if (group.type === 'Community') floor = Math.max(floor, await preJoinHistoryFloor(services, q.groupId, { ...member, userId: q.reader! }));
  }
  const last = group.lastSeq;
  const top = Math.min(q.reqMsgSeq ?? last, last);
  const lowest = floor + 1;
  const bottom = Math.max(lowest, top - q.count + 1);
  const nowS = Math.floor(services.clock() / 1000);
  const found = top >= bottom ? await services.groupMessages.range(q.groupId, bottom, top, q.count) : [];
  const bySeq = new Map(found.map((m) => [m.seq, m]));
  const items = [];
  const item = q.withVersion ? versionedHistoryItem : historyItem;
  for (let seq = top; seq >= bottom; seq--) items.push(item(bySeq.get(seq), seq, nowS, q.appAdmin ? undefined : q.reader));
  const allExpired = items.length > 0 && items.every((i) => i.IsPlaceMsg === 1) && found.every((m) => m.expiresAt <= nowS);
  const finished = bottom <= lowest ? 1 : allExpired ? 2 : 0;
  const holes = groupHolesIn(found, { bottom, top }, group, nowS, { graceSeconds: config.c2c.holeRepairAfterSeconds, retentionDays: config.retentionDays });
  if (holes.length > 0) await services.groupMessages.addHoles(q.groupId, holes);
  // WebSocket: the page's holes by name, so a gap-free client passes over them at once (REST keeps Tencent's shape).
  const skipped = [...group.holes, ...holes].filter((s) => s >= bottom && s <= top).sort((a, b) => b - a);
  return { ...containerFields(q.groupId), IsFinished: finished, RspMsgList: items, ...(q.withVersion && skipped.length > 0 && { SkippedSeqs: skipped }) };
}
