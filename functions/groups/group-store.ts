import type { ApplyJoinOption, GroupType, MemberRole } from './group-types.js';

/** A group's profile and counters (the `META` item). Times in unix seconds. */
export interface GroupRecord {
  groupId: string;
  type: GroupType;
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  /** Absent when the group has no owner (a Work owner quit, or created by the app admin without one). */
  ownerAccount?: string;
  createTime: number;
  infoSeq: number;
  lastInfoTime: number;
  lastMsgTime: number;
  nextMsgSeq: number;
  memberNum: number;
  maxMemberNum: number;
  applyJoinOption: ApplyJoinOption;
  muteAllMember: boolean;
  appDefinedData: Record<string, string>;
  /** JSON extension field (seed 004), at most 8 KB. */
  extension?: string;
  /** Work groups: set once the group is known to have had a message (group-activation.ts); other types are always active. */
  activated?: boolean;
  /** Community created with `SupportTopic: 1`: it may hold topics (functions/topics). */
  supportTopic?: boolean;
  /** Topics it holds now (kept by the topic transactions; functions/topics/topic-store-dynamo.ts). */
  topicNum?: number;
  /** Community: permission groups decide what members may do (`EnablePermission` 1; functions/topics/permissions.ts). */
  enablePermission?: boolean;
  /** Community: the permission bits every member holds (`DefaultPermission`). */
  defaultPermission?: number;
  /** Only on a topic's view (topics/topic-scope.ts topicAsGroup): the topic's DefaultPermission, so checks there need not read the topic again. */
  topicDefaultPermission?: number;
}

export interface MemberRecord {
  groupId: string;
  userId: string;
  groupType: GroupType;
  role: MemberRole;
  joinTime: number;
  msgFlag: string;
  nameCard: string;
  /** Unix s; 0 = not muted. */
  muteUntil: number;
  msgSeq: number;
  /** Group messages: the last SEQ before the member joined (history before it is hidden unless the type allows it). */
  joinSeq?: number;
  /** Group messages: the group's NoUnread count at the read position. */
  skipRead?: number;
  /** Group messages: the member cleared its own history up to this SEQ (`conversation.clearHistory`). */
  clearedSeq?: number;
  lastSendMsgTime: number;
  appMemberDefinedData: Record<string, string>;
  /** Offline push (ms): a presence read found no push device then; skipped while newer than `pushRegisteredAt`. */
  noPushSince?: number;
  /** Offline push (ms): when the user registered a first push device; written by push.register. */
  pushRegisteredAt?: number;
}

export interface ApplicationRecord {
  groupId: string;
  userId: string;
  applyMsg: string;
  appliedAt: number;
}

/** Why a member could not be added. */
export type AddOutcome = 'added' | 'already' | 'full' | 'joinedLimit' | 'gone';

export interface AddMemberLimits {
  /** Groups the user may be in (counts toward it unless AVChatRoom). */
  maxJoined: number;
  countsTowardJoined: boolean;
}

/** The group's user lists besides members (seed 004). */
export type GroupUserList = 'blocklist' | 'whitelist';

export interface GroupPage {
  groupIds: string[];
  /** Tencent's numeric `Next` cursor for the following page; undefined when done. */
  next?: number;
}

export interface GroupStore {
  /**
   * Writes a new group and its first members. Reserves a per-app slot (when
   * `maxGroups` > 0) and every member's joined-group slot first.
   */
  createGroup(group: GroupRecord, members: readonly MemberRecord[], limits: { maxGroups: number; maxJoined: number }):
    Promise<'created' | 'exists' | 'groupLimit' | { joinedLimit: string }>;
  getGroup(groupId: string): Promise<GroupRecord | undefined>;
  getGroups(groupIds: readonly string[]): Promise<Map<string, GroupRecord>>;
  /** Updates profile fields; `InfoSeq` + 1 and `LastInfoTime` = now. Undefined when the group is gone. */
  updateGroup(groupId: string, changes: Partial<Omit<GroupRecord, 'groupId' | 'type'>>, now: number): Promise<GroupRecord | undefined>;
  /** Deletes the group and every item of it; returns the deleted group and its members. */
  destroyGroup(groupId: string): Promise<{ group: GroupRecord; members: MemberRecord[] } | undefined>;
  listGroups(limit: number, after: number, type?: GroupType): Promise<GroupPage>;
  countGroups(type?: GroupType): Promise<number>;

  getMember(groupId: string, userId: string): Promise<MemberRecord | undefined>;
  getMembers(groupId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>>;
  /** All members, in join order (one Query, paged internally). */
  listMembers(groupId: string): Promise<MemberRecord[]>;
  /**
   * One page of members in key (UserID) order after the cursor `after` (a UserID), optionally of some roles only:
   * Queries only as far as the page needs (Community's `Next` paging). `next` is the cursor of the following page.
   */
  pageMembers(groupId: string, limit: number, after: string | undefined, roles?: readonly string[]): Promise<{ members: MemberRecord[]; next?: string }>;
  /**
   * AVChatRoom `get_members` paging: Tencent's cursor is a number, member keys are UserIDs, so the UserID a page
   * ended at is kept under the number (a reused slot: the group holds a bounded number of cursors, no TTL needed).
   */
  saveMembersCursor(groupId: string, cursor: number, after: string, at: number): Promise<void>;
  /** The UserID a cursor continues after; undefined when unknown (never issued, or its slot was reused). */
  loadMembersCursor(groupId: string, cursor: number): Promise<{ after: string; at: number } | undefined>;
  /** Conditional counters keep MemberNum and the user's joined-group count exact. */
  addMember(member: MemberRecord, limits: AddMemberLimits): Promise<AddOutcome>;
  /** Returns the removed member, undefined when it was not one. */
  removeMember(groupId: string, userId: string, countsTowardJoined: boolean): Promise<MemberRecord | undefined>;
  updateMember(groupId: string, userId: string, changes: Partial<Pick<MemberRecord, 'role' | 'msgFlag' | 'nameCard' | 'muteUntil' | 'appMemberDefinedData'>>):
    Promise<MemberRecord | undefined>;
  /** Records that a Work group has become active (no InfoSeq change). */
  markActivated(groupId: string): Promise<void>;
  /** Moves ownership: the group's owner field (conditional on the old owner) and both members' roles. */
  changeOwner(groupId: string, oldOwner: string | undefined, newOwner: string, now: number): Promise<boolean>;
  /**
   * Groups of `type` the user owns (Group.CallbackBeforeCreateGroup's `CreateGroupNum`): one COUNT Query of the
   * user's byMember partition, filtered on role and type (eventually consistent, like every index read).
   */
  countOwnedGroups(userId: string, type: GroupType): Promise<number>;
  /** Groups a user is a member of (the byMember index). */
  joinedGroups(userId: string): Promise<MemberRecord[]>;
  /**
   * Sets `pushRegisteredAt` (and puts it back among the push candidates) on every member item of the user and every
   * official-account subscription (two byMember Queries, then one conditional UpdateItem per group but AVChatRoom
   * and per subscription, bounded parallelism): pushes look the member up again. Returns the number of items.
   */
  stampPushRegistered(userId: string, at: number): Promise<number>;

  /**
   * Files a pending application. A user's second application replaces the first (`refreshed`); a new one is
   * counted and refused (`full`) when the group already holds `maxPending`.
   */
  putApplication(application: ApplicationRecord, maxPending: number): Promise<'added' | 'refreshed' | 'full'>;
  /** Removes the application (and its count); undefined when there was none (already handled). */
  takeApplication(groupId: string, userId: string): Promise<ApplicationRecord | undefined>;
  listApplications(groupId: string): Promise<ApplicationRecord[]>;

  addToList(groupId: string, list: GroupUserList, userIds: readonly string[], now: number): Promise<void>;
  removeFromList(groupId: string, list: GroupUserList, userIds: readonly string[]): Promise<void>;
  inList(groupId: string, list: GroupUserList, userId: string): Promise<boolean>;
  listOf(groupId: string, list: GroupUserList): Promise<string[]>;
}

/** The group count alone (`countGroups`): what a Lambda that reports the app's figures needs of the group store. */
export type GroupCount = Pick<GroupStore, 'countGroups'>;

/** The groups a user is in (`joinedGroups`): what the conversation list needs of the group store (functions/conversations). */
export type GroupListing = Pick<GroupStore, 'joinedGroups'>;
