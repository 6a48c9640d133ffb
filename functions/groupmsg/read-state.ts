import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import { loadGroupOr10010 } from './send.js';
import { groupMessageView } from './message-view.js';
import type { GroupConversationReads, GroupCounters } from './groupmsg-store.js';
import type { GroupListing, MemberRecord } from '../groups/group-store.js';
import type { TopicConversationReads } from '../topics/topic-store.js';
import { containerFields } from '../topics/topic-ids.js';
import { topicReadState } from '../topics/topic-scope.js';
import { notifyReadElsewhere } from '../connections/read-elsewhere.js';

type ReadServices = Pick<ServiceCatalog, 'clock' | 'groups' | 'groupMessages'>;
/** The conversation list's reads (functions/c2c/conversations.ts ConversationReads). */
type ConversationListServices = Pick<ServiceCatalog, 'clock'> & { groups: GroupListing; groupMessages: GroupConversationReads; topics: TopicConversationReads };

/** Unread = last seq − read seq − NoUnread messages since the read position (positions, never a drifting counter). */
export const groupUnread = (lastSeq: number, readSeq: number, skipped: number, skippedAtRead: number) =>
  Math.max(0, lastSeq - readSeq - Math.max(0, skipped - skippedAtRead));

/**
 * A member's unread, honouring `clear_group_msg`: a member who had read less than the cleared mark counts from the
 * mark (cleared messages are nobody's unread), with the skip counter the clear recorded.
 */
export function memberUnread(c: GroupCounters, readSeq: number, skipRead: number): number {
  const cleared = c.clearedSeq > readSeq;
  const from = cleared ? c.clearedSeq : readSeq;
  const holes = c.holes.filter((s) => s > from && s <= c.lastSeq).length;
  return Math.max(0, groupUnread(c.lastSeq, from, c.skipped, cleared ? c.clearedSkip : skipRead) - holes);
}

/** META's counters read strongly (history, recall and clear act on them), or 10010. */
export async function countersOr10010(services: Pick<ServiceCatalog, 'groupMessages'>, groupId: string): Promise<GroupCounters> {
  const counters = (await services.groupMessages.counters([groupId], true)).get(groupId);
  if (!counters) throw new ImError(GroupMsgCode.NotFound, `group ${groupId} does not exist or was dissolved`);
  return counters;
}

/** Pinned messages and read receipts are Tencent's for ordinary groups only (not AVChatRoom, not Community): 10007. */
export function ordinaryGroupsOnly(group: Pick<GroupCounters, 'type'>, feature: string): void {
  if (group.type === 'AVChatRoom' || group.type === 'Community') {
    throw new ImError(GroupMsgCode.NoPermission, `${group.type} groups do not support ${feature} (ordinary groups only: Work, Public, Meeting)`);
  }
}

/** `msg.read` with `GroupId`: moves the caller's read position forward (capped at the newest seq); returns the unread left. */
export async function markGroupRead(
  services: ReadServices & Pick<ServiceCatalog, 'connections' | 'gateway'>, userId: string, groupId: string, seq: number,
  /** The reader's connection that asked (it has the reply); every other one gets `conversation.read`. */
  readerConnectionId?: string,
): Promise<number> {
  const counters = (await services.groupMessages.counters([groupId])).get(groupId);
  if (!counters) throw new ImError(GroupMsgCode.NotFound, `group ${groupId} does not exist or was dissolved`);
  const standing = await services.groupMessages.standing(groupId, userId, false);
  if (!standing.member) throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${groupId}`);
  const target = Math.min(seq, counters.lastSeq);
  const skipAt = target >= counters.lastSeq ? counters.skipped : standing.member.skipRead;
  const moved = target > standing.member.msgSeq;
  if (moved) await services.groupMessages.setRead(groupId, userId, target, skipAt, true);
  const read = Math.max(target, standing.member.msgSeq);
  const unread = memberUnread(counters, read, read === target ? skipAt : standing.member.skipRead);
  if (moved) await notifyReadElsewhere(services, userId, { ConversationID: `GROUP${groupId}`, ReadMsgSeq: target, UnreadNum: unread, LastMsgSeq: counters.lastSeq }, readerConnectionId);
  return unread;
}

/** `set_unread_msg_num`: the member's read position becomes last seq − UnreadMsgNum (no callback, no notification). */
export async function setUnreadNum(services: ReadServices, groupId: string, userId: string, unread: number): Promise<void> {
  const group = await loadGroupOr10010(services, groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupMsgCode.NoPermission, 'AVChatRoom has no unread counts');
  const counters = (await services.groupMessages.counters([groupId])).get(groupId)!;
  // Cleared messages cannot be unread again.
  const kept = counters.lastSeq - counters.clearedSeq;
  if (unread < 0 || unread > kept) throw new ImError(GroupMsgCode.InvalidParam, `UnreadMsgNum must be 0-${kept} (the group's messages)`);
  if (!(await services.groupMessages.setRead(groupId, userId, counters.lastSeq - unread, counters.skipped, false))) {
    throw new ImError(GroupMsgCode.NoPermission, `${userId} is not a member of group ${groupId}`);
  }
}

/** A group conversation as `conversation.list` shows it (docs/websocket.md). */
export interface GroupConversationItem {
  Type: 'Group';
  GroupId: string;
  /** A Community topic's conversation (`GROUP<TopicId>`); `GroupId` is then the Community. */
  TopicId?: string;
  /** Absent: keeps the C2C and group items one shape for typed clients. */
  Peer_Account?: undefined;
  GroupName: string;
  LastMsgSeq: number;
  ReadMsgSeq: number;
  UnreadNum: number;
  UpdateTime: number;
  LastMsg?: Record<string, unknown>;
}

export interface GroupConversation {
  /** ms, for ordering with C2C conversations. */
  at: number;
  item: GroupConversationItem;
}

/**
 * `recentcontact/delete` of a group conversation: hidden from `conversation.list` and `recentcontact/get_list` until
 * the group's next message that shows as its last message (one GetItem-sized read of the counters, one PutItem).
 * The membership, read position and history are untouched. An unknown group or one without messages: nothing to hide.
 */
export async function hideGroupConversation(services: { groupMessages: Pick<GroupConversationReads, 'counters' | 'hideConversation'> }, userId: string, groupId: string): Promise<void> {
  const counters = (await services.groupMessages.counters([groupId])).get(groupId);
  if (!counters || counters.lastSeq === 0) return;
  await services.groupMessages.hideConversation(userId, groupId, counters.lastSeq);
}

/**
 * The user's group conversations for `conversation.list`: every group the user is in (one Query on the byMember
 * index) that has a message, except AVChatRoom and conversations deleted since their last message (one Query of the
 * user's hidden entries); one BatchGetItem of the groups' counters and one of the last messages.
 */
export async function groupConversations(
  services: ConversationListServices, config: AppConfig, userId: string, options: { lastMsg: boolean } = { lastMsg: true },
): Promise<GroupConversation[]> {
  void config;
  const [joined, hidden] = await Promise.all([services.groups.joinedGroups(userId), services.groupMessages.hiddenConversations(userId)]);
  const groups = joined.filter((m) => m.groupType !== 'AVChatRoom');
  if (groups.length === 0) return [];
  // Community topics are conversations of their own (`GROUP<TopicId>`): one Query of each Community's topic listing.
  const topics = await topicMemberships(services, groups.filter((m) => m.groupType === 'Community'));
  const memberships = [...groups, ...topics];
  const counters = await services.groupMessages.counters(memberships.map((m) => m.groupId));
  const raw = memberships.map((m) => ({ m, c: counters.get(m.groupId) }))
    .filter((x) => x.c && x.c.lastSeq > 0 && x.c.lastListedSeq > (hidden.get(x.m.groupId) ?? 0));
  const nowS = Math.floor(services.clock() / 1000);
  // recentcontact/get_list shows no message: it skips these reads.
  const lasts = await Promise.all(raw.map(({ m, c }) => options.lastMsg && c!.lastListedSeq > Math.max(c!.clearedSeq, m.clearedSeq ?? 0) ? services.groupMessages.getMessages(c!.groupId, [c!.lastListedSeq]) : []));
  return raw.map(({ m, c }, i) => {
    const last = lasts[i]![0];
    const skipRead = m.skipRead ?? 0;
    return {
      at: c!.lastMsgTime * 1000,
      item: {
        Type: 'Group' as const, ...containerFields(c!.groupId), GroupName: c!.name, LastMsgSeq: c!.lastSeq, ReadMsgSeq: m.msgSeq,
        UnreadNum: memberUnread(c!, m.msgSeq, skipRead), UpdateTime: c!.lastMsgTime,
        ...(last && last.expiresAt > nowS && !last.tip && { LastMsg: groupMessageView(last) }),
      },
    };
  });
}

/**
 * The user's place in each topic of its Communities, shaped as memberships (the topic id as the group id, the read
 * position of the topic): one Query per Community, then one BatchGetItem of the read positions; a topic the user
 * never read there starts where the user joined (topic-scope.ts).
 */
async function topicMemberships(services: ConversationListServices, communities: readonly MemberRecord[]): Promise<MemberRecord[]> {
  const perCommunity = await Promise.all(communities.map(async (m) => ({ m, ids: await services.topics.listTopicIds(m.groupId) })));
  const ids = perCommunity.flatMap((x) => x.ids);
  if (ids.length === 0) return [];
  const userId = communities[0]!.userId;
  const [reads, topics] = await Promise.all([services.topics.readStates(userId, ids), services.topics.getTopics(ids)]);
  const found = await Promise.all(perCommunity.flatMap(({ m, ids: list }) => list.map(async (topicId): Promise<MemberRecord | undefined> => {
    const topic = topics.get(topicId);
    if (!topic) return undefined;
    const read = reads.get(topicId) ?? await topicReadState(services, topic, userId, m.joinTime);
    return { ...m, groupId: topicId, msgSeq: read.msgSeq, skipRead: read.skipRead, clearedSeq: 0 };
  })));
  return found.filter((x): x is MemberRecord => x !== undefined);
}
