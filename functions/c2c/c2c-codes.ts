/** C2C error codes (rest-api.md §5.6). */
export const C2cCode = {
  InvalidParam: 90001,
  AccountInvalid: 20003,
  Network: 20004,
  RefusedByCallback: 20006,
  Blocked: 20007,
  NotFriends: 20009,
  NotPeersFriend: 20010,
  PeerNotMyFriend: 20011,
  Muted: 20012,
  RecallTooLate: 20016,
  RecallNotFound: 20022,
  AlreadyRecalled: 20023,
  /** Tencent's openim "message does not exist" (the modify pages' code; read receipts of keys that name no message). */
  MessageNotFound: 20026,
  ToAccountInvalid: 90003,
  MsgSeqInvalid: 90004,
  MsgRandomInvalid: 90005,
  MsgTimeStampInvalid: 90006,
  FromAccountInvalid: 90008,
  TooManyTargets: 90011,
  ToAccountNotRegistered: 90012,
  LifeTimeTooLong: 90026,
  SyncOtherMachineInvalid: 90031,
  LifeTimeInvalid: 90044,
  BadMsgKey: 90054,
  NoSuchAccount: 70107,
  CallbackFailed: 90992,
} as const;

/** MsgKeys per read-receipt call: WebSocket (`msg.receipt.send`, `msg.receipt.get`) and REST (`c2c_msg_read_receipt`; as group_msg_receipt's 50). */
export const C2C_RECEIPT_LIMITS = { ws: 30, rest: 50 } as const;
