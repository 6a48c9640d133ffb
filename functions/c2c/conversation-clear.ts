import type { ServiceCatalog, Uses } from '../services.js';
import { ImError } from '../shared/errors.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { logger } from '../shared/logger.js';
import { conversationIdOf } from './conversation-ref.js';
import type { ConversationRef } from './conversation-settings-store.js';
import { RecentCode } from './conversation-settings-codes.js';
import { requireAccount, type ConversationServices } from './conversations.js';
import { sideOf } from './c2c-keys.js';
import { GroupMsgCode } from '../groupmsg/groupmsg-codes.js';

type ClearServices = ConversationServices & Pick<ServiceCatalog, 'gateway' | 'connections'> & Uses<'c2c', 'clearHistory'>;

/**
 * `conversation.clearHistory` (the Web SDK's `clearHistoryMessage`): the caller's own view of a conversation's history
 * so far is gone (history, `admin_getroammsg` for C2C, the list's `LastMsg`) and read (unread 0); the peer and the
 * other members keep theirs, and the conversation stays in the list. C2C: one UpdateItem of the conversation's state
 * (cleared and read at its last seq); group: one strongly consistent read of META's counters and one UpdateItem of the
 * member item (its `clearedSeq`). The user's other connections get `conversation.cleared`. `ClearedMsgSeq`: the seq
 * cleared up to (0: nothing to clear yet).
 */
export async function clearConversationHistory(
  services: ClearServices, actor: { userId: string; exceptConnectionId?: string }, ref: ConversationRef,
): Promise<{ ClearedMsgSeq: number }> {
  if (ref.type === 'Group' && ref.groupId.includes('@TOPIC#_')) {
    throw new ImError(RecentCode.InvalidParam, `${conversationIdOf(ref)} is a topic: a topic's messages are not cleared (as Tencent's clearHistoryMessage)`);
  }
  await requireAccount(services, actor.userId);
  let seq: number;
  if (ref.type === 'C2C') {
    if (ref.peer === actor.userId) throw new ImError(RecentCode.InvalidParam, 'a C2C conversation with oneself does not exist');
    const state = await services.c2c.clearHistory(actor.userId, ref.peer);
    seq = state ? state.sides[sideOf(actor.userId, ref.peer)].cleared : 0;
  } else {
    const counters = (await services.groupMessages.counters([ref.groupId], true)).get(ref.groupId);
    if (!counters) throw new ImError(GroupMsgCode.NotFound, `group ${ref.groupId} does not exist or was dissolved`);
    if (counters.type === 'AVChatRoom') throw new ImError(GroupMsgCode.NoPermission, 'AVChatRoom stores no messages to clear');
    if (!(await services.groupMessages.clearForMember(ref.groupId, actor.userId, counters.lastSeq, counters.skipped))) {
      throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${ref.groupId}`);
    }
    seq = counters.lastSeq;
  }
  try {
    await deliverToUser(services, actor.userId, eventFrame('conversation.cleared', { ConversationID: conversationIdOf(ref), ClearedMsgSeq: seq }), actor.exceptConnectionId);
  } catch (error) {
    logger.error('conversation.cleared delivery failed', { error });
  }
  return { ClearedMsgSeq: seq };
}
