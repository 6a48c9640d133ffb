import type { MsgElement } from '../c2c/message-body.js';
import type { EditOutcome, MessageEdit } from '../c2c/modify-edit.js';

/** A stored group message or tip (Messages table, partition `C#group:<GroupId>`). */
export interface GroupMessage {
  groupId: string;
  seq: number;
  from: string;
  random: number;
  /** unix s */
  time: number;
  body: MsgElement[];
  cloudCustomData?: string;
  nick?: string;
  faceUrl?: string;
  nameCard?: string;
  /** 1 High … 4 Lowest. */
  priority: number;
  /** A group tip stored with a SEQ (history shows it as a system message). */
  tip?: Record<string, unknown>;
  atAll?: boolean;
  atAccounts?: string[];
  /** A targeted message (`To_Account`): only these members (and the sender) receive and see it. */
  targets?: string[];
  /** Sent with `NeedReadReceipt: 1`: members send read receipts for it (get_group_msg_receipt). */
  needReceipt?: boolean;
  /** Sent with `SupportMessageExtension: 1`: the message may carry extensions (openim_msg_ext_http_svc). */
  extensible?: boolean;
  recalled: boolean;
  deleted: boolean;
  /** unix s (DynamoDB TTL; reads filter on it). */
  expiresAt: number;
  /** Edits so far (msg.modify, modify_group_msg); absent or 0: never edited. */
  version?: number;
  /** `needReceipt` messages: the members who could read it at send time (MemberNum then, less the sender if a member). */
  receiptBase?: number;
  /** `needReceipt` messages: members who sent a read receipt (an atomic counter beside one reader item each). */
  readNum?: number;
}

/** What recording one read receipt did: a new reader (the message's new ReadNum), a repeat, or the message is gone. */
export type ReceiptOutcome = { outcome: 'counted'; readNum: number } | { outcome: 'repeat' } | { outcome: 'gone' };

/** What a send asks of the group's counter item (META): a SEQ, a frequency-control slot, or both. */
export interface AdmitRequest {
  groupId: string;
  /** unix s: the frequency window and LastMsgTime. */
  time: number;
  /** Admitted messages allowed in this second before this one is dropped; Infinity = no frequency control. */
  threshold: number;
  takeSeq: boolean;
  /** NoLastMsg: the conversation list's last message does not move. */
  moveLast: boolean;
  /** NoUnread: counted in the group's skip counter. */
  noUnread: boolean;
}

/** `time`: the second the message was admitted in (unix s; later than asked when a later window was already open). */
export type AdmitOutcome = { outcome: 'admitted'; seq: number; time: number } | { outcome: 'dropped'; time: number } | { outcome: 'gone' };

/** The sender's standing in the group, read in one BatchGetItem. */
export interface SenderStanding {
  member?: {
    role: string; nameCard: string; muteUntil: number; msgFlag: string; joinSeq: number; joinTime: number; msgSeq: number; skipRead: number; lastSendMsgTime: number;
    /** The member's own clear (`conversation.clearHistory`): its history up to this seq is hidden (0: none). */
    clearedSeq: number;
  };
  /** forbid_send_msg mute (survives leaving), unix s. */
  mutedUntil: number;
  whitelisted: boolean;
}

/** The counters of a group's META used by conversations and unread. */
export interface GroupCounters {
  groupId: string;
  type: string;
  name: string;
  /** Last assigned SEQ (NextMsgSeq − 1). */
  lastSeq: number;
  /** MemberNum (members now). */
  memberNum: number;
  /** Last seq shown in conversation lists (NoLastMsg sends do not move it). */
  lastListedSeq: number;
  lastMsgTime: number;
  /** NoUnread messages, ever. */
  skipped: number;
  /** `clear_group_msg`: history up to this seq is gone for everyone (0: nothing cleared). */
  clearedSeq: number;
  /** `skipped` when the clear was made: the read position's skip counter for members who had read less. */
  clearedSkip: number;
  /** Seqs whose send died between taking the seq and storing the message (functions/groupmsg/holes.ts): nobody's unread. */
  holes: number[];
}

export interface OnlineConnection {
  userId: string;
  connectionId: string;
  msgFlag: string;
}

/** A member as the offline-push worker needs it (a page of the member list). */
export interface PushMember {
  userId: string;
  msgFlag: string;
  /** The last SEQ before the member joined (read receipts: members who joined after a message were not its readers). */
  joinSeq?: number;
  /** ms: a presence read at this time found no push device (docs/data-model.md, Group members' push flags). */
  noPushSince?: number;
  /** ms: the user registered a first push device at this time; a `noPushSince` older than it no longer holds. */
  pushRegisteredAt?: number;
}

export interface MemberPage {
  members: PushMember[];
  /** Where the next page starts; absent on the last page. */
  next?: string;
}

export interface MuteEntry {
  userId: string;
  until: number;
}

export interface GroupMessageStore {
  admit(request: AdmitRequest): Promise<AdmitOutcome>;
  putMessage(message: GroupMessage): Promise<void>;
  /** Gives a stored tip the next SEQ (no frequency control) and stores it for the retention period; undefined when the group is gone. */
  storeTip(groupId: string, from: string, tip: Record<string, unknown>, time: number): Promise<number | undefined>;
  /** Messages with seq in [lo, hi], newest first (expired ones included: callers filter). */
  range(groupId: string, lo: number, hi: number, limit: number): Promise<GroupMessage[]>;
  getMessages(groupId: string, seqs: readonly number[]): Promise<GroupMessage[]>;
  /** Edits a stored message in place with one conditional UpdateItem (functions/c2c/modify-edit.ts). */
  modify(groupId: string, seq: number, edit: MessageEdit, nowS: number): Promise<EditOutcome<GroupMessage>>;
  /** Marks recalled (or deleted); `missing` when not stored, `already` when done before. */
  mark(groupId: string, seq: number, flag: 'recalled' | 'deleted', nowS: number): Promise<'ok' | 'missing' | 'already'>;
  releaseClaim(groupId: string, sender: string, random: number): Promise<void>;
  /** The member's `LastSendMsgTime` moves to `time` (unix s) unless it is already there or later, or they left. */
  touchLastSend(groupId: string, userId: string, time: number): Promise<void>;
  /** A page of the member list (`limit` members from `start`): every member (unread lists of receipts). */
  memberPage(groupId: string, start: string | undefined, limit: number): Promise<MemberPage>;
  /**
   * A page of the members an offline push must look up (the sparse byPushCandidate index): all but those marked
   * without a push device. The offline-push worker's pages; members never looked up are in it.
   */
  pushCandidatePage(groupId: string, start: string | undefined, limit: number): Promise<MemberPage>;
  /**
   * A read receipt of `userId` for message `seq`: a conditional PutItem of the reader item (expiring with the message,
   * `ttl`), and only when it is new an `ADD readNum 1` on the message; a repeat changes nothing.
   */
  recordReceipt(groupId: string, seq: number, userId: string, time: number, ttl: number): Promise<ReceiptOutcome>;
  /** The message's readers in UserID order after `after`, at most `limit` (one Query); `more` when others follow. */
  readers(groupId: string, seq: number, after: string | undefined, limit: number): Promise<{ userIds: string[]; more: boolean }>;
  /** Which of the UserIDs from `first` to `last` (inclusive, in key order) read message `seq` (one Query of that range). */
  readersBetween(groupId: string, seq: number, first: string, last: string): Promise<Set<string>>;
  /** Sets the member's `noPushSince` (no-op when they left): later pushes skip their presence read. */
  markNoPushDevice(groupId: string, userId: string, since: number): Promise<void>;
  /** recentcontact/delete of a group: the conversation is hidden while the group's last SEQ is ≤ `seq`. */
  hideConversation(userId: string, groupId: string, seq: number): Promise<void>;
  /** The user's hidden group conversations: GroupId → the last SEQ when it was deleted (one Query). */
  hiddenConversations(userId: string): Promise<Map<string, number>>;
  /**
   * `conversation.clearHistory` of a group: the member's own history up to `seq` is hidden (its `clearedSeq`) and read
   * (msgSeq `seq`, skipRead `skippedAtRead`). False when the user is not a member.
   */
  clearForMember(groupId: string, userId: string, seq: number, skippedAtRead: number): Promise<boolean>;

  /**
   * Keeps a `group.system` notice for each user (one item per user in the Messages table, `GSYS#<UserID>`, expiring with
   * the retention), so a user offline when it was pushed reads it later (`group.system.list`).
   */
  putSystemNotices(userIds: readonly string[], notice: Record<string, unknown>, atMs: number, expiresAt: number): Promise<void>;
  /** The user's kept notices after `cursor` (a previous page's), oldest first, at most `limit`. */
  systemNotices(userId: string, cursor: string, limit: number): Promise<{ notices: Array<Record<string, unknown>>; cursor: string }>;

  standing(groupId: string, userId: string, withWhitelist: boolean): Promise<SenderStanding>;
  setMute(groupId: string, userIds: readonly string[], until: number): Promise<void>;
  listMutes(groupId: string, nowS: number): Promise<MuteEntry[]>;
  /** One user's forbid_send_msg mutes in several groups or topics (one BatchGetItem): container id → until (unix s). */
  listMutesOf(userId: string, groupIds: readonly string[]): Promise<Map<string, number>>;
  /** `consistent`: a strongly consistent read, for commands that act on what they read (1 RCU instead of 0.5). */
  counters(groupIds: readonly string[], consistent?: boolean): Promise<Map<string, GroupCounters>>;
  /** Moves META's cleared mark forward to `seq`; `behind` when it already was there or further, `gone` without the group. */
  clearHistory(groupId: string, seq: number, skippedAtClear: number): Promise<'ok' | 'behind' | 'gone'>;
  /** Records holes on META (a number set: adding one twice changes nothing). */
  addHoles(groupId: string, seqs: readonly number[]): Promise<void>;
  /** Moves the member's read position (msgSeq) forward; false when it was already there or the member is gone. */
  setRead(groupId: string, userId: string, seq: number, skippedAtRead: number, forward: boolean): Promise<boolean>;

  /** Online index: the group's live connections (one Query). */
  online(groupId: string): Promise<OnlineConnection[]>;
  indexConnections(entries: ReadonlyArray<{ groupId: string; userId: string; connectionId: string; msgFlag: string; ttl: number }>): Promise<void>;
  unindexConnections(entries: ReadonlyArray<{ groupId: string; userId: string; connectionId: string }>): Promise<void>;
  /** Removes every index entry of a user in a group (they left). */
  unindexMember(groupId: string, userId: string): Promise<void>;
  setIndexedFlag(groupId: string, userId: string, msgFlag: string): Promise<void>;
  /** Removes the whole index of a destroyed group (one Query, batch deletes). */
  clearIndex(groupId: string): Promise<void>;
}

/** What the conversation list and deletion need of the group message store (functions/conversations): counters, last messages, hidden entries. */
export type GroupConversationReads = Pick<GroupMessageStore, 'counters' | 'getMessages' | 'hiddenConversations' | 'hideConversation' | 'clearForMember'>;
