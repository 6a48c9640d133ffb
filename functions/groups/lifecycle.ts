import { randomBytes } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import { actorInGroup, customDataToRead, customDataToWrite, loadGroup, requireRight, type KeyValue } from './group-access.js';
import { GroupCode } from './group-codes.js';
import { metaFor, nowS, type GroupContext } from './group-context.js';
import { customGroupIdProblem, generatedGroupId, isPlausibleGroupId } from './group-ids.js';
import type { GroupRecord, MemberRecord } from './group-store.js';
import { emitGroupSystem, emitGroupTip } from './group-tips.js';
import { indexNewMembers } from '../groupmsg/online-index.js';
import { destroyCommunityTopics } from '../topics/topics.js';
import { COMMUNITY_BITS, rankByPermission, requireGrantedRight } from '../topics/permissions.js';
import { rulesOf, type ActorRank, type ApplyJoinOption, type GroupType, type MemberRole } from './group-types.js';
import { filterBaseInfo, groupBaseInfo, memberInfo, withinResponseLimit } from './group-view.js';

export interface InitialMember {
  Member_Account: string;
  Role?: string;
  AppMemberDefinedData?: KeyValue[];
  JoinTime?: number;
}

export interface CreateGroupInput {
  Owner_Account?: string;
  Type: GroupType;
  GroupId?: string;
  Name: string;
  Introduction?: string;
  Notification?: string;
  FaceUrl?: string;
  MaxMemberCount?: number;
  ApplyJoinOption?: ApplyJoinOption;
  AppDefinedData?: KeyValue[];
  MemberList?: InitialMember[];
  CreateTime?: number;
  /** Community only: 1 = the group may hold topics (functions/topics). */
  SupportTopic?: number;
  /** Community only: 1 = permission groups decide what members may do; `DefaultPermission` is every member's bits. */
  EnablePermission?: number;
  DefaultPermission?: number;
}

/** The highest MaxMemberNum of a type from the app configuration; 0 = unlimited (AVChatRoom). */
export const memberCapOf = (ctx: GroupContext, type: GroupType): number =>
  type === 'AVChatRoom' ? 0 : ctx.config.groups.maxMembers[type];

export function checkMaxMembers(ctx: GroupContext, type: GroupType, requested: number | undefined): number {
  const cap = memberCapOf(ctx, type);
  if (requested === undefined || cap === 0) return cap;
  if (requested > cap) throw new ImError(GroupCode.InvalidParam, `MaxMemberCount ${requested} is over the ${type} limit of ${cap}`);
  return requested;
}

export function roleFor(type: GroupType, role: string | undefined): MemberRole {
  if (role === undefined || role === 'Member') return 'Member';
  if (role === 'Admin' && rulesOf(type).roles.includes('Admin')) return 'Admin';
  throw new ImError(GroupCode.InvalidParam, `Role ${role} is not available in a ${type} group`);
}

/** Throws 10019 naming the first account that does not exist. */
export async function requireAccounts(ctx: GroupContext, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const found = await ctx.services.accounts.getMany(userIds);
  const missing = userIds.find((u) => !found.has(u));
  if (missing !== undefined) throw new ImError(GroupCode.UserNotFound, `account ${missing} does not exist`);
}

const newMember = (groupId: string, type: GroupType, userId: string, role: MemberRole, joinTime: number, custom?: Record<string, string>): MemberRecord => ({
  groupId, userId, groupType: type, role, joinTime, msgFlag: rulesOf(type).defaultMsgFlag, nameCard: '', muteUntil: 0, msgSeq: 0,
  lastSendMsgTime: 0, appMemberDefinedData: custom ?? {},
});

/** `create_group`, `import_group` and `group.create`. */
export async function createGroup(ctx: GroupContext, input: CreateGroupInput, mode: 'create' | 'import' = 'create'): Promise<Record<string, unknown>> {
  const type = input.Type;
  const rules = rulesOf(type);
  const owner = ctx.caller.transport === 'ws' ? ctx.actor.id : input.Owner_Account;
  const creatorRank: ActorRank = ctx.actor.appAdmin ? 'AppAdmin' : 'Owner';
  const list = (input.MemberList ?? []).filter((m) => m.Member_Account !== owner);
  if (type === 'AVChatRoom' && list.length > 0) throw new ImError(GroupCode.NoPermission, 'an AVChatRoom takes no members at creation');
  if (input.SupportTopic === 1 && type !== 'Community') throw new ImError(GroupCode.InvalidParam, 'SupportTopic is for Community groups only');
  if ((input.EnablePermission === 1 || input.DefaultPermission) && type !== 'Community') throw new ImError(GroupCode.InvalidParam, 'EnablePermission and DefaultPermission are for Community groups only');
  if (mode === 'import' && !rules.importable) throw new ImError(GroupCode.NoPermission, 'AVChatRoom groups cannot be imported');
  if (new Set(list.map((m) => m.Member_Account)).size !== list.length) throw new ImError(GroupCode.InvalidParam, 'MemberList names an account twice');
  await requireAccounts(ctx, [...(owner !== undefined ? [owner] : []), ...list.map((m) => m.Member_Account)]);
  const maxMemberNum = checkMaxMembers(ctx, type, input.MaxMemberCount);
  if (maxMemberNum !== 0 && list.length + (owner ? 1 : 0) > maxMemberNum) throw new ImError(GroupCode.Full, `${list.length + 1} members do not fit in MaxMemberCount ${maxMemberNum}`);
  const appDefinedData = customDataToWrite(input.AppDefinedData, 'group', ctx.config.groups, creatorRank) ?? {};
  const memberData = list.map((m) => ({ m, role: roleFor(type, m.Role), data: customDataToWrite(m.AppMemberDefinedData, 'member', ctx.config.groups, creatorRank) }));
  if (input.GroupId !== undefined) {
    const problem = customGroupIdProblem(input.GroupId, type);
    if (problem) throw new ImError(GroupCode.InvalidGroupId, problem);
  }
  const groupId = input.GroupId ?? generatedGroupId(type, randomBytes);
  const now = nowS(ctx);
  const createTime = mode === 'import' && input.CreateTime !== undefined ? input.CreateTime : now;

  if (mode === 'create' && ctx.services.webhooks.isEnabled('Group.CallbackBeforeCreateGroup')) {
    // Read only when the callback is on: deployments without it pay nothing (docs/data-model.md, "CreateGroupNum").
    const createGroupNum = owner === undefined ? 0 : await ctx.services.groups.countOwnedGroups(owner, type);
    const before = await ctx.services.webhooks.before('Group.CallbackBeforeCreateGroup', {
      Operator_Account: ctx.actor.id, Owner_Account: owner ?? '', Type: type, Name: input.Name, CreateGroupNum: createGroupNum,
      MemberList: list.map((m) => ({ Member_Account: m.Member_Account })), EventTime: ctx.services.clock(),
    }, metaFor(ctx, 'Group.CallbackBeforeCreateGroup'));
    const verdict = beforeVerdict(before, GROUP_CUSTOM_CODES);
    if (verdict.action !== 'allow') {
      throw verdict.action === 'refuse' && verdict.custom
        ? new ImError(verdict.custom.code, verdict.custom.info)
        : new ImError(GroupCode.RefusedByCallback, 'the app backend refused to create the group');
    }
  }

  const members: MemberRecord[] = [
    ...(owner !== undefined ? [newMember(groupId, type, owner, 'Owner', createTime)] : []),
    ...memberData.map(({ m, role, data }) => newMember(groupId, type, m.Member_Account, role, m.JoinTime ?? createTime, data)),
  ];
  const group: GroupRecord = {
    groupId, type, name: input.Name, introduction: input.Introduction ?? '', notification: input.Notification ?? '', faceUrl: input.FaceUrl ?? '',
    ...(owner !== undefined && { ownerAccount: owner }),
    createTime, infoSeq: 0, lastInfoTime: createTime, lastMsgTime: 0, nextMsgSeq: 1, memberNum: members.length, maxMemberNum,
    applyJoinOption: rules.apply ? input.ApplyJoinOption ?? rules.defaultApplyJoinOption : 'DisableApply',
    muteAllMember: false, appDefinedData,
    // An imported Work group comes from a running app: it counts as active (group-activation.ts).
    ...(type === 'Work' && mode === 'import' && { activated: true }),
    ...(type === 'Community' && input.SupportTopic === 1 && { supportTopic: true, topicNum: 0 }),
    ...(type === 'Community' && input.EnablePermission === 1 && { enablePermission: true }),
    ...(type === 'Community' && input.DefaultPermission && { defaultPermission: input.DefaultPermission }),
  };
  const outcome = await ctx.services.groups.createGroup(group, members, { maxGroups: ctx.config.groups.maxGroups, maxJoined: ctx.config.groups.maxJoinedPerUser });
  if (outcome === 'exists') {
    const existing = await ctx.services.groups.getGroup(groupId);
    if (existing && owner !== undefined && existing.ownerAccount === owner) throw new ImError(GroupCode.IdTakenByYou, `you already own group ${groupId}`);
    throw new ImError(GroupCode.IdTakenByOther, `GroupId ${groupId} is already used`);
  }
  if (outcome === 'groupLimit') throw new ImError(GroupCode.GroupCountLimit, `the app already has ${ctx.config.groups.maxGroups} groups`);
  if (typeof outcome === 'object') throw new ImError(GroupCode.JoinedLimit, `${outcome.joinedLimit} has joined the most groups allowed (${ctx.config.groups.maxJoinedPerUser})`);

  await indexNewMembers(ctx.services, groupId, members.map((m) => m.userId), rules.defaultMsgFlag);
  // The group exists from here on: each notice and the after-callback are best effort, so the caller never sees a
  // failure for a group that was created.
  const bestEffort = (what: string, run: () => Promise<unknown>) =>
    run().catch((error: unknown) => logger.error(`create_group: ${what} failed after creation`, { error, groupId }));
  if (mode === 'create') {
    if (owner !== undefined) await bestEffort('group.system Created', () => emitGroupSystem(ctx.services, group, [owner], { Type: 'Created', Operator_Account: ctx.actor.id }));
    if (list.length > 0) {
      await bestEffort('the MemberInvited tip', () => emitGroupTip(ctx.services, group, { TipType: 'MemberInvited', Operator_Account: ctx.actor.id, MemberList_Account: list.map((m) => m.Member_Account) }, rules.memberChangeNotice));
    }
    await bestEffort('Group.CallbackAfterCreateGroup', () => ctx.services.webhooks.after('Group.CallbackAfterCreateGroup', {
      GroupId: groupId, Operator_Account: ctx.actor.id, Owner_Account: owner ?? '', Type: type, Name: input.Name,
      MemberList: members.filter((m) => m.role !== 'Owner').map((m) => ({ Member_Account: m.userId })),
      UserDefinedDataList: Object.entries(appDefinedData).map(([Key, Value]) => ({ Key, Value })), EventTime: ctx.services.clock(),
    }, metaFor(ctx, 'Group.CallbackAfterCreateGroup')));
  }
  return { GroupId: groupId, ...(type === 'Community' && { Type: type, HugeGroupFlag: 0 }) };
}

export interface InfoFilter {
  GroupBaseInfoFilter?: string[];
  MemberInfoFilter?: string[];
  AppDefinedDataFilter_Group?: string[];
  AppDefinedDataFilter_GroupMember?: string[];
}

/** `get_group_info` / `group.info`: one entry per id, each with its own ErrorCode. */
export async function getGroupInfo(ctx: GroupContext, groupIds: readonly string[], filter: InfoFilter | undefined): Promise<{ GroupInfo: Record<string, unknown>[] }> {
  const plausible = groupIds.filter(isPlausibleGroupId);
  const groups = await ctx.services.groups.getGroups(plausible);
  const GroupInfo = await Promise.all(groupIds.map(async (GroupId) => {
    if (!isPlausibleGroupId(GroupId)) return { GroupId, ErrorCode: GroupCode.InvalidGroupId, ErrorInfo: 'invalid GroupId' };
    const group = groups.get(GroupId);
    if (!group) return { GroupId, ErrorCode: GroupCode.NotFound, ErrorInfo: `group ${GroupId} does not exist or was dissolved` };
    const { rank } = await actorInGroup(ctx.services.groups, group, ctx.actor);
    if (rank === 'NotMember' && group.type === 'Work') return { GroupId, ErrorCode: GroupCode.NotMember, ErrorInfo: 'only members may read a Work group' };
    const base = filterBaseInfo(groupBaseInfo(group, ctx.config.sdkAppId), filter?.GroupBaseInfoFilter);
    const custom = customDataToRead(group.appDefinedData, 'group', ctx.config.groups, rank, filter?.AppDefinedDataFilter_Group);
    const wantMembers = rulesOf(group.type).memberInfoReadable && (filter === undefined || filter.MemberInfoFilter !== undefined) && rank !== 'NotMember';
    const members = wantMembers ? await ctx.services.groups.listMembers(GroupId) : [];
    return {
      GroupId, ErrorCode: 0, ErrorInfo: '', ...base,
      ...(custom.length > 0 && { AppDefinedData: custom }),
      ...(wantMembers && { MemberList: members.map((m) => memberInfo(m, ctx.config.groups, rank, filter?.MemberInfoFilter, filter?.AppDefinedDataFilter_GroupMember)) }),
    };
  }));
  return withinResponseLimit({ GroupInfo }, ctx.config.groups, 'ask for fewer groups or filter MemberInfoFilter / AppDefinedDataFilter_GroupMember');
}

export interface ModifyGroupInput {
  GroupId: string;
  Name?: string;
  Introduction?: string;
  Notification?: string;
  FaceUrl?: string;
  MaxMemberNum?: number;
  ApplyJoinOption?: ApplyJoinOption;
  MuteAllMember?: 'On' | 'Off';
  AppDefinedData?: KeyValue[];
  Extension?: string;
  EnablePermission?: number;
  DefaultPermission?: number;
}

const PROFILE_FIELDS = [['Name', 'name'], ['Introduction', 'introduction'], ['Notification', 'notification'], ['FaceUrl', 'faceUrl']] as const;

/** `modify_group_base_info` / `group.modify`. */
export async function modifyGroup(ctx: GroupContext, input: ModifyGroupInput): Promise<void> {
  const group = await loadGroup(ctx.services.groups, input.GroupId);
  const { rank: own } = await actorInGroup(ctx.services.groups, group, ctx.actor);
  // In a permission-group Community, ManageGroupInfo stands in for the Admin role.
  const rank = await rankByPermission(ctx.services, group, own, ctx.actor.id, COMMUNITY_BITS.ManageGroupInfo);
  const need = (right: 'modifyProfile' | 'modifySettings', what: string) => requireGrantedRight(group, own, rank, right, 'ManageGroupInfo', what);
  const rules = rulesOf(group.type);
  const changes: Partial<GroupRecord> = {};
  const changedProfile: Record<string, string> = {};
  // A request that changes nothing still needs the right to change something: an empty modify by a
  // member of a Public group must not answer success.
  const { GroupId: _, ...fields } = input;
  if (Object.values(fields).every((v) => v === undefined)) need('modifyProfile', 'changing the group');
  for (const [field, attr] of PROFILE_FIELDS) {
    if (input[field] === undefined) continue;
    need('modifyProfile', `changing ${field}`);
    changes[attr] = input[field];
    changedProfile[field] = input[field];
  }
  if (input.MaxMemberNum !== undefined) {
    need('modifySettings', 'changing MaxMemberNum');
    const max = checkMaxMembers(ctx, group.type, input.MaxMemberNum);
    if (max !== 0 && max < group.memberNum) throw new ImError(GroupCode.InvalidParam, `MaxMemberNum ${max} is below the ${group.memberNum} current members`);
    changes.maxMemberNum = max;
  }
  if (input.ApplyJoinOption !== undefined) {
    need('modifySettings', 'changing ApplyJoinOption');
    if (!rules.applyJoinOptionChangeable) throw new ImError(GroupCode.NoPermission, `the ApplyJoinOption of a ${group.type} group cannot be changed`);
    changes.applyJoinOption = input.ApplyJoinOption;
  }
  if (input.MuteAllMember !== undefined) {
    need('modifySettings', 'muting everyone');
    changes.muteAllMember = input.MuteAllMember === 'On';
  }
  // Zero values (SDKs send every field) change nothing outside a Community.
  const permissionFields = group.type === 'Community' || input.EnablePermission || input.DefaultPermission;
  if (permissionFields && (input.EnablePermission !== undefined || input.DefaultPermission !== undefined)) {
    if (group.type !== 'Community') throw new ImError(GroupCode.InvalidParam, 'EnablePermission and DefaultPermission are for Community groups only');
    // Who decides permissions: the owner (and the app admin), whatever permission groups say.
    requireRight(group, rank === 'Owner' || rank === 'AppAdmin' ? rank : 'Member', 'modifySettings', 'changing EnablePermission or DefaultPermission');
    if (input.EnablePermission !== undefined) changes.enablePermission = input.EnablePermission === 1;
    if (input.DefaultPermission !== undefined) changes.defaultPermission = input.DefaultPermission;
  }
  if (input.Extension !== undefined) {
    need('modifySettings', 'changing the extension');
    changes.extension = input.Extension;
  }
  if (input.AppDefinedData !== undefined) {
    if (rank === 'NotMember' && !ctx.actor.appAdmin) throw new ImError(GroupCode.NotMember, `you are not a member of group ${group.groupId}`);
    const written = customDataToWrite(input.AppDefinedData, 'group', ctx.config.groups, rank)!;
    changes.appDefinedData = { ...group.appDefinedData, ...written };
    for (const [k, v] of Object.entries(written)) if (v === '') delete changes.appDefinedData[k];
  }
  if (Object.keys(changes).length === 0) return;
  const updated = await ctx.services.groups.updateGroup(group.groupId, changes, nowS(ctx));
  if (!updated) throw new ImError(GroupCode.NotFound, `group ${group.groupId} does not exist or was dissolved`);
  if (Object.keys(changedProfile).length > 0) {
    await emitGroupTip(ctx.services, group, { TipType: 'GroupInfoChanged', Operator_Account: ctx.actor.id, ...changedProfile }, rules.profileChangeNotice);
    await ctx.services.webhooks.after('Group.CallbackAfterGroupInfoChanged', {
      GroupId: group.groupId, Type: group.type, Operator_Account: ctx.actor.id, ...changedProfile, EventTime: ctx.services.clock(),
    }, metaFor(ctx, 'Group.CallbackAfterGroupInfoChanged'));
  }
  const settings = { ...(input.MuteAllMember !== undefined && { MuteAllMember: input.MuteAllMember }), ...(input.ApplyJoinOption !== undefined && { ApplyJoinOption: input.ApplyJoinOption }) };
  if (Object.keys(settings).length > 0) {
    await emitGroupTip(ctx.services, group, { TipType: 'GroupInfoChanged', Operator_Account: ctx.actor.id, ...settings }, rules.settingsChangeNotice);
  }
}

/** `destroy_group` / `group.destroy`. */
export async function destroyGroup(ctx: GroupContext, groupId: string): Promise<void> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const { rank } = await actorInGroup(ctx.services.groups, group, ctx.actor);
  requireRight(group, rank, 'disband', 'disbanding the group');
  // Topics first: their listing entries live in the group's partition, which destroyGroup removes.
  if (group.supportTopic) await destroyCommunityTopics(ctx.services, groupId);
  const gone = await ctx.services.groups.destroyGroup(groupId);
  if (!gone) throw new ImError(GroupCode.NotFound, `group ${groupId} does not exist or was dissolved`);
  await emitGroupSystem(ctx.services, group, gone.members.map((m) => m.userId), { Type: 'Destroyed', Operator_Account: ctx.actor.id });
  // The online index lives with the connections: clear it so a group re-created under this id starts empty.
  await ctx.services.groupMessages.clearIndex(group.groupId);
  await ctx.services.webhooks.after('Group.CallbackAfterGroupDestroyed', {
    GroupId: groupId, Type: group.type, Owner_Account: group.ownerAccount ?? '', Name: group.name,
    MemberList: gone.members.map((m) => ({ Member_Account: m.userId })), EventTime: ctx.services.clock(),
  }, metaFor(ctx, 'Group.CallbackAfterGroupDestroyed'));
}

/** `change_group_owner` / `group.transfer`: the new owner must be a member; the old owner becomes a Member. */
export async function changeOwner(ctx: GroupContext, groupId: string, newOwner: string): Promise<void> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const { rank } = await actorInGroup(ctx.services.groups, group, ctx.actor);
  requireRight(group, rank, 'transfer', 'transferring the group');
  if (newOwner === group.ownerAccount) throw new ImError(GroupCode.InvalidParam, `${newOwner} already owns the group`);
  const member = await ctx.services.groups.getMember(groupId, newOwner);
  if (!member) throw new ImError(GroupCode.InvalidParam, `${newOwner} is not a member of group ${groupId}`);
  if (!(await ctx.services.groups.changeOwner(groupId, group.ownerAccount, newOwner, nowS(ctx)))) {
    throw new ImError(GroupCode.NoPermission, 'the owner changed meanwhile; try again');
  }
  await emitGroupTip(ctx.services, group, { TipType: 'OwnerChanged', Operator_Account: ctx.actor.id, OldOwner_Account: group.ownerAccount ?? '', NewOwner_Account: newOwner }, rulesOf(group.type).profileChangeNotice);
  await ctx.services.webhooks.after('Group.CallbackAfterChangeGroupOwner', {
    GroupId: groupId, Type: group.type, Operator_Account: ctx.actor.id, OldOwner_Account: group.ownerAccount ?? '', NewOwner_Account: newOwner, EventTime: ctx.services.clock(),
  }, metaFor(ctx, 'Group.CallbackAfterChangeGroupOwner'));
}

/** `get_appid_group_list`: pages of GroupIds in creation order. */
export async function listAppGroups(ctx: GroupContext, limit: number, next: number, type: GroupType | undefined) {
  const [page, total] = await Promise.all([ctx.services.groups.listGroups(limit, next, type), ctx.services.groups.countGroups(type)]);
  return { TotalCount: total, GroupIdList: page.groupIds.map((GroupId) => ({ GroupId })), Next: page.next ?? 0 };
}

