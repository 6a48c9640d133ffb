import type { ImClient } from '../im-client.js';
import type { ConversationId, ConversationResults, ServerEvents } from '../protocol.js';
import { EVENT } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';

/**
 * Conversation marks, custom data and conversation groups (docs/websocket.md, "Conversation settings"). The server
 * tells only the user's other connections of a change, so a call here re-reads the list and emits itself.
 */

type Failure = { conversationID: string; code: number; message: string };

/** The server's `ResultItem[]` as Tencent's `{ successConversationIDList, failureConversationIDList }`. */
function results(reply: Partial<ConversationResults>) {
  const successConversationIDList: string[] = [];
  const failureConversationIDList: Failure[] = [];
  for (const r of reply.ResultItem ?? []) {
    if (r.ResultCode === 0) successConversationIDList.push(r.ConversationID);
    else failureConversationIDList.push({ conversationID: r.ConversationID, code: r.ResultCode, message: r.ResultInfo });
  }
  return { successConversationIDList, failureConversationIDList };
}

function idList(list: unknown, api: string): string[] {
  if (!Array.isArray(list) || list.length === 0 || list.some((id) => typeof id !== 'string')) {
    throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs conversationIDList, a non-empty list of conversation IDs`);
  }
  return list as string[];
}

function groupName(name: unknown, api: string, field = 'groupName'): string {
  if (typeof name !== 'string' || name === '') throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs ${field}`);
  return name;
}

/** The list again from the server (its settings), then CONVERSATION_LIST_UPDATED. */
async function relist(ctx: ChatContext): Promise<void> {
  await ctx.book.refresh().catch(() => undefined);
  ctx.book.changed();
}

async function emitGroupNames(ctx: ChatContext): Promise<string[]> {
  const names = (await call(() => ctx.im().conversationGroups())).GroupItem.map((g) => g.GroupName);
  ctx.emit(EVENT.CONVERSATION_GROUP_LIST_UPDATED, names);
  return names;
}

function emitInGroup(ctx: ChatContext, name: string): void {
  ctx.emit(EVENT.CONVERSATION_IN_GROUP_UPDATED, { groupName: name, conversationList: ctx.book.list().filter((c) => c.conversationGroupList.includes(name)) });
}

export async function markConversation(ctx: ChatContext, options: { conversationIDList: string[]; markType: number; enableMark: boolean }) {
  const ids = idList(options?.conversationIDList, 'markConversation');
  const reply = await call(() => ctx.im().markConversation({ ConversationIDList: ids, MarkType: options.markType, EnableMark: options.enableMark ? 1 : 0 }));
  await relist(ctx);
  return ok(results(reply));
}

export async function setConversationCustomData(ctx: ChatContext, options: { conversationIDList: string[]; customData: string }) {
  const ids = idList(options?.conversationIDList, 'setConversationCustomData');
  const reply = await call(() => ctx.im().setConversationCustomData({ ConversationIDList: ids, CustomData: String(options.customData ?? '') }));
  await relist(ctx);
  return ok(results(reply));
}

/** Resolves the group names, as Tencent's does (`imResponse.data`). */
export async function getConversationGroupList(ctx: ChatContext) {
  return ok((await call(() => ctx.im().conversationGroups())).GroupItem.map((g) => g.GroupName));
}

export async function createConversationGroup(ctx: ChatContext, options: { conversationIDList?: string[]; groupName: string }) {
  const name = groupName(options?.groupName, 'createConversationGroup');
  const ids = options.conversationIDList ?? [];
  const reply = await call(() => ctx.im().createConversationGroup({ GroupName: name, ConversationIDList: ids }));
  await relist(ctx);
  await emitGroupNames(ctx);
  if (ids.length > 0) emitInGroup(ctx, name);
  return ok(results(reply));
}

export async function deleteConversationGroup(ctx: ChatContext, name: string) {
  groupName(name, 'deleteConversationGroup');
  await call(() => ctx.im().deleteConversationGroup({ GroupName: name }));
  await relist(ctx);
  await emitGroupNames(ctx);
  return ok({});
}

export async function renameConversationGroup(ctx: ChatContext, options: { oldName: string; newName: string }) {
  const oldName = groupName(options?.oldName, 'renameConversationGroup', 'oldName');
  const newName = groupName(options.newName, 'renameConversationGroup', 'newName');
  await call(() => ctx.im().renameConversationGroup({ OldGroupName: oldName, NewGroupName: newName }));
  await relist(ctx);
  await emitGroupNames(ctx);
  return ok({});
}

export async function moveConversations(ctx: ChatContext, options: { conversationIDList: string[]; groupName: string }, add: boolean) {
  const api = add ? 'addConversationsToGroup' : 'deleteConversationsFromGroup';
  const name = groupName(options?.groupName, api);
  const ids = idList(options.conversationIDList, api);
  const im = ctx.im();
  const reply = await call(() => (add ? im.addConversationsToGroup({ GroupName: name, ConversationIDList: ids }) : im.removeConversationsFromGroup({ GroupName: name, ConversationIDList: ids })));
  await relist(ctx);
  emitInGroup(ctx, name);
  return ok(results(reply));
}

/** Another device created, renamed or deleted a conversation group: the names, as after a call here. */
export function wireConversationGroups(im: ImClient, ctx: ChatContext, ready: () => boolean): void {
  im.on('conversation.groups.changed', (data) => {
    if (ready()) ctx.emit(EVENT.CONVERSATION_GROUP_LIST_UPDATED, (data as ServerEvents['conversation.groups.changed']).GroupItem.map((g) => g.GroupName));
  });
}

/**
 * `deleteConversation('C2C…')` resolves `{ conversationID }`; `deleteConversation({ conversationIDList, clearHistoryMessage })`
 * `{ conversationIDList }` (those deleted). `clearHistoryMessage` defaults to true, as Tencent's: a C2C conversation's
 * history so far is gone for this user (the server keeps no group history per user: a group's conversation is only
 * hidden until its next message). The user's other devices get `conversation.deleted`.
 */
export async function deleteConversation(ctx: ChatContext, options: string | { conversationIDList: string[]; clearHistoryMessage?: boolean }) {
  const single = typeof options === 'string';
  const ids = single ? idList([options], 'deleteConversation') : idList(options?.conversationIDList, 'deleteConversation');
  const clear = single || options.clearHistoryMessage !== false;
  const reply = await call(() => ctx.im().deleteConversations({ ConversationIDList: ids as never, ClearHistory: clear ? 1 : 0 }));
  const { successConversationIDList, failureConversationIDList } = results(reply);
  if (single && failureConversationIDList.length > 0) throw new ChatError(failureConversationIDList[0]!.code, failureConversationIDList[0]!.message);
  ctx.book.changed();
  return ok(single ? { conversationID: options } : { conversationIDList: successConversationIDList });
}

/**
 * `clearHistoryMessage(conversationID)`: this user's messages of the conversation so far are gone, on the server
 * (`conversation.clearHistory`: history, the last message) and here (the message objects kept); unread 0, the
 * conversation stays. The peer and other members keep theirs. Not for topics (50002, as Tencent's). The user's other
 * instances get CONVERSATION_LIST_UPDATED too.
 */
export async function clearHistoryMessage(ctx: ChatContext, conversationID: string) {
  if (typeof conversationID !== 'string' || !/^(C2C|GROUP)./.test(conversationID)) {
    throw new ChatError(CODE.INVALID_PARAMETERS, 'clearHistoryMessage needs conversationID C2C<userID> or GROUP<groupID>');
  }
  await call(() => ctx.im().clearHistory(conversationID as ConversationId));
  return ok({});
}
