import { userPk } from '../accounts/account-keys.js';

/**
 * The relationship facts messaging asks on every send, answered from the
 * relationship chain's items in the Users table. The sns feature writes
 * these items; C2C and groups only read them.
 */
export interface RelationshipChecks {
  /** Whether `ownerId` has `otherId` in its blocklist. */
  isBlocked(ownerId: string, otherId: string): Promise<boolean>;
  /** Whether `userId` has `friendId` in its own friend list (one direction). */
  isFriend(userId: string, friendId: string): Promise<boolean>;
  /**
   * Everything a one-to-one send asks about a pair, in one read (BatchGetItem):
   * whether the recipient exists and blocks the sender and, when `friendship`,
   * the friend items of both directions.
   */
  sendChecks(senderId: string, recipientId: string, options: { friendship: boolean }): Promise<SendChecks>;
}

export interface SendChecks {
  recipientExists: boolean;
  /** The recipient has the sender in its blocklist. */
  blocked: boolean;
  /** Only read when `friendship` was asked; false otherwise. */
  senderHasRecipient: boolean;
  recipientHasSender: boolean;
}

/** Item keys of the relationship chain, one item per direction (Users table). */
export const friendKey = (userId: string, friendId: string) => ({ pk: userPk(userId), sk: `F#${friendId}` });
export const blockKey = (ownerId: string, blockedId: string) => ({ pk: userPk(ownerId), sk: `B#${blockedId}` });
export const FRIEND_PREFIX = 'F#';
export const BLOCK_PREFIX = 'B#';
