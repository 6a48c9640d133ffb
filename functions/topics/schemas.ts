import * as z from 'zod/mini';
import { userIdField } from '../shared/identifiers.js';
import { legacyNames } from '../shared/leniency.js';
import { coded, maxBytes } from '../shared/validation.js';
import { groupIdField } from '../groups/schemas.js';
import { TopicCode as C } from './topic-codes.js';
import { TOPIC_LIMITS as L } from './topic-limits.js';
import { PERMISSION_LIMITS as P } from './permission-groups.js';

const ascii = (max: number, what: string) => z.string().check(z.refine((v) => /^[\x20-\x7e]+$/.test(v) && v.length <= max, coded(C.InvalidParam, `${what} must be 1-${max} bytes of printable ASCII`)));
const topicId = ascii(96, 'TopicId');
const text = (max: number, what: string) => z.optional(z.string().check(maxBytes(max, C.InvalidParam, what)));
/** SDKs send `""` for an unset optional id: the domain reads it as not given and checks the rules of a given one. */
const optionalId = z.optional(z.string());
const account = (what: string) => userIdField(C.InvalidParam, what);
const list = <T extends z.ZodMiniType>(item: T, what: string, max: number) => z.array(item).check(
  z.minLength(1, coded(C.InvalidParam, `${what} is empty`)),
  z.maxLength(max, coded(C.TooMany, `${what} has more than ${max} entries`)),
);
const optionalList = <T extends z.ZodMiniType>(item: T, what: string, max: number) =>
  z.optional(z.array(item).check(z.maxLength(max, coded(C.TooMany, `${what} has more than ${max} entries`))));
const bits = (what: string) => z.int().check(z.gte(0, coded(C.InvalidParam, `${what} must be a non-negative integer`)), z.lte(Number.MAX_SAFE_INTEGER));

const topicProfile = {
  From_Account: z.optional(z.string()),
  CustomString: text(L.customString, 'CustomString'),
  FaceUrl: text(L.faceUrl, 'FaceUrl'),
  Notification: text(L.notification, 'Notification'),
  Introduction: text(L.introduction, 'Introduction'),
  /** Our name (Tencent's REST pages name none; create_group's `DefaultPermission`, V2TIMTopicInfo's `defaultPermissions`). */
  DefaultPermission: z.optional(bits('DefaultPermission')),
};
const topicName = z.string().check(z.minLength(1, coded(C.InvalidParam, 'TopicName is required')), maxBytes(L.name, C.InvalidParam, 'TopicName'));

export const createTopicInput = z.object({ GroupId: groupIdField, TopicId: optionalId, TopicName: topicName, ...topicProfile });
export const importTopicInput = z.object({
  ...createTopicInput.shape,
  Type: z.optional(z.string().check(z.refine((t) => t === '' || t === 'Community', coded(C.InvalidParam, 'Type must be Community')))),
  CreateTime: z.optional(z.int().check(z.gte(0))),
});
export const getTopicInput = z.object({
  GroupId: groupIdField,
  From_Account: z.optional(z.string()),
  TopicIdList: optionalList(topicId, 'TopicIdList', L.idsPerCall),
  ResponseFilter: z.optional(z.array(z.string())),
});
/** `ShutUpAllMember` is the name Tencent's Web SDK sends for `MuteAllMember`. */
export const modifyTopicInput = legacyNames(z.object({
  GroupId: groupIdField, TopicId: topicId, TopicName: z.optional(topicName), ...topicProfile,
  MuteAllMember: z.optional(z.enum(['On', 'Off'])),
}), { MuteAllMember: ['ShutUpAllMember'] });
export const destroyTopicInput = z.object({ GroupId: groupIdField, TopicIdList: optionalList(topicId, 'TopicIdList', L.idsPerCall) });

const permissionGroupId = ascii(P.idBytes, 'PermissionGroupId');
const pgName = z.string().check(z.minLength(1, coded(C.InvalidParam, 'PermissionGroupName is required')), maxBytes(P.name, C.InvalidParam, 'PermissionGroupName'));
export const createPermissionGroupInput = z.object({
  GroupId: groupIdField, PermissionGroupId: optionalId, PermissionGroupName: pgName, Permission: bits('Permission'),
  CustomString: text(P.customString, 'CustomString'),
});
export const modifyPermissionGroupInput = z.object({
  GroupId: groupIdField, PermissionGroupId: permissionGroupId, PermissionGroupName: z.optional(pgName), Permission: z.optional(bits('Permission')),
  CustomString: text(P.customString, 'CustomString'),
});
export const destroyPermissionGroupInput = z.object({ GroupId: groupIdField, PermissionGroupIdList: list(permissionGroupId, 'PermissionGroupIdList', P.destroyBatch) });
/** `Next` is `""` on the first call (Tencent's page), a cursor string after; numbers are read as strings. */
const cursor = z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform((v) => (v === '' || v === 0 ? undefined : String(v)))));
export const getPermissionGroupInput = z.object({
  GroupId: groupIdField, PermissionGroupIdList: optionalList(permissionGroupId, 'PermissionGroupIdList', P.getPage),
  Limit: z.optional(z.int().check(z.gte(0), z.lte(P.getPage, coded(C.InvalidParam, `Limit must be at most ${P.getPage}`)))), Next: cursor,
});
const topicPermissionList = list(z.object({ TopicId: topicId, Permission: bits('TopicPermissionList[].Permission') }), 'TopicPermissionList', P.topicPermissionBatch);
export const topicPermissionInput = z.object({ GroupId: groupIdField, PermissionGroupId: permissionGroupId, TopicPermissionList: topicPermissionList });
export const deleteTopicPermissionInput = z.object({ GroupId: groupIdField, PermissionGroupId: permissionGroupId, TopicIdList: list(topicId, 'TopicIdList', P.topicPermissionBatch) });
export const getTopicPermissionInput = z.object({ GroupId: groupIdField, PermissionGroupId: permissionGroupId, TopicIdList: optionalList(topicId, 'TopicIdList', 200) });
export const permissionMembersInput = z.object({
  GroupId: groupIdField, PermissionGroupId: permissionGroupId,
  MemberList: list(z.object({ Member_Account: account('MemberList[].Member_Account') }), 'MemberList', P.memberBatch),
});
export const permissionMemberListInput = z.object({
  GroupId: groupIdField, PermissionGroupId: permissionGroupId,
  Limit: z.optional(z.int().check(z.gte(0), z.lte(P.memberPage, coded(C.InvalidParam, `Limit must be at most ${P.memberPage}`)))), Next: cursor,
});

/** WebSocket `topic.list`. */
export const wsTopicListInput = z.object({ GroupId: groupIdField, TopicIdList: optionalList(topicId, 'TopicIdList', L.idsPerCall) });
/** WebSocket `permission.list`: the caller's permission groups in a Community and the bits they hold. */
export const wsPermissionListInput = z.object({ GroupId: groupIdField, TopicId: z.optional(topicId) });
