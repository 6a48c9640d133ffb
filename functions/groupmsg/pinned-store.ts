/** A pinned group message: its SEQ, who pinned it and when (unix s). */
export interface PinnedMessage {
  seq: number;
  by: string;
  at: number;
}

/** `full`: the group already holds the most pins allowed; `already`: this message is pinned (nothing changed). */
export type PinOutcome = 'pinned' | 'already' | 'full';

/** The pinned messages of a group (docs/data-model.md, "Pinned group messages"): one small item per group. */
export interface PinnedMessageStore {
  /** The group's pins, the most recently pinned first (one read). */
  list(groupId: string): Promise<PinnedMessage[]>;
  /** One conditional write: never more than `max` pins, even when members pin at the same time. */
  pin(groupId: string, pin: PinnedMessage, max: number): Promise<PinOutcome>;
  /** One conditional write per SEQ; false for a SEQ that was not pinned. */
  unpin(groupId: string, seq: number): Promise<boolean>;
}
