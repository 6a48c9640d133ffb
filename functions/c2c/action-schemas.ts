import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { C2C_RECEIPT_LIMITS, C2cCode } from './c2c-codes.js';
import { GroupMsgCode } from '../groupmsg/groupmsg-codes.js';
import { account, cloudCustomData, codedGot, int, msgBody, msgKeyString } from './schema-fields.js';

/** The actions on a message of either kind of conversation (functions/msgactions), and the C2C REST commands of the same operations. */
/** `msg.read`: `Peer_Account` (C2C) or `GroupId` (group messages, functions/groupmsg). */
export const readInput = z.object({
  Peer_Account: z.optional(account(C2cCode.InvalidParam, 'Peer_Account')),
  GroupId: z.optional(z.string()),
  /** A Community topic (functions/topics): the message is the topic's. */
  TopicId: z.optional(z.string()),
  MsgSeq: int(C2cCode.InvalidParam, 'MsgSeq'),
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
