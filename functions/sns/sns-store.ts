/** A value of a friend field: string, integer, or the list of friend lists (`Tag_SNS_IM_Group`). */
export type SnsValue = string | number | string[];

/** One direction of a friendship: `friendId` is in the owner's friend list. Fields by Tencent tag name. */
export interface FriendRecord {
  friendId: string;
  /** `Tag_SNS_IM_Remark`, `Tag_SNS_IM_Group`, `Tag_SNS_IM_AddSource`, `Tag_SNS_IM_AddWording`, `Tag_SNS_IM_AddTime`, `Tag_SNS_Custom_*`. */
  tags: Record<string, SnsValue>;
}

export const ADD_TYPES = ['Add_Type_Single', 'Add_Type_Both'] as const;
export type AddType = (typeof ADD_TYPES)[number];

/** A friend request waiting for the target's answer (target uses AllowType_Type_NeedConfirm). */
export interface FriendRequest {
  fromId: string;
  toId: string;
  addType: AddType;
  addSource: string;
  addWording?: string;
  /** The requester's remark and friend list for the target, applied when the target agrees. */
  remark?: string;
  groupName?: string;
  /** ms. */
  createdAt: number;
  /** ms; an unanswered request is ignored after this and removed when its owner reaches the limit. */
  expiresAt: number;
}

export interface BlockRecord {
  blockedId: string;
  /** unix s (`AddBlackTimeStamp`). */
  addedAt: number;
}

/** The per-user counters and friend lists (one `SNS` item). */
export interface SnsMeta {
  friendCount: number;
  blockCount: number;
  /** Friend requests this user sent that are still waiting. */
  pendingCount: number;
  /** Bumped by every change to the friend list (`StandardSequence`). */
  friendSeq: number;
  /** Bumped by every change to the blocklist (`CurruentSequence`). */
  blockSeq: number;
  /** Friend list names (`sns/group_*`), in creation order. */
  groups: string[];
  groupSeq: number;
  /** ms; requests to this user made up to then are read (`friend.requests.read`); 0 when never marked. */
  requestsReadAt: number;
}

/** What lies between an owner and one peer, read in one BatchGet with the other peers. */
export interface PairState {
  ownerHasPeer?: FriendRecord;
  peerHasOwner?: FriendRecord;
  ownerBlocksPeer: boolean;
  peerBlocksOwner: boolean;
  /** The owner's request to the peer, and the peer's request to the owner (possibly expired: see `isPending`). */
  requestToPeer?: FriendRequest;
  requestFromPeer?: FriendRequest;
}

/** One change of a relationship write; a commit applies all of its changes or none. */
export type SnsChange =
  | { op: 'putFriend'; ownerId: string; friend: FriendRecord }
  | { op: 'deleteFriend'; ownerId: string; friendId: string }
  | { op: 'updateFriend'; ownerId: string; friend: FriendRecord }
  | { op: 'putBlock'; ownerId: string; block: BlockRecord }
  | { op: 'deleteBlock'; ownerId: string; blockedId: string }
  | { op: 'putRequest'; request: FriendRequest; isNew: boolean }
  | { op: 'deleteRequest'; fromId: string; toId: string }
  /** Drops the marker saying `peerId` has `ownerId` as a friend (account deletion of `peerId`). */
  | { op: 'deleteFriendedBy'; ownerId: string; peerId: string };

export type LimitedCounter = 'friendCount' | 'blockCount' | 'pendingCount';

export type CommitResult =
  | { ok: true }
  /** A change's precondition no longer held (someone else changed the pair meanwhile). */
  | { ok: false; reason: 'conflict'; change: SnsChange }
  /** A counter would pass its limit. */
  | { ok: false; reason: 'limit'; userId: string; counter: LimitedCounter }
  /** Concurrent writes kept colliding (Tencent's 30008). */
  | { ok: false; reason: 'busy' };

export interface SnsLimits {
  friendCount: number;
  blockCount: number;
  pendingCount: number;
}

export interface SnsStore {
  /** One BatchGet: friend items both ways, blocks both ways, requests both ways (expired ones included). */
  pairs(ownerId: string, peerIds: readonly string[]): Promise<Map<string, PairState>>;
  meta(userId: string): Promise<SnsMeta>;
  /**
   * Applies the changes atomically (one TransactWriteItems): each friend item
   * with its counter and the peer's reverse marker, each block with its
   * counter, each request at both ends with the requester's counter.
   */
  commit(changes: readonly SnsChange[], limits: SnsLimits, now: number): Promise<CommitResult>;
  listFriends(userId: string): Promise<FriendRecord[]>;
  /** Users whose friend list holds `userId` (reverse markers). */
  listFriendedBy(userId: string): Promise<string[]>;
  listBlocks(userId: string): Promise<BlockRecord[]>;
  /** Requests sent to (`in`) or by (`out`) the user, expired ones included. */
  listRequests(userId: string, direction: 'in' | 'out'): Promise<FriendRequest[]>;
  /** Replaces the friend list names if the sequence is still `expectedSeq`; false otherwise. */
  setGroups(userId: string, groups: readonly string[], expectedSeq: number): Promise<boolean>;
  /** Marks the requests to the user made up to `at` (ms) read. */
  setRequestsRead(userId: string, at: number): Promise<void>;
}

export const isPending = (r: FriendRequest | undefined, now: number): r is FriendRequest => r !== undefined && r.expiresAt > now;
