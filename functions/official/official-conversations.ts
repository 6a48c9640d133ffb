import type { ServiceCatalog } from '../services.js';
import { officialConversationId } from './official-codes.js';
import { broadcastView } from './publish.js';
import type { OfficialSubscriptionReads } from './official-store.js';
import type { GroupMessageStore } from '../groupmsg/groupmsg-store.js';

/** A subscriber's official-account conversation (docs/websocket.md, "Official accounts"). */
export interface OfficialConversationItem {
  Type: 'Official';
  Official_Account: string;
  ConversationID: string;
  Name: string;
  FaceUrl: string;
  LastMsgSeq: number;
  ReadMsgSeq: number;
  UnreadNum: number;
  UpdateTime: number;
  MsgFlag: string;
  LastMsg?: Record<string, unknown>;
}

/**
 * The user's subscribed accounts as conversations: one Query of their subscriptions, one BatchGetItem of the
 * accounts, one GetItem per last broadcast. Unread = the account's last seq − the subscriber's read seq. Accounts
 * that never broadcast are listed in `official.list` but not in the conversation list.
 */
export async function officialConversations(
  services: Pick<ServiceCatalog, 'clock'> & { officialAccounts: OfficialSubscriptionReads; groupMessages: Pick<GroupMessageStore, 'getMessages'> }, userId: string, options: { lastMsg: boolean; all?: boolean } = { lastMsg: true },
): Promise<Array<{ at: number; item: OfficialConversationItem }>> {
  const subscriptions = await services.officialAccounts.subscriptions(userId);
  if (subscriptions.length === 0) return [];
  const accounts = await services.officialAccounts.getMany(subscriptions.map((s) => s.accountId));
  const nowS = Math.floor(services.clock() / 1000);
  const rows = subscriptions.flatMap((s) => {
    const a = accounts.get(s.accountId);
    return a && (options.all || a.lastSeq > 0) ? [{ s, a }] : [];
  });
  const lasts = await Promise.all(rows.map(({ a }) => (options.lastMsg && a.lastSeq > 0 ? services.groupMessages.getMessages(a.id, [a.lastSeq]) : [])));
  return rows.map(({ s, a }, i) => {
    const last = lasts[i]![0];
    return {
      at: a.lastMsgTime * 1000,
      item: {
        Type: 'Official', Official_Account: a.id, ConversationID: officialConversationId(a.id), Name: a.name, FaceUrl: a.faceUrl,
        LastMsgSeq: a.lastSeq, ReadMsgSeq: s.readSeq, UnreadNum: Math.max(0, a.lastSeq - s.readSeq), UpdateTime: a.lastMsgTime, MsgFlag: s.msgFlag,
        ...(last && last.expiresAt > nowS && !last.recalled && { LastMsg: broadcastView(a, last) }),
      },
    };
  });
}
