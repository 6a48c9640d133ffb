/** group_open_http_svc codes (spec §5.7). */
export const GroupCode = {
  Internal: 10002,
  InvalidParam: 10004,
  TooManyAccounts: 10005,
  NoPermission: 10007,
  OwnerMayNotQuit: 10009,
  NotFound: 10010,
  AlreadyMember: 10013,
  Full: 10014,
  InvalidGroupId: 10015,
  RefusedByCallback: 10016,
  ResponseTooLarge: 10018,
  UserNotFound: 10019,
  IdTakenByOther: 10021,
  AlreadyHandled: 10024,
  IdTakenByYou: 10025,
  JoinedLimit: 10037,
  GroupCountLimit: 10058,
  /** "You are not a member" on member-only operations: Tencent answers with its permission code. */
  NotMember: 10007,
  /** A group already holds `GROUP_LIMITS.pendingApplications` pending applications (no Tencent code is documented; README). */
  TooManyApplications: 10004,
} as const;

/** Field limits (seed 003 Group Data Structure; spec §3.8). */
export const GROUP_LIMITS = {
  name: 30,
  introduction: 240,
  notification: 300,
  faceUrl: 100,
  nameCard: 50,
  groupIdBytes: 48,
  initialMembers: 100,
  addMembers: 300,
  deleteMembers: 100,
  infoIds: 50,
  roleQuery: 500,
  /** get_specified_group_member_info (Tencent's page for it: at most 50 accounts a call). */
  specifiedMembers: 50,
  groupCustomValue: 512,
  memberCustomValue: 64,
  customKeyBytes: 16,
  extensionBytes: 8 * 1024,
  appGroupListLimit: 10000,
  joinedListLimit: 5000,
  memberPage: 6000,
  /** AVChatRoom get_members: members per page (spec §3.8), and accounts per check_members (Tencent's AVChatRoom account batches). */
  onlineMembersPage: 500,
  checkMembers: 500,
  /** Pending join applications a group holds (seed 003/002: a pending list keeps at most 50). */
  pendingApplications: 50,
  /** Largest answer of get_group_info / get_group_member_info (spec §3.8 and §5.7: 10018). */
  responseBytes: 1024 * 1024,
} as const;
