import { systemNoticeList } from './group-applications.js';
import type { ImMessage } from '../message-sync.js';
import type { ConversationId } from '../protocol.js';
import { ImRequestError } from '../errors.js';
import { TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { ChatError, CODE, notSupported, toChatError } from './errors.js';
import { fromImMessage, toImRef, type Message } from './message.js';
import { toElement } from './payload.js';

/** Tencent's `sendMessage` options. */
export interface SendMessageOptions {
  onlineUserOnly?: boolean;
  offlinePushInfo?: {
    disablePush?: boolean; disableVoipPush?: boolean; title?: string; description?: string; extension?: string;
    androidInfo?: { sound?: string; FCMChannelID?: string }; apnsInfo?: { sound?: string; ignoreIOSBadge?: boolean };
  };
  messageControlInfo?: { excludedFromUnreadCount?: boolean; excludedFromLastMessage?: boolean };
}

/** A page of getMessageList, as Tencent's SDK gives it. */
const PAGE = 15;

function requireMessage(message: Message | undefined, api: string): Message {
  if (!message || typeof message.conversationID !== 'string' || typeof message.conversationType !== 'string') {
    throw new ChatError(CODE.MESSAGE_REQUIRED, `${api} needs a message instance`);
  }
  return message;
}

/** The REST `OfflinePushInfo` for Tencent's `offlinePushInfo` (docs/websocket.md, "Offline push"). */
function offlinePush(o: SendMessageOptions['offlinePushInfo']) {
  if (!o) return undefined;
  return {
    PushFlag: o.disablePush ? 1 : 0, ...(o.title !== undefined && { Title: o.title }), ...(o.description !== undefined && { Desc: o.description }),
    ...(o.extension !== undefined && { Ext: o.extension }), ...(o.androidInfo?.sound !== undefined && { AndroidInfo: { Sound: o.androidInfo.sound } }),
    ...(o.apnsInfo && { ApnsInfo: { ...(o.apnsInfo.sound !== undefined && { Sound: o.apnsInfo.sound }), BadgeMode: o.apnsInfo.ignoreIOSBadge ? 1 : 0 } }),
  };
}

function sendControl(o: SendMessageOptions) {
  const list = [...(o.messageControlInfo?.excludedFromUnreadCount ? ['NoUnread'] : []), ...(o.messageControlInfo?.excludedFromLastMessage ? ['NoLastMsg'] : [])];
  return list.length > 0 ? { SendMsgControl: list } : {};
}

/** `sendMessage` and `resendMessage`: the message's MsgRandom makes a resend of a stored message a duplicate, not a second one. */
export async function sendMessage(ctx: ChatContext, input: Message, options: SendMessageOptions = {}) {
  const message = requireMessage(input, 'sendMessage');
  const im = ctx.im();
  const extras = ctx.sendExtras.get(message.ID) ?? {};
  const body = [toElement(message.type, message.payload)];
  const common = {
    ...(message.cloudCustomData !== '' && { CloudCustomData: message.cloudCustomData }),
    ...(options.offlinePushInfo && { OfflinePushInfo: offlinePush(options.offlinePushInfo) }),
    ...(options.onlineUserOnly ? { OnlineOnlyFlag: 1 as const } : sendControl(options)),
    ...(message.isSupportExtension && { SupportMessageExtension: 1 as const }),
  };
  ctx.sentHere.add(message.ID);
  message.status = 'unSend';
  ctx.store.put(message);
  try {
    const reply = message.conversationType === TYPES.CONV_C2C
      // A read receipt only when the app asks (`needReadReceipt`): the peer's reads come as c2c.read otherwise (MESSAGE_READ_BY_PEER).
      ? await im.sendC2C(message.to, body, { ...common, MsgRandom: message.random, ...(message.needReadReceipt && { IsNeedReadReceipt: 1 as const }) })
      : await im.sendGroup(message.to, body, {
        ...common, Random: message.random, MsgPriority: message.priority as 'High' | 'Normal' | 'Low' | 'Lowest',
        ...(message.atUserList.length > 0 && {
          GroupAtInfo: message.atUserList.map((u) => (u === TYPES.MSG_AT_ALL ? { GroupAtAllFlag: 1 as const } : { GroupAtAllFlag: 0 as const, GroupAt_Account: u })),
        }),
        ...(message.needReadReceipt && { NeedReadReceipt: 1 as const }),
        ...(extras.receiverList && extras.receiverList.length > 0 && { To_Account: extras.receiverList }),
      });
    Object.assign(message, { sequence: reply.MsgSeq, time: reply.MsgTime, status: 'success' as const });
    ctx.store.put(message);
    ctx.sendExtras.delete(message.ID);
    return ok({ message });
  } catch (e) {
    message.status = 'fail';
    throw toChatError(e, { message });
  }
}

export async function revokeMessage(ctx: ChatContext, input: Message) {
  const message = requireMessage(input, 'revokeMessage');
  try {
    await ctx.im().recall(toImRef(message, ctx.me()));
  } catch (e) {
    throw toChatError(e, { message });
  }
  Object.assign(message, { isRevoked: true, revoker: ctx.me(), revokerInfo: { userID: ctx.me(), nick: '', avatar: '' } });
  ctx.store.put(message);
  return ok({ message });
}

/** One-sided deletion: C2C only on this server (group messages are not deleted for one user). */
export async function deleteMessage(ctx: ChatContext, list: Message[]) {
  if (!Array.isArray(list) || list.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'deleteMessage needs a non-empty message list');
  if (list.some((m) => m.conversationType !== TYPES.CONV_C2C)) throw notSupported('deleteMessage of group messages', 'the server deletes only C2C messages for one user');
  try {
    await ctx.im().deleteMessage(list.map((m) => toImRef(m, ctx.me())));
  } catch (e) {
    throw toChatError(e);
  }
  for (const m of list) { m.isDeleted = true; ctx.store.put(m); }
  return ok({ messageList: list });
}

/** Tencent's `modifyMessage`: the app changed `payload` and/or `cloudCustomData` of the message object it passes. */
export async function modifyMessage(ctx: ChatContext, input: Message) {
  const message = requireMessage(input, 'modifyMessage');
  const me = ctx.me();
  try {
    const edited = await ctx.im().modifyMessage(toImRef(message, me), {
      MsgBody: [toElement(message.type, message.payload)], CloudCustomData: message.cloudCustomData,
    });
    return ok({ message: ctx.store.put({ ...fromImMessage(edited, me), ID: message.ID }) });
  } catch (e) {
    // A conflicting edit: Tencent's code 2480 with the current message, for the app to show or merge.
    const current = e instanceof ImRequestError ? (e.data?.Message as Record<string, unknown> | undefined) : undefined;
    throw toChatError(e, current ? { message: ctx.store.put(fromServerMessage(current, message.conversationID, me)) } : { message });
  }
}

/** A raw `c2c.message`/`group.message` (as in an error reply) as a Tencent message of the given conversation. */
function fromServerMessage(raw: Record<string, unknown>, conversationID: string, me: string): Message {
  const group = conversationID.startsWith('GROUP');
  const from = String(raw.From_Account ?? '');
  const m = {
    ConversationID: conversationID as ConversationId, Type: group ? 'Group' : 'C2C', ...(group ? { GroupId: conversationID.slice(5) } : { Peer_Account: conversationID.slice(3) }),
    From_Account: from, MsgSeq: Number(raw.MsgSeq ?? 0), MsgRandom: Number(raw.MsgRandom ?? 0), MsgTimeStamp: Number(raw.MsgTimeStamp ?? 0),
    ...(typeof raw.MsgKey === 'string' && { MsgKey: raw.MsgKey }), MsgBody: (raw.MsgBody ?? []) as ImMessage['MsgBody'], MsgFlagBits: Number(raw.MsgFlagBits ?? 0),
    IsSelf: from === me, ...(typeof raw.CloudCustomData === 'string' && { CloudCustomData: raw.CloudCustomData }),
    ...(typeof raw.MsgVersion === 'number' && { MsgVersion: raw.MsgVersion }),
  } as ImMessage;
  return fromImMessage(m, me);
}

/**
 * `getMessageList`: 15 messages a page, oldest first, older pages by `nextReqMessageID` (the oldest message of the
 * previous page, kept by this SDK). A page with nothing to show (deleted or expired messages) reads on.
 */
export async function getMessageList(ctx: ChatContext, options: { conversationID: string; nextReqMessageID?: string }) {
  const id = options?.conversationID;
  if (id === TYPES.CONV_SYSTEM) return systemNoticeList(ctx);
  if (typeof id !== 'string' || !(id.startsWith('C2C') || id.startsWith('GROUP'))) {
    throw new ChatError(CODE.INVALID_PARAMETERS, 'getMessageList needs conversationID C2C<userID>, GROUP<groupID> or @TIM#SYSTEM');
  }
  let before: number | undefined;
  if (options.nextReqMessageID) {
    const anchor = ctx.store.get(options.nextReqMessageID);
    if (!anchor || anchor.sequence <= 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'nextReqMessageID must be one this SDK returned');
    before = anchor.sequence;
  }
  const me = ctx.me();
  const messageList: Message[] = [];
  let isCompleted = false;
  try {
    while (messageList.length === 0) {
      const page = await ctx.im().historyPage(id as ConversationId, { count: PAGE, ...(before !== undefined && { before }) });
      messageList.unshift(...page.messages.map((m) => ctx.store.put(fromImMessage(m, me))));
      isCompleted = page.complete || page.oldestSeq === undefined || page.oldestSeq <= 1;
      if (isCompleted) break;
      before = page.oldestSeq;
    }
  } catch (e) {
    throw toChatError(e);
  }
  return ok({ messageList, nextReqMessageID: messageList[0]?.ID ?? '', isCompleted });
}

/** `setMessageRead`: the conversation read up to its last message; MESSAGE_READ_BY_PEER reaches the peer (C2C). */
export async function setMessageRead(ctx: ChatContext, options: { conversationID: string }) {
  const id = options?.conversationID;
  if (typeof id !== 'string' || !(id.startsWith('C2C') || id.startsWith('GROUP'))) throw new ChatError(CODE.INVALID_PARAMETERS, 'setMessageRead needs conversationID');
  const im = ctx.im();
  // Nothing delivered or listed in it yet: nothing to read (the server takes no read position 0).
  if (!im.conversations().some((c) => c.ConversationID === id && c.LastMsgSeq > 0)) return ok({});
  try {
    await im.markRead(id as ConversationId);
  } catch (e) {
    throw toChatError(e);
  }
  return ok({});
}
