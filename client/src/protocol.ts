/**
 * The WebSocket protocol's request and reply types, derived from the schemas
 * and domain functions the server itself uses (docs/websocket.md). Every import
 * here is `import type`: it is erased at build time, so no server code (nor zod)
 * reaches the SDK bundle; a schema change on the server breaks the SDK's type-check.
 */
import type * as z from 'zod/mini';
import type * as c2c from '../../functions/c2c/schemas.js';
import type * as c2cActions from '../../functions/c2c/action-schemas.js';
import type * as c2cConversations from '../../functions/c2c/conversation-schemas.js';
import type * as groups from '../../functions/groups/schemas.js';
import type * as sns from '../../functions/sns/schemas.js';
import type * as snsWs from '../../functions/sns/friend-ws.js';
import type * as snsRequests from '../../functions/sns/friend-requests.js';
import type * as groupmsg from '../../functions/groupmsg/schemas.js';
import type * as groupattrs from '../../functions/groupattrs/schemas.js';
import type * as topics from '../../functions/topics/schemas.js';
import type * as convSettings from '../../functions/c2c/conversation-settings-schemas.js';
import type { listConversations } from '../../functions/c2c/conversations.js';
import type { c2cHistory } from '../../functions/c2c/history.js';
import type { c2cReceiptStatus, sendC2cReceipts } from '../../functions/c2c/receipts.js';
import type { groupReceiptCounts, groupReceiptDetail } from '../../functions/groupmsg/receipts.js';
import type { PUSH_PLATFORMS } from '../../functions/connections/connection-store.js';
import type * as userStatus from '../../functions/connections/user-status.js';
import type { MsgElement } from './elements.js';

type Reply<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type WithBody<T> = Omit<T, 'MsgBody'> & { MsgBody: MsgElement[] };

/** Conversation ids as Tencent's SDKs spell them: `C2C<UserID>` and `GROUP<GroupId>`. */
export type ConversationId = `C2C${string}` | `GROUP${string}`;

// ---- one-to-one messages (functions/c2c) ----
export type C2cSendInput = WithBody<z.input<typeof c2c.wsSendInput>>;
export interface C2cSendReply { MsgSeq: number; MsgTime: number; MsgKey: string }
export type C2cHistoryInput = z.input<typeof c2c.historyInput>;
export type C2cHistoryReply = Omit<Reply<typeof c2cHistory>, 'Messages'> & { Messages: Array<C2cMessageEvent & { IsPeerRead?: 0 | 1 }> };
export type C2cReadInput = z.input<typeof c2cActions.readInput>;
/** `c2c.receiveOpt.set`: this user's option for messages from these peers (≤ 30). */
export type C2cReceiveOptSetInput = z.input<typeof c2c.receiveOptSetInput>;
export type C2cReceiveOptGetInput = z.input<typeof c2c.receiveOptGetInput>;
export type C2cReceiveOpt = c2c.ReceiveOpt;
/** `group.system.list`: the kept `group.system` notices after `Cursor`. */
export type GroupSystemListInput = { Cursor?: string; Count?: number };
export type GroupSystemListReply = { Notices: Array<ServerEvents['group.system']>; Cursor: string; Complete: 0 | 1 };
export type C2cRecallInput = z.input<typeof c2cActions.recallInput>;
/** `msg.modify`: the message (C2C `Peer_Account` + `MsgKey`, group `GroupId` + `MsgSeq`), the new fields, the version edited. */
export type MessageModifyInput = WithBody<z.input<typeof c2cActions.modifyInput>>;
export type ConversationListInput = z.input<typeof c2cConversations.conversationListInput>;
type ServerConversation = Exclude<Reply<typeof listConversations>['Conversations'][number], { Type: 'Official' }>;
/** Subscribed official accounts' rows (`Type: 'Official'`): the client hands them to `im.official` (client/src/official-accounts.ts). */
export type OfficialConversationRow = Extract<Reply<typeof listConversations>['Conversations'][number], { Type: 'Official' }>;
export type ConversationListReply = Omit<Reply<typeof listConversations>, 'Conversations'> & {
  Conversations: Array<(Omit<ServerConversation, 'Type' | 'LastMsg'> & { Type: 'C2C' | 'Group'; GroupId?: string; TopicId?: string; LastMsg?: C2cMessageEvent | GroupMessageEvent }) | OfficialConversationRow>;
};

// ---- conversation pins, marks, custom data, conversation groups (functions/c2c/conversation-settings*.ts) ----
export type ConversationPinInput = z.input<typeof convSettings.wsPinInput>;
export type ConversationMarkInput = z.input<typeof convSettings.wsMarkInput>;
export type ConversationDeleteInput = z.input<typeof convSettings.wsDeleteInput>;
export type ConversationClearHistoryInput = z.input<typeof convSettings.wsClearHistoryInput>;
export type ConversationCustomDataInput = z.input<typeof convSettings.wsCustomDataInput>;
export type ConversationCreateGroupInput = z.input<typeof convSettings.wsCreateGroupInput>;
export type ConversationRenameGroupInput = z.input<typeof convSettings.wsRenameGroupInput>;
export type ConversationGroupNameInput = z.input<typeof convSettings.wsGroupNameInput>;
export type ConversationMoveInput = z.input<typeof convSettings.wsMoveInput>;
export type ConversationGroupUnreadInput = z.input<typeof convSettings.wsGroupUnreadInput>;
/** Per conversation: 0, or why it was skipped (50002: not in the conversation list). */
export interface ConversationResults { ResultItem: Array<{ ConversationID: string; ResultCode: number; ResultInfo: string }> }
export interface ConversationGroupItem { GroupName: string; GroupId: number }
/** The user's own settings of a conversation, as `conversation.list` and `conversation.changed` carry them. */
export interface ConversationSettingsView { TopFlag: 0 | 1; MarkList: number[]; ConversationGroupList: string[]; CustomData: string }

/** `c2c.message` (and a `history.c2c` item). */
export interface C2cMessageEvent {
  From_Account: string;
  To_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTimeStamp: number;
  MsgKey: string;
  MsgFlagBits?: number;
  MsgBody: MsgElement[];
  CloudCustomData?: string;
  Nick?: string;
  FaceUrl?: string;
  IsNeedReadReceipt?: 1;
  /** Edits so far; absent on a message never edited. */
  MsgVersion?: number;
}

// ---- group messages (functions/groupmsg) ----
export type GroupSendInput = WithBody<z.input<typeof groupmsg.wsGroupSendInput>>;
export interface GroupSendReply { MsgSeq: number; MsgTime: number }
export type GroupHistoryInput = z.input<typeof groupmsg.wsHistoryInput>;
/** A `group_msg_get_simple` item: `IsPlaceMsg` 1 deleted or expired, 2 recalled. */
export interface GroupHistoryItem {
  From_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTimeStamp: number;
  MsgBody: MsgElement[];
  IsPlaceMsg?: number;
  MsgPriority?: number;
  IsSystemMsg?: number;
  CloudCustomData?: string;
  NeedReadReceipt?: 1;
  MsgVersion?: number;
}
/** `SkippedSeqs`: seqs of the page whose send died before storing its message (holes), when there are any. */
export interface GroupHistoryReply { GroupId?: string; RspMsgList: GroupHistoryItem[]; IsFinished: number; SkippedSeqs?: number[] }
/** `group.message`. */
export interface GroupMessageEvent {
  GroupId: string;
  /** A message of a Community topic. */
  TopicId?: string;
  From_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTimeStamp: number;
  MsgBody: MsgElement[];
  CloudCustomData?: string;
  NameCard?: string;
  Nick?: string;
  MsgFlagBits?: number;
  /** The sender asked for read receipts (`msg.receipt.send`). */
  NeedReadReceipt?: 1;
  MsgVersion?: number;
  /** Whom the message @-mentions (`GroupAtAllFlag` 1: everyone). */
  GroupAtInfo?: GroupAtInfo[];
}
export interface GroupAtInfo { GroupAtAllFlag: 0 | 1; GroupAt_Account?: string }
export type TopicListInput = z.input<typeof topics.wsTopicListInput>;
export type TopicCreateInput = z.input<typeof topics.createTopicInput>;
export type TopicModifyInput = z.input<typeof topics.modifyTopicInput>;
export type TopicDestroyInput = z.input<typeof topics.destroyTopicInput>;
export type PermissionListInput = z.input<typeof topics.wsPermissionListInput>;
export type GroupMuteInput = z.input<typeof groupmsg.forbidSendInput>;
export type PermissionGroupCreateInput = z.input<typeof topics.createPermissionGroupInput>;
export type PermissionGroupModifyInput = z.input<typeof topics.modifyPermissionGroupInput>;
export type PermissionGroupDestroyInput = z.input<typeof topics.destroyPermissionGroupInput>;
export type PermissionGroupGetInput = z.input<typeof topics.getPermissionGroupInput>;
export type TopicPermissionInput = z.input<typeof topics.topicPermissionInput>;
export type TopicPermissionDeleteInput = z.input<typeof topics.deleteTopicPermissionInput>;
export type TopicPermissionGetInput = z.input<typeof topics.getTopicPermissionInput>;
export type PermissionMembersInput = z.input<typeof topics.permissionMembersInput>;
export type PermissionMemberListInput = z.input<typeof topics.permissionMemberListInput>;
/** A permission group as `get_permission_group` and `permission.get` answer it. */
export interface PermissionGroupInfo {
  ErrorCode: number; ErrorInfo: string; PermissionGroupId: string;
  PermissionGroupName?: string; Permission?: number; CustomString?: string; MemberNum?: number; CreateTime?: number;
}
/** Per-topic outcome of the topic-permission actions (`Permission` in `permission.topic.get`). */
export interface TopicPermissionResult { ErrorCode: number; ErrorInfo: string; TopicId: string; Permission?: number }
/** An item of `topic.list`: Tencent's get_topic item, with the caller's `UnreadNum` and the topic's `LastMsgSeq`. */
export interface TopicAndSelfInfo {
  ErrorCode: number;
  ErrorInfo: string;
  TopicId?: string;
  TopicInfo?: {
    TopicName: string; GroupID: string; FaceUrl: string; TopicId: string; NextMsgSeq: number; Notification: string; Introduction: string;
    CreateTime: number; LastMsgTime: number; ShutUpAllFlag: 0 | 1; CustomString: string;
    /** Topic bits every member holds here, once set (docs/rest.md, topic default permissions). */
    DefaultPermission?: number;
  };
  SelfInfo?: { ShutUpTime: number; MsgSeq: number; MsgFlag: string };
  UnreadNum?: number;
  LastMsgSeq?: number;
}
export interface MyPermissions {
  GroupId: string;
  EnablePermission: 0 | 1;
  DefaultPermission: number;
  PermissionGroupList: Array<{ PermissionGroupId: string; PermissionGroupName: string; Permission: number; CustomString: string; MemberNum: number; CreateTime: number }>;
  Permission: number;
  TopicId?: string;
  TopicPermission?: number;
}
export type GroupMessagePinInput = z.input<typeof groupmsg.pinInput>;
/** An item of `group.message.pins`: the message as `group.message`, with who pinned it and when (unix s). */
export type PinnedGroupMessage = GroupMessageEvent & { PinTime: number; Pinner_Account: string };

// ---- message extensions (functions/msgext) ----
export interface MessageExtension { Key: string; Value: string; Seq: number }
/** Per pair: 0, 23001 (the key changed since the Seq sent; `Extension` is its current value) or 23004 (no such key to delete). */
export interface MessageExtensionResult { ErrorCode: number; Extension: MessageExtension }
/** `msg.extensions.set` / `.delete`: per-pair results and the message's Seq and ClearSeq after. */
export interface MessageExtensionsReply { ExtensionList: MessageExtensionResult[]; Seq: number; ClearSeq: number }
/** `msg.extensions.get`: pairs with Seq ≥ StartSeq in Seq order, at most 200; `CompleteFlag` 0: ask again from the last Seq. */
export interface MessageExtensionsPage { CompleteFlag: 0 | 1; LatestSeq: number; ClearSeq: number; ExtensionList: MessageExtension[] }
type ExtensionChange = { OperateType: 1 | 2 | 3; ExtensionList: MessageExtension[]; Seq: number; ClearSeq: number; Operator_Account: string };
// ---- read receipts (functions/c2c/receipts.ts, functions/groupmsg/receipts.ts) ----
/** `msg.receipt.send` / `msg.receipt.get`: `Peer_Account` + `MsgKeyList` (C2C) or `GroupId` + `MsgSeqList` of `{MsgSeq}`. */
export type ReceiptInput = z.input<typeof c2cActions.receiptInput>;
export type ReceiptDetailInput = z.input<typeof groupmsg.receiptDetailInput>;
/** Group receipts, sent or read: a `Code` per message (0, 10062 no receipt information, 10007 not allowed) and its counts. */
export type GroupReceiptReply = Reply<typeof groupReceiptCounts>;
export type C2cReceiptSendReply = Reply<typeof sendC2cReceipts>;
export type C2cReceiptStatusReply = Reply<typeof c2cReceiptStatus>;
/** `msg.receipt.detail`: one page of who read (`ReadList`) or did not (`UnreadList`), `Cursor` for the next. */
export type ReceiptDetailReply = Reply<typeof groupReceiptDetail>;
/** A message's read receipt as the client's `getMessageReadReceiptList` answers it. */
export interface MessageReadReceipt {
  ConversationID: ConversationId;
  MsgSeq: number;
  MsgKey?: string;
  /** 0, or why there is none: 10062 (group) no receipt information, 10007 (group) not this user's message, 20026 (C2C) no such message of this user's. */
  Code: number;
  /** Group: members who read it, and who did not yet. */
  ReadNum?: number;
  UnreadNum?: number;
  /** C2C: whether the peer read it. */
  IsPeerRead?: 0 | 1;
}

// ---- groups (functions/groups) ----
export type GroupCreateInput = z.input<typeof groups.createGroupInput>;
export type GroupInfoInput = z.input<typeof groups.getGroupInfoInput>;
export type GroupModifyInput = z.input<typeof groups.modifyGroupInput> & { Extension?: string };
export type GroupIdInput = z.input<typeof groups.groupIdInput>;
export type GroupTransferInput = z.input<typeof groups.changeOwnerInput>;
export type GroupJoinInput = z.input<typeof groups.joinInput>;
export type GroupInviteInput = z.input<typeof groups.addMembersInput>;
export type GroupKickInput = z.input<typeof groups.deleteMembersInput>;
export type GroupMembersInput = z.input<typeof groups.memberInfoInput>;
export type GroupSpecifiedMembersInput = z.input<typeof groups.specifiedMembersInput>;
export type GroupModifyMemberInput = z.input<typeof groups.modifyMemberInput>;
export type GroupHandleApplicationInput = z.input<typeof groups.handleApplicationInput>;
export type GroupJoinedInput = Omit<z.input<typeof groups.joinedListInput>, 'Member_Account'>;
export type GroupUserListInput = z.input<typeof groups.userListInput>;

// ---- group attributes and counters (functions/groupattrs) ----
export type GroupAttributesInput = z.input<typeof groupattrs.groupAttrInput>;
export type GroupAttributesDeleteInput = z.input<typeof groupattrs.wsDeleteAttrInput>;
export type GroupCountersGetInput = z.input<typeof groupattrs.wsGetCountersInput>;
export type GroupCountersSetInput = z.input<typeof groupattrs.wsSetCountersInput>;
export type GroupCounterStepInput = z.input<typeof groupattrs.wsStepCounterInput>;
export interface GroupAttr { key: string; value: string }
export interface GroupCounter { Key: string; Value: number }

// ---- relationship chain (functions/sns) ----
export type FriendAddInput = z.input<typeof sns.wsFriendAddInput>;
export type FriendRespondInput = z.input<typeof sns.wsRespondInput>;
export type AccountsInput = z.input<typeof sns.wsAccountsInput>;
export type FriendDeleteInput = z.input<typeof sns.wsFriendDeleteInput>;
export type FriendListInput = z.input<typeof sns.wsFriendListInput>;
export type BlocklistListInput = z.input<typeof sns.wsBlocklistListInput>;
export type FriendCheckInput = z.input<typeof snsWs.wsFriendCheckInput>;
export type FriendUpdateInput = z.input<typeof snsWs.wsFriendUpdateInput>;
export type FriendGroupsInput = z.input<typeof snsWs.wsFriendGroupsInput>;
export type FriendGroupsChangeInput = z.input<typeof snsWs.wsFriendGroupsChangeInput>;
export type FriendRequestDeleteInput = z.input<typeof snsRequests.wsRequestDeleteInput>;

// ---- user status (functions/connections/user-status.ts) ----
export type StatusGetInput = z.input<typeof userStatus.statusGetInput>;
export type StatusSetInput = z.input<typeof userStatus.statusSetInput>;
export type StatusSubscribeInput = z.input<typeof userStatus.statusSubscribeInput>;
export type StatusUnsubscribeInput = z.input<typeof userStatus.statusUnsubscribeInput>;
export type UserStatus = userStatus.UserStatus;
export type StatusGetReply = Reply<typeof userStatus.getUserStatuses>;
export type StatusSubscribeReply = Reply<typeof userStatus.subscribeStatuses>;

// ---- profiles and push (their schemas are private to the routes; same shapes) ----
export interface ProfileItem { Tag: string; Value: unknown }
export interface ProfileGetInput { To_Account: string[]; TagList: string[] }
export interface PushRegisterInput { Platform: (typeof PUSH_PLATFORMS)[number]; Token: string; BusinessID?: number }

// ---- push to all users (functions/broadcast) ----
/** `broadcast.message`, and an item of `broadcast.sync`. */
export interface BroadcastMessage {
  TaskId: string;
  From_Account: string;
  MsgRandom: number;
  /** unix s */
  MsgTime: number;
  MsgBody: MsgElement[];
  Nick?: string;
}
export interface BroadcastSyncReply { Messages: BroadcastMessage[]; Cursor: number }

/** Server events other than the message streams, by name (docs/websocket.md, Events). */
export interface ServerEvents {
  /** The peer read this user's C2C messages up to `MsgSeq` (sent for messages that asked for a read receipt). */
  'c2c.receipt': { Peer_Account: string; MsgSeq: number; ReadTime: number };
  'c2c.read': { Peer_Account: string; MsgSeq: number; ReadTime: number };
  /** A member read one of this user's group messages that asked for read receipts: its counts now. */
  'message.receipt': { GroupId: string; MsgSeq: number; ReadNum: number; UnreadNum: number; Reader_Account: string };
  'msg.recalled': { Peer_Account: string; MsgKey: string } | { GroupId: string; MsgSeq: number };
  /** This user deleted messages for itself on another device (`msg.delete`, REST `delete_c2c_msg_ramble`). */
  'msg.deleted': { Peer_Account: string; MsgKeyList: string[] };
  'friend.request': { From_Account: string; To_Account: string; AddSource: string; AddWording?: string; AddType: string; AddTime: number };
  'friend.response': { From_Account: string; To_Account: string; ResponseAction: string };
  'friend.added': { PairList: Array<{ From_Account: string; To_Account: string }> };
  /** A pending request between this user and another was deleted without an answer (`friend.requests.delete`). */
  'friend.request.deleted': { From_Account: string; To_Account: string };
  /** Fields of these friends of this user changed (`friend.update`, REST `friend_update`). */
  'friend.updated': { To_Account: string[] };
  /** This user's friend lists (friend groups) may have changed: read them again (`friend.groups`). */
  'friend.groups.changed': Record<string, never>;
  /** This user marked its friend requests read (`friend.requests.read`, on any of its connections). */
  'friend.requests.read': { ReadTime: number };
  'friend.deleted': { PairList: Array<{ From_Account: string; To_Account: string }> };
  'blocklist.added': { PairList: Array<{ From_Account: string; To_Account: string }> };
  'blocklist.deleted': { PairList: Array<{ From_Account: string; To_Account: string }> };
  'profile.changed': { From_Account: string; ProfileItem: ProfileItem[] };
  /** A subscribed user's status changed (or this user's own custom status). */
  'status.changed': { From_Account: string; Status: UserStatus['Status']; CustomStatus: string };
  'group.tip': { GroupId: string; Type: string; TipType: string; Operator_Account?: string; TipTime: number } & Record<string, unknown>;
  'group.system': { GroupId: string; GroupType?: string; Type: string; Operator_Account?: string; NoticeTime: number } & Record<string, unknown>;
  /** AVChatRoom: several `group.message`s for this connection in one frame. */
  'group.messages': { GroupId: string; Messages: Array<Omit<GroupMessageEvent, 'GroupId'> & { GroupId?: string }> };
  'broadcast.message': BroadcastMessage;
  /** A group's attributes changed: the whole new set. */
  'group.attributes.changed': { GroupId: string; GroupAttrAry: GroupAttr[]; Operator_Account: string };
  /** Another device (or the app backend) changed pins, marks, custom data or groups of these conversations. */
  'conversation.changed': { Conversations: Array<ConversationSettingsView & { ConversationID: ConversationId; Type: 'C2C' | 'Group'; Peer_Account?: string; GroupId?: string }> };
  /** A read on another of the user's connections (or by REST) moved the read position; `UnreadNum` counts up to `LastMsgSeq`. */
  'conversation.read': { ConversationID: ConversationId; ReadMsgSeq: number; UnreadNum: number; LastMsgSeq: number };
  /** These conversations left the user's list, deleted on another device or by REST `recentcontact/delete`. */
  'conversation.deleted': { ConversationIDList: ConversationId[] };
  /** This user cleared its history of the conversation up to `ClearedMsgSeq` on another device (`conversation.clearHistory`). */
  'conversation.cleared': { ConversationID: ConversationId; ClearedMsgSeq: number };
  /** The user's conversation groups after a create, rename or delete. */
  'conversation.groups.changed': { GroupItem: ConversationGroupItem[] };
  /** Group counters changed: the new values, or the keys deleted. */
  'group.counters.changed': { GroupId: string; GroupCounter: GroupCounter[]; DeletedKeys?: string[]; Operator_Account: string };
  /** A message of one of this user's conversations was edited: the whole message as edited, its version and the editor. */
  'message.modified': ((C2cMessageEvent & { GroupId?: undefined }) | GroupMessageEvent) & { MsgVersion: number; Operator_Account: string };
  /** Extensions of a message changed: the pairs set (1), deleted (2, Value "") or cleared (3: all of them), with their new Seq. */
  'message.extensions.changed': ({ From_Account: string; To_Account: string; MsgKey: string } | { GroupId: string; MsgSeq: number }) & ExtensionChange;
  /** A group message was pinned (with the message) or unpinned. */
  'group.message.pinned': { GroupId: string; MsgSeq: number; IsPinned: 0 | 1; Operator_Account: string; PinTime: number; Message?: GroupMessageEvent };
}
