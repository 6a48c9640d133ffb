/** Group-message codes (rest-api.md §5.7). */
export const GroupMsgCode = {
  Internal: 10002,
  InvalidParam: 10004,
  TooMany: 10005,
  NoPermission: 10007,
  NotFound: 10010,
  InvalidGroupId: 10015,
  RefusedByCallback: 10016,
  Muted: 10017,
  RecallNotFound: 10030,
  RecallTooLate: 10031,
  NotRecallable: 10032,
  RecallUnsupported: 10033,
  DeleteUnsupported: 10035,
  /** ERR_SVR_GROUP_PINNED_MESSAGE_COUNT_LIMIT (Tencent's client error list; the number is not in the REST docs). */
  PinnedLimit: 10070,
  /** Tencent's per-message code of get_group_msg_receipt: "10062 代表已读回执信息不存在" (no read receipt information). */
  ReceiptNotFound: 10062,
  TooLong: 80002,
  DirtyWords: 80001,
} as const;

export const PRIORITIES = ['High', 'Normal', 'Low', 'Lowest'] as const;
export type MsgPriority = (typeof PRIORITIES)[number];
/** History reports priorities as numbers 1–4 (rest-api.md §7). */
export const PRIORITY_NUMBER: Record<MsgPriority, number> = { High: 1, Normal: 2, Low: 3, Lowest: 4 };

export const LIMITS = {
  historyCount: 20,
  recallBatch: 10,
  muteBatch: 500,
  notifyMembers: 500,
  importBatch: 7,
  atAccounts: 30,
  /** Members a targeted message (`To_Account`) may name. */
  targetedMembers: 50,
  senderDeleteScan: 1000,
  /** Pinned messages per group (Tencent's "Pin Messages" page: "A group chat supports up to 10 pinned messages"). */
  pinnedMessages: 10,
  /** Messages per read-receipt call over the WebSocket (msg.receipt.send, msg.receipt.get). */
  receiptBatchWs: 30,
  /** Messages per group_msg_receipt / get_group_msg_receipt (Tencent's group_msg_receipt page: "上限为50条消息"). */
  receiptBatchRest: 50,
  /** Members per page of get_group_msg_receipt_detail / msg.receipt.detail (Tencent: Count at most 200). */
  receiptDetailCount: 200,
  /** Tencent's "muted forever". */
  foreverMute: 4294967295,
} as const;
