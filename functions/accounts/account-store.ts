/** An account as the product knows it. Profiles live with the profile feature. */
export interface AccountRecord {
  userId: string;
  /** ms since the epoch. */
  createdAt: number;
  /** UserSigs signed before this unix second are refused (set by `kick`). */
  sigNotBefore?: number;
  /** Set by `account_delete`; such an account cannot log in until it is imported again. */
  deletedAt?: number;
}

export interface ImportedProfile {
  nick?: string;
  faceUrl?: string;
}

export interface AccountStore {
  /** `consistent`: a strongly consistent read (the `$connect` re-check after a concurrent kick or deletion). */
  get(userId: string, consistent?: boolean): Promise<AccountRecord | undefined>;
  /** At most 100 ids; returns the live (not deleted) accounts found. */
  getMany(userIds: readonly string[]): Promise<Map<string, AccountRecord>>;
  /** Creates or revives the account; idempotent. Sets Nick/FaceUrl when given. */
  importAccount(userId: string, profile: ImportedProfile, now: number): Promise<void>;
  /** Creates the account if there is none (first login); never revives a deleted one. */
  createIfMissing(userId: string, now: number): Promise<void>;
  /** UserSigs signed before `notBefore` (unix s) stop working. False when the account does not exist. */
  invalidateSigs(userId: string, notBefore: number): Promise<boolean>;
  /**
   * Leaves a tombstone (so the account cannot log in until imported again) and
   * removes every other item of the user's partition: profile, friends, blocklist...
   * False when there was no live account.
   */
  deleteAccount(userId: string, now: number): Promise<boolean>;
  /** Live accounts in the app: one counter item, kept by the three writes above (never a Scan). */
  countAccounts(): Promise<number>;
}

export const isLive = (a: AccountRecord | undefined): a is AccountRecord => a !== undefined && a.deletedAt === undefined;
