import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { logger } from '../shared/logger.js';
import { conversationIdOf } from './conversation-ref.js';
import type { ConversationRef } from './conversation-settings-store.js';
import { RecentCode } from './conversation-settings-codes.js';
import { requireAccount, type ConversationServices } from './conversations.js';
import { hideGroupConversation } from '../groupmsg/read-state.js';

type DeleteServices = ConversationServices & Pick<ServiceCatalog, 'gateway' | 'connections'>;

export interface DeleteResult { ref: ConversationRef; code: number; info: string }

/**
 * Deletes conversations from the user's list, as `recentcontact/delete` does one (a C2C entry removed, `clearHistory`
 * also hiding its history so far; a group's conversation hidden until its next message), then tells the user's
 * other connections with one `conversation.deleted`. A topic's conversation is not in the list this way (50002).
 */
export async function deleteConversations(
  services: DeleteServices, actor: { userId: string; exceptConnectionId?: string }, refs: readonly ConversationRef[], clearHistory: boolean,
): Promise<DeleteResult[]> {
  // One account check for the call, not one per conversation.
  await requireAccount(services, actor.userId);
  const results: DeleteResult[] = [];
  for (const ref of refs) {
    if (ref.type === 'Group' && ref.groupId.includes('@TOPIC#_')) {
      results.push({ ref, code: RecentCode.InvalidParam, info: `${conversationIdOf(ref)} is a topic: a topic's conversation is deleted with its Community` });
      continue;
    }
    if (ref.type === 'C2C') await services.c2c.deleteEntry(actor.userId, ref.peer, clearHistory);
    else await hideGroupConversation(services, actor.userId, ref.groupId);
    results.push({ ref, code: 0, info: '' });
  }
  await notifyDeleted(services, actor.userId, results.filter((r) => r.code === 0).map((r) => r.ref), actor.exceptConnectionId);
  return results;
}

/** `conversation.deleted` to the user's connections (but the one that deleted): a lost event only waits for the next list. */
export async function notifyDeleted(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>, userId: string, refs: readonly ConversationRef[], exceptConnectionId?: string,
): Promise<void> {
  if (refs.length === 0) return;
  try {
    await deliverToUser(services, userId, eventFrame('conversation.deleted', { ConversationIDList: refs.map(conversationIdOf) }), exceptConnectionId);
  } catch (error) {
    logger.error('conversation.deleted delivery failed', { error });
  }
}
