import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { Services } from '../shared/runtime.js';
import { isLive } from '../accounts/account-store.js';
import { c2cConversationId, sideOf } from './c2c-keys.js';
import { unreadOf, type ConversationEntry, type ConversationState } from './c2c-store.js';
import { messageView } from './c2c-events.js';
import { groupConversations, hideGroupConversation, type GroupConversationItem } from '../groupmsg/read-state.js';

type ConversationServices = Pick<Services, 'clock' | 'c2c' | 'accounts' | 'groups' | 'groupMessages'>;

interface Ranked { entry: ConversationEntry; state: ConversationState }

/** Spec §5.5: recentcontact answers 50001 for a `From_Account` that is not imported or was deleted (one GetItem). */
const NO_SUCH_ACCOUNT = 50001;
async function requireAccount(services: ConversationServices, userId: string): Promise<void> {
  if (!isLive(await services.accounts.get(userId))) {
    throw new ImError(NO_SUCH_ACCOUNT, `From_Account "${userId}" is not imported; nothing was changed`);
  }
}

/**
 * The user's conversations, most recent first, at most `c2c.maxConversations`.
 * One Query (entries) + one BatchGetItem of the conversations' states.
 * Group entries are listed once the group-messages feature fills their state.
 */
async function ranked(services: ConversationServices, config: AppConfig, userId: string): Promise<Ranked[]> {
  const entries = (await services.c2c.listEntries(userId)).filter((e) => e.type === 'C2C' && e.peer !== undefined);
  const states = await services.c2c.getStates(entries.map((e) => e.conversationId));
  return entries
    .flatMap((entry) => { const state = states.get(entry.conversationId); return state ? [{ entry, state }] : []; })
    .sort((x, y) => y.state.lastAt - x.state.lastAt || y.state.lastSeq - x.state.lastSeq)
    .slice(0, config.c2c.maxConversations);
}

/** `conversation.list`: a page of conversations with LastMsg and UnreadNum; `Cursor` is the offset of the next page. */
export async function listConversations(services: ConversationServices, config: AppConfig, userId: string, options: { cursor?: string; count: number }) {
  // Group conversations (functions/groupmsg/read-state.ts) are merged in by the time of their last message.
  const [c2cRanked, groups] = await Promise.all([ranked(services, config, userId), groupConversations(services, config, userId)]);
  const merged: Array<{ at: number; c2c?: Ranked; group?: GroupConversationItem }> = [
    ...c2cRanked.map((r) => ({ at: r.state.lastAt, c2c: r })), ...groups.map((g) => ({ at: g.at, group: g.item }))]
    .sort((x, y) => y.at - x.at)
    .slice(0, config.c2c.maxConversations);
  const all = merged;
  const start = options.cursor ? Number(options.cursor) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ImError(60003, 'Cursor is not one this server returned');
  const rows = all.slice(start, start + options.count);
  const page = rows.flatMap((r) => (r.c2c ? [r.c2c] : []));
  const now = services.clock();
  const last = await services.c2c.getMessages(page.filter((r) => r.state.lastSeq > 0).map((r) => ({ conversationId: r.state.conversationId, seq: r.state.lastSeq })), now);
  const lastById = new Map(last.map((m) => [m.conversationId, m]));
  const end = start + rows.length;
  return {
    Conversations: rows.map((row) => {
      if (!row.c2c) return row.group!;
      const { entry, state } = row.c2c;
      const side = sideOf(userId, entry.peer!);
      const lastMsg = lastById.get(state.conversationId);
      return {
        Type: 'C2C', Peer_Account: entry.peer!, LastMsgSeq: state.seq, ReadMsgSeq: state.sides[side].read,
        UnreadNum: unreadOf(state, side), UpdateTime: state.lastTime,
        ...(lastMsg && lastMsg.seq > state.sides[side].cleared && { LastMsg: messageView(lastMsg) }),
      };
    }),
    Cursor: end >= all.length ? '' : String(end),
    Complete: end >= all.length ? 1 : 0,
  };
}

/** `recentcontact/get_list`: Tencent's paging fields; StartIndex is the offset of the page. Group conversations are `Type` 2. */
export async function recentContacts(services: ConversationServices, config: AppConfig, userId: string, startIndex: number, pageSize = 100) {
  const [c2cRanked, groups] = await Promise.all([
    ranked(services, config, userId), groupConversations(services, config, userId, { lastMsg: false }), requireAccount(services, userId)]);
  const all = [
    ...c2cRanked.map(({ entry, state }) => ({ at: state.lastAt, item: { Type: 1, To_Account: entry.peer!, MsgTime: state.lastTime, TopFlag: 0 } })),
    ...groups.map((g) => ({ at: g.at, item: { Type: 2, GroupId: g.item.GroupId, MsgTime: g.item.UpdateTime, TopFlag: 0 } })),
  ].sort((x, y) => y.at - x.at).slice(0, config.c2c.maxConversations);
  const page = all.slice(startIndex, startIndex + pageSize);
  const end = startIndex + page.length;
  return {
    SessionItem: page.map((r) => r.item),
    CompleteFlag: end >= all.length ? 1 : 0,
    TimeStamp: page.length ? page[page.length - 1]!.item.MsgTime : 0,
    StartIndex: end >= all.length ? 0 : end,
    TopTimeStamp: 0,
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
