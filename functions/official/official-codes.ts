/**
 * Codes and limits of official accounts. Tencent serves official accounts from its group backend (their ids mirror
 * group ids, `@TOA#_` beside `@TGS#_`), and its official-account pages document no codes of their own beyond the
 * group family, so the group codes are used with the same meanings (docs/rest.md, "Official accounts": inferred).
 */
export const OfficialCode = {
  Internal: 10002,
  InvalidParam: 10004,
  /** Not the account's owner nor the app admin. */
  NoPermission: 10007,
  /** The official account does not exist, or was destroyed. */
  NotFound: 10010,
  /** MaxSubscriberNum reached. */
  Full: 10014,
  /** An official account id that breaks the id rules. */
  InvalidId: 10015,
  /** The app backend refused (a before-callback). */
  RefusedByCallback: 10016,
  /** A user that does not exist. */
  NoSuchUser: 10019,
  /** The custom id is taken. */
  IdTaken: 10021,
  /** More than one message a second, or more than the hourly number of broadcasts. */
  TooFrequent: 10023,
  /** A recall of a message that does not exist (or expired). */
  MsgNotFound: 10030,
  /** The subscriber is not subscribed. */
  NotSubscriber: 10007,
} as const;

export const OFFICIAL_PREFIX = '@TOA#_';
/** Server-assigned ids start with this; custom ids must not (seed 003, "Custom Definition Official Account ID"). */
export const GENERATED_OFFICIAL_PREFIX = '@TOA#_@TOA#';

/** Seed 003, "Introduction to Official Account Data Structure", and Tencent's REST pages (doocs/qcloud-im-server-sdk-java docs). */
export const OFFICIAL_LIMITS = {
  idBytes: 48,
  nameBytes: 150,
  introductionBytes: 400,
  faceUrlBytes: 500,
  organizationBytes: 500,
  customStringBytes: 3000,
  defaultMaxSubscribers: 100_000,
  /** Subscribers named in one add_subscriber / delete_subscriber call (Tencent: as add_group_member, inferred). */
  batchSubscribers: 500,
  /** get_official_account_info ids per call (as get_group_info, inferred). */
  infoIds: 50,
  /** get_subscriber_info page (default and maximum; inferred). */
  subscriberPageDefault: 100,
  subscriberPageMax: 1000,
  /** get_subscribed_official_account_list page (inferred). */
  subscribedPageDefault: 100,
  subscribedPageMax: 1000,
  /** official_account_msg_get_simple: at most 20 messages a call, as group_msg_get_simple. */
  historyMax: 20,
  /** official_account_msg_recall keys per call (as group_msg_recall, inferred). */
  recallKeys: 10,
  /** Tencent: "单个公众号的发送频率上限为1条/秒，每小时最多可发布2条广播消息". */
  sendsPerSecond: 1,
  defaultBroadcastsPerHour: 2,
  /** "如果5分钟内两条消息的内容相同，后面的消息将被当做重复消息而丢弃". */
  duplicateWindowSeconds: 300,
} as const;

export const MSG_FLAGS = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
export type OfficialMsgFlag = typeof MSG_FLAGS[number];
/** get_subscriber_info's `MsgFlag` is an integer (doocs OfficialAccountSubscriberItem): the order above. */
export const MSG_FLAG_NUMBER: Record<OfficialMsgFlag, number> = { AcceptAndNotify: 0, AcceptNotNotify: 1, Discard: 2 };
