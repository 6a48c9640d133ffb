import type { ImClient } from '../im-client.js';
import type { ConversationId, MessageExtension, MessageExtensionsReply, ServerEvents } from '../protocol.js';
import { EVENT, TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { fromImMessage, messageId, toImRef, type Message } from './message.js';

/**
 * Message features beyond send and history: jumps in history, key-value extensions, read receipts, reading every
 * conversation, group receive options (docs/websocket.md, "One-to-one messages", "Read receipts").
 */

/** Tencent's default and largest `count` of `getMessageListHopping`. */
const HOPPING_MAX = 15;
/** Pages read back at most looking for a C2C `time`. */
const HOPPING_PAGES = 50;

const conversationOf = (id: unknown, api: string): ConversationId => {
  if (typeof id !== 'string' || !(id.startsWith('C2C') || id.startsWith('GROUP'))) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs conversationID C2C<userID> or GROUP<groupID>`);
  return id as ConversationId;
};

function sentMessages(list: Message[] | undefined, api: string): Message[] {
  if (!Array.isArray(list) || list.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs a non-empty message list`);
  if (list.some((m) => !m || m.sequence <= 0)) throw new ChatError(CODE.MESSAGE_REQUIRED, `${api}: every message must be a sent, stored one (with a sequence)`);
  if (new Set(list.map((m) => m.conversationID)).size > 1) throw new ChatError(CODE.INVALID_PARAMETERS, `${api}: the messages must be of one conversation`);
  return list;
}

function sentMessage(message: Message | undefined, api: string): Message {
  return sentMessages(message ? [message] : undefined, api)[0]!;
}

/**
 * `getMessageListHopping`: up to `count` (≤ 15) messages from a starting point, oldest first, the starting message
 * included. Groups start at `sequence`; C2C at `time` (server time, unix s) as Tencent's, or at `sequence` too (C2C
 * messages have seqs here). `direction` 0 reads older messages, 1 newer ones.
 */
export async function getMessageListHopping(ctx: ChatContext, options: { conversationID: string; sequence?: number; time?: number; count?: number; direction?: number }) {
  const id = conversationOf(options?.conversationID, 'getMessageListHopping');
  const count = Math.min(Math.max(1, Math.floor(options.count ?? HOPPING_MAX)), HOPPING_MAX);
  const newer = options.direction === 1;
  const { sequence, time } = options;
  const bySeq = typeof sequence === 'number' && sequence > 0;
  if (!bySeq && !(id.startsWith('C2C') && typeof time === 'number' && time > 0)) {
    throw new ChatError(CODE.INVALID_PARAMETERS, 'getMessageListHopping needs sequence (groups; C2C too here) or time (C2C)');
  }
  const me = ctx.me();
  const im = ctx.im();
  const inRange = (m: Message) => (bySeq ? (newer ? m.sequence >= sequence! : m.sequence <= sequence!) : newer ? m.time >= time! : m.time <= time!);
  // Pages are read back in history; `before` is exclusive. From a sequence: the page that ends at (older) or
  // reaches `count` past (newer) it. From a time: back from the newest message until the time is passed.
  let before: number | undefined = bySeq ? sequence! + (newer ? count : 1) : undefined;
  let found: Message[] = [];
  for (let page = 0; page < HOPPING_PAGES; page++) {
    const read = await call(() => im.historyPage(id, { count: bySeq ? count : 100, ...(before !== undefined && { before }) }));
    const kept = read.messages.map((m) => fromImMessage(m, me)).filter(inRange);
    found = [...kept, ...found];
    // Newer: read back until the start is passed (by seq, or a message older than `time`). Older: until `count` are found.
    const passed = read.oldestSeq === undefined || read.complete
      || (newer ? (bySeq ? read.oldestSeq <= sequence! : kept.length < read.messages.length) : found.length >= count);
    if (passed) break;
    before = read.oldestSeq;
  }
  const picked = newer ? found.slice(0, count) : found.slice(-count);
  return ok({ messageList: picked.map((m) => ctx.store.put(m)) });
}

// ---- extensions ----

type Extension = { key: string; value: string };

function extensionResults(reply: MessageExtensionsReply) {
  return reply.ExtensionList.map((r) => ({ code: r.ErrorCode, key: r.Extension.Key, value: r.Extension.Value }));
}

/** `setMessageExtensions(message, [{ key, value }])`: `{ extensions: [{ code, key, value }] }`, `code` 23001 when someone changed the key meanwhile (its current value). */
export async function setMessageExtensions(ctx: ChatContext, input: Message, extensions: Extension[]) {
  const message = sentMessage(input, 'setMessageExtensions');
  if (!Array.isArray(extensions) || extensions.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'setMessageExtensions needs extensions [{ key, value }]');
  const reply = await call(() => ctx.im().setMessageExtensions(toImRef(message, ctx.me()), extensions.map((e) => ({ Key: String(e.key), Value: String(e.value ?? '') }))));
  const set = reply.ExtensionList.filter((r) => r.ErrorCode === 0).map((r) => ({ key: r.Extension.Key, value: r.Extension.Value }));
  if (set.length > 0) ctx.emit(EVENT.MESSAGE_EXTENSIONS_UPDATED, { messageID: message.ID, extensions: set });
  return ok({ extensions: extensionResults(reply) });
}

/** `getMessageExtensions(message)`: `{ extensions: [{ key, value }], isCompleted: true }` (every pair: the client reads all pages). */
export async function getMessageExtensions(ctx: ChatContext, input: Message) {
  const message = sentMessage(input, 'getMessageExtensions');
  const pairs = await call(() => ctx.im().getMessageExtensions(toImRef(message, ctx.me())));
  return ok({ extensions: pairs.map((e: MessageExtension) => ({ key: e.Key, value: e.Value })), isCompleted: true });
}

/** `deleteMessageExtensions(message, keyList?)`: the keys, or every pair without `keyList`. */
export async function deleteMessageExtensions(ctx: ChatContext, input: Message, keyList?: string[]) {
  const message = sentMessage(input, 'deleteMessageExtensions');
  const keys = Array.isArray(keyList) && keyList.length > 0 ? keyList.map(String) : undefined;
  const reply = await call(() => ctx.im().deleteMessageExtensions(toImRef(message, ctx.me()), keys));
  const removed = keys ? reply.ExtensionList.filter((r) => r.ErrorCode === 0).map((r) => r.Extension.Key) : [];
  if (!keys || removed.length > 0) ctx.emit(EVENT.MESSAGE_EXTENSIONS_DELETED, { messageID: message.ID, keyList: removed });
  return ok({ extensions: extensionResults(reply) });
}

// ---- read receipts ----

/** `sendMessageReadReceipt(messageList)`: messages of one conversation that asked for a receipt; their senders get MESSAGE_READ_RECEIPT_RECEIVED. */
export async function sendMessageReadReceipt(ctx: ChatContext, list: Message[]) {
  const messages = sentMessages(list, 'sendMessageReadReceipt');
  const me = ctx.me();
  const reply = await call(() => ctx.im().sendMessageReadReceipt(messages.map((m) => toImRef(m, me))));
  // Group: a Code per message; when every one is refused the call is (10062 no receipt asked for, 10007 one's own).
  const codes = 'GroupMsgReceiptList' in reply ? reply.GroupMsgReceiptList.map((r) => r.Code) : [0];
  if (codes.every((c) => c !== 0)) throw new ChatError(codes[0]!, `sendMessageReadReceipt refused: ${codes[0]}`);
  // C2C: the server read the conversation up to those messages; reading it here as well keeps the unread count true
  // (the read position does not move again, so the peer is not told twice).
  if (!('GroupMsgReceiptList' in reply)) await call(() => ctx.im().markRead(messages[0]!.conversationID as ConversationId, Math.max(...messages.map((m) => m.sequence))));
  return ok({});
}

/** `getMessageReadReceiptList(messageList)`: the messages with `readReceiptInfo` filled (group `readCount`, `unreadCount`; C2C `isPeerRead`). */
export async function getMessageReadReceiptList(ctx: ChatContext, list: Message[]) {
  const messages = sentMessages(list, 'getMessageReadReceiptList');
  const me = ctx.me();
  const receipts = await call(() => ctx.im().getMessageReadReceiptList(messages.map((m) => toImRef(m, me))));
  const bySeq = new Map(receipts.map((r) => [r.MsgSeq, r]));
  for (const m of messages) {
    const r = bySeq.get(m.sequence);
    if (!r || r.Code !== 0) continue;
    if (m.conversationType === TYPES.CONV_GROUP) m.readReceiptInfo = { ...m.readReceiptInfo, readCount: r.ReadNum ?? 0, unreadCount: r.UnreadNum ?? 0 };
    else {
      m.readReceiptInfo = { ...m.readReceiptInfo, isPeerRead: r.IsPeerRead === 1 };
      if (r.IsPeerRead === 1) m.isPeerRead = true;
    }
    ctx.store.put(m);
  }
  return ok({ messageList: messages });
}

/** `getGroupMessageReadMemberList({ message, filter, cursor, count })`: one page of who read (filter 0) or did not (1). */
export async function getGroupMessageReadMemberList(ctx: ChatContext, options: { message: Message; filter?: number; cursor?: string; count?: number }) {
  const message = sentMessage(options?.message, 'getGroupMessageReadMemberList');
  if (message.conversationType !== TYPES.CONV_GROUP) throw new ChatError(CODE.INVALID_PARAMETERS, 'getGroupMessageReadMemberList takes a group message');
  const unread = options.filter === 1;
  const reply = await call(() => ctx.im().getGroupMessageReadMemberList({
    message: { GroupId: message.to, MsgSeq: message.sequence }, filter: unread ? 1 : 0, cursor: options.cursor ?? '', count: Math.min(options.count ?? 100, 100),
  }));
  const r = reply as { IsFinished: number; Cursor: string; ReadList?: Array<{ Read_Account: string }>; UnreadList?: Array<{ Unread_Account: string }> };
  return ok({
    isCompleted: r.IsFinished === 1, cursor: r.Cursor, messageID: message.ID,
    ...(unread ? { unreadUserIDList: (r.UnreadList ?? []).map((u) => u.Unread_Account) } : { readUserIDList: (r.ReadList ?? []).map((u) => u.Read_Account) }),
  });
}

// ---- reads and receive options ----

/** `setAllMessageRead({ scope })`: every conversation with unread messages (of the scope's type) read up to its last message. */
export async function setAllMessageRead(ctx: ChatContext, options: { scope?: string } = {}) {
  const scope = options?.scope ?? TYPES.READ_ALL_MSG;
  const type = scope === TYPES.READ_ALL_C2C_MSG ? 'C2C' : scope === TYPES.READ_ALL_GROUP_MSG ? 'Group' : undefined;
  const im = ctx.im();
  const unread = im.conversations().filter((c) => c.UnreadNum > 0 && c.LastMsgSeq > 0 && (!type || c.Type === type));
  await call(() => Promise.all(unread.map((c) => im.markRead(c.ConversationID))));
  return ok({});
}

const MSG_FLAGS = [TYPES.MSG_REMIND_ACPT_AND_NOTE, TYPES.MSG_REMIND_ACPT_NOT_NOTE, TYPES.MSG_REMIND_DISCARD] as string[];

/**
 * `setMessageRemindType({ groupID, messageRemindType })`: this user's receive option in a group (the member's `MsgFlag`);
 * `{ userIDList, messageRemindType }` (≤ 30): its option for messages from those users (the server's `c2c.receiveOpt.set`:
 * `ACPT_NOT_NOTE` no offline push, `DISCARD` no delivery either; history keeps the messages). CONVERSATION_LIST_UPDATED follows.
 */
export async function setMessageRemindType(ctx: ChatContext, options: { groupID?: string; userIDList?: string[]; messageRemindType: string }) {
  if (!MSG_FLAGS.includes(options?.messageRemindType)) throw new ChatError(CODE.INVALID_PARAMETERS, 'messageRemindType must be one of TYPES.MSG_REMIND_*');
  const flag = options.messageRemindType as 'AcceptAndNotify';
  if (!options.groupID) {
    const users = options.userIDList;
    if (!Array.isArray(users) || users.length === 0 || users.length > 30 || !users.every((u) => typeof u === 'string' && u !== '')) {
      throw new ChatError(CODE.INVALID_PARAMETERS, 'setMessageRemindType needs groupID, or userIDList of 1 to 30 userIDs');
    }
    await call(() => ctx.im().setC2cReceiveOpt({ To_Account: users, MsgFlag: flag }));
    for (const u of users) ctx.book.setExtras(`C2C${u}`, { MsgFlag: flag });
    return ok({});
  }
  await call(() => ctx.im().modifyGroupMember({ GroupId: options.groupID!, Member_Account: ctx.me(), MsgFlag: flag }));
  ctx.book.setExtras(`GROUP${options.groupID}`, { MsgFlag: flag });
  await ctx.relations.changed('groups');
  return ok({});
}

// ---- server events ----

/** Extensions changed by others, and group read receipts, as Tencent's events (the messages kept here updated first). */
export function wireMessageFeatures(im: ImClient, ctx: ChatContext, ready: () => boolean): void {
  im.on('message.extensions.changed', (data) => {
    const d = data as ServerEvents['message.extensions.changed'];
    const messageID = 'GroupId' in d
      ? ctx.store.bySequence(`GROUP${(d as { TopicId?: string }).TopicId ?? d.GroupId}`, d.MsgSeq)?.ID
      : messageId(d.From_Account, d.To_Account, Number(d.MsgKey.split('_')[1]));
    if (!messageID || !ready()) return;
    if (d.OperateType === 1) ctx.emit(EVENT.MESSAGE_EXTENSIONS_UPDATED, { messageID, extensions: d.ExtensionList.map((e) => ({ key: e.Key, value: e.Value })) });
    else ctx.emit(EVENT.MESSAGE_EXTENSIONS_DELETED, { messageID, keyList: d.ExtensionList.map((e) => e.Key) });
  });

  im.on('message.receipt', (data) => {
    const { GroupId, MsgSeq, ReadNum, UnreadNum } = data as ServerEvents['message.receipt'];
    const message = ctx.store.bySequence(`GROUP${GroupId}`, MsgSeq);
    if (!message) return;
    message.readReceiptInfo = { ...message.readReceiptInfo, readCount: ReadNum, unreadCount: UnreadNum };
    if (ready()) ctx.emit(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, [{ groupID: GroupId, messageID: message.ID, readCount: ReadNum, unreadCount: UnreadNum }]);
  });
}
