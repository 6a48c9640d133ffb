/** sns service codes (spec §5.4). */
export const SnsCode = {
  InvalidParam: 30001,
  AccountMissing: 30003,
  Internal: 30006,
  WriteConflict: 30008,
  AddForbiddenByAdmin: 30009,
  OwnFriendLimit: 30010,
  FriendListLimit: 30011,
  PendingLimit: 30012,
  BlockLimit: 30013,
  PeerFriendLimit: 30014,
  PeerInMyBlocklist: 30515,
  PeerDeniesAll: 30516,
  InPeerBlocklist: 30525,
  PendingCreated: 30539,
  RequestMissing: 30614,
  NotFriends: 31704,
} as const;

/** Limits of the relationship chain (seed 003, Relationship Chain Management; seed 001). */
export const SNS_LIMITS = { friendCount: 3000, blockCount: 1000, pendingCount: 100 } as const;
/** Friend lists (`Tag_SNS_IM_Group`): at most 32 per user, names 1-30 bytes. */
export const FRIEND_LIST_MAX = 32;
export const FRIEND_LIST_NAME_MAX_BYTES = 30;
export const REMARK_MAX_BYTES = 96;
export const ADD_WORDING_MAX_BYTES = 256;
/** Batch sizes: friend_add/friend_import/friend_update take 100 items; delete, check and blocklist commands 1000 accounts. */
export const ADD_BATCH_MAX = 100;
export const ACCOUNT_BATCH_MAX = 1000;
export const GET_LIST_MAX = 100;
/** friend_get pages. */
export const FRIEND_PAGE_SIZE = 100;

export const ADD_SOURCE = /^AddSource_Type_[A-Za-z]{1,8}$/;
