import * as z from 'zod/mini';
import { userIdField } from '../shared/identifiers.js';
import { legacyNames } from '../shared/leniency.js';
import { coded, maxBytes } from '../shared/validation.js';
import { GROUP_LIMITS, GroupCode } from './group-codes.js';
import { isPlausibleGroupId } from './group-ids.js';
import { APPLY_JOIN_OPTIONS, MSG_FLAGS, toGroupType } from './group-types.js';

const C = GroupCode;
const L = GROUP_LIMITS;

/** A group id, or a Community topic id (`GROUP<TopicId>` conversations address a topic by its id alone; ≤ 96 bytes). */
export const groupIdField = z.string().check(z.refine((id) => isPlausibleGroupId(id) || (id.includes('@TOPIC#_') && /^[\x20-\x7e]{1,96}$/.test(id)),
  coded(C.InvalidGroupId, 'GroupId must be 1-48 bytes of printable ASCII')));
const account = (what = 'Member_Account') => userIdField(C.InvalidParam, what);
const batch = <T extends z.ZodMiniType>(item: T, what: string, max: number) =>
  z.array(item).check(
    z.minLength(1, coded(C.InvalidParam, `${what} is empty`)),
    z.maxLength(max, coded(C.TooManyAccounts, `${what} has more than ${max} entries`)),
  );
const text = (max: number, what: string) => z.optional(z.string().check(maxBytes(max, C.InvalidParam, what)));
const keyValues = z.optional(z.array(z.object({ Key: z.string(), Value: z.string() })).check(z.maxLength(10, coded(C.InvalidParam, 'too many custom fields'))));
const typeField = z.string().check(z.refine((t) => toGroupType(t) !== undefined, coded(C.InvalidParam, 'Type must be Work (Private), Public, Meeting (ChatRoom), AVChatRoom (BChatRoom) or Community')));
const stringList = z.optional(z.array(z.string()));
const extension = z.optional(z.string().check(
  maxBytes(L.extensionBytes, C.InvalidParam, 'Extension'),
  z.refine((s) => { try { JSON.parse(s); return true; } catch { return false; } }, coded(C.InvalidParam, 'Extension must be JSON')),
));

const profileFields = {
  Name: text(L.name, 'Name'),
  Introduction: text(L.introduction, 'Introduction'),
  Notification: text(L.notification, 'Notification'),
  FaceUrl: text(L.faceUrl, 'FaceUrl'),
};

export const createGroupInput = z.object({
  Owner_Account: z.optional(account('Owner_Account')),
  Type: typeField,
  // Non-empty: Go SDKs that always send the field send "" for "let the server choose", which then reads as not given.
  GroupId: z.optional(z.string().check(z.minLength(1))),
  ...profileFields,
  Name: z.string().check(z.minLength(1, coded(C.InvalidParam, 'Name is required')), maxBytes(L.name, C.InvalidParam, 'Name')),
  MaxMemberCount: z.optional(z.int().check(z.gte(1))),
  ApplyJoinOption: z.optional(z.enum(APPLY_JOIN_OPTIONS)),
  AppDefinedData: keyValues,
  MemberList: z.optional(z.array(z.object({
    Member_Account: account(),
    Role: z.optional(z.string()),
    AppMemberDefinedData: keyValues,
  })).check(z.maxLength(L.initialMembers, coded(C.TooManyAccounts, `MemberList has more than ${L.initialMembers} members`)))),
  SupportTopic: z.optional(z.number()),
  EnablePermission: z.optional(z.int().check(z.gte(0), z.lte(1))),
  DefaultPermission: z.optional(z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))),
});

export const importGroupInput = z.object({
  ...createGroupInput.shape,
  MemberList: z.optional(z.array(z.never())),
  CreateTime: z.optional(z.int().check(z.positive())),
});

const infoFilter = z.optional(z.object({
  GroupBaseInfoFilter: stringList,
  MemberInfoFilter: stringList,
  AppDefinedDataFilter_Group: stringList,
  AppDefinedDataFilter_GroupMember: stringList,
}));

export const getGroupInfoInput = z.object({
  GroupIdList: batch(z.string(), 'GroupIdList', L.infoIds),
  ResponseFilter: infoFilter,
});

/** `ShutUpAllMember` is the older name of `MuteAllMember` (dobyte/tencent-im updateGroupReq still sends it). */
export const modifyGroupInput = legacyNames(z.object({
  GroupId: groupIdField,
  ...profileFields,
  MaxMemberNum: z.optional(z.int().check(z.gte(1))),
  ApplyJoinOption: z.optional(z.enum(APPLY_JOIN_OPTIONS)),
  MuteAllMember: z.optional(z.enum(['On', 'Off'])),
  AppDefinedData: keyValues,
  Extension: extension,
  EnablePermission: z.optional(z.int().check(z.gte(0), z.lte(1))),
  DefaultPermission: z.optional(z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))),
}), { MuteAllMember: ['ShutUpAllMember'] });

export const groupIdInput = z.object({ GroupId: groupIdField });

export const changeOwnerInput = z.object({ GroupId: groupIdField, NewOwner_Account: account('NewOwner_Account') });

export const appGroupListInput = z.object({
  Limit: z.optional(z.int().check(z.gte(1), z.lte(L.appGroupListLimit))),
  Next: z.optional(z.int().check(z.gte(0))),
  GroupType: z.optional(typeField),
});

export const addMembersInput = z.object({
  GroupId: groupIdField,
  Silence: z.optional(z.union([z.literal(0), z.literal(1)])),
  MemberList: batch(z.object({ Member_Account: account() }), 'MemberList', L.addMembers),
});

export const importMembersInput = z.object({
  GroupId: groupIdField,
  MemberList: batch(z.object({
    Member_Account: account(), Role: z.optional(z.string()), JoinTime: z.optional(z.int().check(z.positive())), UnreadMsgNum: z.optional(z.int().check(z.gte(0))),
  }), 'MemberList', L.addMembers),
});

export const deleteMembersInput = z.object({
  GroupId: groupIdField,
  MemberToDel_Account: batch(account('MemberToDel_Account'), 'MemberToDel_Account', L.deleteMembers),
  Silence: z.optional(z.union([z.literal(0), z.literal(1)])),
  Reason: z.optional(z.string().check(maxBytes(256, C.InvalidParam, 'Reason'))),
});

export const memberInfoInput = z.object({
  GroupId: groupIdField,
  MemberInfoFilter: stringList,
  MemberRoleFilter: z.optional(z.array(z.enum(['Owner', 'Admin', 'Member']))),
  AppDefinedDataFilter_GroupMember: stringList,
  /** At least 1: Go SDKs send `Limit: 0` for "not set", which Tencent reads as every member. */
  Limit: z.optional(z.int().check(z.gte(1), z.lte(L.memberPage))),
  Offset: z.optional(z.int().check(z.gte(0))),
  /** Community: cursor paging (`""` first); the answer's `Next` is `""` after the last page. */
  Next: z.optional(z.string().check(maxBytes(200, C.InvalidParam, 'Next'))),
});

export const specifiedMembersInput = z.object({
  GroupId: groupIdField,
  Member_List_Account: batch(z.string(), 'Member_List_Account', L.specifiedMembers),
  MemberInfoFilter: memberInfoInput.shape.MemberInfoFilter,
  MemberRoleFilter: memberInfoInput.shape.MemberRoleFilter,
  AppDefinedDataFilter_GroupMember: memberInfoInput.shape.AppDefinedDataFilter_GroupMember,
});

/** `ShutUpTime` is the older name of `MuteTime` (seconds; 0 unmutes), as in Tencent's legacy PHP sample. */
export const modifyMemberInput = legacyNames(z.object({
  GroupId: groupIdField,
  Member_Account: account(),
  Role: z.optional(z.enum(['Admin', 'Member'])),
  MsgFlag: z.optional(z.enum(MSG_FLAGS)),
  NameCard: z.optional(z.string().check(maxBytes(L.nameCard, C.InvalidParam, 'NameCard'))),
  AppMemberDefinedData: keyValues,
  MuteTime: z.optional(z.int().check(z.gte(0), z.lte(4294967295))),
}), { MuteTime: ['ShutUpTime'] });

export const joinedListInput = z.object({
  Member_Account: account(),
  Limit: z.optional(z.int().check(z.gte(1), z.lte(L.joinedListLimit))),
  Offset: z.optional(z.int().check(z.gte(0))),
  GroupType: z.optional(typeField),
  WithHugeGroups: z.optional(z.union([z.literal(0), z.literal(1)])),
  WithNoActiveGroups: z.optional(z.union([z.literal(0), z.literal(1)])),
  ResponseFilter: z.optional(z.object({ GroupBaseInfoFilter: stringList, SelfInfoFilter: stringList })),
});

export const roleInGroupInput = z.object({
  GroupId: groupIdField,
  User_Account: batch(z.string(), 'User_Account', L.roleQuery),
});

export const joinInput = z.object({ GroupId: groupIdField, ApplyMsg: z.optional(z.string().check(maxBytes(300, C.InvalidParam, 'ApplyMsg'))) });
export const handleApplicationInput = z.object({ GroupId: groupIdField, Requestor_Account: account('Requestor_Account'), Decision: z.enum(['Approve', 'Reject']) });
export const userListInput = z.object({ GroupId: groupIdField, Members_Account: batch(account('Members_Account'), 'Members_Account', L.deleteMembers) });

/** group_open_avchatroom_http_svc/get_members: `Timestamp` is the previous page's `NextTimestamp` (0 first). */
export const onlineMembersInput = z.object({
  GroupId: groupIdField,
  Timestamp: z._default(z.int().check(z.gte(0)), 0),
  /** Member marks are positive (Tencent's start at 1000): an integer-typed SDK's `Mark: 0` reads as "no mark filter". */
  Mark: z.optional(z.int().check(z.positive())),
});

export const checkMembersInput = z.object({
  GroupId: groupIdField,
  Member_Account: batch(z.string(), 'Member_Account', L.checkMembers),
});
