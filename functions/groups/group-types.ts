/**
 * The five group types and what each allows: the seeds' comparison tables
 * (seed 003 "Group System" / "Group Management", seed 001 member change
 * notifications) as one declarative matrix. Every permission names the lowest
 * role that holds it; the app admin always ranks above the owner.
 */
export const GROUP_TYPES = ['Work', 'Public', 'Meeting', 'AVChatRoom', 'Community'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/**
 * Old names accepted on input (spec §3.8): Private is Work, ChatRoom is Meeting. BChatRoom, Tencent's deprecated
 * broadcast group (online members only, no stored member list; SDKs such as xjcloudy/tencent-im-restapi-go still name
 * it), is read as its successor AVChatRoom.
 */
export const GROUP_TYPE_ALIASES: Readonly<Record<string, GroupType>> = { Private: 'Work', ChatRoom: 'Meeting', BChatRoom: 'AVChatRoom' };

export const toGroupType = (name: string): GroupType | undefined =>
  (GROUP_TYPES as readonly string[]).includes(name) ? (name as GroupType) : GROUP_TYPE_ALIASES[name];

export type MemberRole = 'Owner' | 'Admin' | 'Member';
/** Who acts: a role in the group, a non-member, or the app admin (REST). */
export type ActorRank = 'AppAdmin' | MemberRole | 'NotMember';
/** The lowest rank holding a right; `Nobody` means not even the app admin (the type does not support it). */
export type MinRank = ActorRank | 'Nobody';

const ORDER: Record<ActorRank, number> = { NotMember: 0, Member: 1, Admin: 2, Owner: 3, AppAdmin: 4 };

/** Whether `actor` is at least `min`. */
export const ranksAtLeast = (actor: ActorRank, min: MinRank): boolean => min !== 'Nobody' && ORDER[actor] >= ORDER[min];
export const rankOrder = (rank: ActorRank): number => ORDER[rank];

export type ApplyJoinOption = 'FreeAccess' | 'NeedPermission' | 'DisableApply';
export const APPLY_JOIN_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
export type MsgFlag = 'AcceptAndNotify' | 'AcceptNotNotify' | 'Discard';
export const MSG_FLAGS = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard', 'AcceptNotNotifyExceptAt'] as const;

/** How a notification reaches members (seed 001 成员变更通知): stored with a group SEQ and pushed, pushed to online members only, or not sent. */
export type NoticeLevel = 'stored' | 'pushed' | 'off';

export interface GroupTypeRules {
  /** Roles a member may hold; an app admin acts on every type. */
  roles: readonly MemberRole[];
  /** Modify Name, Introduction, Notification, FaceUrl (Work: any member, those four fields only). */
  modifyProfile: MinRank;
  /** Modify the other profile fields (MaxMemberNum, ApplyJoinOption, MuteAllMember, custom data). */
  modifySettings: MinRank;
  /** Add non-members directly (add_group_member / group.invite). */
  invite: MinRank;
  /** Whether non-members may apply at all; how is decided by ApplyJoinOption. */
  apply: boolean;
  /** ApplyJoinOption a new group gets. */
  defaultApplyJoinOption: ApplyJoinOption;
  /**
   * Whether ApplyJoinOption may be changed. Work: there is no apply. Community: yes; seed 003 Group Management says
   * approval "can be controlled through the ApplyJoinOption field" (its notification table says the mode cannot change; we follow the former).
   */
  applyJoinOptionChangeable: boolean;
  /** Approve or reject applications. */
  approve: MinRank;
  /** Remove members; an admin only removes ordinary members. */
  kick: MinRank;
  /** Appoint or remove admins. */
  setAdmins: MinRank;
  /** Mute members; an admin only mutes ordinary members. */
  mute: MinRank;
  disband: MinRank;
  transfer: MinRank;
  /** Whether the owner may quit (the group then has no owner); otherwise 10009. */
  ownerMayQuit: boolean;
  /** Whether a member list is stored (AVChatRoom keeps only members who are online). */
  storesMembers: boolean;
  /** Whether members' info can be read (AVChatRoom: none stored). */
  memberInfoReadable: boolean;
  defaultMsgFlag: MsgFlag;
  /** Whether members see messages sent before they joined. */
  preJoinHistory: boolean;
  /** Whether history is stored at all. */
  storesHistory: boolean;
  /** Joined, quit, kicked, invited. */
  memberChangeNotice: NoticeLevel;
  /** Name, Introduction, Notification, FaceUrl, owner changed. */
  profileChangeNotice: NoticeLevel;
  /** MuteAllMember or ApplyJoinOption changed. */
  settingsChangeNotice: NoticeLevel;
  /** A member muted, an admin appointed or removed. */
  memberProfileChangeNotice: NoticeLevel;
  /** Whether the group may be imported (import_group). */
  importable: boolean;
}

const ALL_ROLES: readonly MemberRole[] = ['Owner', 'Admin', 'Member'];

export const GROUP_RULES: Readonly<Record<GroupType, GroupTypeRules>> = {
  Work: {
    roles: ['Owner', 'Member'], modifyProfile: 'Member', modifySettings: 'Owner', invite: 'Member',
    apply: false, defaultApplyJoinOption: 'DisableApply', applyJoinOptionChangeable: false, approve: 'Nobody',
    kick: 'Owner', setAdmins: 'Nobody', mute: 'Nobody', disband: 'AppAdmin', transfer: 'Owner',
    ownerMayQuit: true, storesMembers: true, memberInfoReadable: true, defaultMsgFlag: 'AcceptAndNotify',
    preJoinHistory: false, storesHistory: true,
    memberChangeNotice: 'stored', profileChangeNotice: 'stored', settingsChangeNotice: 'off', memberProfileChangeNotice: 'stored',
    importable: true,
  },
  Public: {
    roles: ALL_ROLES, modifyProfile: 'Admin', modifySettings: 'Admin', invite: 'AppAdmin',
    apply: true, defaultApplyJoinOption: 'NeedPermission', applyJoinOptionChangeable: true, approve: 'Admin',
    kick: 'Admin', setAdmins: 'Owner', mute: 'Admin', disband: 'Owner', transfer: 'Owner',
    ownerMayQuit: false, storesMembers: true, memberInfoReadable: true, defaultMsgFlag: 'AcceptAndNotify',
    preJoinHistory: false, storesHistory: true,
    memberChangeNotice: 'stored', profileChangeNotice: 'stored', settingsChangeNotice: 'off', memberProfileChangeNotice: 'stored',
    importable: true,
  },
  Meeting: {
    roles: ALL_ROLES, modifyProfile: 'Owner', modifySettings: 'Owner', invite: 'AppAdmin',
    apply: true, defaultApplyJoinOption: 'FreeAccess', applyJoinOptionChangeable: true, approve: 'Admin',
    kick: 'Admin', setAdmins: 'Owner', mute: 'Admin', disband: 'Owner', transfer: 'Owner',
    ownerMayQuit: false, storesMembers: true, memberInfoReadable: true, defaultMsgFlag: 'AcceptNotNotify',
    preJoinHistory: false, storesHistory: true,
    memberChangeNotice: 'off', profileChangeNotice: 'stored', settingsChangeNotice: 'off', memberProfileChangeNotice: 'off',
    importable: true,
  },
  AVChatRoom: {
    roles: ['Owner', 'Member'], modifyProfile: 'Owner', modifySettings: 'Owner', invite: 'Nobody',
    apply: true, defaultApplyJoinOption: 'FreeAccess', applyJoinOptionChangeable: true, approve: 'Owner',
    kick: 'Nobody', setAdmins: 'Nobody', mute: 'Owner', disband: 'Owner', transfer: 'Owner',
    ownerMayQuit: false, storesMembers: false, memberInfoReadable: false, defaultMsgFlag: 'AcceptNotNotify',
    preJoinHistory: false, storesHistory: false,
    memberChangeNotice: 'pushed', profileChangeNotice: 'pushed', settingsChangeNotice: 'off', memberProfileChangeNotice: 'off',
    importable: false,
  },
  Community: {
    roles: ALL_ROLES, modifyProfile: 'Admin', modifySettings: 'Admin', invite: 'Member',
    apply: true, defaultApplyJoinOption: 'FreeAccess', applyJoinOptionChangeable: true, approve: 'Admin',
    kick: 'Admin', setAdmins: 'Owner', mute: 'Admin', disband: 'Owner', transfer: 'Owner',
    ownerMayQuit: false, storesMembers: true, memberInfoReadable: true, defaultMsgFlag: 'AcceptAndNotify',
    preJoinHistory: true, storesHistory: true,
    memberChangeNotice: 'stored', profileChangeNotice: 'stored', settingsChangeNotice: 'off', memberProfileChangeNotice: 'stored',
    importable: true,
  },
};

export const rulesOf = (type: GroupType): GroupTypeRules => GROUP_RULES[type];
