import * as z from 'zod/mini';
import { userIdField } from '../shared/identifiers.js';
import { legacyNames } from '../shared/leniency.js';
import { coded, maxBytes } from '../shared/validation.js';
import { groupIdField } from '../groups/schemas.js';
import { GroupMsgCode, LIMITS, PRIORITIES, PRIORITY_NUMBER, type MsgPriority } from './groupmsg-codes.js';

const C = GroupMsgCode;
const U32 = 4294967295;
const uint = (what: string, min = 0, max = U32) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max, coded(C.InvalidParam, `${what} must be an integer from ${min} to ${max}`));
const flag = (what: string) => z.custom<0 | 1>((v) => v === 0 || v === 1, coded(C.InvalidParam, `${what} must be 0 or 1`));
const account = (what: string) => userIdField(C.InvalidParam, what);
const accounts = (what: string, max: number) => z.array(account(what)).check(
  z.minLength(1, coded(C.InvalidParam, `${what} is empty`)),
  z.maxLength(max, coded(C.TooMany, `${what} has more than ${max} accounts`)),
);
const strings = (what: string, allowed: readonly string[]) =>
  z.custom<string[]>((v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && allowed.includes(s)),
    coded(C.InvalidParam, `${what} must be an array of ${allowed.map((a) => `"${a}"`).join(', ')}`));

const PRIORITY_BY_NUMBER = Object.fromEntries(Object.entries(PRIORITY_NUMBER).map(([name, n]) => [n, name])) as Record<number, MsgPriority>;
/**
 * A name, or the number 1-4 that Tencent itself reports for it (group_msg_get_simple's MsgPriority); typed SDKs that
 * declare the field as an integer send 0 for "not set", which the schema refuses and so reads as not given.
 */
const priority = z.optional(z.pipe(
  z.custom<MsgPriority | number>((v) => (typeof v === 'string' && (PRIORITIES as readonly string[]).includes(v)) || (typeof v === 'number' && PRIORITY_BY_NUMBER[v] !== undefined),
    coded(C.InvalidParam, 'MsgPriority must be High, Normal, Low or Lowest (or 1-4)')),
  z.transform((v): MsgPriority => (typeof v === 'number' ? PRIORITY_BY_NUMBER[v]! : v)),
));
const cloudCustomData = z.optional(z.string().check(maxBytes(8192, C.InvalidParam, 'CloudCustomData')));
const offlinePushInfo = z.optional(z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  coded(C.InvalidParam, 'OfflinePushInfo must be an object')));
const groupAtInfo = z.optional(z.array(z.object({
  GroupAtAllFlag: z.optional(flag('GroupAtInfo.GroupAtAllFlag')),
  GroupAt_Account: z.optional(account('GroupAtInfo.GroupAt_Account')),
})).check(z.maxLength(LIMITS.atAccounts + 1, coded(C.InvalidParam, `GroupAtInfo has more than ${LIMITS.atAccounts} accounts`))));

/**
 * `TopicId`: a topic of the Community (functions/topics/topic-scope.ts resolves it). Absent or `""` (SDKs send zero
 * values) is the group itself; anything else must look like a topic id (printable ASCII, at most 96 bytes).
 */
const topicId = z.optional(z.pipe(
  z.custom<string>((v) => v === undefined || (typeof v === 'string' && (v === '' || /^[\x20-\x7e]{1,96}$/.test(v))),
    coded(C.InvalidParam, 'TopicId must be a topic id (GroupId@TOPIC#_..., printable ASCII, at most 96 bytes)')),
  z.transform((v): string | undefined => (v ? v : undefined)),
));

/**
 * `TopicId` where topics are not served (read receipts, pinned messages and clearing are for ordinary groups):
 * absent or `""` is the group; any other value is refused with 10004 rather than silently acting on the whole group.
 */
const unservedTopicId = z.optional(z.custom<string>((v) => v === '' || v === undefined,
  coded(C.InvalidParam, 'TopicId is not accepted by this command (topics have no read receipts, pins or clearing); omit TopicId to address the group')));

/** Targeted messages (`To_Account`, rest-api.md §3.8): at most 50 members. */
const targets = z.optional(z.array(account('To_Account')).check(
  z.maxLength(LIMITS.targetedMembers, coded(C.TooMany, `To_Account has more than ${LIMITS.targetedMembers} accounts (targeted messages reach at most ${LIMITS.targetedMembers} members)`)),
));

/**
 * `MsgOnlineOnlyFlag` is the name Tencent's own send_group_msg page still uses in its SendMsgControl note, and the one
 * dobyte/tencent-im sendMessageReq sends.
 */
const ONLINE_ONLY_LEGACY = { OnlineOnlyFlag: ['MsgOnlineOnlyFlag'] };

export const FORBID_CALLBACKS = ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'] as const;
export const SEND_CONTROLS = ['NoUnread', 'NoLastMsg'] as const;

/** WebSocket `group.send`. */
export const wsGroupSendInput = legacyNames(z.object({
  GroupId: groupIdField,
  MsgBody: z.optional(z.unknown()),
  Random: uint('Random'),
  MsgPriority: priority,
  CloudCustomData: cloudCustomData,
  OfflinePushInfo: offlinePushInfo,
  GroupAtInfo: groupAtInfo,
  OnlineOnlyFlag: z.optional(flag('OnlineOnlyFlag')),
  SendMsgControl: z.optional(strings('SendMsgControl', SEND_CONTROLS)),
  To_Account: targets,
  NeedReadReceipt: z.optional(flag('NeedReadReceipt')),
  SupportMessageExtension: z.optional(flag('SupportMessageExtension')),
  TopicId: topicId,
}), ONLINE_ONLY_LEGACY);

/** REST `send_group_msg` (rest-api.md §3.8, §4.12). */
export const sendGroupMsgInput = legacyNames(z.object({
  ...wsGroupSendInput.shape,
  From_Account: z.optional(account('From_Account')),
  ForbidCallbackControl: z.optional(strings('ForbidCallbackControl', FORBID_CALLBACKS)),
}), ONLINE_ONLY_LEGACY);

export const systemNotificationInput = z.object({
  GroupId: groupIdField,
  ToMembers_Account: z.optional(z.array(account('ToMembers_Account')).check(z.maxLength(LIMITS.notifyMembers, coded(C.TooMany, `ToMembers_Account has more than ${LIMITS.notifyMembers} accounts`)))),
  Content: z.string().check(z.minLength(1, coded(C.InvalidParam, 'Content is required')), maxBytes(12 * 1024 - 1, C.TooLong, 'Content')),
  TopicId: topicId,
});

export const historyInput = z.object({
  GroupId: groupIdField,
  ReqMsgNumber: uint('ReqMsgNumber', 1, LIMITS.historyCount),
  ReqMsgSeq: z.optional(uint('ReqMsgSeq', 1)),
  WithRecalledMsg: z.optional(flag('WithRecalledMsg')),
  TopicId: topicId,
});

export const wsHistoryInput = z.object({
  GroupId: groupIdField,
  ReqMsgNumber: z.optional(uint('ReqMsgNumber', 1, LIMITS.historyCount)),
  ReqMsgSeq: z.optional(uint('ReqMsgSeq', 1)),
  TopicId: topicId,
});

export const recallInput = z.object({
  GroupId: groupIdField,
  MsgSeqList: z.array(z.object({ MsgSeq: uint('MsgSeq', 1) })).check(
    z.minLength(1, coded(C.InvalidParam, 'MsgSeqList is empty')),
    z.maxLength(LIMITS.recallBatch, coded(C.TooMany, `MsgSeqList has more than ${LIMITS.recallBatch} messages`)),
  ),
  TopicId: topicId,
});

export const deleteBySenderInput = z.object({ GroupId: groupIdField, Sender_Account: account('Sender_Account'), TopicId: topicId });

/** `MsgSeq` absent or 0: up to the newest message. */
export const clearHistoryInput = z.object({ GroupId: groupIdField, MsgSeq: z.optional(uint('MsgSeq')), TopicId: unservedTopicId });

/** `ShutUpTime` is the older name of `MuteTime` (Tencent's legacy PHP sample, dobyte/tencent-im forbidSendMessageReq). */
export const forbidSendInput = legacyNames(z.object({
  GroupId: groupIdField,
  Members_Account: accounts('Members_Account', LIMITS.muteBatch),
  MuteTime: uint('MuteTime'),
  TopicId: topicId,
}), { MuteTime: ['ShutUpTime'] });

export const groupIdOnlyInput = z.object({ GroupId: groupIdField, TopicId: topicId });

export const importInput = z.object({
  GroupId: groupIdField,
  RecentContactFlag: z.optional(flag('RecentContactFlag')),
  MsgList: z.array(z.object({
    From_Account: account('From_Account'),
    SendTime: uint('SendTime'),
    Random: z.optional(uint('Random')),
    MsgBody: z.optional(z.unknown()),
  })).check(
    z.minLength(1, coded(C.InvalidParam, 'MsgList is empty')),
    z.maxLength(LIMITS.importBatch, coded(C.TooMany, `MsgList has more than ${LIMITS.importBatch} messages`)),
  ),
  TopicId: topicId,
});

export const setUnreadInput = z.object({ GroupId: groupIdField, Member_Account: account('Member_Account'), UnreadMsgNum: uint('UnreadMsgNum') });

/** WebSocket `group.message.pin` (Tencent's pinGroupMessage). */
export const pinInput = z.object({
  GroupId: groupIdField,
  MsgSeq: uint('MsgSeq', 1),
  IsPinned: flag('IsPinned'),
});

/** REST `openim/modify_group_msg` (doocs ModifyGroupMsgRequest): MsgBody and CloudCustomData each optional, at least one. */
export const modifyGroupMsgInput = z.object({
  GroupId: groupIdField,
  MsgSeq: uint('MsgSeq', 1),
  MsgBody: z.optional(z.unknown()),
  CloudCustomData: cloudCustomData,
  TopicId: topicId,
});

/**
 * An unsigned integer, also as a string of digits: PHP callers (fireqong/tencent-im passes the caller's array
 * through) often build receipt bodies from request parameters, which are strings.
 */
const uintLike = (what: string, min: number, max = U32) => z.pipe(
  z.custom<number | string>((v) => {
    const n = typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  }, coded(C.InvalidParam, `${what} must be an integer from ${min} to ${max}`)),
  z.transform((v): number => Number(v)),
);
const receiptSeqs = (max: number) => z.array(z.object({ MsgSeq: uintLike('MsgSeqList[].MsgSeq', 1) })).check(
  z.minLength(1, coded(C.InvalidParam, 'MsgSeqList is empty')),
  z.maxLength(max, coded(C.TooMany, `MsgSeqList has more than ${max} messages`)),
);

/** REST `group_msg_receipt` (cloud.tencent.com/document/product/269/107478; doocs GroupMsgReceiptRequest). */
export const groupMsgReceiptInput = z.object({
  GroupId: groupIdField,
  From_Account: account('From_Account'),
  MsgSeqList: receiptSeqs(LIMITS.receiptBatchRest),
  TopicId: unservedTopicId,
});

/** REST `get_group_msg_receipt` (doocs GetGroupMsgReceiptRequest). */
export const getGroupMsgReceiptInput = z.object({ GroupId: groupIdField, MsgSeqList: receiptSeqs(LIMITS.receiptBatchRest), TopicId: unservedTopicId });

/** WebSocket `msg.receipt.detail` (Tencent's getGroupMessageReadMemberList). */
export const receiptDetailInput = z.object({
  GroupId: groupIdField,
  MsgSeq: uintLike('MsgSeq', 1),
  /** 0 the members who read it (default), 1 those who did not. */
  Filter: z.optional(uintLike('Filter', 0, 1)),
  /** `""` for the first page, then the previous reply's `Cursor`. */
  Cursor: z.optional(z.string().check(maxBytes(128, C.InvalidParam, 'Cursor'))),
  Count: z.optional(uintLike('Count', 1, LIMITS.receiptDetailCount)),
});

/** REST `get_group_msg_receipt_detail` (doocs GetGroupMsgReceiptDetailRequest). */
export const getGroupMsgReceiptDetailInput = z.object({ ...receiptDetailInput.shape, TopicId: unservedTopicId });
