import type { ImClient } from '../im-client.js';
import type { ConversationBook } from './conversation-book.js';
import type { MessageStore } from './message-store.js';
import type { RelationLists } from './relation-lists.js';
import type { SendExtras } from './create-message.js';

/** What the feature modules share: the logged-in client, the message objects handed out, and event output. */
export interface ChatContext {
  /** The logged-in client; throws Tencent's "not logged in" (2024) otherwise. */
  im(): ImClient;
  me(): string;
  readonly store: MessageStore;
  readonly book: ConversationBook;
  /** Friends, friend applications, the blocklist and the joined groups: a call that changes one says so here (its event follows). */
  readonly relations: RelationLists;
  /** Send options kept by message ID between `create*Message` and `sendMessage`. */
  readonly sendExtras: Map<string, SendExtras>;
  /** IDs of the messages this instance sent: their echo in our client's stream is not a MESSAGE_RECEIVED. */
  readonly sentHere: Set<string>;
  emit(eventName: string, data?: unknown): void;
}

/** Tencent's success shape for promise results. */
export const ok = <T>(data: T) => ({ code: 0 as const, data });
