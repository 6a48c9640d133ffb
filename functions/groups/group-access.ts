import { ImError } from '../shared/errors.js';
import type { RestCaller, WsCaller } from '../shared/runtime.js';
import { utf8Bytes } from '../shared/validation.js';
import type { CustomFieldConfig, CustomFieldLevel, GroupsConfig } from './group-config.js';
import { GROUP_LIMITS, GroupCode } from './group-codes.js';
import type { GroupRecord, GroupStore, MemberRecord } from './group-store.js';
import { ranksAtLeast, rulesOf, type ActorRank, type GroupTypeRules, type MinRank } from './group-types.js';

/** Who performs an operation: the app admin (REST, or an admin identifier over WebSocket) or a user. */
export interface Actor {
  id: string;
  appAdmin: boolean;
}

export const actorOf = (caller: RestCaller | WsCaller, admins: readonly string[]): Actor =>
  caller.transport === 'rest' ? { id: caller.admin, appAdmin: true } : { id: caller.userId, appAdmin: admins.includes(caller.userId) };

/** The group, or 10010. */
export async function loadGroup(store: GroupStore, groupId: string): Promise<GroupRecord> {
  const group = await store.getGroup(groupId);
  if (!group) throw new ImError(GroupCode.NotFound, `group ${groupId} does not exist or was dissolved`);
  return group;
}

export interface ActorInGroup {
  rank: ActorRank;
  member?: MemberRecord;
}

/** The actor's rank in the group: one GetItem of its member item, none for the app admin. */
export async function actorInGroup(store: GroupStore, group: GroupRecord, actor: Actor): Promise<ActorInGroup> {
  if (actor.appAdmin) return { rank: 'AppAdmin' };
  const member = await store.getMember(group.groupId, actor.id);
  return member ? { rank: member.role, member } : { rank: 'NotMember' };
}

/** Throws 10007 unless `rank` holds the right `right` in this group's type. */
export function requireRight(group: GroupRecord, rank: ActorRank, right: keyof GroupTypeRules, what: string): void {
  const min = rulesOf(group.type)[right] as MinRank;
  if (!ranksAtLeast(rank, min)) {
    throw new ImError(GroupCode.NoPermission, min === 'Nobody'
      ? `${group.type} groups do not support ${what}`
      : `${what} in a ${group.type} group needs ${min === 'AppAdmin' ? 'the app admin' : `at least the ${min} role`}`);
  }
}

/** 10007 for a user who is not a member (app admins pass). */
export function requireMember(access: ActorInGroup, group: GroupRecord): void {
  if (access.rank === 'NotMember') throw new ImError(GroupCode.NotMember, `you are not a member of group ${group.groupId}`);
}

const LEVEL_RANK: Record<CustomFieldLevel, MinRank> = { AppAdmin: 'AppAdmin', Owner: 'Owner', Admin: 'Admin', Member: 'Member', Anyone: 'NotMember' };

export const mayUseField = (rank: ActorRank, field: CustomFieldConfig, op: 'read' | 'write') => ranksAtLeast(rank, LEVEL_RANK[field[op]]);

export interface KeyValue {
  Key: string;
  Value: string;
}

/**
 * Checks custom data against the declared fields (seed 003 Custom Fields):
 * known key (10004), value length, write level (10007). Returns the map to store.
 */
export function customDataToWrite(
  entries: readonly KeyValue[] | undefined, level: 'group' | 'member', config: GroupsConfig, rank: ActorRank,
): Record<string, string> | undefined {
  if (!entries) return undefined;
  const fields = level === 'group' ? config.groupFields : config.memberFields;
  const max = level === 'group' ? GROUP_LIMITS.groupCustomValue : GROUP_LIMITS.memberCustomValue;
  const what = level === 'group' ? 'AppDefinedData' : 'AppMemberDefinedData';
  const out: Record<string, string> = {};
  for (const { Key, Value } of entries) {
    const field = fields.find((f) => f.key === Key);
    if (!field) throw new ImError(GroupCode.InvalidParam, `${what} key "${Key}" is not a configured ${level} custom field`);
    if (utf8Bytes(Value) > max) throw new ImError(GroupCode.InvalidParam, `${what} "${Key}" is longer than ${max} bytes`);
    if (!mayUseField(rank, field, 'write')) throw new ImError(GroupCode.NoPermission, `${what} "${Key}" may only be written by ${field.write}`);
    out[Key] = Value;
  }
  return out;
}

/** The readable custom fields as Tencent's `[{Key, Value}]`, optionally filtered by key. */
export function customDataToRead(
  data: Record<string, string> | undefined, level: 'group' | 'member', config: GroupsConfig, rank: ActorRank, filter?: readonly string[],
): KeyValue[] {
  const fields = level === 'group' ? config.groupFields : config.memberFields;
  return fields
    .filter((f) => data?.[f.key] !== undefined && mayUseField(rank, f, 'read') && (!filter || filter.includes(f.key)))
    .map((f) => ({ Key: f.key, Value: data![f.key]! }));
}
