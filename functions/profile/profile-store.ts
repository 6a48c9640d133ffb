import type { TagValue } from './profile-tags.js';

/** A user's stored profile tags (only those ever set). */
export type StoredProfile = Record<string, TagValue>;

export interface ProfileStore {
  /** The live accounts among `userIds`, each with its stored tags (one BatchGet of ACCOUNT and PROFILE items per 50 users). */
  readMany(userIds: readonly string[]): Promise<Map<string, StoredProfile>>;
  /** Sets the given tags on the user's PROFILE item (one UpdateItem). */
  write(userId: string, values: StoredProfile, now: number): Promise<void>;
}
