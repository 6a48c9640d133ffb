import type { MsgElement } from './message-body.js';
import type { Side } from './c2c-keys.js';
import type { ConversationSettings, ConversationSettingsStore } from './conversation-settings-store.js';
import type { EditOutcome, MessageEdit } from './modify-edit.js';

/** A stored C2C message (Messages table, one item per message). */
export interface StoredMessage {
  conversationId: string;
  from: string;
  to: string;
  seq: number;
  random: number;
  /** unix seconds */
  time: number;
  body: MsgElement[];
  cloudCustomData?: string;
  /** The sender's Nick and FaceUrl at send time. */
  nick?: string;
  faceUrl?: string;
  needReceipt: boolean;
  /** Sent with `SupportMessageExtension: 1`: the message may carry extensions (openim_msg_ext_http_svc). */
  extensible?: boolean;
  noUnread: boolean;
  recalled: boolean;
  /** unix seconds; the message is gone after this (DynamoDB TTL, and every read filters on it). */
  expiresAt: number;
  /** Edits so far (msg.modify, modify_c2c_msg); absent or 0: never edited. */
  version?: number;
  /** The sides that deleted it for themselves (`delete_c2c_msg_ramble`, `msg.delete`): their history no longer shows it. */
  deletedFor?: Side[];
}

/** Per-side read bookkeeping of a conversation. */
export interface SideState {
  /** Read position (MsgSeq read up to). */
  read: number;
  /** Messages to this side sent with NoUnread, ever; and that count at the read position. */
  skipped: number;
  skippedAtRead: number;
  /** Newest MsgSeq to this side that asked for a read receipt. */
  receiptSeq: number;
  /** 1 right after a send re-listed the conversation for this side (its entry must be written). */
  listed: number;
  /** History before and at this seq is hidden for this side (recentcontact/delete with ClearRamble). */
  cleared: number;
  /** This side's receive option for the conversation (`c2c.receiveOpt.set`): '' (AcceptAndNotify), AcceptNotNotify, Discard. */
  receiveOpt: string;
}

/** The conversation's state item: the SEQ counter and what the conversation list shows. */
export interface ConversationState {
  conversationId: string;
  userA: string;
  userB: string;
  /** The last assigned MsgSeq (0 before the first message). */
  seq: number;
  /** The newest message shown in the conversation list (NoLastMsg messages do not move it). */
  lastSeq: number;
  lastTime: number;
  /** ms of the last listed message's send (orders the conversation list). */
  lastAt: number;
  /** ms of the last seq's allocation (every send, listed or not): a seq still empty long after it is a hole. */
  allocAt: number;
  sides: Record<Side, SideState>;
}

/** Unread = messages after the read position, minus those sent with NoUnread (two positions, never a drifting counter). */
export const unreadOf = (state: ConversationState | undefined, side: Side): number => {
  if (!state) return 0;
  const s = state.sides[side];
  return Math.max(0, state.seq - s.read - (s.skipped - s.skippedAtRead));
};

export interface AllocateInput {
  conversationId: string;
  sender: string;
  recipient: string;
  time: number;
  /** ms; orders the conversation list. */
  at: number;
  /** ms, now (default `at`): when the seq was taken, for telling a hole from a send still under way (imports pass their old `at`). */
  allocatedAt?: number;
  noUnread: boolean;
  noLastMsg: boolean;
  needReceipt: boolean;
  /** History imports neither count as unread nor move the sender's read position. */
  senderReads: boolean;
}

/**
 * A send's de-duplication key: the sender's MsgRandom. A repeat among the
 * conversation's latest sends (a bounded number, see the adapter) whose first
 * send is at or after `since` (unix s) gets the first send's seq, not a new one.
 */
export interface SendKey {
  random: number;
  since: number;
}

/** What `allocateSend` did: a new seq, or the seq (and MsgTime) a send with the same key already got. */
export type Allocation =
  | { repeated: false; state: ConversationState }
  | { repeated: true; seq: number; time: number; state: ConversationState };

/** A user's entry in its conversation list (Users table). */
export interface ConversationEntry {
  type: 'C2C' | 'Group';
  peer?: string;
  groupId?: string;
  conversationId: string;
  createdAt: number;
  /** The owner's pin, marks, custom data and conversation groups (read with the entry, at no extra cost). */
  settings: ConversationSettings;
}

export interface MuteState {
  /** unix seconds until which the user may not send; 0 = not muted. */
  c2cUntil: number;
  groupUntil: number;
}

export interface SenderFacts {
  nick?: string;
  faceUrl?: string;
  mute: MuteState;
}

export interface HistoryPage {
  messages: StoredMessage[];
  /** Hole markers in the page: seqs whose send never stored a message (functions/c2c/holes.ts). */
  holes: number[];
  /** No older message (within retention and the side's cleared position). */
  complete: boolean;
}

/** Seqs found empty, and what the state was when they were found (the repair is conditional on it). */
export interface HoleRepair {
  holes: readonly number[];
  state: ConversationState;
  /** unix s: the markers' expiry (the retention of the messages around them). */
  expiresAt: number;
  /** When the conversation's last listed message is among the holes: the newest stored message below them. */
  newLast?: { seq: number; time: number };
}

export interface C2cStore {
  /** Pins, marks, custom data and conversation groups, on the same entries (functions/c2c/conversation-settings-store.ts). */
  readonly conversationSettings: ConversationSettingsStore;
  /** The sender's profile (Nick, FaceUrl) and global mute: one Query on the sender's partition. */
  senderFacts(userId: string): Promise<SenderFacts>;
  /**
   * Claims (conversation, sender, MsgRandom) for 5 minutes with a conditional write (group sends;
   * C2C sends de-duplicate inside `allocateSend`). Returns when the existing claim was made (ms) if another send holds it.
   */
  claimSend(conversationId: string, sender: string, random: number, now: number): Promise<{ claimed: true } | { claimed: false; claimedAt: number }>;
  /** Takes over a claim whose send never finished (conditional on the old claim time). */
  retakeClaim(conversationId: string, sender: string, random: number, claimedAt: number, now: number): Promise<boolean>;
  /** Claims an import's (MsgSeq, MsgRandom, MsgTimeStamp) for as long as the message is kept; false when imported before. */
  claimImport(conversationId: string, key: { seq: number; random: number; time: number }, expiresAt: number): Promise<boolean>;
  /** The newest message of `sender` with `random` sent since `sinceSeconds`, if stored. */
  findSent(conversationId: string, sender: string, random: number, sinceSeconds: number, now: number): Promise<StoredMessage | undefined>;
  /** Assigns the next MsgSeq with one UpdateItem and returns the state after it (imports: no MsgRandom de-duplication). */
  allocate(input: AllocateInput): Promise<ConversationState>;
  /**
   * A send's seq: one conditional UpdateItem that assigns the next MsgSeq and remembers `key`,
   * unless the sender already sent `key` (then nothing changes and the first send's seq is returned).
   */
  allocateSend(input: AllocateInput, key: SendKey): Promise<Allocation>;
  /** Writes the message unless one with its seq is stored; false when it was (the first write wins). */
  /** `taken`: a message is already there (a concurrent retry stored it); `hole`: the seq was given up as a hole. */
  putMessage(message: StoredMessage): Promise<'stored' | 'taken' | 'hole'>;
  /** Writes the user's conversation-list entry. */
  putEntry(userId: string, entry: Omit<ConversationEntry, 'settings'>): Promise<void>;
  /** Writes the entry only where there is none (keeps an existing entry's settings); false when one was there. */
  ensureEntry(userId: string, entry: Omit<ConversationEntry, 'settings'>): Promise<boolean>;
  /** Removes the entry and lets the next message re-list it; `clearHistory` hides the history before now for this user. */
  deleteEntry(userId: string, peerId: string, clearHistory: boolean): Promise<void>;
  /**
   * `conversation.clearHistory`: hides the history so far for this side and reads it (unread 0), the entry stays listed.
   * The state as it is after (undefined: the conversation has no message yet).
   */
  clearHistory(userId: string, peerId: string): Promise<ConversationState | undefined>;
  /** Sets this user's receive option for messages from `peerId` on the conversation's state item (written if missing). */
  setReceiveOpt(userId: string, peerId: string, opt: string): Promise<void>;
  /** Removes a group conversation's entry from the user's list. */
  deleteGroupEntry(userId: string, groupId: string): Promise<void>;
  listEntries(userId: string): Promise<ConversationEntry[]>;
  getState(conversationId: string): Promise<ConversationState | undefined>;
  getStates(conversationIds: readonly string[]): Promise<Map<string, ConversationState>>;
  getMessage(conversationId: string, seq: number, now: number): Promise<StoredMessage | undefined>;
  getMessages(keys: ReadonlyArray<{ conversationId: string; seq: number }>, now: number): Promise<StoredMessage[]>;
  /** Messages older than `beforeSeq` (newest first while reading), returned oldest first. */
  history(conversationId: string, options: { beforeSeq?: number; afterSeq: number; count: number; now: number }): Promise<HistoryPage>;
  /** Newest first, within [minTime, maxTime], starting below `beforeSeq`; stops after `max` messages. */
  byTime(conversationId: string, options: { minTime: number; maxTime: number; beforeSeq?: number; afterSeq: number; max: number; now: number }): Promise<{ messages: StoredMessage[]; more: boolean }>;
  /**
   * The seq of the message (`from`'s, when given) sent with `random` at `time` (unix s), for a MsgKey whose seq does not name it
   * (a batchsendmsg key answered for another recipient, a before-callback key `0_<random>_<time>`). Reads the
   * conversation newest first down to just before `time`, at most a bounded number of messages (docs/data-model.md).
   */
  findSeq(conversationId: string, match: { from?: string; random: number; time: number }, now: number): Promise<number | undefined>;
  /**
   * Writes a hole marker at each seq (only where nothing is stored) and counts the holes as messages nobody has to
   * read (both sides' skip counters; the read positions already past a hole count it as read), in one transaction
   * conditional on the read positions found. False when anything moved meanwhile (the next read tries again).
   */
  fillHoles(conversationId: string, repair: HoleRepair): Promise<boolean>;
  /** One-sided deletion: marks the messages deleted for `side` (one UpdateItem each; missing ones are skipped). */
  deleteFor(conversationId: string, seqs: readonly number[], side: Side): Promise<void>;
  /**
   * Edits a stored message in place with one conditional UpdateItem (functions/c2c/modify-edit.ts): the message at
   * `seq` sent with `match`'s MsgRandom and MsgTime (and by `match.from`, when given).
   */
  modify(conversationId: string, seq: number, match: { from?: string; random: number; time: number }, edit: MessageEdit, now: number): Promise<EditOutcome<StoredMessage>>;
  /** Marks a message recalled; `missing` when it is not stored (or expired), `already` when recalled before. */
  recall(conversationId: string, seq: number, match: { from: string; random: number; time: number }, now: number): Promise<'ok' | 'missing' | 'already'>;
  /**
   * Moves `side`'s read position forward to `seq` (never backward) with `skippedAtRead`.
   * Returns the state before the move, or undefined when nothing moved.
   */
  markRead(conversationId: string, side: Side, seq: number, skippedAtRead: number): Promise<ConversationState | undefined>;
  /** NoUnread messages to `recipient` after `afterSeq` (counted to place a read position inside the history). */
  countSkippedAfter(conversationId: string, recipient: string, afterSeq: number, now: number): Promise<number>;
  /** The newest seq whose time is at most `time`, or 0. */
  seqAtTime(conversationId: string, time: number, now: number): Promise<number>;
  setMute(userId: string, mute: MuteState): Promise<void>;
  getMute(userId: string): Promise<MuteState>;
}
