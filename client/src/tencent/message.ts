import type { ImMessage } from '../message-sync.js';
import { TYPES } from './constants.js';
import { toPayload, type Payload } from './payload.js';

export interface UserInfo { userID: string; nick: string; avatar: string }

/** Tencent's `Message` (its d.ts fields, plus `random`, `clientTime` and `version`, which its instances carry too). */
export interface Message {
  ID: string;
  type: string;
  payload: Payload;
  conversationID: string;
  conversationType: string;
  /** C2C: the recipient's userID; group: the groupID (a Community topic: the topicID). */
  to: string;
  from: string;
  flow: 'in' | 'out';
  /** unix s */
  time: number;
  status: 'unSend' | 'success' | 'fail';
  isRevoked: boolean;
  priority: string;
  nick: string;
  avatar: string;
  isPeerRead: boolean;
  nameCard: string;
  atUserList: string[];
  cloudCustomData: string;
  isDeleted: boolean;
  isModified: boolean;
  needReadReceipt: boolean;
  readReceiptInfo: { readCount?: number; unreadCount?: number; isPeerRead?: boolean };
  isBroadcastMessage: boolean;
  isSupportExtension: boolean;
  revoker: string;
  revokerInfo: UserInfo;
  revokeReason: string;
  /** The server's MsgSeq (0 until sent; AVChatRoom and online-only messages have none). */
  sequence: number;
  hasRiskContent: boolean;
  /** The send's MsgRandom: a resend with it is stored once. */
  random: number;
  clientTime: number;
  /** Edits so far (the server's MsgVersion), which `modifyMessage` sends to detect a conflicting edit. */
  version: number;
}

const PRIORITY: Record<number, string> = { 1: TYPES.MSG_PRIORITY_HIGH, 2: TYPES.MSG_PRIORITY_NORMAL, 3: TYPES.MSG_PRIORITY_LOW, 4: TYPES.MSG_PRIORITY_LOWEST };

/**
 * The same message gets the same ID on every side and in history: sender, recipient (user or group) and the send's
 * MsgRandom, all known before the send. Seq-less group items (tips) fall back to their seq.
 */
export const messageId = (from: string, to: string, random: number, seq = 0) => (random > 0 || seq === 0 ? `${from}-${to}-${random}` : `${to}-seq-${seq}`);

export function blankMessage(fields: Pick<Message, 'type' | 'payload' | 'conversationID' | 'conversationType' | 'to' | 'from' | 'random' | 'time'> & Partial<Message>): Message {
  return {
    ID: messageId(fields.from, fields.to, fields.random), flow: 'out', status: 'unSend', isRevoked: false, priority: TYPES.MSG_PRIORITY_NORMAL,
    nick: '', avatar: '', isPeerRead: false, nameCard: '', atUserList: [], cloudCustomData: '', isDeleted: false, isModified: false,
    needReadReceipt: false, readReceiptInfo: {}, isBroadcastMessage: false, isSupportExtension: false, revoker: '',
    revokerInfo: { userID: '', nick: '', avatar: '' }, revokeReason: '', sequence: 0, hasRiskContent: false, clientTime: fields.time, version: 0,
    ...fields,
  };
}

/** One of our client's messages as Tencent's `Message`, seen by `me`. */
export function fromImMessage(m: ImMessage & { MsgPriority?: number; IsPeerRead?: 0 | 1 }, me: string): Message {
  const group = m.Type === 'Group';
  const to = group ? (m.TopicId ?? m.GroupId!) : m.IsSelf ? m.Peer_Account! : me;
  const first = m.MsgBody[0];
  const revoked = (m.MsgFlagBits & 8) !== 0;
  return blankMessage({
    ID: messageId(m.From_Account, to, m.MsgRandom, m.MsgSeq),
    type: first?.MsgType ?? TYPES.MSG_TEXT, payload: first ? toPayload(first) : {},
    conversationID: m.ConversationID, conversationType: group ? TYPES.CONV_GROUP : TYPES.CONV_C2C, to, from: m.From_Account,
    flow: m.IsSelf ? 'out' : 'in', time: m.MsgTimeStamp, status: 'success', random: m.MsgRandom, sequence: m.MsgSeq,
    isRevoked: revoked, ...(revoked && { revoker: m.From_Account, revokerInfo: { userID: m.From_Account, nick: '', avatar: '' } }),
    nick: m.Nick ?? '', avatar: m.FaceUrl ?? '', nameCard: m.NameCard ?? '', cloudCustomData: m.CloudCustomData ?? '',
    needReadReceipt: m.IsNeedReadReceipt === 1, isPeerRead: m.IsPeerRead === 1, ...(m.IsPeerRead === 1 && { readReceiptInfo: { isPeerRead: true } }), version: m.MsgVersion ?? 0, isModified: (m.MsgVersion ?? 0) > 0,
    priority: PRIORITY[m.MsgPriority ?? 2] ?? TYPES.MSG_PRIORITY_NORMAL,
    atUserList: (m.GroupAtInfo ?? []).map((a) => (a.GroupAtAllFlag === 1 ? TYPES.MSG_AT_ALL : a.GroupAt_Account ?? '')),
  });
}

/** What our client's recall, modify and delete calls need of a Tencent message. */
export function toImRef(m: Message, me: string): ImMessage {
  const group = m.conversationType === TYPES.CONV_GROUP;
  const target = m.conversationID.slice(group ? 5 : 3);
  return {
    // A topic id alone names the topic to every group-message action (docs/websocket.md, "Community topics").
    ConversationID: m.conversationID as ImMessage['ConversationID'], Type: group ? 'Group' : 'C2C', ...(group ? { GroupId: target } : { Peer_Account: target }),
    From_Account: m.from, MsgSeq: m.sequence, MsgRandom: m.random, MsgTimeStamp: m.time,
    ...(!group && { MsgKey: `${m.sequence}_${m.random}_${m.time}` }), MsgBody: [], MsgFlagBits: m.isRevoked ? 8 : 0, IsSelf: m.from === me,
    MsgVersion: m.version,
  };
}
