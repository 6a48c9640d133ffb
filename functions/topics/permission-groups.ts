import { randomBytes } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { nowS, type GroupContext } from '../groups/group-context.js';
import { loadGroup } from '../groups/group-access.js';
import type { GroupRecord } from '../groups/group-store.js';
import { TopicCode } from './topic-codes.js';
import type { PermissionGroupRecord } from './permission-store.js';
import { COMMUNITY_BITS, effectiveBits, requireCommunityPermission, requireGrantable } from './permissions.js';

/** Limits of Tencent's permission-group pages (61232–61242); `idBytes` and the per-Community count are ours (docs/rest.md). */
export const PERMISSION_LIMITS = {
  name: 150,
  customString: 3000,
  destroyBatch: 20,
  getPage: 20,
  topicPermissionBatch: 50,
  memberBatch: 100,
  memberPage: 50,
  idBytes: 64,
} as const;

export const PERMISSION_GROUP_PREFIX = '@PMG#_';
const GENERATED = '@PMG#_@PMG#';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Seed 002 自定义权限组 ID: `@PMG#_` + a part, not `@PMG#_@PMG#` (the generated form), printable ASCII. */
export function customPermissionGroupIdProblem(id: string): string | undefined {
  if (!id.startsWith(PERMISSION_GROUP_PREFIX) || id.length === PERMISSION_GROUP_PREFIX.length) return `PermissionGroupId must start with ${PERMISSION_GROUP_PREFIX} and have a custom part`;
  if (id.startsWith(GENERATED)) return `PermissionGroupId must not start with ${GENERATED} (generated ids)`;
  return undefined;
}

/** Permission groups belong to Communities (Tencent's pages: every other type "Not supported"). */
async function loadCommunity(ctx: GroupContext, groupId: string): Promise<GroupRecord> {
  const group = await loadGroup(ctx.services.groups, groupId);
  if (group.type !== 'Community') throw new ImError(TopicCode.NoPermission, `permission groups are for Community groups; ${groupId} is a ${group.type} group`);
  return group;
}

/** Reads over the WebSocket: members of the Community (the app admin, and every REST call, too). */
async function requireReader(ctx: GroupContext, group: GroupRecord): Promise<void> {
  if (ctx.actor.appAdmin) return;
  if (!(await ctx.services.groups.getMember(group.groupId, ctx.actor.id))) throw new ImError(TopicCode.NoPermission, `you are not a member of group ${group.groupId}`);
}

async function loadPermissionGroup(ctx: GroupContext, groupId: string, id: string): Promise<PermissionGroupRecord> {
  const found = (await ctx.services.permissionGroups.get(groupId, [id])).get(id);
  if (!found) throw new ImError(TopicCode.PermissionGroupNotFound, `permission group ${id} does not exist in group ${groupId}`);
  return found;
}

const view = (g: PermissionGroupRecord) => ({
  PermissionGroupId: g.permissionGroupId, PermissionGroupName: g.name, Permission: g.permission, CustomString: g.customString,
  MemberNum: g.memberNum, CreateTime: g.createTime,
});

export async function createPermissionGroup(
  ctx: GroupContext, input: { GroupId: string; PermissionGroupId?: string; PermissionGroupName: string; Permission: number; CustomString?: string },
): Promise<{ PermissionGroupId: string }> {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'creating permission groups');
  await requireGrantable(ctx, group, input.Permission);
  const custom = input.PermissionGroupId || undefined;
  if (custom !== undefined) {
    const problem = customPermissionGroupIdProblem(custom);
    if (problem) throw new ImError(TopicCode.InvalidId, problem);
  }
  const id = custom ?? `${GENERATED}${[...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
  const outcome = await ctx.services.permissionGroups.create({
    groupId: group.groupId, permissionGroupId: id, name: input.PermissionGroupName, permission: input.Permission,
    customString: input.CustomString ?? '', memberNum: 0, createTime: nowS(ctx),
  }, ctx.config.groups.maxPermissionGroupsPerCommunity);
  if (outcome === 'exists') throw new ImError(TopicCode.IdTaken, `permission group ${id} already exists`);
  if (outcome === 'limit') throw new ImError(TopicCode.TooManyPermissionGroups, `group ${group.groupId} already holds ${ctx.config.groups.maxPermissionGroupsPerCommunity} permission groups`);
  if (outcome === 'gone') throw new ImError(TopicCode.GroupNotFound, `group ${group.groupId} was dissolved`);
  return { PermissionGroupId: id };
}

export async function modifyPermissionGroup(
  ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; PermissionGroupName?: string; Permission?: number; CustomString?: string },
): Promise<void> {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'modifying permission groups');
  // Changing a group's bits re-grants them to all its members: the new bits and the ones taken away must be the granter's.
  if (input.Permission !== undefined) await requireGrantable(ctx, group, input.Permission | (await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId)).permission);
  const changed = await ctx.services.permissionGroups.modify(group.groupId, input.PermissionGroupId, {
    ...(input.PermissionGroupName !== undefined && { name: input.PermissionGroupName }),
    ...(input.Permission !== undefined && { permission: input.Permission }),
    ...(input.CustomString !== undefined && { customString: input.CustomString }),
  });
  if (!changed) throw new ImError(TopicCode.PermissionGroupNotFound, `permission group ${input.PermissionGroupId} does not exist in group ${group.groupId}`);
}

export async function destroyPermissionGroups(ctx: GroupContext, groupId: string, ids: readonly string[]) {
  const group = await loadCommunity(ctx, groupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'destroying permission groups');
  const results = await Promise.all([...new Set(ids)].map(async (PermissionGroupId) => (await ctx.services.permissionGroups.destroy(group.groupId, PermissionGroupId))
    ? { ErrorCode: 0, ErrorInfo: '', PermissionGroupId }
    : { ErrorCode: TopicCode.PermissionGroupNotFound, ErrorInfo: `permission group ${PermissionGroupId} does not exist`, PermissionGroupId }));
  return { PermissionGroupResultList: results };
}

/** `get_permission_group`: the asked ones (unknown ones with their code), or a page of all (`Next` "" when done). */
export async function getPermissionGroups(ctx: GroupContext, input: { GroupId: string; PermissionGroupIdList?: readonly string[]; Limit?: number; Next?: string }) {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireReader(ctx, group);
  if (input.PermissionGroupIdList?.length) {
    const found = await ctx.services.permissionGroups.get(group.groupId, input.PermissionGroupIdList);
    return {
      PermissionGroupInfoList: input.PermissionGroupIdList.map((id) => {
        const g = found.get(id);
        return g ? { ErrorCode: 0, ErrorInfo: '', ...view(g) } : { ErrorCode: TopicCode.PermissionGroupNotFound, ErrorInfo: `permission group ${id} does not exist`, PermissionGroupId: id };
      }),
      Next: '',
    };
  }
  const page = await ctx.services.permissionGroups.list(group.groupId, input.Limit || PERMISSION_LIMITS.getPage, input.Next);
  return { PermissionGroupInfoList: page.groups.map((g) => ({ ErrorCode: 0, ErrorInfo: '', ...view(g) })), Next: page.next ?? '' };
}

/** Topic permissions: add (new entries), set (existing entries) and delete, each with a result per topic. */
export async function putTopicPermissions(
  ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; TopicPermissionList: ReadonlyArray<{ TopicId: string; Permission: number }> }, mode: 'add' | 'set',
) {
  const group = await loadCommunity(ctx, input.GroupId);
  await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId);
  // Per topic: ManagePermissionGroupInfo, or ManagePermissionTopicInfo in that topic.
  for (const t of input.TopicPermissionList) {
    await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'changing topic permissions', t.TopicId);
    await requireGrantable(ctx, group, t.Permission, t.TopicId);
  }
  const topics = await ctx.services.topics.getTopics(input.TopicPermissionList.map((t) => t.TopicId));
  const known = input.TopicPermissionList.filter((t) => topics.get(t.TopicId)?.groupId === group.groupId);
  const outcomes = await ctx.services.permissionGroups.putTopicPermissions(group.groupId, input.PermissionGroupId,
    known.map((t) => ({ topicId: t.TopicId, permission: t.Permission })), mode);
  return {
    TopicPermissionResultList: input.TopicPermissionList.map(({ TopicId }) => {
      const o = outcomes.get(TopicId);
      if (o === 'ok') return { ErrorCode: 0, ErrorInfo: '', TopicId };
      if (o === 'exists') return { ErrorCode: TopicCode.InvalidParam, ErrorInfo: `topic ${TopicId} already has a permission in this group (set_topic_permission_group changes it)`, TopicId };
      if (o === 'missing') return { ErrorCode: TopicCode.InvalidParam, ErrorInfo: `topic ${TopicId} has no permission in this group yet (add_topic_permission_group adds it)`, TopicId };
      return { ErrorCode: TopicCode.TopicNotFound, ErrorInfo: `topic ${TopicId} does not exist in group ${group.groupId}`, TopicId };
    }),
  };
}

export async function deleteTopicPermissions(ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; TopicIdList: readonly string[] }) {
  const group = await loadCommunity(ctx, input.GroupId);
  await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId);
  for (const topicId of input.TopicIdList) await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'deleting topic permissions', topicId);
  await ctx.services.permissionGroups.deleteTopicPermissions(group.groupId, input.PermissionGroupId, input.TopicIdList);
  return { TopicPermissionResultList: input.TopicIdList.map((TopicId) => ({ ErrorCode: 0, ErrorInfo: '', TopicId })) };
}

export async function getTopicPermissions(ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; TopicIdList?: readonly string[] }) {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireReader(ctx, group);
  await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId);
  const found = new Map((await ctx.services.permissionGroups.topicPermissions(group.groupId, input.PermissionGroupId, input.TopicIdList?.length ? input.TopicIdList : undefined))
    .map((p) => [p.topicId, p.permission]));
  const ids = input.TopicIdList?.length ? input.TopicIdList : [...found.keys()];
  return {
    TopicPermissionResultList: ids.map((TopicId) => found.has(TopicId)
      ? { ErrorCode: 0, ErrorInfo: '', TopicId, Permission: found.get(TopicId)! }
      : { ErrorCode: TopicCode.TopicNotFound, ErrorInfo: `topic ${TopicId} has no permission in this group`, TopicId }),
  };
}

/** `add_permission_group_member`: Community members only; `Result` 0 added, 10013 already in it, 10007 not a Community member. */
export async function addPermissionGroupMembers(ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; MemberList: ReadonlyArray<{ Member_Account: string }> }) {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupMember, 'adding permission group members');
  const target = await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId);
  await requireGrantable(ctx, group, target.permission);
  const users = [...new Set(input.MemberList.map((m) => m.Member_Account))];
  const members = await ctx.services.groups.getMembers(group.groupId, users);
  const results = await Promise.all(users.map(async (Member_Account) => {
    if (!members.has(Member_Account)) return { Member_Account, Result: TopicCode.NoPermission };
    const outcome = await ctx.services.permissionGroups.addMember(group.groupId, input.PermissionGroupId, Member_Account);
    if (outcome === 'gone') throw new ImError(TopicCode.PermissionGroupNotFound, `permission group ${input.PermissionGroupId} was destroyed`);
    return { Member_Account, Result: outcome === 'added' ? 0 : TopicCode.AlreadyMember };
  }));
  return { MemberList: results };
}

/** `delete_permission_group_member`: success also for users who were not in it (Tencent's page). */
export async function deletePermissionGroupMembers(ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; MemberList: ReadonlyArray<{ Member_Account: string }> }) {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupMember, 'removing permission group members');
  const target = await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId);
  await requireGrantable(ctx, group, target.permission);
  await Promise.all([...new Set(input.MemberList.map((m) => m.Member_Account))].map((u) => ctx.services.permissionGroups.removeMember(group.groupId, input.PermissionGroupId, u)));
}

export async function permissionGroupMembers(ctx: GroupContext, input: { GroupId: string; PermissionGroupId: string; Limit?: number; Next?: string }) {
  const group = await loadCommunity(ctx, input.GroupId);
  await requireReader(ctx, group);
  await loadPermissionGroup(ctx, group.groupId, input.PermissionGroupId);
  const page = await ctx.services.permissionGroups.members(group.groupId, input.PermissionGroupId, input.Limit || PERMISSION_LIMITS.memberPage, input.Next);
  return { MemberList: page.userIds.map((Member_Account) => ({ Member_Account })), Next: page.next ?? '' };
}

/** `permission.list` (WebSocket): the caller's permission groups in the Community and the bits it holds (in a topic, too). */
export async function myPermissions(ctx: GroupContext, groupId: string, topicId?: string) {
  const group = await loadCommunity(ctx, groupId);
  const member = await ctx.services.groups.getMember(group.groupId, ctx.actor.id);
  if (!member && !ctx.actor.appAdmin) throw new ImError(TopicCode.NoPermission, `you are not a member of group ${groupId}`);
  const ids = await ctx.services.permissionGroups.groupsOf(group.groupId, ctx.actor.id);
  const groups = [...(await ctx.services.permissionGroups.get(group.groupId, ids)).values()];
  const bits = await effectiveBits(ctx.services, group, group.groupId, ctx.actor.id, topicId);
  const all = member?.role === 'Owner' || ctx.actor.appAdmin;
  return {
    GroupId: group.groupId, EnablePermission: group.enablePermission ? 1 : 0, DefaultPermission: group.defaultPermission ?? 0,
    PermissionGroupList: groups.map(view), Permission: all ? ALL_COMMUNITY_BITS : bits.community, ...(topicId && { TopicId: topicId, TopicPermission: all ? ALL_TOPIC_BITS : bits.topic }),
  };
}

/** Every bit seed 002 defines: what the owner and the app admin hold. */
const ALL_COMMUNITY_BITS = (1 << 11) - 1;
const ALL_TOPIC_BITS = (1 << 7) - 1;
