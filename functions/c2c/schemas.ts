import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { C2cCode } from './c2c-codes.js';
import { account, cloudCustomData, codedGot, flag, int, msgBody, offlinePushInfo, stringList } from './schema-fields.js';

/** At most 7 days of offline retention (90026 beyond). */
export const MAX_LIFETIME = 604800;

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


export const historyInput = z.object({
  Peer_Account: account(C2cCode.InvalidParam, 'Peer_Account'),
  BeforeMsgSeq: z.optional(int(C2cCode.InvalidParam, 'BeforeMsgSeq', 1)),
  Count: z.optional(int(C2cCode.InvalidParam, 'Count', 1, 100)),
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

/** C2C receive options (the Web SDK's `setMessageRemindType({ userIDList, messageRemindType })`): MsgFlag per peer. */
export const RECEIVE_OPTS = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
export type ReceiveOpt = (typeof RECEIVE_OPTS)[number];
const peerList = z.array(account(C2cCode.InvalidParam, 'To_Account[]')).check(
  z.minLength(1, coded(C2cCode.InvalidParam, 'To_Account must have at least 1 item')),
  z.maxLength(30, coded(C2cCode.InvalidParam, 'To_Account has more than 30 items')));
export const receiveOptSetInput = z.object({
  To_Account: peerList,
  MsgFlag: z.custom<ReceiveOpt>((v) => RECEIVE_OPTS.includes(v as ReceiveOpt), codedGot(C2cCode.InvalidParam, `MsgFlag must be ${RECEIVE_OPTS.join(', ')}`)),
});
export const receiveOptGetInput = z.object({ To_Account: peerList });

export const setNoSpeakingInput = z.object({
  Set_Account: account(60003, 'Set_Account'),
  C2CmsgNospeakingTime: z.optional(int(60003, 'C2CmsgNospeakingTime')),
  GroupmsgNospeakingTime: z.optional(int(60003, 'GroupmsgNospeakingTime')),
});

export const getNoSpeakingInput = z.object({ Get_Account: account(60003, 'Get_Account') });

