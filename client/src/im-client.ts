import { ImConnection, type ConnectionEvents, type ImConnectionOptions } from './connection.js';
import { newMsgRandom, type MsgElement } from './elements.js';
import { MessageSync, type FetchedRange, type ImMessage } from './message-sync.js';
import type * as P from './protocol.js';
import { ExtensionSeqs, messageRef, type ExtensibleMessage } from './message-extensions.js';
import { OfficialAccounts } from './official-accounts.js';

export type { ConnectionState, Platform, ServerEvent } from './connection.js';

export interface ImClientOptions extends ImConnectionOptions {
  /** Delays (ms) before asking history again for seqs it does not have yet; default [100, 400, 1000]. */
  holeRetryMs?: readonly number[];
}

/** A conversation as the client keeps it: `UnreadNum` stays current as messages arrive and reads are reported. */
export interface Conversation {
  ConversationID: P.ConversationId;
  Type: 'C2C' | 'Group';
  Peer_Account?: string;
  GroupId?: string;
  LastMsgSeq: number;
  ReadMsgSeq: number;
  UnreadNum: number;
  LastMsg?: ImMessage;
  /** unix s */
  UpdateTime: number;
}

export type ImClientEvents = ConnectionEvents & {
  /**
   * Every message of every conversation, in MsgSeq order per conversation, exactly once (this user's own sends included).
   * Messages without a seq (AVChatRoom, online-only) come as they arrive and are never caught up.
   */
  message: [ImMessage];
  /** An `all_member_push` broadcast to this user, live or caught up after a (re)connect, once per `TaskId`. */
  broadcast: [P.BroadcastMessage];
  /** A conversation's last message or unread count changed. */
  conversation: [Conversation];
  /** The catch-up after a (re)connect finished: everything missed was delivered. */
  synced: [{ conversations: number }];
  /** Background work (the catch-up) failed; it runs again on the next (re)connect. */
  error: [unknown];
  /** Raw message events, as they arrive (prefer `message`: ordered, gap-free, de-duplicated). */
  'c2c.message': [P.C2cMessageEvent];
  'group.message': [P.GroupMessageEvent];
} & { [K in keyof P.ServerEvents]: [P.ServerEvents[K]] };

const C2C_PAGE = 100;
/** At most 100 broadcasts a day are allowed, so this many remembered TaskIds cover any lifetime's worth of duplicates. */
const SEEN_BROADCASTS = 200;
const GROUP_PAGE = 20;
const MAX_PAGES = 50;
/** Delay before a failed resync's conversation list is asked for again. */
const RESYNC_RETRY_MS = 1000;

type SendOptions<T> = Partial<Omit<T, 'MsgBody' | 'To_Account' | 'GroupId'>>;

/** What read receipts need of a message: its conversation and its seq (group) or MsgKey (C2C). */
export type ReceiptTarget = Pick<ImMessage, 'ConversationID' | 'Type' | 'Peer_Account' | 'GroupId' | 'MsgKey' | 'MsgSeq'>;

/** The `msg.receipt.*` frame for messages of one conversation. */
function receiptFrame(messages: readonly ReceiptTarget[]): P.ReceiptInput {
  const first = messages[0];
  if (!first) throw new RangeError('no messages given');
  if (messages.some((m) => m.ConversationID !== first.ConversationID)) throw new RangeError('read receipts take messages of one conversation');
  return first.Type === 'Group'
    ? { GroupId: first.GroupId!, MsgSeqList: messages.map((m) => ({ MsgSeq: m.MsgSeq })) }
    : { Peer_Account: first.Peer_Account!, MsgKeyList: messages.map((m) => m.MsgKey!) };
}

/**
 * The Tencent-IM-compatible chat client: `new ImClient({ url, sdkAppId })`,
 * `await im.login(userId, userSig)`, `im.on('message', ...)`. Methods for every
 * WebSocket action (docs/websocket.md); the ordered, gap-free message stream and
 * unread counts are kept by the client across reconnects.
 */
export class ImClient extends ImConnection<ImClientEvents> {
  private readonly sync: MessageSync;
  private readonly convs = new Map<P.ConversationId, Conversation>();
  private readonly extensionSeqs = new ExtensionSeqs();
  /** Resyncs started so far: only the latest one applies its conversation list. */
  private resyncs = 0;
  /**
   * Read reports on their way. A resync lists conversations only after they are answered: a report sent before a
   * drop is sent again on the new connection, and a list read before the server applied it would set ReadMsgSeq back
   * for good (found by the reconnect soak: client read 1, server read 2).
   */
  private readonly readsInFlight = new Set<Promise<void>>();
  /** Each conversation's ReadMsgSeq as the latest applied conversation list gave it. */
  private readonly listedReadSeqs = new Map<P.ConversationId, number>();
  /** Reads made elsewhere during the running resync: its conversation list may have been read before them. */
  private readonly readsElsewhere = new Map<P.ConversationId, P.ServerEvents['conversation.read']>();
  /** Official accounts: subscribe, list, history, broadcasts (client/src/official-accounts.ts). */
  readonly official = new OfficialAccounts((action, data) => this.call(action, data));
  /** Serialises broadcast bookkeeping (live events and the catch-up read and write the same stored state). */
  private broadcastWork: Promise<void> = Promise.resolve();

  constructor(options: ImClientOptions) {
    super(options);
    this.sync = new MessageSync({
      storage: this.storage,
      keyPrefix: () => `im:${this.options.sdkAppId}:${this.userId ?? ''}`,
      fetchRange: (id, after, upTo) => this.fetchRange(id, after, upTo),
      deliver: (m) => this.deliver(m),
      holeRetryMs: options.holeRetryMs ?? [100, 400, 1000],
      onError: (e) => this.emit('error', e),
      listedReadSeq: (id) => this.listedReadSeqs.get(id),
      active: () => this.state !== 'closed' && this.state !== 'kicked' && this.state !== 'idle',
    });
    this.on('connected', () => { void this.resync(); void this.catchUpBroadcasts(); });
    this.on('event', ({ event, data }) => this.onServerEvent(event, data));
  }

  // ---- messages ----

  /** `c2c.send`. A retry (also after a reconnect) carries the same MsgRandom, so the server stores it once. */
  async sendC2C(to: string, body: MsgElement[], options: SendOptions<P.C2cSendInput> = {}): Promise<P.C2cSendReply & { message?: ImMessage }> {
    const input = { ...options, To_Account: to, MsgBody: body, MsgRandom: options.MsgRandom ?? newMsgRandom() } satisfies P.C2cSendInput;
    const reply = await this.request('c2c.send', input) as unknown as P.C2cSendReply;
    if (reply.MsgSeq <= 0) return reply;
    const message = this.fromC2c({
      From_Account: this.userId!, To_Account: to, MsgSeq: reply.MsgSeq, MsgRandom: input.MsgRandom, MsgTimeStamp: reply.MsgTime, MsgKey: reply.MsgKey,
      MsgFlagBits: 0, MsgBody: body, ...(input.CloudCustomData !== undefined && { CloudCustomData: input.CloudCustomData }),
      ...(input.IsNeedReadReceipt === 1 && { IsNeedReadReceipt: 1 as const }),
    });
    this.sync.offer(message);
    return { ...reply, message };
  }

  /** `group.send` (same retry rule with `Random`). */
  async sendGroup(groupId: string, body: MsgElement[], options: SendOptions<P.GroupSendInput> = {}): Promise<P.GroupSendReply & { message?: ImMessage }> {
    const input = { ...options, GroupId: groupId, MsgBody: body, Random: options.Random ?? newMsgRandom() } satisfies P.GroupSendInput;
    const reply = await this.request('group.send', input as unknown as Record<string, unknown>) as unknown as P.GroupSendReply;
    if (reply.MsgSeq <= 0) return reply;
    const message = this.fromGroup({
      GroupId: groupId, From_Account: this.userId!, MsgSeq: reply.MsgSeq, MsgRandom: input.Random, MsgTimeStamp: reply.MsgTime, MsgBody: body,
      ...(input.CloudCustomData !== undefined && { CloudCustomData: input.CloudCustomData }), ...(input.NeedReadReceipt === 1 && { NeedReadReceipt: 1 as const }),
    });
    this.sync.offer(message);
    return { ...reply, message };
  }

  c2cHistory(input: P.C2cHistoryInput): Promise<P.C2cHistoryReply> {
    return this.call('history.c2c', input);
  }

  groupHistory(input: P.GroupHistoryInput): Promise<P.GroupHistoryReply> {
    return this.call('history.group', input);
  }

  /** Older messages of a conversation as `ImMessage`s, oldest first (for showing history; not emitted as `message`). */
  async history(conversationId: P.ConversationId, options: { before?: number; count?: number } = {}): Promise<ImMessage[]> {
    return (await this.historyPage(conversationId, options)).messages;
  }

  /**
   * One page of `history`, with `complete` (nothing older is left) and `oldestSeq` (the page's lowest seq, shown or not:
   * the `before` of the next page, also when a page shows nothing because its messages were deleted or expired).
   */
  async historyPage(conversationId: P.ConversationId, options: { before?: number; count?: number } = {}): Promise<{ messages: ImMessage[]; complete: boolean; oldestSeq?: number }> {
    const count = options.count ?? 20;
    if (conversationId.startsWith('C2C')) {
      const page = await this.c2cHistory({ Peer_Account: conversationId.slice(3), Count: Math.min(count, C2C_PAGE), ...(options.before !== undefined && { BeforeMsgSeq: options.before }) });
      const seqs = [...page.Messages.map((m) => m.MsgSeq), ...(page.SkippedSeqs ?? [])];
      return {
        messages: page.Messages.map((m) => ({ ...this.fromC2c(m), ...(m.IsPeerRead === 1 && { IsPeerRead: 1 as const }) })),
        complete: page.Complete === 1, ...(seqs.length > 0 && { oldestSeq: Math.min(...seqs) }),
      };
    }
    const page = await this.groupHistory({ GroupId: conversationId.slice(5), ReqMsgNumber: Math.min(count, GROUP_PAGE), ...(options.before !== undefined && { ReqMsgSeq: options.before - 1 }) });
    const seqs = page.RspMsgList.map((m) => m.MsgSeq);
    return { messages: this.fromGroupPage(conversationId.slice(5), page).messages, complete: page.IsFinished !== 0, ...(seqs.length > 0 && { oldestSeq: Math.min(...seqs) }) };
  }

  /** Reports the conversation read up to `seq` (default: its last message); keeps `UnreadNum` current. */
  async markRead(conversationId: P.ConversationId, seq?: number): Promise<void> {
    const reading = this.applyRead(conversationId, seq);
    this.readsInFlight.add(reading);
    try {
      await reading;
    } finally {
      this.readsInFlight.delete(reading);
    }
  }

  private async applyRead(conversationId: P.ConversationId, seq?: number): Promise<void> {
    const conv = this.conversation(conversationId);
    const upTo = seq ?? conv.LastMsgSeq;
    if (conversationId.startsWith('C2C')) {
      // Messages delivered while the read is on its way: the server's count covers those up to its LastMsgSeq only
      // (found by the reconnect soak: a message delivered before the reply was lost from the count).
      const arrived: number[] = [];
      const off = this.on('message', (m) => { if (m.ConversationID === conversationId && !m.IsSelf) arrived.push(m.MsgSeq); });
      let reply: { UnreadNum?: number; LastMsgSeq?: number };
      try {
        reply = await this.call('msg.read', { Peer_Account: conversationId.slice(3), MsgSeq: upTo } satisfies P.C2cReadInput) as typeof reply;
      } finally {
        off();
      }
      const counted = reply.LastMsgSeq ?? Number.MAX_SAFE_INTEGER;
      conv.UnreadNum = (reply.UnreadNum ?? 0) + arrived.filter((seq) => seq > counted).length;
      // Messages the server counted that are still on their way must not count again when they are delivered.
      if (reply.LastMsgSeq !== undefined) conv.LastMsgSeq = Math.max(conv.LastMsgSeq, reply.LastMsgSeq);
    } else {
      await this.call('msg.read', { GroupId: conversationId.slice(5), MsgSeq: upTo });
      conv.UnreadNum = Math.max(0, conv.LastMsgSeq - upTo);
    }
    conv.ReadMsgSeq = Math.max(conv.ReadMsgSeq, upTo);
    this.emit('conversation', { ...conv });
  }

  /** A clear here or on another device: the conversation's messages up to the seq are gone from its view and read. */
  private applyCleared(cleared: P.ServerEvents['conversation.cleared']): void {
    const conv = this.convs.get(cleared.ConversationID);
    if (!conv) return;
    if (conv.LastMsg && conv.LastMsg.MsgSeq <= cleared.ClearedMsgSeq) delete conv.LastMsg;
    if (conv.LastMsgSeq <= cleared.ClearedMsgSeq) conv.UnreadNum = 0;
    conv.LastMsgSeq = Math.max(conv.LastMsgSeq, cleared.ClearedMsgSeq);
    conv.ReadMsgSeq = Math.max(conv.ReadMsgSeq, cleared.ClearedMsgSeq);
    this.emit('conversation', { ...conv });
  }

  private onReadElsewhere(read: P.ServerEvents['conversation.read']): void {
    const kept = this.readsElsewhere.get(read.ConversationID);
    if (!kept || kept.ReadMsgSeq < read.ReadMsgSeq) this.readsElsewhere.set(read.ConversationID, read);
    this.applyReadElsewhere(read);
  }

  /**
   * A read on another device: the server's count holds when this device has no newer message than it counted;
   * otherwise the newer ones' senders decide, so the count is asked again (a read that moves nothing, no write).
   */
  private applyReadElsewhere(read: P.ServerEvents['conversation.read']): void {
    const conv = this.convs.get(read.ConversationID);
    if (!conv || read.ReadMsgSeq <= conv.ReadMsgSeq) return;
    conv.ReadMsgSeq = read.ReadMsgSeq;
    if (conv.LastMsgSeq <= read.LastMsgSeq) {
      conv.UnreadNum = read.UnreadNum;
      // Messages the server counted that are still on their way must not count again when they are delivered.
      conv.LastMsgSeq = read.LastMsgSeq;
      this.emit('conversation', { ...conv });
    } else {
      this.markRead(read.ConversationID, read.ReadMsgSeq).catch((e: unknown) => this.emit('error', e));
    }
  }

  /** `msg.recall` of one of this user's messages. */
  recall(message: Pick<ImMessage, 'Type' | 'Peer_Account' | 'GroupId' | 'MsgKey' | 'MsgSeq'>): Promise<Record<string, unknown>> {
    return message.Type === 'C2C'
      ? this.call('msg.recall', { Peer_Account: message.Peer_Account!, MsgKey: message.MsgKey! } satisfies P.C2cRecallInput)
      : this.call('msg.recall', { GroupId: message.GroupId!, MsgSeq: message.MsgSeq });
  }

  /**
   * `msg.modify` [modifyMessage]: a new `MsgBody` (text, custom, location and face elements) and/or `CloudCustomData` for a
   * message of a conversation this user is in. Sends the version this copy has, so an edit made meanwhile by someone
   * else rejects with `ImRequestError` 2480 whose `data.Message` is the current message. Resolves to the message as edited.
   */
  async modifyMessage(
    message: Pick<ImMessage, 'Type' | 'Peer_Account' | 'GroupId' | 'MsgKey' | 'MsgSeq' | 'MsgVersion'>, change: { MsgBody?: MsgElement[]; CloudCustomData?: string },
  ): Promise<ImMessage> {
    const input: P.MessageModifyInput = { ...messageRef(message), ...change, MsgVersion: message.MsgVersion ?? 0 } as P.MessageModifyInput;
    const edited = await this.call<P.C2cMessageEvent | P.GroupMessageEvent>('msg.modify', input);
    const modified = 'GroupId' in edited ? this.fromGroup(edited) : this.fromC2c(edited);
    this.applyModified(modified);
    return modified;
  }

  /**
   * `msg.delete` [deleteMessage]: deletes up to 30 messages of one C2C conversation for this user only (its history,
   * other devices and conversation list no longer show them; the peer still sees them). Group messages are not
   * deleted one-sidedly by this server: the promise rejects.
   */
  /**
   * This user's receive option for messages from these peers (≤ 30) [setMessageRemindType with userIDList]: `AcceptNotNotify`
   * delivers and pushes nothing, `Discard` neither delivers nor pushes (history still has the messages).
   */
  setC2cReceiveOpt(input: P.C2cReceiveOptSetInput) { return this.call<Record<string, never>>('c2c.receiveOpt.set', input); }
  /** The options set for these peers (≤ 30) [getC2CReceiveMessageOpt of Tencent's native SDKs]. */
  getC2cReceiveOpts(input: P.C2cReceiveOptGetInput) {
    return this.call<{ ReceiveOptList: Array<{ To_Account: string; MsgFlag: P.C2cReceiveOpt }> }>('c2c.receiveOpt.get', input);
  }

  /** The user's kept group system notices (those pushed while it was offline too), oldest first, after `Cursor`. */
  groupSystemNotices(input: P.GroupSystemListInput = {}) { return this.call<P.GroupSystemListReply>('group.system.list', input); }

  async deleteMessage(messages: ReadonlyArray<Pick<ImMessage, 'Type' | 'Peer_Account' | 'MsgKey'>>): Promise<void> {
    const peers = new Set(messages.map((m) => (m.Type === 'C2C' ? m.Peer_Account : undefined)));
    if (peers.has(undefined)) throw new Error('deleteMessage: only C2C messages can be deleted for one user');
    if (peers.size !== 1) throw new Error('deleteMessage: the messages must be of one conversation');
    await this.call('msg.delete', { Peer_Account: [...peers][0]!, MsgKeyList: messages.map((m) => m.MsgKey!) });
  }

  // ---- message extensions (the Web SDK's names) ----
  /**
   * `msg.extensions.set` [setMessageExtensions]: sets key-value pairs on a message sent with `SupportMessageExtension: 1`
   * (≤ 20 per call, keys ≤ 100 bytes, values ≤ 1000 bytes, ≤ 300 per message). Each pair goes with the Seq this client last
   * saw for its key; a key someone changed meanwhile comes back with `ErrorCode` 23001 and its current value (set again
   * to overwrite it: this client now knows the current Seq).
   */
  async setMessageExtensions(message: ExtensibleMessage, extensions: ReadonlyArray<{ Key: string; Value: string }>): Promise<P.MessageExtensionsReply> {
    const reply = await this.call<P.MessageExtensionsReply>('msg.extensions.set', { ...messageRef(message), ExtensionList: this.extensionSeqs.withSeqs(message, extensions) });
    this.extensionSeqs.learn(message, reply.ExtensionList);
    return reply;
  }

  /** `msg.extensions.get` [getMessageExtensions]: every pair of the message (pages of 200 followed by StartSeq). */
  async getMessageExtensions(message: ExtensibleMessage): Promise<P.MessageExtension[]> {
    const pairs = new Map<string, P.MessageExtension>();
    for (let startSeq = 0, page = 0; page < MAX_PAGES; page++) {
      const reply = await this.call<P.MessageExtensionsPage>('msg.extensions.get', { ...messageRef(message), StartSeq: startSeq });
      for (const e of reply.ExtensionList) pairs.set(e.Key, e);
      if (reply.CompleteFlag === 1 || reply.ExtensionList.length === 0) break;
      startSeq = reply.ExtensionList.at(-1)!.Seq;
    }
    const all = [...pairs.values()];
    this.extensionSeqs.clear(message);
    this.extensionSeqs.learn(message, all);
    return all;
  }

  /** `msg.extensions.delete` [deleteMessageExtensions]: removes the keys (with the Seq last seen), or every pair without `keys`. */
  async deleteMessageExtensions(message: ExtensibleMessage, keys?: readonly string[]): Promise<P.MessageExtensionsReply> {
    const list = keys && keys.length > 0 ? this.extensionSeqs.withSeqs(message, keys.map((Key) => ({ Key }))) : undefined;
    const reply = await this.call<P.MessageExtensionsReply>('msg.extensions.delete', { ...messageRef(message), ...(list && { ExtensionList: list }) });
    if (!list) this.extensionSeqs.clear(message);
    else this.extensionSeqs.learn(message, reply.ExtensionList, 2);
    return reply;
  }

  // ---- read receipts (the Web SDK's names) ----

  /**
   * [sendMessageReadReceipt] Tells the senders this user read `messages`, all of one conversation. Group: messages sent
   * with `NeedReadReceipt` (`IsNeedReadReceipt` on `ImMessage`), a `Code` per message (10062 none asked for, 10007 this
   * user's own); the senders get `message.receipt`. C2C: the conversation is read up to the newest of them and the peer
   * gets `c2c.receipt` (for messages that asked for one).
   */
  async sendMessageReadReceipt(messages: readonly ReceiptTarget[]): Promise<P.GroupReceiptReply | P.C2cReceiptSendReply> {
    return this.call('msg.receipt.send', receiptFrame(messages));
  }

  /**
   * [getMessageReadReceiptList] The read receipts of `messages` (one conversation): group messages' `ReadNum` and
   * `UnreadNum` (this user's own messages; any for owners and admins), C2C messages' `IsPeerRead` (this user's own).
   */
  async getMessageReadReceiptList(messages: readonly ReceiptTarget[]): Promise<P.MessageReadReceipt[]> {
    const frame = receiptFrame(messages);
    const ConversationID = messages[0]!.ConversationID;
    if ('GroupId' in frame) {
      const reply = await this.call<P.GroupReceiptReply>('msg.receipt.get', frame);
      return reply.GroupMsgReceiptList.map((r) => ({ ConversationID, MsgSeq: r.MsgSeq, Code: r.Code, ReadNum: r.ReadNum, UnreadNum: r.UnreadNum }));
    }
    const reply = await this.call<P.C2cReceiptStatusReply>('msg.receipt.get', frame);
    const byKey = new Map(reply.C2CMsgReceiptList.map((r) => [r.MsgKey, r]));
    return messages.map((m) => {
      const r = byKey.get(m.MsgKey!);
      return { ConversationID, MsgSeq: m.MsgSeq, MsgKey: m.MsgKey!, Code: r?.Code ?? 0, IsPeerRead: r?.IsPeerRead === 1 ? 1 : 0 };
    });
  }

  /**
   * [getGroupMessageReadMemberList] Who read (`filter` 0, default) or did not read (1) a group message this user sent (any,
   * for owners and admins), `count` (≤ 200, default 100) a page: pass the reply's `Cursor` for the next one until `IsFinished` is 1.
   */
  getGroupMessageReadMemberList(input: { message: Pick<ImMessage, 'GroupId' | 'MsgSeq'>; filter?: 0 | 1; cursor?: string; count?: number }): Promise<P.ReceiptDetailReply> {
    const frame: P.ReceiptDetailInput = {
      GroupId: input.message.GroupId!, MsgSeq: input.message.MsgSeq, Filter: input.filter ?? 0, Cursor: input.cursor ?? '', Count: input.count ?? 100,
    };
    return this.call('msg.receipt.detail', frame);
  }

  /** One page of the server's conversation list (`conversation.list`). */
  conversationList(input: P.ConversationListInput = {}): Promise<P.ConversationListReply> {
    return this.call('conversation.list', input);
  }

  /** The conversations this client knows, most recent first, with current unread counts. */
  conversations(): Conversation[] {
    return [...this.convs.values()].sort((a, b) => b.UpdateTime - a.UpdateTime || b.LastMsgSeq - a.LastMsgSeq).map((c) => ({ ...c }));
  }

  /** Resolves when the catch-up and every message waiting for delivery are done. */
  whenSynced(): Promise<void> {
    return this.sync.idle();
  }

  // ---- conversation pins, marks, custom data and conversation groups (the Web SDK's names in brackets) ----
  /**
   * Deletes conversations from the list (`ClearHistory: 1`: also the C2C history so far, for this user) [deleteConversation].
   * A deleted conversation is listed again by its next message. Emits `conversation.deleted` here as on the user's other devices.
   */
  async deleteConversations(input: P.ConversationDeleteInput): Promise<P.ConversationResults> {
    const reply = await this.call<P.ConversationResults>('conversation.delete', input);
    const deleted = reply.ResultItem.filter((r) => r.ResultCode === 0).map((r) => r.ConversationID as P.ConversationId);
    if (deleted.length > 0) this.onServerEvent('conversation.deleted', { ConversationIDList: deleted });
    return reply;
  }
  /**
   * Clears this user's history of the conversation so far [clearHistoryMessage]: history pages end there, the conversation
   * stays listed without its `LastMsg` and is read (unread 0); the peer and other members keep theirs. Emits
   * `conversation.cleared` here as on the user's other devices.
   */
  async clearHistory(conversationId: P.ConversationId): Promise<{ ClearedMsgSeq: number }> {
    const reply = await this.call<{ ClearedMsgSeq: number }>('conversation.clearHistory', { ConversationID: conversationId } satisfies P.ConversationClearHistoryInput);
    this.onServerEvent('conversation.cleared', { ConversationID: conversationId, ClearedMsgSeq: reply.ClearedMsgSeq });
    return reply;
  }
  /** Pins (`IsPinned: 1`) or unpins a conversation of the list [pinConversation]. */
  pinConversation(input: P.ConversationPinInput) { return this.call('conversation.pin', input); }
  /** Sets or clears one mark (a power of two: 1 star, 2 unread, 4 fold, 8 hide, 2^32 and up custom) [markConversation]. */
  markConversation(input: P.ConversationMarkInput) { return this.call<P.ConversationResults>('conversation.mark', input); }
  /** The conversations' custom data (≤ 256 bytes; `''` clears it) [setConversationCustomData]. */
  setConversationCustomData(input: P.ConversationCustomDataInput) { return this.call<P.ConversationResults>('conversation.setCustomData', input); }
  /** [getConversationGroupList] */
  conversationGroups() { return this.call<{ GroupItem: P.ConversationGroupItem[] }>('conversation.groups', {}); }
  /** [createConversationGroup] */
  createConversationGroup(input: P.ConversationCreateGroupInput) { return this.call<P.ConversationGroupItem & P.ConversationResults>('conversation.createGroup', input); }
  /** [renameConversationGroup] */
  renameConversationGroup(input: P.ConversationRenameGroupInput) { return this.call<P.ConversationGroupItem>('conversation.renameGroup', input); }
  /** [deleteConversationGroup] */
  deleteConversationGroup(input: P.ConversationGroupNameInput) { return this.call<P.ConversationGroupItem>('conversation.deleteGroup', input); }
  /** [addConversationsToGroup] */
  addConversationsToGroup(input: P.ConversationMoveInput) { return this.call<P.ConversationResults>('conversation.addToGroup', input); }
  /** [deleteConversationsFromGroup] */
  removeConversationsFromGroup(input: P.ConversationMoveInput) { return this.call<P.ConversationResults>('conversation.removeFromGroup', input); }
  /** Unread per conversation group: the sum over its conversations [getTotalUnreadMessageCount per group]. */
  conversationGroupUnread(input: P.ConversationGroupUnreadInput = {}) {
    return this.call<{ UnreadCounts: Array<P.ConversationGroupItem & { UnreadNum: number }> }>('conversation.groupUnread', input);
  }

  // ---- profiles, friends, blocklist ----
  getProfiles(input: P.ProfileGetInput) { return this.call('profile.get', input); }
  setProfile(items: P.ProfileItem[]) { return this.call('profile.set', { ProfileItem: items }); }
  addFriend(input: P.FriendAddInput) { return this.call('friend.add', input) as Promise<{ Result: 'Added' | 'Pending' }>; }
  respondFriend(input: P.FriendRespondInput) { return this.call('friend.respond', input); }
  friendRequests() { return this.call('friend.requests', {}); }
  /** Deletes a pending request to (`Pendency_Type_ComeIn`) or from this user without answering it [deleteFriendApplication]. */
  deleteFriendRequest(input: P.FriendRequestDeleteInput) { return this.call('friend.requests.delete', input); }
  /** The requests to this user so far are read: `friend.requests`' `UnreadPendencyCount` drops to 0 [setFriendApplicationRead]. */
  markFriendRequestsRead() { return this.call<{ ReadTime: number }>('friend.requests.read', {}); }
  deleteFriends(input: P.FriendDeleteInput) { return this.call('friend.delete', input); }
  friendList(input: P.FriendListInput = {}) { return this.call('friend.list', input); }
  checkFriends(input: P.FriendCheckInput) { return this.call('friend.check', input); }
  /** The given friends (`friend.list` items; 31704 per non-friend). */
  friendProfiles(input: P.AccountsInput) { return this.call('friend.profile', input); }
  updateFriends(input: P.FriendUpdateInput) { return this.call('friend.update', input); }
  friendGroups(input: P.FriendGroupsInput = {}) { return this.call('friend.groups', input); }
  changeFriendGroup(input: P.FriendGroupsChangeInput) { return this.call('friend.groups.change', input); }
  block(input: P.AccountsInput) { return this.call('blocklist.add', input); }
  unblock(input: P.AccountsInput) { return this.call('blocklist.delete', input); }
  blocklist(input: P.BlocklistListInput = {}) { return this.call('blocklist.list', input); }

  // ---- user status ----
  /** Presence (`Online`, `PushOnline`, `Offline`) and custom status of any users [getUserStatus]. */
  userStatus(input: P.StatusGetInput) { return this.call<P.StatusGetReply>('status.get', input); }
  /** This user's custom status (`''` clears it) [setSelfStatus]. */
  setCustomStatus(input: P.StatusSetInput) { return this.call<P.UserStatus>('status.set', input); }
  /** `status.changed` events for these users from now on [subscribeUserStatus]. */
  subscribeStatus(input: P.StatusSubscribeInput) { return this.call<P.StatusSubscribeReply>('status.subscribe', input); }
  /** No `To_Account`: every subscription [unsubscribeUserStatus]. */
  unsubscribeStatus(input: P.StatusUnsubscribeInput = {}) { return this.call('status.unsubscribe', input); }

  // ---- groups ----
  createGroup(input: P.GroupCreateInput) { return this.call('group.create', input) as Promise<{ GroupId: string }>; }
  groupInfo(input: P.GroupInfoInput) { return this.call('group.info', input); }
  modifyGroup(input: P.GroupModifyInput) { return this.call('group.modify', input); }
  destroyGroup(input: P.GroupIdInput) { return this.call('group.destroy', input); }
  transferGroup(input: P.GroupTransferInput) { return this.call('group.transfer', input); }
  joinGroup(input: P.GroupJoinInput) { return this.call('group.join', input) as Promise<{ JoinResult: 'Joined' | 'Pending' }>; }
  quitGroup(input: P.GroupIdInput) { return this.call('group.quit', input); }
  inviteToGroup(input: P.GroupInviteInput) { return this.call('group.invite', input); }
  kickFromGroup(input: P.GroupKickInput) { return this.call('group.kick', input); }
  groupMembers(input: P.GroupMembersInput) { return this.call('group.members', input); }
  /** The named accounts that are members (`group.specifiedMembers`, at most 50). */
  groupSpecifiedMembers(input: P.GroupSpecifiedMembersInput) { return this.call('group.specifiedMembers', input); }
  groupOnlineCount(groupId: string) { return this.call<{ OnlineMemberNum: number }>('group.onlineCount', { GroupId: groupId }); }
  modifyGroupMember(input: P.GroupModifyMemberInput) { return this.call('group.modifyMember', input); }
  setGroupRole(input: { GroupId: string; Member_Account: string; Role: 'Admin' | 'Member' }) { return this.call('group.setRole', input); }
  groupApplications(input: P.GroupIdInput) { return this.call('group.applications', input); }
  handleGroupApplication(input: P.GroupHandleApplicationInput) { return this.call('group.handleApplication', input); }
  joinedGroups(input: P.GroupJoinedInput = {}) { return this.call('group.joined', input) as Promise<{ TotalCount: number; GroupIdList: Array<Record<string, unknown> & { GroupId: string }> }>; }
  banGroupMembers(input: P.GroupUserListInput) { return this.call('group.ban', input); }
  unbanGroupMembers(input: P.GroupUserListInput) { return this.call('group.unban', input); }
  groupBlocklist(input: P.GroupIdInput) { return this.call('group.blocklist', input); }
  addToGroupWhitelist(input: P.GroupUserListInput) { return this.call('group.whitelistAdd', input); }
  removeFromGroupWhitelist(input: P.GroupUserListInput) { return this.call('group.whitelistRemove', input); }
  groupWhitelist(input: P.GroupIdInput) { return this.call('group.whitelist', input); }

  // ---- group attributes and counters ----
  groupAttributes(input: P.GroupIdInput) { return this.call<{ GroupAttrAry: P.GroupAttr[] }>('group.attributes.get', input); }
  /** Replaces every attribute of the group. */
  initGroupAttributes(input: P.GroupAttributesInput) { return this.call<{ GroupAttrAry: P.GroupAttr[] }>('group.attributes.init', input); }
  /** Sets the given attributes, keeping the others. */
  setGroupAttributes(input: P.GroupAttributesInput) { return this.call<{ GroupAttrAry: P.GroupAttr[] }>('group.attributes.set', input); }
  /** Deletes the given `Keys`, or every attribute without them. */
  deleteGroupAttributes(input: P.GroupAttributesDeleteInput) { return this.call<{ GroupAttrAry: P.GroupAttr[] }>('group.attributes.delete', input); }
  groupCounters(input: P.GroupCountersGetInput) { return this.call<{ GroupCounter: P.GroupCounter[] }>('group.counters.get', input); }
  setGroupCounters(input: P.GroupCountersSetInput) { return this.call<{ GroupCounter: P.GroupCounter[] }>('group.counters.set', input); }
  increaseGroupCounter(input: P.GroupCounterStepInput) { return this.call<{ GroupCounter: P.GroupCounter[] }>('group.counters.increase', input); }
  decreaseGroupCounter(input: P.GroupCounterStepInput) { return this.call<{ GroupCounter: P.GroupCounter[] }>('group.counters.decrease', input); }

  // ---- pinned group messages ----
  /** Pins (`IsPinned` 1) or unpins (0) a group message: owners and admins, at most 10 per group (10070). */
  pinGroupMessage(input: P.GroupMessagePinInput) { return this.call<Record<string, never>>('group.message.pin', input); }
  /** The group's pinned messages, the most recently pinned first. */
  /** Community topics (docs/websocket.md "Community topics"): each with the caller's read position and unread count. */
  getTopicList(input: P.TopicListInput) { return this.call<{ TopicAndSelfInfo: P.TopicAndSelfInfo[] }>('topic.list', input); }
  createTopic(input: P.TopicCreateInput) { return this.call<{ TopicId: string }>('topic.create', input); }
  modifyTopic(input: P.TopicModifyInput) { return this.call<Record<string, never>>('topic.modify', input); }
  destroyTopics(input: P.TopicDestroyInput) { return this.call<{ DestroyResultItem: Array<{ ErrorCode: number; ErrorInfo: string; TopicId: string }> }>('topic.destroy', input); }
  /** The caller's permission groups in a Community and the permission bits it holds (in a topic too). */
  getMyPermissions(input: P.PermissionListInput) { return this.call<P.MyPermissions>('permission.list', input); }
  // Permission groups, for the owner and members holding ManagePermissionGroupInfo / ManagePermissionGroupMember (Tencent's Web SDK names).
  createPermissionGroupInCommunity(input: P.PermissionGroupCreateInput) { return this.call<{ PermissionGroupId: string }>('permission.create', input); }
  modifyPermissionGroupInCommunity(input: P.PermissionGroupModifyInput) { return this.call<Record<string, never>>('permission.modify', input); }
  deletePermissionGroupFromCommunity(input: P.PermissionGroupDestroyInput) {
    return this.call<{ PermissionGroupResultList: Array<{ ErrorCode: number; ErrorInfo: string; PermissionGroupId: string }> }>('permission.destroy', input);
  }
  getPermissionGroupListInCommunity(input: P.PermissionGroupGetInput) { return this.call<{ PermissionGroupInfoList: P.PermissionGroupInfo[]; Next: string }>('permission.get', input); }
  addTopicPermissionToPermissionGroup(input: P.TopicPermissionInput) { return this.call<{ TopicPermissionResultList: P.TopicPermissionResult[] }>('permission.topic.add', input); }
  modifyTopicPermissionInPermissionGroup(input: P.TopicPermissionInput) { return this.call<{ TopicPermissionResultList: P.TopicPermissionResult[] }>('permission.topic.set', input); }
  deleteTopicPermissionFromPermissionGroup(input: P.TopicPermissionDeleteInput) { return this.call<{ TopicPermissionResultList: P.TopicPermissionResult[] }>('permission.topic.delete', input); }
  getTopicPermissionInPermissionGroup(input: P.TopicPermissionGetInput) { return this.call<{ TopicPermissionResultList: P.TopicPermissionResult[] }>('permission.topic.get', input); }
  addCommunityMembersToPermissionGroup(input: P.PermissionMembersInput) { return this.call<{ MemberList: Array<{ Member_Account: string; Result: number }> }>('permission.member.add', input); }
  removeCommunityMembersFromPermissionGroup(input: P.PermissionMembersInput) { return this.call<Record<string, never>>('permission.member.delete', input); }
  getCommunityMemberListInPermissionGroup(input: P.PermissionMemberListInput) { return this.call<{ MemberList: Array<{ Member_Account: string }>; Next: string }>('permission.member.list', input); }
  /** Mutes members in a group, or in one topic of a Community (`TopicId`): owners and admins, or holders of GroupMuteMember / TopicMuteMember. */
  muteGroupMembers(input: P.GroupMuteInput) { return this.call<Record<string, never>>('group.mute', input); }
  getPinnedGroupMessageList(input: P.GroupIdInput) { return this.call<{ GroupId: string; PinnedMessages: P.PinnedGroupMessage[] }>('group.message.pins', input); }

  // ---- push ----
  registerPush(input: P.PushRegisterInput) { return this.call('push.register', input); }
  /** `broadcast.sync` by hand (the client runs it after every (re)connect and emits `broadcast`). */
  syncBroadcasts(input: { Cursor?: number } = {}) { return this.call<P.BroadcastSyncReply>('broadcast.sync', input); }
  unregisterPush(input: { Token?: string } = {}) { return this.call('push.unregister', input); }

  // ---- internals ----

  private call<T = Record<string, unknown>>(action: string, data: object): Promise<T> {
    return this.request(action, data as Record<string, unknown>) as Promise<T>;
  }

  private conversation(id: P.ConversationId): Conversation {
    let conv = this.convs.get(id);
    if (!conv) {
      conv = { ConversationID: id, Type: id.startsWith('C2C') ? 'C2C' : 'Group', LastMsgSeq: 0, ReadMsgSeq: 0, UnreadNum: 0, UpdateTime: 0 };
      if (conv.Type === 'C2C') conv.Peer_Account = id.slice(3); else conv.GroupId = id.slice(5);
      this.convs.set(id, conv);
    }
    return conv;
  }

  /** After every (re)connect: the conversation list, then history for every conversation with messages not delivered yet. */
  private async resync(): Promise<void> {
    const generation = ++this.resyncs;
    this.readsElsewhere.clear();
    const release = this.sync.hold();
    try {
      await Promise.allSettled([...this.readsInFlight]);
      const rows = await this.allConversations();
      // A newer (re)connect started its own resync meanwhile: this list may be older than messages delivered since
      // (found by the reconnect soak: a retried list answering last set UnreadNum one short). Its hold replaced ours.
      if (generation !== this.resyncs) return;
      const items = rows.filter((r): r is Exclude<typeof r, P.OfficialConversationRow> => r.Type !== 'Official');
      void this.official.resync(rows.filter((r): r is P.OfficialConversationRow => r.Type === 'Official')).catch((e: unknown) => this.emit('error', e));
      for (const item of items) {
        const id: P.ConversationId = item.Type === 'C2C' ? `C2C${item.Peer_Account}` : `GROUP${item.TopicId ?? item.GroupId!}`;
        const conv = this.conversation(id);
        this.listedReadSeqs.set(id, item.ReadMsgSeq);
        Object.assign(conv, { LastMsgSeq: Math.max(conv.LastMsgSeq, item.LastMsgSeq), ReadMsgSeq: item.ReadMsgSeq, UnreadNum: item.UnreadNum, UpdateTime: item.UpdateTime });
        if (item.LastMsg && (!conv.LastMsg || conv.LastMsg.MsgSeq <= item.LastMsg.MsgSeq)) {
          conv.LastMsg = 'GroupId' in item.LastMsg ? this.fromGroup(item.LastMsg) : this.fromC2c(item.LastMsg as P.C2cMessageEvent);
        }
        this.emit('conversation', { ...conv });
      }
      for (const read of this.readsElsewhere.values()) this.applyReadElsewhere(read);
      release();
      await Promise.all(items.map((item) => this.sync.catchUp(item.Type === 'C2C' ? `C2C${item.Peer_Account}` : `GROUP${item.TopicId ?? item.GroupId!}`, item.LastMsgSeq, item.ReadMsgSeq)));
      this.emit('synced', { conversations: items.length });
    } catch (e) {
      this.emit('error', e);
      // The list failed (a timeout on a loaded server): nothing else would fetch what was missed while offline. Live
      // delivery stays held for the retry; a client no longer connected lets it go (its next connect holds anew).
      setTimeout(() => {
        if (generation !== this.resyncs) return;
        if (this.state === 'connected') void this.resync(); else release();
      }, RESYNC_RETRY_MS);
    }
  }

  private async allConversations(): Promise<P.ConversationListReply['Conversations']> {
    const all: P.ConversationListReply['Conversations'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const reply = await this.conversationList({ Count: 100, ...(cursor && { Cursor: cursor }) });
      all.push(...reply.Conversations);
      if (reply.Complete === 1 || !reply.Cursor) break;
      cursor = reply.Cursor;
    }
    return all;
  }

  private async fetchRange(id: P.ConversationId, after: number, upTo: number): Promise<FetchedRange> {
    const found = new Map<number, ImMessage>();
    const placeholders: number[] = [];
    if (id.startsWith('C2C')) {
      let before = upTo + 1;
      for (let page = 0; page < MAX_PAGES; page++) {
        const reply = await this.c2cHistory({ Peer_Account: id.slice(3), BeforeMsgSeq: before, Count: C2C_PAGE });
        for (const m of reply.Messages) if (m.MsgSeq > after && m.MsgSeq <= upTo) found.set(m.MsgSeq, this.fromC2c(m));
        // Seqs with nothing to show (deleted by this user for itself, sends that never stored their message).
        const skipped = (reply.SkippedSeqs ?? []).filter((s) => s > after && s <= upTo);
        placeholders.push(...skipped);
        // The server's count leaves such seqs out; so does this client's once it has seen them.
        if (skipped.length > 0 && reply.UnreadNum !== undefined) { const c = this.convs.get(id); if (c) c.UnreadNum = reply.UnreadNum; }
        const oldest = reply.Messages[0]?.MsgSeq;
        if (reply.Complete === 1 || oldest === undefined || oldest <= after + 1) break;
        before = oldest;
      }
    } else {
      const groupId = id.slice(5);
      let newest = upTo;
      for (let page = 0; page < MAX_PAGES && newest > after; page++) {
        const reply = await this.groupHistory({ GroupId: groupId, ReqMsgSeq: newest, ReqMsgNumber: GROUP_PAGE });
        const converted = this.fromGroupPage(groupId, reply);
        for (const m of converted.messages) if (m.MsgSeq > after && m.MsgSeq <= upTo) found.set(m.MsgSeq, m);
        placeholders.push(...converted.placeholders.filter((s) => s > after && s <= upTo));
        const seqs = reply.RspMsgList.map((m) => m.MsgSeq);
        if (reply.IsFinished !== 0 || seqs.length === 0) break;
        newest = Math.min(...seqs) - 1;
      }
    }
    return { messages: [...found.values()].sort((a, b) => a.MsgSeq - b.MsgSeq), placeholders };
  }

  private fromGroupPage(groupId: string, page: P.GroupHistoryReply): FetchedRange {
    const items = [...page.RspMsgList].sort((a, b) => a.MsgSeq - b.MsgSeq);
    return {
      messages: items.filter((m) => m.IsPlaceMsg !== 1).map((m) => this.fromGroup({ ...m, GroupId: groupId, MsgFlagBits: m.IsPlaceMsg === 2 ? 8 : 0 })),
      // A placeholder without a sender may be a send between its SEQ and its write (fetched again), unless the server
      // names it a hole (a send that died: `SkippedSeqs`).
      placeholders: [...items.filter((m) => m.IsPlaceMsg === 1 && m.From_Account !== '').map((m) => m.MsgSeq), ...(page.SkippedSeqs ?? [])],
    };
  }

  private fromC2c(m: P.C2cMessageEvent): ImMessage {
    const self = m.From_Account === this.userId;
    const peer = self ? m.To_Account : m.From_Account;
    return {
      ConversationID: `C2C${peer}`, Type: 'C2C', Peer_Account: peer, From_Account: m.From_Account, MsgSeq: m.MsgSeq, MsgRandom: m.MsgRandom,
      MsgTimeStamp: m.MsgTimeStamp, MsgKey: m.MsgKey, MsgBody: m.MsgBody, MsgFlagBits: m.MsgFlagBits ?? 0, IsSelf: self,
      ...(m.CloudCustomData !== undefined && { CloudCustomData: m.CloudCustomData }), ...(m.Nick !== undefined && { Nick: m.Nick }),
      ...(m.FaceUrl !== undefined && { FaceUrl: m.FaceUrl }), ...(m.IsNeedReadReceipt === 1 && { IsNeedReadReceipt: 1 as const }),
      ...(m.MsgVersion !== undefined && { MsgVersion: m.MsgVersion }),
    };
  }

  private fromGroup(m: P.GroupMessageEvent): ImMessage {
    // A Community topic is a conversation of its own, `GROUP<TopicId>` (Tencent's Web SDK does the same).
    const container = m.TopicId ?? m.GroupId;
    const mark = container.indexOf('@TOPIC#_');
    return {
      ConversationID: `GROUP${container}`, Type: 'Group', GroupId: mark < 0 ? container : container.slice(0, mark), ...(mark >= 0 && { TopicId: container }), From_Account: m.From_Account, MsgSeq: m.MsgSeq, MsgRandom: m.MsgRandom,
      MsgTimeStamp: m.MsgTimeStamp, MsgBody: m.MsgBody, MsgFlagBits: m.MsgFlagBits ?? 0, IsSelf: m.From_Account === this.userId,
      ...(m.CloudCustomData !== undefined && { CloudCustomData: m.CloudCustomData }), ...(m.Nick !== undefined && { Nick: m.Nick }),
      ...(m.NameCard !== undefined && { NameCard: m.NameCard }), ...(m.NeedReadReceipt === 1 && { IsNeedReadReceipt: 1 as const }),
      ...(m.MsgVersion !== undefined && { MsgVersion: m.MsgVersion }),
      ...(m.GroupAtInfo !== undefined && { GroupAtInfo: m.GroupAtInfo }),
    };
  }

  private deliver(m: ImMessage): void {
    const conv = this.conversation(m.ConversationID);
    if (m.MsgSeq > conv.LastMsgSeq) {
      if (m.IsSelf) {
        conv.ReadMsgSeq = m.MsgSeq;
        conv.UnreadNum = 0;
      } else if (m.MsgSeq > conv.ReadMsgSeq) {
        conv.UnreadNum += 1;
      }
      conv.LastMsgSeq = m.MsgSeq;
    }
    if (!conv.LastMsg || conv.LastMsg.MsgSeq <= m.MsgSeq) {
      conv.LastMsg = m;
      conv.UpdateTime = Math.max(conv.UpdateTime, m.MsgTimeStamp);
    }
    this.emit('message', m);
    this.emit('conversation', { ...conv });
  }

  private onServerEvent(event: string, data: Record<string, unknown>): void {
    if (event.startsWith('official.')) { this.official.onEvent(event, data); return; }
    if (event === 'c2c.message') this.offer(this.fromC2c(data as unknown as P.C2cMessageEvent));
    else if (event === 'group.message') this.offer(this.fromGroup(data as unknown as P.GroupMessageEvent));
    else if (event === 'group.messages') {
      const batch = data as unknown as P.ServerEvents['group.messages'];
      for (const m of batch.Messages) this.offer(this.fromGroup({ ...m, GroupId: m.GroupId ?? batch.GroupId }));
    } else if (event === 'broadcast.message') this.deliverBroadcasts([data as unknown as P.BroadcastMessage]).catch((e: unknown) => this.emit('error', e));
    else if (event === 'conversation.read') this.onReadElsewhere(data as P.ServerEvents['conversation.read']);
    else if (event === 'conversation.cleared') this.applyCleared(data as P.ServerEvents['conversation.cleared']);
    else if (event === 'conversation.deleted') for (const id of (data as P.ServerEvents['conversation.deleted']).ConversationIDList) this.convs.delete(id);
    else if (event === 'msg.recalled') this.markRecalled(data as P.ServerEvents['msg.recalled']);
    else if (event === 'message.extensions.changed') this.extensionSeqs.onChanged(data as unknown as P.ServerEvents['message.extensions.changed'], this.userId);
    else if (event === 'message.modified') {
      const m = data as unknown as P.ServerEvents['message.modified'];
      this.applyModified(m.GroupId !== undefined ? this.fromGroup(m as P.GroupMessageEvent) : this.fromC2c(m as P.C2cMessageEvent));
    }
    (this.emit as (e: string, d: unknown) => void).call(this, event, data);
  }

  /** Seq'd messages join their conversation's ordered stream; seq-less ones (AVChatRoom, online-only) go straight to the app. */
  private offer(message: ImMessage): void {
    if (message.MsgSeq > 0) this.sync.offer(message);
    else this.emit('message', message);
  }

  private broadcastKey(): string {
    return `im:${this.options.sdkAppId}:${this.userId ?? ''}:broadcast`;
  }

  private async broadcastState(): Promise<{ cursor: number; seen: string[] }> {
    const stored = await this.storage.get(this.broadcastKey());
    try {
      const parsed = stored ? JSON.parse(stored) as { cursor?: unknown; seen?: unknown } : {};
      return { cursor: typeof parsed.cursor === 'number' ? parsed.cursor : 0, seen: Array.isArray(parsed.seen) ? parsed.seen.map(String) : [] };
    } catch {
      return { cursor: 0, seen: [] };
    }
  }

  /** After every (re)connect: the broadcasts sent since the stored cursor that are still live (`broadcast.sync`). */
  private async catchUpBroadcasts(): Promise<void> {
    try {
      const { cursor } = await this.broadcastState();
      const reply = await this.call<P.BroadcastSyncReply>('broadcast.sync', cursor > 0 ? { Cursor: cursor } : {});
      await this.deliverBroadcasts(reply.Messages, reply.Cursor);
    } catch (e) {
      this.emit('error', e);
    }
  }

  /** Emits each broadcast once per TaskId (an Online user gets it live and again from `broadcast.sync`); TaskIds and cursor are kept in storage. */
  private deliverBroadcasts(messages: readonly P.BroadcastMessage[], cursor?: number): Promise<void> {
    const run = this.broadcastWork.then(async () => {
      const state = await this.broadcastState();
      const seen = state.seen;
      for (const m of messages) {
        if (seen.includes(m.TaskId)) continue;
        seen.push(m.TaskId);
        this.emit('broadcast', m);
      }
      seen.splice(0, Math.max(0, seen.length - SEEN_BROADCASTS));
      await this.storage.set(this.broadcastKey(), JSON.stringify({ cursor: Math.max(cursor ?? 0, state.cursor), seen }));
    });
    this.broadcastWork = run.catch(() => undefined);
    return run;
  }

  /** The client's copy of an edited message (the conversation's LastMsg) takes the newer version's body and custom data. */
  private applyModified(m: ImMessage): void {
    const conv = this.convs.get(m.ConversationID);
    const last = conv?.LastMsg;
    if (!conv || !last || last.MsgSeq !== m.MsgSeq || (last.MsgVersion ?? 0) >= (m.MsgVersion ?? 0)) return;
    conv.LastMsg = { ...last, MsgBody: m.MsgBody, MsgVersion: m.MsgVersion!, ...(m.CloudCustomData !== undefined && { CloudCustomData: m.CloudCustomData }) };
    this.emit('conversation', { ...conv });
  }

  private markRecalled(data: P.ServerEvents['msg.recalled']): void {
    const id: P.ConversationId = 'GroupId' in data ? `GROUP${(data as { TopicId?: string }).TopicId ?? data.GroupId}` : `C2C${data.Peer_Account}`;
    const last = this.convs.get(id)?.LastMsg;
    if (last && ('GroupId' in data ? last.MsgSeq === data.MsgSeq : last.MsgKey === data.MsgKey)) last.MsgFlagBits = 8;
  }
}
