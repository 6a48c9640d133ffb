import { ImClient, type ImClientOptions } from '../im-client.js';
import { EVENT, TYPES } from './constants.js';
import { ConversationBook } from './conversation-book.js';
import { ok, type ChatContext } from './context.js';
import { createMessage, type MessageOptions, type SendExtras } from './create-message.js';
import { ChatError, CODE, toChatError } from './errors.js';
import { fromImMessage, type Message } from './message.js';
import { MessageStore } from './message-store.js';
import * as messaging from './messaging.js';
import * as features from './message-features.js';
import * as settings from './conversation-settings.js';
import * as people from './profiles-and-groups.js';
import * as friends from './friends.js';
import * as friendExtras from './friend-extras.js';
import * as blocklist from './blocklist.js';
import * as groupAdmin from './group-admin.js';
import * as groupApplications from './group-applications.js';
import * as groupData from './group-data.js';
import { wireGroupEvents } from './group-events.js';
import * as topics from './topics.js';
import * as userStatus from './user-status.js';
import { RelationLists } from './relation-lists.js';
import { wireServerEvents } from './server-events.js';
import { installUnsupported, type UnsupportedApis } from './unsupported.js';

/** `TencentCloudChat.create` options: Tencent's, plus where our server is. */
export interface CreateOptions {
  SDKAppID: number;
  /**
   * Ours: the WebSocket endpoint (`wss://<api>.execute-api.<region>.amazonaws.com/<stage>`, locally `ws://127.0.0.1:9000/ws`).
   * Default in a browser: `/ws` on the page's own host, as the local stack serves it.
   */
  serverURL?: string;
  /** Ours: further `ImClient` options (platform, storage of the stream position, timeouts). */
  clientOptions?: Partial<Omit<ImClientOptions, 'url' | 'sdkAppId'>>;
  /** Tencent's; accepted and not used (no proxies, no uploads here). */
  proxyServer?: string;
  fileUploadProxy?: string;
  fileDownloadProxy?: string;
  scene?: string;
}

export interface ChatEvent { name: string; data?: unknown }
type Handler = (event: ChatEvent) => void;

const NET_STATE: Record<string, string> = {
  connected: TYPES.NET_STATE_CONNECTED, connecting: TYPES.NET_STATE_CONNECTING, reconnecting: TYPES.NET_STATE_CONNECTING,
};
const KICK_TYPE: Record<string, string> = { MultiDeviceLogin: TYPES.KICKED_OUT_MULT_DEVICE, KickedByAdmin: TYPES.KICKED_OUT_REST_API, AccountDeleted: TYPES.KICKED_OUT_REST_API };

function defaultServerURL(): string {
  const location = (globalThis as { location?: { protocol: string; host: string } }).location;
  if (!location?.host) throw new ChatError(CODE.INVALID_PARAMETERS, 'TencentCloudChat.create needs serverURL (our WebSocket endpoint) outside a browser page');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export interface ChatSDK extends UnsupportedApis {}

/** Tencent's `ChatSDK` (what `TencentCloudChat.create` returns) over our `ImClient`. */
export class ChatSDK {
  private client: ImClient | undefined;
  private userID = '';
  private ready = false;
  private netState = '';
  private readonly handlers = new Map<string, Array<{ handler: Handler; context: unknown }>>();
  private received: Message[] = [];
  private readonly ctx: ChatContext;
  private readonly attributes = new groupData.GroupAttributeCache();

  constructor(private readonly options: CreateOptions, private readonly onDestroy: () => void = () => undefined) {
    const store = new MessageStore();
    const book = new ConversationBook(() => this.im(), () => this.userID, (list, total) => {
      if (!this.ready) return;
      this.emit(EVENT.CONVERSATION_LIST_UPDATED, list);
      if (total !== undefined) this.emit(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, total);
    });
    const relations = new RelationLists({
      friends: () => friends.readFriends(this.ctx), applications: () => friends.readApplications(this.ctx),
      friendGroups: () => friendExtras.readGroups(this.ctx), blacklist: () => blocklist.readBlacklist(this.ctx),
      groups: () => people.readGroups(this.ctx),
    }, () => this.ready, (name, data) => this.emit(name, data));
    this.ctx = {
      im: () => this.im(), me: () => this.userID, store, book, relations, sendExtras: new Map<string, SendExtras>(), sentHere: new Set<string>(),
      emit: (name, data) => this.emit(name, data),
    };
  }

  // ---- lifecycle and events ----

  async login(options: { userID: string; userSig: string }) {
    const { userID, userSig } = options ?? {};
    if (!userID) throw new ChatError(2002, 'login needs userID');
    if (!userSig) throw new ChatError(2003, 'login needs userSig');
    if (this.client && this.userID === userID) return ok({ repeatLogin: true });
    if (this.client) await this.logout();
    const im = new ImClient({ ...this.options.clientOptions, url: this.options.serverURL ?? defaultServerURL(), sdkAppId: this.options.SDKAppID });
    this.client = im;
    this.userID = userID;
    this.wire(im);
    try {
      await im.login(userID, userSig);
    } catch (e) {
      this.reset();
      im.close();
      throw toChatError(e);
    }
    return ok({ repeatLogin: false });
  }

  async logout() {
    const im = this.client;
    const wasReady = this.ready;
    this.reset();
    await im?.logout();
    if (wasReady) this.emit(EVENT.SDK_NOT_READY);
    return ok({});
  }

  async destroy() {
    await this.logout();
    this.handlers.clear();
    this.onDestroy();
  }

  isReady(): boolean {
    return this.ready;
  }

  getLoginUser(): string {
    return this.userID;
  }

  getServerTime(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** Tencent's log levels: this SDK logs nothing of its own. */
  setLogLevel(_level: number): void {}

  /** Tencent's plugins (upload, search) are not used: uploads are the app's. */
  registerPlugin(_plugins: Record<string, unknown>): void {}

  on(eventName: string, handler: Handler, context?: unknown): void {
    const list = this.handlers.get(eventName) ?? [];
    list.push({ handler, context });
    this.handlers.set(eventName, list);
  }

  off(eventName: string, handler: Handler, context?: unknown): void {
    const list = this.handlers.get(eventName);
    if (!list) return;
    this.handlers.set(eventName, list.filter((h) => h.handler !== handler || (context !== undefined && h.context !== context)));
  }

  // ---- messages ----

  createTextMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_TEXT, options); }
  createTextAtMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_TEXT, options); }
  createCustomMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_CUSTOM, options); }
  createFaceMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_FACE, options); }
  createLocationMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_LOCATION, options); }
  /** From a URL the app uploaded to: `payload: { url, width?, height?, size?, imageFormat? }` or `{ imageInfoArray }`. */
  createImageMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_IMAGE, options); }
  /** `payload: { url, second?, size? }` */
  createAudioMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_AUDIO, options); }
  /** `payload: { videoUrl, videoSecond?, videoSize?, thumbUrl?, thumbWidth?, thumbHeight? }` */
  createVideoMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_VIDEO, options); }
  /** `payload: { fileUrl, fileName, fileSize? }` */
  createFileMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_FILE, options); }

  sendMessage(message: Message, options?: messaging.SendMessageOptions) { return this.run(() => messaging.sendMessage(this.ctx, message, options)); }
  resendMessage(message: Message, options?: messaging.SendMessageOptions) { return this.run(() => messaging.sendMessage(this.ctx, message, options)); }
  revokeMessage(message: Message) { return this.run(() => messaging.revokeMessage(this.ctx, message)); }
  deleteMessage(messageList: Message[]) { return this.run(() => messaging.deleteMessage(this.ctx, messageList)); }
  modifyMessage(message: Message) { return this.run(() => messaging.modifyMessage(this.ctx, message)); }
  getMessageList(options: { conversationID: string; nextReqMessageID?: string }) { return this.run(() => messaging.getMessageList(this.ctx, options)); }
  setMessageRead(options: { conversationID: string }) { return this.run(() => messaging.setMessageRead(this.ctx, options)); }

  getMessageListHopping(options: { conversationID: string; sequence?: number; time?: number; count?: number; direction?: number }) {
    return this.run(() => features.getMessageListHopping(this.ctx, options));
  }
  setMessageExtensions(message: Message, extensions: Array<{ key: string; value: string }>) { return this.run(() => features.setMessageExtensions(this.ctx, message, extensions)); }
  getMessageExtensions(message: Message) { return this.run(() => features.getMessageExtensions(this.ctx, message)); }
  deleteMessageExtensions(message: Message, keyList?: string[]) { return this.run(() => features.deleteMessageExtensions(this.ctx, message, keyList)); }
  sendMessageReadReceipt(messageList: Message[]) { return this.run(() => features.sendMessageReadReceipt(this.ctx, messageList)); }
  getMessageReadReceiptList(messageList: Message[]) { return this.run(() => features.getMessageReadReceiptList(this.ctx, messageList)); }
  getGroupMessageReadMemberList(options: { message: Message; filter?: number; cursor?: string; count?: number }) {
    return this.run(() => features.getGroupMessageReadMemberList(this.ctx, options));
  }
  setAllMessageRead(options?: { scope?: string }) { return this.run(() => features.setAllMessageRead(this.ctx, options)); }
  setMessageRemindType(options: { groupID?: string; userIDList?: string[]; messageRemindType: string }) { return this.run(() => features.setMessageRemindType(this.ctx, options)); }
  /** `payload: { messageList, title, abstractList, compatibleText }`: the messages travel inside the merged one. */
  createMergerMessage(options: MessageOptions): Message { return this.create(TYPES.MSG_MERGER, options); }
  /** `payload`: the message to forward; a new message of its type and payload (and `cloudCustomData` unless given). */
  createForwardMessage(options: Omit<MessageOptions, 'payload'> & { payload: Message }): Message {
    const original = options?.payload;
    if (!original || typeof original.type !== 'string') throw new ChatError(CODE.MESSAGE_REQUIRED, 'createForwardMessage needs payload: the message to forward');
    return this.create(original.type, { ...options, payload: { ...original.payload }, cloudCustomData: options.cloudCustomData ?? original.cloudCustomData });
  }
  /** Merged messages are carried inline here: the message itself, `payload.messageList` complete. */
  downloadMergerMessage(message: Message) {
    return this.run(async () => {
      if (message?.type !== TYPES.MSG_MERGER) throw new ChatError(CODE.MESSAGE_REQUIRED, 'downloadMergerMessage needs a merger message');
      return ok(message);
    });
  }

  findMessage(messageID: string): Message | null {
    return this.ctx.store.get(messageID) ?? null;
  }

  // ---- conversations ----

  getConversationList(options?: string[] | { type?: string; markType?: number; groupName?: string; hasUnreadCount?: boolean }) { return this.run(() => people.getConversationList(this.ctx, options)); }
  getConversationProfile(conversationID: string) { return this.run(() => people.getConversationProfile(this.ctx, conversationID)); }
  pinConversation(options: { conversationID: string; isPinned: boolean }) { return this.run(() => people.pinConversation(this.ctx, options)); }

  deleteConversation(options: string | { conversationIDList: string[]; clearHistoryMessage?: boolean }) { return this.run(() => settings.deleteConversation(this.ctx, options)); }
  clearHistoryMessage(conversationID: string) { return this.run(() => settings.clearHistoryMessage(this.ctx, conversationID)); }
  markConversation(options: { conversationIDList: string[]; markType: number; enableMark: boolean }) { return this.run(() => settings.markConversation(this.ctx, options)); }
  setConversationCustomData(options: { conversationIDList: string[]; customData: string }) { return this.run(() => settings.setConversationCustomData(this.ctx, options)); }
  getConversationGroupList() { return this.run(() => settings.getConversationGroupList(this.ctx)); }
  createConversationGroup(options: { conversationIDList?: string[]; groupName: string }) { return this.run(() => settings.createConversationGroup(this.ctx, options)); }
  deleteConversationGroup(groupName: string) { return this.run(() => settings.deleteConversationGroup(this.ctx, groupName)); }
  renameConversationGroup(options: { oldName: string; newName: string }) { return this.run(() => settings.renameConversationGroup(this.ctx, options)); }
  addConversationsToGroup(options: { conversationIDList: string[]; groupName: string }) { return this.run(() => settings.moveConversations(this.ctx, options, true)); }
  deleteConversationsFromGroup(options: { conversationIDList: string[]; groupName: string }) { return this.run(() => settings.moveConversations(this.ctx, options, false)); }

  getTotalUnreadMessageCount(): number {
    return this.client ? this.ctx.book.totalUnread() : 0;
  }

  // ---- profiles ----

  getMyProfile() { return this.run(() => people.getMyProfile(this.ctx)); }
  getUserProfile(options: { userIDList: string[] }) { return this.run(() => people.getUserProfile(this.ctx, options)); }
  updateMyProfile(options: people.UpdateProfileOptions) { return this.run(() => people.updateMyProfile(this.ctx, options)); }

  // ---- groups ----

  createGroup(options: people.CreateGroupOptions) { return this.run(() => people.createGroup(this.ctx, options)); }
  joinGroup(options: { groupID: string; applyMessage?: string; type?: string }) { return this.run(() => people.joinGroup(this.ctx, options)); }
  quitGroup(groupID: string) { return this.run(() => people.quitGroup(this.ctx, groupID)); }
  dismissGroup(groupID: string) { return this.run(() => people.dismissGroup(this.ctx, groupID)); }
  getGroupList() { return this.run(() => people.getGroupList(this.ctx)); }
  getGroupProfile(options: { groupID: string; groupCustomFieldFilter?: string[] }) { return this.run(() => people.getGroupProfile(this.ctx, options)); }
  getGroupMemberList(options: { groupID: string; count?: number; offset?: number | string; role?: string }) { return this.run(() => people.getGroupMemberList(this.ctx, options)); }
  getGroupOnlineMemberCount(groupID: string) { return this.run(() => groupAdmin.getGroupOnlineMemberCount(this.ctx, groupID)); }
  getGroupMemberProfile(options: { groupID: string; userIDList: string[]; memberCustomFieldFilter?: string[] }) { return this.run(() => groupAdmin.getGroupMemberProfile(this.ctx, options)); }
  updateGroupProfile(options: groupAdmin.UpdateGroupProfileOptions) { return this.run(() => groupAdmin.updateGroupProfile(this.ctx, options)); }
  searchGroupByID(groupID: string) { return this.run(() => groupAdmin.searchGroupByID(this.ctx, groupID)); }
  changeGroupOwner(options: { groupID: string; newOwnerID: string }) { return this.run(() => groupAdmin.changeGroupOwner(this.ctx, options)); }
  addGroupMember(options: { groupID: string; userIDList: string[] }) { return this.run(() => groupAdmin.addGroupMember(this.ctx, options)); }
  deleteGroupMember(options: { groupID: string; userIDList: string[]; reason?: string }) { return this.run(() => groupAdmin.deleteGroupMember(this.ctx, options)); }
  setGroupMemberRole(options: { groupID: string; userID: string; role: string }) { return this.run(() => groupAdmin.setGroupMemberRole(this.ctx, options)); }
  setGroupMemberMuteTime(options: { groupID: string; userID: string; muteTime: number }) { return this.run(() => groupAdmin.setGroupMemberMuteTime(this.ctx, options)); }
  setGroupMemberNameCard(options: { groupID: string; userID?: string; nameCard: string }) { return this.run(() => groupAdmin.setGroupMemberNameCard(this.ctx, options)); }
  setGroupMemberCustomField(options: { groupID: string; userID?: string; memberCustomField: Array<{ key: string; value: string }> }) {
    return this.run(() => groupAdmin.setGroupMemberCustomField(this.ctx, options));
  }
  getGroupApplicationList() { return this.run(() => groupApplications.getGroupApplicationList(this.ctx)); }
  handleGroupApplication(options: groupApplications.HandleGroupApplicationOptions) { return this.run(() => groupApplications.handleGroupApplication(this.ctx, options)); }

  // ---- group attributes, counters, pinned messages ----

  initGroupAttributes(options: { groupID: string; groupAttributes: Record<string, string> }) { return this.run(() => groupData.initGroupAttributes(this.ctx, this.attributes, options)); }
  setGroupAttributes(options: { groupID: string; groupAttributes: Record<string, string> }) { return this.run(() => groupData.setGroupAttributes(this.ctx, this.attributes, options)); }
  deleteGroupAttributes(options: { groupID: string; keyList: string[] }) { return this.run(() => groupData.deleteGroupAttributes(this.ctx, this.attributes, options)); }
  getGroupAttributes(options: { groupID: string; keyList?: string[] }) { return this.run(() => groupData.getGroupAttributes(this.ctx, this.attributes, options)); }
  setGroupCounters(options: { groupID: string; counters: Record<string, number> }) { return this.run(() => groupData.setGroupCounters(this.ctx, options)); }
  increaseGroupCounter(options: { groupID: string; key: string; value: number }) { return this.run(() => groupData.increaseGroupCounter(this.ctx, options)); }
  decreaseGroupCounter(options: { groupID: string; key: string; value: number }) { return this.run(() => groupData.decreaseGroupCounter(this.ctx, options)); }
  getGroupCounters(options: { groupID: string; keyList?: string[] }) { return this.run(() => groupData.getGroupCounters(this.ctx, options)); }
  pinGroupMessage(options: { groupID: string; message: Message; isPinned: boolean }) { return this.run(() => groupData.pinGroupMessage(this.ctx, options)); }
  getPinnedGroupMessageList(groupID: string) { return this.run(() => groupData.getPinnedGroupMessageList(this.ctx, groupID)); }

  // ---- Community topics ----

  getJoinedCommunityList() { return this.run(() => topics.getJoinedCommunityList(this.ctx)); }
  createTopicInCommunity(options: topics.TopicProfileOptions & { topicName: string; topicID?: string }) { return this.run(() => topics.createTopicInCommunity(this.ctx, options)); }
  deleteTopicFromCommunity(options: { groupID: string; topicIDList?: string[] }) { return this.run(() => topics.deleteTopicFromCommunity(this.ctx, options)); }
  updateTopicProfile(options: topics.TopicProfileOptions & { topicID: string; muteAllMembers?: boolean }) { return this.run(() => topics.updateTopicProfile(this.ctx, options)); }
  getTopicList(options: { groupID: string; topicIDList?: string[] }) { return this.run(() => topics.getTopicList(this.ctx, options)); }

  // ---- friends and the blocklist ----

  getFriendList() { return this.run(() => friends.getFriendList(this.ctx)); }
  addFriend(options: friends.AddFriendOptions) { return this.run(() => friends.addFriend(this.ctx, options)); }
  deleteFriend(options: { userIDList: string[]; type?: string }) { return this.run(() => friends.deleteFriend(this.ctx, options)); }
  getFriendApplicationList() { return this.run(() => friends.getFriendApplicationList(this.ctx)); }
  acceptFriendApplication(options: { userID: string; remark?: string; tag?: string; type?: string }) { return this.run(() => friends.acceptFriendApplication(this.ctx, options)); }
  refuseFriendApplication(options: { userID: string }) { return this.run(() => friends.refuseFriendApplication(this.ctx, options)); }
  deleteFriendApplication(options: { userID: string; type: string }) { return this.run(() => friends.deleteFriendApplication(this.ctx, options)); }
  setFriendApplicationRead() { return this.run(() => friends.setFriendApplicationRead(this.ctx)); }
  checkFriend(options: { userIDList: string[]; type?: string }) { return this.run(() => friendExtras.checkFriend(this.ctx, options)); }
  getFriendProfile(options: { userIDList: string[] }) { return this.run(() => friendExtras.getFriendProfile(this.ctx, options)); }
  updateFriend(options: { userID: string; remark?: string; friendCustomField?: Array<{ key: string; value: string | number }> }) { return this.run(() => friendExtras.updateFriend(this.ctx, options)); }
  getFriendGroupList() { return this.run(() => friendExtras.getFriendGroupList(this.ctx)); }
  createFriendGroup(options: { name: string; userIDList?: string[] }) { return this.run(() => friendExtras.createFriendGroup(this.ctx, options)); }
  deleteFriendGroup(options: { name: string }) { return this.run(() => friendExtras.deleteFriendGroup(this.ctx, options)); }
  renameFriendGroup(options: { oldName: string; newName: string }) { return this.run(() => friendExtras.renameFriendGroup(this.ctx, options)); }
  addToFriendGroup(options: { name: string; userIDList: string[] }) { return this.run(() => friendExtras.addToFriendGroup(this.ctx, options)); }
  removeFromFriendGroup(options: { name: string; userIDList: string[] }) { return this.run(() => friendExtras.removeFromFriendGroup(this.ctx, options)); }
  getBlacklist() { return this.run(() => blocklist.getBlacklist(this.ctx)); }
  addToBlacklist(options: { userIDList: string[] }) { return this.run(() => blocklist.addToBlacklist(this.ctx, options)); }
  removeFromBlacklist(options: { userIDList: string[] }) { return this.run(() => blocklist.removeFromBlacklist(this.ctx, options)); }

  // ---- user status ----

  getUserStatus(options: { userIDList: string[] }) { return this.run(() => userStatus.getUserStatus(this.ctx, options)); }
  setSelfStatus(options: { customStatus: string }) { return this.run(() => userStatus.setSelfStatus(this.ctx, options)); }
  subscribeUserStatus(options: { userIDList: string[] }) { return this.run(() => userStatus.subscribeUserStatus(this.ctx, options)); }
  unsubscribeUserStatus(options?: { userIDList?: string[] }) { return this.run(() => userStatus.unsubscribeUserStatus(this.ctx, options)); }

  // ---- internals ----

  private im(): ImClient {
    if (!this.client) throw new ChatError(CODE.NOT_LOGGED_IN, 'the user has not logged in');
    return this.client;
  }

  /** Every API rejects, never throws synchronously, as Tencent's do. */
  private async run<T>(call: () => Promise<T>): Promise<T> {
    return call();
  }

  private create(type: string, options: MessageOptions): Message {
    this.im(); // Tencent's create* need a logged-in user: it is the sender
    const message = createMessage(this.userID, type, options);
    if (options.receiverList) this.ctx.sendExtras.set(message.ID, { receiverList: options.receiverList });
    return this.ctx.store.put(message);
  }

  private emit(name: string, data?: unknown): void {
    for (const { handler, context } of [...(this.handlers.get(name) ?? [])]) {
      try {
        handler.call(context, data === undefined ? { name } : { name, data });
      } catch (e) {
        // An app handler that throws must not break the SDK.
        console.error(e);
      }
    }
  }

  private reset(): void {
    this.client = undefined;
    this.userID = '';
    this.ready = false;
    this.received = [];
    this.ctx.store.clear();
    this.ctx.book.clear();
    this.ctx.relations.clear();
    this.ctx.sendExtras.clear();
    this.ctx.sentHere.clear();
    this.attributes.clear();
  }

  private wire(im: ImClient): void {
    const mine = () => this.client === im;
    im.on('synced', () => {
      if (!mine() || this.ready) return;
      void this.ctx.book.refresh().catch(() => undefined).then(() => {
        if (!mine() || this.ready) return;
        this.ready = true;
        this.emit(EVENT.SDK_READY);
        this.ctx.book.changed();
      });
    });
    im.on('message', (m) => {
      if (!mine()) return;
      const message = fromImMessage(m, this.userID);
      const kept = this.ctx.store.get(message.ID);
      if (this.ctx.sentHere.has(message.ID) && kept) {
        // This instance's own send, echoed by our client's stream: the app already holds it.
        Object.assign(kept, { sequence: message.sequence, time: message.time, status: 'success' });
        return;
      }
      const stored = this.ctx.store.put(message);
      if (this.ready) this.queueReceived(stored);
    });
    im.on('conversation', () => { if (mine()) this.ctx.book.changed(); });
    im.on('state', (state) => {
      if (!mine() && state !== 'closed') return;
      const net = NET_STATE[state] ?? TYPES.NET_STATE_DISCONNECTED;
      if (net === this.netState) return;
      this.netState = net;
      this.emit(EVENT.NET_STATE_CHANGE, { state: net });
    });
    im.on('kicked', (why) => {
      if (!mine()) return;
      const wasReady = this.ready;
      this.reset();
      this.emit(EVENT.KICKED_OUT, { type: KICK_TYPE[String(why.Reason)] ?? TYPES.KICKED_OUT_MULT_ACCOUNT });
      if (wasReady) this.emit(EVENT.SDK_NOT_READY);
    });
    wireServerEvents(im, this.ctx, () => mine() && this.ready);
    features.wireMessageFeatures(im, this.ctx, () => mine() && this.ready);
    settings.wireConversationGroups(im, this.ctx, () => mine() && this.ready);
    wireGroupEvents(im, this.ctx, this.attributes, () => mine() && this.ready);
    userStatus.wireUserStatus(im, this.ctx, () => mine() && this.ready);
    this.ctx.relations.wire(im, () => this.userID);
  }

  /** Tencent delivers received messages in arrays: those that arrive together go in one event. */
  private queueReceived(message: Message): void {
    this.received.push(message);
    if (this.received.length > 1) return;
    queueMicrotask(() => {
      const batch = this.received;
      this.received = [];
      if (batch.length > 0) this.emit(EVENT.MESSAGE_RECEIVED, batch);
    });
  }
}

installUnsupported(ChatSDK.prototype);
