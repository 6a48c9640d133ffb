import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { userIdProblem } from '../shared/identifiers.js';
import { C2C_RECEIPT_LIMITS, C2cCode } from './c2c-codes.js';
import { legacyNames } from '../shared/leniency.js';
import { GroupMsgCode } from '../groupmsg/groupmsg-codes.js';

/** The value received, short enough for an ErrorInfo (Tencent's names the field, the value and what is allowed). */
const got = (v: unknown): string => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
};
/** A coded error whose info ends with the value received. */
const codedGot = (code: number, info: string) => ({ error: (iss: { input?: unknown }) => `${code}|${info}, got ${got(iss.input)}` });

const U32 = 4294967295;
/** At most 7 days of offline retention (90026 beyond). */
export const MAX_LIFETIME = 604800;

const int = (code: number, what: string, min = 0, max = U32) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
    codedGot(code, `${what} must be an integer from ${min} to ${max}`));

const account = (code: number, what: string) =>
  z.custom<string>((v) => typeof v === 'string' && userIdProblem(v) === undefined,
    { error: (iss) => `${code}|${what}: ${typeof iss.input === 'string' ? userIdProblem(iss.input) : `must be a UserID string, got ${got(iss.input)}`}` });

const flag = (code: number, what: string) => z.custom<0 | 1>((v) => v === 0 || v === 1, codedGot(code, `${what} must be 0 or 1`));

const cloudCustomData = z.custom<string>((v) => typeof v === 'string' && Buffer.byteLength(v) <= 8192,
  codedGot(C2cCode.InvalidParam, 'CloudCustomData must be a string of at most 8192 bytes'));

const stringList = (code: number, what: string, allowed: readonly string[]) =>
  z.custom<string[]>((v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && allowed.includes(s)),
    codedGot(code, `${what} must be an array of ${allowed.map((a) => `"${a}"`).join(', ')}`));

const msgBody = z.optional(z.unknown());
const offlinePushInfo = z.optional(z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  codedGot(C2cCode.InvalidParam, 'OfflinePushInfo must be an object')));

export const FORBID_CALLBACKS = ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'] as const;
export const SEND_CONTROLS = ['NoUnread', 'NoLastMsg', 'WithMuteNotifications', 'NoMsgCheck'] as const;

/** WebSocket `c2c.send` (websocket-protocol.md). */
export const wsSendInput = z.object({
  To_Account: account(C2cCode.ToAccountInvalid, 'To_Account'),
  MsgBody: msgBody,
  MsgRandom: int(C2cCode.MsgRandomInvalid, 'MsgRandom'),
  CloudCustomData: z.optional(cloudCustomData),
  OfflinePushInfo: offlinePushInfo,
  IsNeedReadReceipt: z.optional(flag(C2cCode.InvalidParam, 'IsNeedReadReceipt')),
  SupportMessageExtension: z.optional(flag(C2cCode.InvalidParam, 'SupportMessageExtension')),
  OnlineOnlyFlag: z.optional(flag(C2cCode.InvalidParam, 'OnlineOnlyFlag')),
  SendMsgControl: z.optional(stringList(C2cCode.InvalidParam, 'SendMsgControl', SEND_CONTROLS)),
});

const restSendFields = {
  SyncOtherMachine: z.optional(z.custom<1 | 2>((v) => v === 1 || v === 2, codedGot(C2cCode.SyncOtherMachineInvalid, 'SyncOtherMachine must be the integer 1 or 2'))),
  From_Account: z.optional(account(C2cCode.FromAccountInvalid, 'From_Account')),
  MsgLifeTime: z.optional(z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
    codedGot(C2cCode.LifeTimeInvalid, 'MsgLifeTime must be a non-negative integer (seconds)')).check(
    z.refine((v) => v <= MAX_LIFETIME, codedGot(C2cCode.LifeTimeTooLong, `MsgLifeTime must be at most ${MAX_LIFETIME} seconds (7 days)`)))),
  MsgSeq: z.optional(int(C2cCode.MsgSeqInvalid, 'MsgSeq')),
  MsgRandom: int(C2cCode.MsgRandomInvalid, 'MsgRandom'),
  MsgBody: msgBody,
  CloudCustomData: z.optional(cloudCustomData),
  SendMsgControl: z.optional(stringList(C2cCode.InvalidParam, 'SendMsgControl', SEND_CONTROLS)),
  OfflinePushInfo: offlinePushInfo,
  IsNeedReadReceipt: z.optional(flag(C2cCode.InvalidParam, 'IsNeedReadReceipt')),
  SupportMessageExtension: z.optional(flag(C2cCode.InvalidParam, 'SupportMessageExtension')),
};

/** REST `openim/sendmsg`. */
export const sendMsgInput = z.object({
  ...restSendFields,
  To_Account: account(C2cCode.ToAccountInvalid, 'To_Account'),
  ForbidCallbackControl: z.optional(stringList(C2cCode.InvalidParam, 'ForbidCallbackControl', FORBID_CALLBACKS)),
  OnlineOnlyFlag: z.optional(flag(C2cCode.InvalidParam, 'OnlineOnlyFlag')),
  MsgTimeStamp: z.optional(int(C2cCode.MsgTimeStampInvalid, 'MsgTimeStamp')),
});

/** REST `openim/batchsendmsg`: at most 500 recipients (90011). */
export const batchSendInput = z.object({
  ...restSendFields,
  To_Account: z.custom<string[]>((v) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'),
    codedGot(C2cCode.ToAccountInvalid, 'To_Account must be a non-empty array of UserIDs')).check(
    z.refine((v) => v.length <= 500, coded(C2cCode.TooManyTargets, 'To_Account has more than 500 accounts'))),
});

/** REST `openim/importmsg`. */
export const importMsgInput = z.object({
  // Today's docs: 2 (history) and 5 (real-time). Tencent's older page documented 1 for a real-time import (counted as
  // unread) and 2; server SDKs written then (dobyte/tencent-im private/api.go ImportMessage) still send 1.
  SyncFromOldSystem: z.custom<1 | 2 | 5>((v) => v === 1 || v === 2 || v === 5,
    codedGot(C2cCode.InvalidParam, 'SyncFromOldSystem must be 2 (history: no unread, no push), 5 (real-time: unread and push) or the legacy 1 (real-time)')),
  From_Account: account(C2cCode.FromAccountInvalid, 'From_Account'),
  To_Account: account(C2cCode.ToAccountInvalid, 'To_Account'),
  MsgSeq: z.optional(int(C2cCode.MsgSeqInvalid, 'MsgSeq')),
  MsgRandom: int(C2cCode.MsgRandomInvalid, 'MsgRandom'),
  MsgTimeStamp: int(C2cCode.MsgTimeStampInvalid, 'MsgTimeStamp'),
  MsgBody: msgBody,
  CloudCustomData: z.optional(cloudCustomData),
});

/** REST `openim/admin_getroammsg`, either key pair (Operator_Account/Peer_Account or legacy From_Account/To_Account). */
export const getRoamMsgInput = z.object({
  Operator_Account: z.optional(account(C2cCode.InvalidParam, 'Operator_Account')),
  Peer_Account: z.optional(account(C2cCode.InvalidParam, 'Peer_Account')),
  From_Account: z.optional(account(C2cCode.InvalidParam, 'From_Account')),
  To_Account: z.optional(account(C2cCode.InvalidParam, 'To_Account')),
  MaxCnt: int(C2cCode.InvalidParam, 'MaxCnt', 1),
  MinTime: int(C2cCode.InvalidParam, 'MinTime'),
  MaxTime: int(C2cCode.InvalidParam, 'MaxTime'),
  LastMsgKey: z.optional(z.string()),
});

export const msgWithdrawInput = z.object({
  From_Account: account(C2cCode.FromAccountInvalid, 'From_Account'),
  To_Account: account(C2cCode.ToAccountInvalid, 'To_Account'),
  MsgKey: z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, 'MsgKey must be a string')),
});

export const setMsgReadInput = z.object({
  Report_Account: account(C2cCode.InvalidParam, 'Report_Account'),
  Peer_Account: account(C2cCode.InvalidParam, 'Peer_Account'),
  MsgReadTime: z.optional(z.custom<string | number>((v) => (typeof v === 'string' && /^\d{1,10}$/.test(v)) || (typeof v === 'number' && Number.isInteger(v) && v >= 0),
    codedGot(C2cCode.InvalidParam, 'MsgReadTime must be unix seconds (a string of digits)'))),
});

export const unreadNumInput = z.object({
  To_Account: account(C2cCode.InvalidParam, 'To_Account'),
  Peer_Account: z.optional(z.array(account(C2cCode.InvalidParam, 'Peer_Account')).check(
    z.maxLength(10, coded(C2cCode.InvalidParam, 'Peer_Account has more than 10 accounts')))),
});

export const historyInput = z.object({
  Peer_Account: account(C2cCode.InvalidParam, 'Peer_Account'),
  BeforeMsgSeq: z.optional(int(C2cCode.InvalidParam, 'BeforeMsgSeq', 1)),
  Count: z.optional(int(C2cCode.InvalidParam, 'Count', 1, 100)),
});

/** `msg.read`: `Peer_Account` (C2C) or `GroupId` (group messages, functions/groupmsg). */
export const readInput = z.object({
  Peer_Account: z.optional(account(C2cCode.InvalidParam, 'Peer_Account')),
  GroupId: z.optional(z.string()),
  /** A Community topic (functions/topics): the message is the topic's. */
  TopicId: z.optional(z.string()),
  MsgSeq: int(C2cCode.InvalidParam, 'MsgSeq'),
});

const msgKeyList = z.array(z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, 'MsgKeyList items must be MsgKey strings')));

/** REST `openim/delete_c2c_msg_ramble` (doocs DeleteC2cMsgRequest; cloud.tencent.com/document/product/269/101439). */
export const deleteRambleInput = z.object({
  Operator_Account: account(C2cCode.InvalidParam, 'Operator_Account'),
  Peer_Account: account(C2cCode.InvalidParam, 'Peer_Account'),
  MsgKeyList: msgKeyList,
});

/** `msg.delete`: the caller's one-sided deletion of messages of its conversation with `Peer_Account`. */
export const deleteForSelfInput = z.object({
  Peer_Account: account(C2cCode.InvalidParam, 'Peer_Account'),
  MsgKeyList: msgKeyList,
});

/** `msg.recall`: `Peer_Account` and `MsgKey` (C2C), or `GroupId` and `MsgSeq` (group messages, functions/groupmsg). */
export const recallInput = z.object({
  Peer_Account: z.optional(account(C2cCode.InvalidParam, 'Peer_Account')),
  MsgKey: z.optional(z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, 'MsgKey must be a string'))),
  GroupId: z.optional(z.string()),
  /** A Community topic (functions/topics): the message is the topic's. */
  TopicId: z.optional(z.string()),
  MsgSeq: z.optional(int(C2cCode.InvalidParam, 'MsgSeq')),
});

export const conversationListInput = z.object({
  Cursor: z.optional(z.string().check(z.maxLength(16))),
  Count: z.optional(int(60003, 'Count', 1, 100)),
});

const RC = 50002;
export const recentGetListInput = z.object({
  From_Account: account(RC, 'From_Account'),
  TimeStamp: z.optional(int(RC, 'TimeStamp')),
  StartIndex: z.optional(int(RC, 'StartIndex')),
  TopTimeStamp: z.optional(int(RC, 'TopTimeStamp')),
  TopStartIndex: z.optional(int(RC, 'TopStartIndex')),
  AssistFlags: z.optional(int(RC, 'AssistFlags', 0, 15)),
});

/**
 * `ToGroupid` is Tencent's spelling (sic, also doocs' DeleteRecentContactRequest); `ToGroupId` is accepted for it.
 * dobyte/tencent-im (recentcontact/types.go deleteSessionReq) sends `type` in lower case, and a C2C delete's `To_Account`
 * always, so a `""` `ToGroupid` (or `To_Account`) reads as not given.
 */
export const recentDeleteInput = legacyNames(z.object({
  From_Account: account(RC, 'From_Account'),
  Type: z.custom<1 | 2>((v) => v === 1 || v === 2, codedGot(RC, 'Type must be 1 (C2C) or 2 (group)')),
  To_Account: z.optional(account(RC, 'To_Account')),
  ToGroupid: z.optional(z.string().check(z.minLength(1))),
  ClearRamble: z.optional(flag(RC, 'ClearRamble')),
}), { Type: ['type'], ToGroupid: ['ToGroupId'] });

export const setNoSpeakingInput = z.object({
  Set_Account: account(60003, 'Set_Account'),
  C2CmsgNospeakingTime: z.optional(int(60003, 'C2CmsgNospeakingTime')),
  GroupmsgNospeakingTime: z.optional(int(60003, 'GroupmsgNospeakingTime')),
});

export const getNoSpeakingInput = z.object({ Get_Account: account(60003, 'Get_Account') });

/** `msg.modify`: `Peer_Account` and `MsgKey` (C2C), or `GroupId` and `MsgSeq` (group messages, functions/groupmsg/modify.ts). */
export const modifyInput = z.object({
  Peer_Account: z.optional(account(C2cCode.InvalidParam, 'Peer_Account')),
  MsgKey: z.optional(z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, 'MsgKey must be a string'))),
  GroupId: z.optional(z.string()),
  /** A Community topic (functions/topics): the message is the topic's. */
  TopicId: z.optional(z.string()),
  MsgSeq: z.optional(int(C2cCode.InvalidParam, 'MsgSeq')),
  MsgBody: msgBody,
  CloudCustomData: z.optional(cloudCustomData),
  /** The version the client edited (its copy's MsgVersion; 0 for a message never edited). */
  MsgVersion: z.optional(int(C2cCode.InvalidParam, 'MsgVersion')),
});

/** REST `openim/modify_c2c_msg` (doocs ModifyC2cMsgRequest): MsgBody and CloudCustomData each optional, at least one. */
export const modifyC2cMsgInput = z.object({
  From_Account: account(C2cCode.FromAccountInvalid, 'From_Account'),
  To_Account: account(C2cCode.ToAccountInvalid, 'To_Account'),
  MsgKey: z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, 'MsgKey must be a string')),
  MsgBody: msgBody,
  CloudCustomData: z.optional(cloudCustomData),
});

const msgKeyString = (what: string) => z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, `${what} must be a MsgKey string`));

/**
 * `msg.receipt.send` and `msg.receipt.get`: `Peer_Account` and `MsgKeyList` (C2C), or `GroupId` and `MsgSeqList` of
 * `{MsgSeq}` (group messages, functions/groupmsg/receipts.ts; its fields answer the group codes). How many: checked by
 * each half (C2C 90001, group 10005).
 */
export const receiptInput = z.object({
  Peer_Account: z.optional(account(C2cCode.InvalidParam, 'Peer_Account')),
  MsgKeyList: z.optional(z.array(msgKeyString('MsgKeyList[]'))),
  GroupId: z.optional(z.string()),
  MsgSeqList: z.optional(z.array(z.object({ MsgSeq: int(GroupMsgCode.InvalidParam, 'MsgSeqList[].MsgSeq', 1) }))),
});

/** REST `openim/c2c_msg_read_receipt` (doocs C2cMsgReadReceiptRequest, C2cMsgInfoItem; Tencent's sample). */
export const c2cMsgReadReceiptInput = z.object({
  Operator_Account: account(C2cCode.InvalidParam, 'Operator_Account'),
  Peer_Account: account(C2cCode.InvalidParam, 'Peer_Account'),
  C2CMsgInfo: z.array(z.object({
    From_Account: account(C2cCode.InvalidParam, 'C2CMsgInfo[].From_Account'),
    To_Account: account(C2cCode.InvalidParam, 'C2CMsgInfo[].To_Account'),
    MsgKey: msgKeyString('C2CMsgInfo[].MsgKey'),
  })).check(
    z.minLength(1, coded(C2cCode.InvalidParam, 'C2CMsgInfo is empty')),
    z.maxLength(C2C_RECEIPT_LIMITS.rest, coded(C2cCode.InvalidParam, `C2CMsgInfo has more than ${C2C_RECEIPT_LIMITS.rest} messages`)),
  ),
});
