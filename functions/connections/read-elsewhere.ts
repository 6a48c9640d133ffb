import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { logger } from '../shared/logger.js';
import { deliverToUser } from './deliver.js';

/** What `conversation.read` tells a user's other connections (docs/websocket.md, events). */
export type ConversationReadEvent = {
  /** `C2C<UserID>`, `GROUP<GroupId>` or `GROUP<TopicId>`. */
  ConversationID: string;
  ReadMsgSeq: number;
  /** The unread count after the read, counting messages up to `LastMsgSeq`. */
  UnreadNum: number;
  LastMsgSeq: number;
};

/**
 * A read that moved the user's read position reaches the user's other connections, as Tencent syncs reads across a
 * user's devices: a conversation read on the phone is no longer unread on the web. Also what a client that logged in
 * again while its read was on its way needs (the reconnect soak found its count one too high). Best effort: the
 * read is stored; a lost event is corrected by the next conversation list.
 */
export async function notifyReadElsewhere(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>, userId: string, read: ConversationReadEvent, exceptConnectionId?: string,
): Promise<void> {
  try {
    await deliverToUser(services, userId, eventFrame('conversation.read', read), exceptConnectionId);
  } catch (error) {
    logger.error('conversation.read delivery failed', { error });
  }
}
