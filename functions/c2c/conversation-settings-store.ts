/**
 * A user's own settings of a conversation (pin, marks, custom data, conversation groups) and the user's
 * conversation groups. They live on the user's conversation entry (`CONV#...`, Users table) and one
 * small `CONVGROUPS` item, never on the conversation's state item, so a send pays nothing for them
 * (docs/data-model.md, "Conversation settings").
 */

/** A conversation as seen from its owner: the peer of a C2C conversation, or the group. */
export type ConversationRef = { type: 'C2C'; peer: string } | { type: 'Group'; groupId: string };

export interface ConversationSettings {
  /** ms when pinned; 0 = not pinned. */
  pinnedAt: number;
  /** Set mark bits, 0–63 (Tencent's standard marks are bits 0–31, custom marks 32–63). */
  marks: number[];
  /** Ids of the user's conversation groups the conversation is in. */
  groupIds: number[];
  /** The Web SDK's conversation `customData` and REST's `CustomMark` (one field, ≤ 256 bytes). */
  customData: string;
  /** unix s of the last settings change (REST `Timestamp`); 0 = never. */
  updatedAt: number;
}

export const NO_SETTINGS: ConversationSettings = { pinnedAt: 0, marks: [], groupIds: [], customData: '', updatedAt: 0 };

export const hasMarkData = (s: ConversationSettings): boolean => s.marks.length > 0 || s.customData !== '';
export const hasAnySetting = (s: ConversationSettings): boolean => hasMarkData(s) || s.groupIds.length > 0 || s.pinnedAt > 0;

/** One settings change; absent fields are kept. */
export interface SettingsChange {
  /** ms to pin, 0 to unpin. */
  pinnedAt?: number;
  addMarks?: readonly number[];
  removeMarks?: readonly number[];
  /** `''` removes it. */
  customData?: string;
  addGroups?: readonly number[];
  removeGroups?: readonly number[];
}

export interface ConversationGroup { id: number; name: string }

/** The user's conversation groups; `ver` guards concurrent edits. */
export interface ConversationGroups { groups: ConversationGroup[]; nextId: number; ver: number }

export interface ConversationSettingsStore {
  /** The user's conversation groups (one strong GetItem). */
  getGroups(userId: string): Promise<ConversationGroups>;
  /** Writes the groups unless someone else changed them since `expectedVer` (false then). */
  putGroups(userId: string, groups: ConversationGroup[], nextId: number, expectedVer: number): Promise<boolean>;
  /**
   * Changes the settings of one conversation and returns them after the change. A C2C conversation must be in
   * the user's list (its entry exists; undefined otherwise, nothing written); a group conversation's entry is
   * created when missing. `now` is unix s.
   */
  update(userId: string, ref: ConversationRef, change: SettingsChange, now: number): Promise<ConversationSettings | undefined>;
}
