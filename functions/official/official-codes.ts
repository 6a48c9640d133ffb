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
  /** The user is not subscribed (modify_subscriber_info, official.history of a non-subscriber). */
  NotSubscriber: 10007,
  /** MsgBody over 12 KB (the group message code). */
  TooLong: 80002,
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
  /** The highest MaxSubscriberNum accepted (not documented by Tencent; 10x its default, inferred). */
  maxSubscriberNumCeiling: 1_000_000,
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

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Why `id` is not an official account id (seed 003, "Custom Definition Official Account ID"), or undefined. */
export function officialIdProblem(id: string): string | undefined {
  if (!id.startsWith(OFFICIAL_PREFIX)) return `official account id "${id}" does not start with ${OFFICIAL_PREFIX}`;
  if (Buffer.byteLength(id, 'utf8') > OFFICIAL_LIMITS.idBytes) return `official account id is ${Buffer.byteLength(id, 'utf8')} bytes; at most ${OFFICIAL_LIMITS.idBytes} allowed`;
  if (!PRINTABLE_ASCII.test(id)) return 'official account id has characters outside printable ASCII (0x20-0x7e)';
  return undefined;
}

/** A custom id may not take the server's own prefix. */
export const isReservedOfficialId = (id: string): boolean => id.startsWith(GENERATED_OFFICIAL_PREFIX);

/** Tencent's MsgKey of an official-account message: "Seq_1_ServerTime" (doocs docs/guide/official_account.md). */
export const officialMsgKey = (seq: number, time: number): string => `${seq}_1_${time}`;
export function parseOfficialMsgKey(key: string): { seq: number; time: number } | undefined {
  const m = /^(\d{1,15})_1_(\d{1,12})$/.exec(key);
  if (!m) return undefined;
  const seq = Number(m[1]);
  return seq > 0 ? { seq, time: Number(m[2]) } : undefined;
}

/** The conversation id clients use for an official account: Tencent's "c2c_officialAccountID", in the Web SDK's form. */
export const officialConversationId = (id: string): string => `C2C${id}`;
