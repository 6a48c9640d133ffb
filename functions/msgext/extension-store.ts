import type { ExtensionState } from './extension-rules.js';

/** Where a message's extensions live: its conversation (`c2c:…` or `group:…`) and its MsgSeq. */
export interface ExtensionTarget { conversationId: string; seq: number }

/**
 * A message's extensions as one item beside the message (docs/data-model.md, "Message extensions"): a read and a
 * conditional whole-item write per operation, so concurrent writers never lose an update.
 */
export interface MessageExtensionStore {
  /** Strongly consistent; the empty state for a message without extensions. */
  get(target: ExtensionTarget): Promise<ExtensionState>;
  /** Writes `next` if the stored Seq is still `readSeq`; false when another write came first. Expires with the message. */
  put(target: ExtensionTarget, next: ExtensionState, readSeq: number, expiresAt: number): Promise<boolean>;
}
