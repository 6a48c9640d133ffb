import { PRIORITY_NUMBER, type MsgPriority } from './groupmsg-codes.js';
import type { GroupMessage } from './groupmsg-store.js';
import { containerFields } from '../topics/topic-ids.js';

const PRIORITY_NAME = Object.fromEntries(Object.entries(PRIORITY_NUMBER).map(([k, v]) => [v, k])) as Record<number, MsgPriority>;

/**
 * `group.message` event data (docs/websocket.md): Tencent's field names, the sender's NameCard/Nick where set,
 * `NeedReadReceipt: 1` on a message that asks for read receipts, and `MsgVersion` (ours: the number of edits) on a
 * message edited at least once.
 */
export function groupMessageView(m: GroupMessage, extra: { onlineOnly?: boolean } = {}): Record<string, unknown> {
  return {
    ...containerFields(m.groupId),
    From_Account: m.from,
    MsgSeq: m.seq,
    MsgRandom: m.random,
    MsgTimeStamp: m.time,
    MsgPriority: PRIORITY_NAME[m.priority] ?? 'Normal',
    MsgBody: m.body,
    ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
    ...(m.nameCard && { NameCard: m.nameCard }),
    ...(m.nick !== undefined && { Nick: m.nick }),
    ...(m.faceUrl !== undefined && { FaceUrl: m.faceUrl }),
    ...atInfo(m),
    ...(extra.onlineOnly && { OnlineOnlyFlag: 1 }),
    ...(m.needReceipt && { NeedReadReceipt: 1 }),
    ...(m.version && { MsgVersion: m.version }),
  };
}

/** `GroupAtInfo` of a message that @-mentions (all, accounts), as the send took it. */
const atInfo = (m: GroupMessage) => ((m.atAll || m.atAccounts?.length) ? {
  GroupAtInfo: [...(m.atAll ? [{ GroupAtAllFlag: 1 }] : []), ...(m.atAccounts ?? []).map((a) => ({ GroupAtAllFlag: 0, GroupAt_Account: a }))],
} : {});

/**
 * A WebSocket history item with the message's `GroupAtInfo`, `NeedReadReceipt: 1` and, when it was edited, `MsgVersion`, when it is
 * shown (REST items stay Tencent's).
 */
export function versionedHistoryItem(m: GroupMessage | undefined, seq: number, nowS: number, reader?: string): Record<string, unknown> {
  const item = historyItem(m, seq, nowS, reader);
  if (!m || item.IsPlaceMsg !== 0) return item;
  return { ...item, ...(!m.recalled && atInfo(m)), ...(m.needReceipt && { NeedReadReceipt: 1 }), ...(m.version && { MsgVersion: m.version }) };
}

/**
 * One item of `group_msg_get_simple` / `history.group`: `IsPlaceMsg` 0 normal, 1 deleted, expired or targeted at others (empty MsgBody),
 * 2 recalled; stored tips are system messages (`IsSystemMsg` 1, one `TIMGroupTipElem`).
 */
export function historyItem(m: GroupMessage | undefined, seq: number, nowS: number, reader?: string): Record<string, unknown> {
  // A targeted message is a placeholder for members it was not sent to (the app admin, reader undefined, sees it).
  const hidden = m?.targets !== undefined && reader !== undefined && reader !== m.from && !m.targets.includes(reader);
  if (hidden) return { From_Account: '', IsPlaceMsg: 1, MsgBody: [], MsgPriority: 2, MsgRandom: 0, MsgSeq: seq, MsgTimeStamp: 0 };
  if (!m || m.expiresAt <= nowS || m.deleted) {
    return { From_Account: m && m.expiresAt > nowS ? m.from : '', IsPlaceMsg: 1, MsgBody: [], MsgPriority: m?.priority ?? 2, MsgRandom: m?.random ?? 0, MsgSeq: seq, MsgTimeStamp: m?.time ?? 0 };
  }
  return {
    From_Account: m.from,
    IsPlaceMsg: m.recalled ? 2 : 0,
    MsgBody: m.recalled ? [] : m.tip ? [{ MsgType: 'TIMGroupTipElem', MsgContent: m.tip }] : m.body,
    MsgPriority: m.priority,
    MsgRandom: m.random,
    MsgSeq: m.seq,
    MsgTimeStamp: m.time,
    ...(m.tip && { IsSystemMsg: 1 }),
    ...(!m.recalled && m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
    ...(m.nameCard && { NameCard: m.nameCard }),
    ...(m.nick !== undefined && { Nick: m.nick }),
  };
}
