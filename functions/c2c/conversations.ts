import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog, Uses } from '../services.js';
import type { GroupListing } from '../groups/group-store.js';
import type { GroupConversationReads } from '../groupmsg/groupmsg-store.js';
import type { TopicConversationReads } from '../topics/topic-store.js';
import type { OfficialSubscriptionReads } from '../official/official-store.js';
import { isLive } from '../accounts/account-store.js';
import { c2cConversationId, sideOf } from './c2c-keys.js';
import { unreadOf, type ConversationEntry, type ConversationState } from './c2c-store.js';
import { messageView } from './c2c-events.js';
import { holesIn, repairHoles } from './holes.js';
import { groupConversations, hideGroupConversation, type GroupConversationItem } from '../groupmsg/read-state.js';
import { NO_SETTINGS, type ConversationGroup, type ConversationSettings } from './conversation-settings-store.js';
import { groupNames, settingsView } from './conversation-settings-view.js';
import { officialConversations, type OfficialConversationItem } from '../official/official-conversations.js';

/**
 * The conversation list's reads of group, topic and official-account conversations: narrow views of those stores, so the
 * conversations Lambda builds only these operations (functions/conversations/services-aws.ts), not the whole stores.
 */
export interface ConversationReads {
  groups: GroupListing;
  groupMessages: GroupConversationReads;
  topics: TopicConversationReads;
  officialAccounts: OfficialSubscriptionReads;
}
export type ConversationServices = Pick<ServiceCatalog, 'clock' | 'accounts'> & ConversationReads
  & Uses<'c2c', 'listEntries' | 'getStates' | 'getState' | 'getMessages' | 'history' | 'deleteEntry' | 'conversationSettings' | 'fillHoles' | 'ensureEntry'>;

interface Ranked { entry: ConversationEntry; state: ConversationState }

/** Spec §5.5: recentcontact answers 50001 for a `From_Account` that is not imported or was deleted (one GetItem). */
const NO_SUCH_ACCOUNT = 50001;
export async function requireAccount(services: Pick<ServiceCatalog, 'accounts'>, userId: string): Promise<void> {
  if (!isLive(await services.accounts.get(userId))) {
    throw new ImError(NO_SUCH_ACCOUNT, `From_Account "${userId}" is not imported; nothing was changed`);
  }
}

/**
 * The user's C2C conversations, most recent first, at most `c2c.maxConversations`, and the settings of every entry
 * (pins, marks, groups: functions/c2c/conversation-settings.ts) by conversation id, from the same Query.
 * One Query (entries) + one BatchGetItem of the conversations' states.
 */
async function ranked(services: ConversationServices, config: AppConfig, userId: string): Promise<{ c2c: Ranked[]; settings: Map<string, ConversationSettings> }> {
  const all = await services.c2c.listEntries(userId);
  const settings = new Map<string, ConversationSettings>();
  for (const e of all) {
    if (e.type === 'C2C' && e.peer !== undefined) settings.set(`C2C${e.peer}`, e.settings);
    else if (e.groupId !== undefined) settings.set(`GROUP${e.groupId}`, e.settings);
  }
  const entries = all.filter((e) => e.type === 'C2C' && e.peer !== undefined);
  const states = await services.c2c.getStates(entries.map((e) => e.conversationId));
  const c2c = entries
    .flatMap((entry) => { const state = states.get(entry.conversationId); return state ? [{ entry, state }] : []; })
    .sort((x, y) => y.state.lastAt - x.state.lastAt || y.state.lastSeq - x.state.lastSeq)
    .slice(0, config.c2c.maxConversations);
  return { c2c, settings };
}

interface Row { at: number; settings: ConversationSettings; c2c?: Ranked; group?: GroupConversationItem; official?: OfficialConversationItem }

/**
 * C2C and group conversations merged by the time of their last message, pinned ones first (most recent first among
 * them, as Tencent's SDKs show them), at most `c2c.maxConversations`.
 */
async function conversationRows(services: ConversationServices, config: AppConfig, userId: string, lastMsg: boolean, pinnedFirst = true): Promise<Row[]> {
  // Group conversations (functions/groupmsg/read-state.ts) are merged in by the time of their last message.
  // Subscribed official accounts too (functions/official/official-conversations.ts): one Query for users who subscribe to none.
  const [{ c2c, settings }, groups, officials] = await Promise.all([
    ranked(services, config, userId), groupConversations(services, config, userId, { lastMsg }), officialConversations(services, userId, { lastMsg }),
  ]);
  const of = (id: string) => settings.get(id) ?? NO_SETTINGS;
  const pinned = (r: Row) => (pinnedFirst && r.settings.pinnedAt > 0 ? 1 : 0);
  return [
    ...c2c.map((r) => ({ at: r.state.lastAt, settings: of(`C2C${r.entry.peer!}`), c2c: r })),
    ...groups.map((g) => ({ at: g.at, settings: of(`GROUP${g.item.GroupId}`), group: g.item })),
    ...officials.map((o) => ({ at: o.at, settings: of(o.item.ConversationID), official: o.item })),
  ].sort((x, y) => pinned(y) - pinned(x) || y.at - x.at).slice(0, config.c2c.maxConversations);
}

/** The conversation-group names, read only when some conversation is in a group (so a user without groups pays nothing). */
async function groupNamesFor(services: ConversationServices, userId: string, rows: readonly Row[]): Promise<Map<number, string>> {
  if (!rows.some((r) => r.settings.groupIds.length > 0)) return new Map();
  return groupNames((await services.c2c.conversationSettings.getGroups(userId)).groups);
}

/** The newest page of a conversation whose last message is missing: its holes filled, the state after, the newest message. */
async function repairTail(services: ConversationServices, config: AppConfig, state: ConversationState, now: number) {
  const page = await services.c2c.history(state.conversationId, { afterSeq: 0, count: TAIL_PAGE, now });
  const holes = holesIn(page, { lower: 0, upper: state.seq }, state, now, { graceSeconds: config.c2c.holeRepairAfterSeconds, retentionDays: config.retentionDays });
  if (holes.length === 0) return undefined;
  const last = [...page.messages].reverse().find((m) => m.seq < Math.min(...holes));
  if (!(await repairHoles(services, state, holes, last, Math.floor(now / 1000) + config.retentionDays * 86400))) return undefined;
  return { state: (await services.c2c.getState(state.conversationId)) ?? state, last };
}
const TAIL_PAGE = 20;

/** `conversation.list`: a page of conversations with LastMsg, UnreadNum and the user's settings; `Cursor` is the offset of the next page. */
export async function listConversations(services: ConversationServices, config: AppConfig, userId: string, options: { cursor?: string; count: number }) {
  const start = options.cursor ? Number(options.cursor) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ImError(60003, 'Cursor is not one this server returned');
  const all = await conversationRows(services, config, userId, true);
  const rows = all.slice(start, start + options.count);
  const page = rows.flatMap((r) => (r.c2c ? [r.c2c] : []));
  const now = services.clock();
  const [last, names] = await Promise.all([
    services.c2c.getMessages(page.filter((r) => r.state.lastSeq > 0).map((r) => ({ conversationId: r.state.conversationId, seq: r.state.lastSeq })), now),
    groupNamesFor(services, userId, rows),
  ]);
  const lastById = new Map(last.map((m) => [m.conversationId, m]));
  // A last message that is missing though it cannot have expired: its send may have died (a hole); fill it now.
  const suspect = (r: Ranked) => r.state.lastSeq > 0 && !lastById.has(r.state.conversationId)
    && now - r.state.allocAt > config.c2c.holeRepairAfterSeconds * 1000 && now - r.state.allocAt < config.retentionDays * 86_400_000;
  await Promise.all(page.filter(suspect).map(async (r) => {
    const repaired = await repairTail(services, config, r.state, now);
    if (!repaired) return;
    r.state = repaired.state;
    if (repaired.last) lastById.set(r.state.conversationId, repaired.last);
  }));
  const end = start + rows.length;
  return {
    Conversations: rows.map((row) => {
      const extra = settingsView(row.settings, names);
      if (row.official) return { ...row.official, ...extra };
      if (!row.c2c) return { ...row.group!, ...extra };
      const { entry, state } = row.c2c;
      const side = sideOf(userId, entry.peer!);
      const lastMsg = lastById.get(state.conversationId);
      return {
        Type: 'C2C', Peer_Account: entry.peer!, LastMsgSeq: state.seq, ReadMsgSeq: state.sides[side].read,
        UnreadNum: unreadOf(state, side), UpdateTime: state.lastTime,
        ...(lastMsg && lastMsg.seq > state.sides[side].cleared && !lastMsg.deletedFor?.includes(side) && { LastMsg: messageView(lastMsg) }),
        ...extra,
      };
    }),
    Cursor: end >= all.length ? '' : String(end),
    Complete: end >= all.length ? 1 : 0,
  };
}

/** `conversation.groupUnread`: per conversation group, the sum of its conversations' unread counts. */
export async function groupUnreadCounts(services: ConversationServices, config: AppConfig, userId: string, groups: readonly ConversationGroup[]) {
  const rows = await conversationRows(services, config, userId, false);
  const unread = (r: Row) => (r.c2c ? unreadOf(r.c2c.state, sideOf(userId, r.c2c.entry.peer!)) : (r.official ?? r.group!).UnreadNum);
  return groups.map((g) => ({
    GroupName: g.name, GroupId: g.id,
    UnreadNum: rows.filter((r) => r.settings.groupIds.includes(g.id)).reduce((sum, r) => sum + unread(r), 0),
  }));
}

/**
 * `recentcontact/get_list`: Tencent's paging fields; StartIndex is the offset of the page. Group conversations are `Type` 2.
 * `TopFlag` 1 marks a pinned conversation; with `AssistFlags` bit 0 ("support pinned") they come first.
 */
export async function recentContacts(services: ConversationServices, config: AppConfig, userId: string, startIndex: number, pageSize = 100, assistFlags = 0) {
  const pinnedFirst = (assistFlags & 1) === 1;
  const [rows] = await Promise.all([conversationRows(services, config, userId, false, pinnedFirst), requireAccount(services, userId)]);
  // An official account's conversation is Tencent's "c2c_<account id>": Type 1 with the account as To_Account, once
  // even when the account's owner has also answered the user privately (a C2C conversation with the same peer).
  const listedPeers = new Set<string>();
  type SessionItem = { Type: 1; To_Account: string; MsgTime: number; TopFlag: number } | { Type: 2; GroupId: string; MsgTime: number; TopFlag: number };
  const all = rows.flatMap((r): SessionItem[] => {
    const TopFlag = r.settings.pinnedAt > 0 ? 1 : 0;
    if (r.group) return [{ Type: 2 as const, GroupId: r.group.GroupId, MsgTime: r.group.UpdateTime, TopFlag }];
    const [peer, MsgTime] = r.c2c ? [r.c2c.entry.peer!, r.c2c.state.lastTime] : [r.official!.Official_Account, r.official!.UpdateTime];
    if (listedPeers.has(peer)) return [];
    listedPeers.add(peer);
    return [{ Type: 1 as const, To_Account: peer, MsgTime, TopFlag }];
  });
  const page = all.slice(startIndex, startIndex + pageSize);
  const end = startIndex + page.length;
  const pinnedOnPage = page.filter((r) => r.TopFlag === 1);
  return {
    SessionItem: page,
    CompleteFlag: end >= all.length ? 1 : 0,
    TimeStamp: page.length ? page[page.length - 1]!.MsgTime : 0,
    StartIndex: end >= all.length ? 0 : end,
    TopTimeStamp: pinnedFirst && pinnedOnPage.length ? pinnedOnPage[pinnedOnPage.length - 1]!.MsgTime : 0,
    TopStartIndex: 0,
  };
}

/** `recentcontact/delete` (group): hidden until the group's next message (functions/groupmsg/read-state.ts). */
export async function deleteGroupConversation(services: ConversationServices, userId: string, groupId: string): Promise<void> {
  await requireAccount(services, userId);
  await hideGroupConversation(services, userId, groupId);
}

/** `recentcontact/delete` (C2C): removes the entry; the next message lists it again. `clearRamble` also hides the history so far. */
export async function deleteC2cConversation(services: ConversationServices, userId: string, peerId: string, clearRamble: boolean): Promise<void> {
  await requireAccount(services, userId);
  await services.c2c.deleteEntry(userId, peerId, clearRamble);
  void c2cConversationId;
}
