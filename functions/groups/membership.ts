import { userIdProblem } from '../shared/identifiers.js';
import { ImError } from '../shared/errors.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import { actorInGroup, customDataToWrite, loadGroup, requireMember, requireRight, type KeyValue } from './group-access.js';
import { GROUP_LIMITS, GroupCode } from './group-codes.js';
import { metaFor, nowS, type GroupContext } from './group-context.js';
import type { AddOutcome, GroupRecord, MemberRecord } from './group-store.js';
import { emitGroupSystem, emitGroupTip } from './group-tips.js';
import { rankOrder, rulesOf, type ActorRank, type GroupType, type MemberRole } from './group-types.js';
import { isActive } from './group-activation.js';
import { currentMemberFields, filterBaseInfo, groupBaseInfo, memberInfo, withinResponseLimit } from './group-view.js';
import { roleFor } from './lifecycle.js';
import { indexNewMembers, unindexLeftMembers } from '../groupmsg/online-index.js';
import { afterMemberStateChange } from './member-state.js';
import { leavePermissionGroups } from '../topics/permission-membership.js';
import { COMMUNITY_BITS, rankByPermission, requireGroupRight, targetRank, usesPermissionGroups } from '../topics/permissions.js';

const RESULT = { failed: 0, added: 1, already: 2, pending: 3 } as const;

const newMember = (group: GroupRecord, userId: string, role: MemberRole, joinTime: number, unread = 0): MemberRecord => ({
  groupId: group.groupId, userId, groupType: group.type, role, joinTime, msgFlag: rulesOf(group.type).defaultMsgFlag, nameCard: '',
  // Group messages: a newcomer has read everything sent before it joined (unread and history start here);
  // an imported member may bring `UnreadMsgNum` unread messages (its read position is that far back).
  muteUntil: 0, msgSeq: Math.max(0, group.nextMsgSeq - 1 - unread), joinSeq: Math.max(0, group.nextMsgSeq - 1), lastSendMsgTime: 0, appMemberDefinedData: {},
});

const limitsFor = (ctx: GroupContext, type: GroupType) => ({ maxJoined: ctx.config.groups.maxJoinedPerUser, countsTowardJoined: type !== 'AVChatRoom' });

/** Runs `fn` over `items` with at most `width` in flight. */
async function inBatches<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

async function refuseUnlessAllowed(ctx: GroupContext, command: string, body: Record<string, unknown>) {
  const verdict = beforeVerdict(await ctx.services.webhooks.before(command, body, metaFor(ctx, command)), GROUP_CUSTOM_CODES);
  if (verdict.action === 'allow') return verdict.replaced;
  throw verdict.action === 'refuse' && verdict.custom
    ? new ImError(verdict.custom.code, verdict.custom.info)
    : new ImError(GroupCode.RefusedByCallback, 'the app backend refused the operation');
}

async function afterGroupFull(ctx: GroupContext, group: GroupRecord, outcomes: readonly AddOutcome[]) {
  const fresh = outcomes.includes('full') ? undefined : await ctx.services.groups.getGroup(group.groupId);
  if (outcomes.includes('full') || (fresh && fresh.maxMemberNum !== 0 && fresh.memberNum >= fresh.maxMemberNum)) {
    await ctx.services.webhooks.after('Group.CallbackAfterGroupFull', { GroupId: group.groupId, EventTime: ctx.services.clock() }, metaFor(ctx, 'Group.CallbackAfterGroupFull'));
  }
}

async function announceJoin(ctx: GroupContext, group: GroupRecord, joined: readonly string[], joinType: 'Apply' | 'Invited', silence = false) {
  if (joined.length === 0) return;
  const rules = rulesOf(group.type);
  await indexNewMembers(ctx.services, group.groupId, joined, rules.defaultMsgFlag);
  if (!silence) {
    await emitGroupTip(ctx.services, group, joinType === 'Invited'
      ? { TipType: 'MemberInvited', Operator_Account: ctx.actor.id, MemberList_Account: joined }
      : { TipType: 'MemberJoin', Operator_Account: ctx.actor.id, MemberList_Account: joined }, rules.memberChangeNotice);
  }
  if (joinType === 'Invited') await emitGroupSystem(ctx.services, group, joined, { Type: 'Invited', Operator_Account: ctx.actor.id });
  await ctx.services.webhooks.after('Group.CallbackAfterNewMemberJoin', {
    GroupId: group.groupId, Type: group.type, JoinType: joinType, Operator_Account: ctx.actor.id,
    NewMemberList: joined.map((Member_Account) => ({ Member_Account })), EventTime: ctx.services.clock(),
  }, metaFor(ctx, 'Group.CallbackAfterNewMemberJoin'));
  if (group.type === 'AVChatRoom') await afterMemberStateChange(ctx.services, group.groupId, 'Online', joined, metaFor(ctx, 'Group.CallbackOnMemberStateChange'));
}

export interface AddMemberItem {
  Member_Account: string;
  Role?: string;
  JoinTime?: number;
  /** import_group_member: messages the member has not read yet. */
  UnreadMsgNum?: number;
}

/** `add_group_member` / `group.invite` (mode invite) and `import_group_member` (mode import: no callbacks, no tips). */
export async function addMembers(
  ctx: GroupContext, groupId: string, items: readonly AddMemberItem[], options: { silence?: boolean; mode: 'invite' | 'import' },
): Promise<{ MemberList: Array<{ Member_Account: string; Result: number }> }> {
  const group = await loadGroup(ctx.services.groups, groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupCode.NoPermission, 'AVChatRoom members join by themselves; they cannot be added');
  const rank = await requireGroupRight(ctx, group, 'invite', 'ManageGroupMember', 'adding members');
  const ids = [...new Set(items.map((i) => i.Member_Account))];
  const roles = new Map(items.map((i) => [i.Member_Account, options.mode === 'import' ? roleFor(group.type, i.Role) : 'Member' as MemberRole]));
  const [accounts, existing, banned] = await Promise.all([
    ctx.services.accounts.getMany(ids), ctx.services.groups.getMembers(groupId, ids), ctx.services.groups.listOf(groupId, 'blocklist'),
  ]);
  const result = new Map<string, number>();
  for (const id of ids) {
    if (!accounts.has(id) || banned.includes(id)) result.set(id, RESULT.failed);
    else if (existing.has(id)) result.set(id, RESULT.already);
  }
  let candidates = ids.filter((id) => !result.has(id));
  if (options.mode === 'invite' && candidates.length > 0) {
    const reply = await refuseUnlessAllowed(ctx, 'Group.CallbackBeforeInviteJoinGroup', {
      GroupId: groupId, Type: group.type, Operator_Account: ctx.actor.id,
      DestinationMembers: candidates.map((Member_Account) => ({ Member_Account })), EventTime: ctx.services.clock(),
    });
    const refused = Array.isArray(reply?.RefusedMembers_Account) ? (reply.RefusedMembers_Account as unknown[]).map(String) : [];
    for (const id of refused) if (candidates.includes(id)) result.set(id, RESULT.failed);
    candidates = candidates.filter((id) => !refused.includes(id));
  }
  const now = nowS(ctx);
  const joinTimes = new Map(items.map((i) => [i.Member_Account, i.JoinTime ?? now]));
  const unread = new Map(items.map((i) => [i.Member_Account, options.mode === 'import' ? i.UnreadMsgNum ?? 0 : 0]));
  const outcomes = await inBatches(candidates, 10, (id) =>
    ctx.services.groups.addMember(newMember(group, id, roles.get(id)!, joinTimes.get(id)!, unread.get(id)), limitsFor(ctx, group.type)));
  if (outcomes.includes('gone')) throw new ImError(GroupCode.NotFound, `group ${groupId} was dissolved`);
  candidates.forEach((id, i) => result.set(id, outcomes[i] === 'added' ? RESULT.added : outcomes[i] === 'already' ? RESULT.already : RESULT.failed));
  const added = candidates.filter((_, i) => outcomes[i] === 'added');
  if (added.length === 0 && outcomes.includes('full')) {
    if (options.mode === 'invite') await afterGroupFull(ctx, group, outcomes);
    throw new ImError(GroupCode.Full, `group ${groupId} is full (${group.maxMemberNum} members)`);
  }
  if (options.mode === 'invite') {
    await announceJoin(ctx, group, added, 'Invited', options.silence);
    await afterGroupFull(ctx, group, outcomes);
  }
  return { MemberList: items.map((i) => ({ Member_Account: i.Member_Account, Result: result.get(i.Member_Account) ?? RESULT.failed })) };
}

/** Whether `actor` may act on a member of rank `target` (admins only on ordinary members). */
const outranks = (actor: ActorRank, target: MemberRole) => rankOrder(actor) > rankOrder(target);

/** `delete_group_member` / `group.kick`: every target is checked before anyone is removed. */
export async function deleteMembers(ctx: GroupContext, groupId: string, userIds: readonly string[], options: { reason?: string; silence?: boolean }): Promise<void> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const rank = await requireGroupRight(ctx, group, 'kick', 'ManageGroupMember', 'removing members');
  const members = await ctx.services.groups.getMembers(groupId, userIds);
  for (const m of members.values()) {
    if (m.role === 'Owner') throw new ImError(GroupCode.InvalidParam, `the owner ${m.userId} cannot be removed; transfer the group first`);
    if (!outranks(rank, targetRank(group, m.role))) throw new ImError(GroupCode.NoPermission, `a ${rank} cannot remove the ${m.role} ${m.userId}`);
  }
  const removed = (await Promise.all([...members.keys()].map((u) => ctx.services.groups.removeMember(groupId, u, limitsFor(ctx, group.type).countsTowardJoined))))
    .filter((m): m is MemberRecord => m !== undefined).map((m) => m.userId);
  await announceExit(ctx, group, removed, 'Kicked', options);
}

async function announceExit(ctx: GroupContext, group: GroupRecord, gone: readonly string[], exitType: 'Quit' | 'Kicked', options: { reason?: string; silence?: boolean } = {}) {
  if (gone.length === 0) return;
  await unindexLeftMembers(ctx.services, group.groupId, gone);
  if (group.type === 'Community') await leavePermissionGroups(ctx.services, group.groupId, gone);
  if (!options.silence) {
    await emitGroupTip(ctx.services, group, exitType === 'Quit'
      ? { TipType: 'MemberQuit', Operator_Account: ctx.actor.id, MemberList_Account: gone }
      : { TipType: 'MemberKicked', Operator_Account: ctx.actor.id, MemberList_Account: gone }, rulesOf(group.type).memberChangeNotice);
  }
  await emitGroupSystem(ctx.services, group, gone, exitType === 'Quit'
    ? { Type: 'Quit', Operator_Account: ctx.actor.id }
    : { Type: 'Kicked', Operator_Account: ctx.actor.id, ...(options.reason && { Reason: options.reason }) });
  await ctx.services.webhooks.after('Group.CallbackAfterMemberExit', {
    GroupId: group.groupId, Type: group.type, ExitType: exitType, Operator_Account: ctx.actor.id,
    ExitMemberList: gone.map((Member_Account) => ({ Member_Account })), EventTime: ctx.services.clock(),
  }, metaFor(ctx, 'Group.CallbackAfterMemberExit'));
  if (group.type === 'AVChatRoom') await afterMemberStateChange(ctx.services, group.groupId, 'Offline', gone, metaFor(ctx, 'Group.CallbackOnMemberStateChange'));
}

/** `group.join`: by the group's ApplyJoinOption; `Pending` leaves an application for owners and admins. */
export async function applyToJoin(ctx: GroupContext, groupId: string, applyMsg: string): Promise<{ JoinResult: 'Joined' | 'Pending' }> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const rules = rulesOf(group.type);
  const userId = ctx.actor.id;
  if (await ctx.services.groups.getMember(groupId, userId)) throw new ImError(GroupCode.AlreadyMember, `you are already a member of group ${groupId}`);
  if (!rules.apply) throw new ImError(GroupCode.NoPermission, `${group.type} groups cannot be joined by applying; a member must add you`);
  if (group.applyJoinOption === 'DisableApply') throw new ImError(GroupCode.NoPermission, `group ${groupId} takes no applications`);
  if (await ctx.services.groups.inList(groupId, 'blocklist', userId)) throw new ImError(GroupCode.NoPermission, `you are banned from group ${groupId}`);
  await refuseUnlessAllowed(ctx, 'Group.CallbackBeforeApplyJoinGroup', { GroupId: groupId, Type: group.type, Requestor_Account: userId, EventTime: ctx.services.clock() });
  if (group.applyJoinOption === 'NeedPermission') {
    const filed = await ctx.services.groups.putApplication({ groupId, userId, applyMsg, appliedAt: nowS(ctx) }, GROUP_LIMITS.pendingApplications);
    if (filed === 'full') {
      throw new ImError(GroupCode.TooManyApplications,
        `group ${groupId} already has ${GROUP_LIMITS.pendingApplications} pending applications; try again once its owner or admins have handled some`);
    }
    const managers = (await ctx.services.groups.listMembers(groupId)).filter((m) => m.role !== 'Member').map((m) => m.userId);
    await emitGroupSystem(ctx.services, group, managers, { Type: 'JoinApplication', Requestor_Account: userId, ApplyMsg: applyMsg });
    return { JoinResult: 'Pending' };
  }
  await joinOrThrow(ctx, group, userId);
  await announceJoin(ctx, group, [userId], 'Apply');
  await afterGroupFull(ctx, group, ['added']);
  return { JoinResult: 'Joined' };
}

async function joinOrThrow(ctx: GroupContext, group: GroupRecord, userId: string): Promise<void> {
  const outcome = await ctx.services.groups.addMember(newMember(group, userId, 'Member', nowS(ctx)), limitsFor(ctx, group.type));
  if (outcome === 'added') return;
  if (outcome === 'already') throw new ImError(GroupCode.AlreadyMember, `${userId} is already a member of group ${group.groupId}`);
  if (outcome === 'gone') throw new ImError(GroupCode.NotFound, `group ${group.groupId} was dissolved`);
  if (outcome === 'full') {
    await afterGroupFull(ctx, group, ['full']);
    throw new ImError(GroupCode.Full, `group ${group.groupId} is full (${group.maxMemberNum} members)`);
  }
  throw new ImError(GroupCode.JoinedLimit, `${userId} has joined the most groups allowed (${ctx.config.groups.maxJoinedPerUser})`);
}

/** `group.applications`: pending applications, for owners and admins. */
export async function listApplications(ctx: GroupContext, groupId: string) {
  const group = await loadGroup(ctx.services.groups, groupId);
  const rank = await requireGroupRight(ctx, group, 'approve', 'ManageGroupMember', 'reading applications');
  const list = await ctx.services.groups.listApplications(groupId);
  return { ApplicationList: list.map((a) => ({ Requestor_Account: a.userId, ApplyMsg: a.applyMsg, ApplyTime: a.appliedAt })) };
}

/** `group.handleApplication`: approve or reject once; a second answer gets 10024. */
export async function handleApplication(ctx: GroupContext, groupId: string, applicant: string, approve: boolean): Promise<void> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const rank = await requireGroupRight(ctx, group, 'approve', 'ManageGroupMember', 'handling applications');
  const application = await ctx.services.groups.takeApplication(groupId, applicant);
  if (!application) throw new ImError(GroupCode.AlreadyHandled, `the application of ${applicant} was already handled or does not exist`);
  if (approve) {
    try {
      await joinOrThrow(ctx, group, applicant);
    } catch (e) {
      if (!(e instanceof ImError && e.code === GroupCode.AlreadyMember)) await ctx.services.groups.putApplication(application, Number.MAX_SAFE_INTEGER);
      throw e;
    }
  }
  await emitGroupSystem(ctx.services, group, [applicant], { Type: 'ApplicationHandled', Operator_Account: ctx.actor.id, Decision: approve ? 'Approved' : 'Rejected' });
  if (approve) await announceJoin(ctx, group, [applicant], 'Apply');
}

/** `group.quit`: a Work owner may leave (the group keeps no owner); other owners get 10009. */
export async function quitGroup(ctx: GroupContext, groupId: string): Promise<void> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const userId = ctx.actor.id;
  const member = await ctx.services.groups.getMember(groupId, userId);
  if (!member) throw new ImError(GroupCode.NotMember, `you are not a member of group ${groupId}`);
  if (member.role === 'Owner') {
    if (!rulesOf(group.type).ownerMayQuit) throw new ImError(GroupCode.OwnerMayNotQuit, `the owner of a ${group.type} group cannot quit; transfer or disband it`);
    await ctx.services.groups.updateGroup(groupId, { ownerAccount: undefined }, nowS(ctx));
  }
  if (!(await ctx.services.groups.removeMember(groupId, userId, limitsFor(ctx, group.type).countsTowardJoined))) {
    throw new ImError(GroupCode.NotMember, `you are not a member of group ${groupId}`);
  }
  await announceExit(ctx, group, [userId], 'Quit');
}

/** Community members per page when `Next` is used without `Limit` (spec §3.8: at most 100 for Community). */
const COMMUNITY_PAGE = 100;

function decodeCursor(next: string): string {
  const userId = Buffer.from(next, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]+$/.test(next) || userId.length === 0) throw new ImError(GroupCode.InvalidParam, 'Next is not a cursor this command returned');
  return userId;
}

export interface MemberQuery {
  MemberInfoFilter?: string[];
  MemberRoleFilter?: string[];
  AppDefinedDataFilter_GroupMember?: string[];
  Limit?: number;
  Offset?: number;
  Next?: string;
}

/** `get_group_member_info` / `group.members`: members in join order, filtered and paged by Offset; Community also by the `Next` cursor (key order, reads only the page). */
export async function getMemberInfo(ctx: GroupContext, groupId: string, q: MemberQuery) {
  const group = await loadGroup(ctx.services.groups, groupId);
  if (!rulesOf(group.type).memberInfoReadable) throw new ImError(GroupCode.NoPermission, 'AVChatRoom groups keep no member list');
  const access = await actorInGroup(ctx.services.groups, group, ctx.actor);
  requireMember(access, group);
  if (group.type === 'Community' && q.Next !== undefined) {
    const after = q.Next === '' ? undefined : decodeCursor(q.Next);
    const page = await ctx.services.groups.pageMembers(groupId, q.Limit ?? COMMUNITY_PAGE, after, q.MemberRoleFilter);
    return withinResponseLimit({
      MemberNum: group.memberNum,
      MemberList: page.members.map((m) => memberInfo(m, ctx.config.groups, access.rank, q.MemberInfoFilter, q.AppDefinedDataFilter_GroupMember)),
      Next: page.next === undefined ? '' : Buffer.from(page.next).toString('base64url'),
    }, ctx.config.groups, 'ask for a smaller Limit or filter MemberInfoFilter / AppDefinedDataFilter_GroupMember');
  }
  const all = await ctx.services.groups.listMembers(groupId);
  const filtered = q.MemberRoleFilter ? all.filter((m) => q.MemberRoleFilter!.includes(m.role)) : all;
  const offset = q.Offset ?? 0;
  const page = filtered.slice(offset, q.Limit !== undefined ? offset + q.Limit : undefined);
  return withinResponseLimit({
    MemberNum: group.memberNum,
    MemberList: page.map((m) => memberInfo(m, ctx.config.groups, access.rank, q.MemberInfoFilter, q.AppDefinedDataFilter_GroupMember)),
  }, ctx.config.groups, 'page with Limit and Offset or filter MemberInfoFilter / AppDefinedDataFilter_GroupMember');
}

export interface SpecifiedMembersQuery {
  MemberInfoFilter?: string[];
  MemberRoleFilter?: string[];
  AppDefinedDataFilter_GroupMember?: string[];
}

/**
 * `get_specified_group_member_info`: the named accounts that are members, in the order asked (one BatchGetItem of
 * member items); accounts that are not members are left out, as get_role_in_group is the command that reports them.
 */
export async function getSpecifiedMemberInfo(ctx: GroupContext, groupId: string, userIds: readonly string[], q: SpecifiedMembersQuery) {
  const group = await loadGroup(ctx.services.groups, groupId);
  if (!rulesOf(group.type).memberInfoReadable) throw new ImError(GroupCode.NoPermission, 'AVChatRoom groups keep no member list');
  const access = await actorInGroup(ctx.services.groups, group, ctx.actor);
  requireMember(access, group);
  const members = await ctx.services.groups.getMembers(groupId, userIds);
  const wanted = [...new Set(userIds)].map((u) => members.get(u)).filter((m): m is MemberRecord => m !== undefined)
    .filter((m) => !q.MemberRoleFilter || q.MemberRoleFilter.includes(m.role));
  return withinResponseLimit({
    GroupId: groupId,
    MemberList: wanted.map((m) => memberInfo(m, ctx.config.groups, access.rank, q.MemberInfoFilter, q.AppDefinedDataFilter_GroupMember)),
  }, ctx.config.groups, 'ask for fewer accounts or filter MemberInfoFilter / AppDefinedDataFilter_GroupMember');
}

export interface ModifyMemberInput {
  GroupId: string;
  Member_Account: string;
  Role?: 'Admin' | 'Member';
  MsgFlag?: string;
  NameCard?: string;
  AppMemberDefinedData?: KeyValue[];
  MuteTime?: number;
}

/** `modify_group_member_info` / `group.setRole` / `group.modifyMember`. */
export async function modifyMember(ctx: GroupContext, input: ModifyMemberInput): Promise<void> {
  const group = await loadGroup(ctx.services.groups, input.GroupId);
  const rules = rulesOf(group.type);
  const access = await actorInGroup(ctx.services.groups, group, ctx.actor);
  const { rank } = access;
  // Refuse before looking at what would change: a no-op from a stranger must not answer success.
  requireMember(access, group);
  const target = await ctx.services.groups.getMember(group.groupId, input.Member_Account);
  if (!target) throw new ImError(GroupCode.NotMember, `${input.Member_Account} is not a member of group ${group.groupId}`);
  const self = input.Member_Account === ctx.actor.id;
  const others = !self && (input.NameCard !== undefined || input.AppMemberDefinedData !== undefined);
  // In a permission-group Community, bits stand in for the Admin role: ManageGroupMember for others' fields, GroupMuteMember for mutes.
  const fieldRank = others ? await rankByPermission(ctx.services, group, rank, ctx.actor.id, COMMUNITY_BITS.ManageGroupMember) : rank;
  const overTarget = outranks(fieldRank, targetRank(group, target.role)) && rankOrder(fieldRank) >= rankOrder('Admin');
  const changes: Parameters<typeof ctx.services.groups.updateMember>[2] = {};
  if (input.Role !== undefined) requireRight(group, rank, 'setAdmins', 'appointing admins');
  if (input.Role !== undefined && input.Role !== target.role) {
    if (target.role === 'Owner') throw new ImError(GroupCode.InvalidParam, 'the owner\'s role cannot be changed; use change_group_owner');
    changes.role = roleFor(group.type, input.Role);
  }
  if (input.MsgFlag !== undefined) {
    if (!self && !ctx.actor.appAdmin) throw new ImError(GroupCode.NoPermission, 'only the member may set its own MsgFlag');
    changes.msgFlag = input.MsgFlag;
  }
  if (input.NameCard !== undefined) {
    if (!self && !overTarget) throw new ImError(GroupCode.NoPermission, `a ${fieldRank} cannot change the NameCard of the ${target.role} ${target.userId}${usesPermissionGroups(group) ? ' (ManageGroupMember)' : ''}`);
    changes.nameCard = input.NameCard;
  }
  if (input.MuteTime !== undefined) {
    const muteRank = await requireGroupRight(ctx, group, 'mute', 'GroupMuteMember', 'muting members');
    if (!outranks(muteRank, targetRank(group, target.role))) throw new ImError(GroupCode.NoPermission, `a ${muteRank} cannot mute the ${target.role} ${target.userId}`);
    changes.muteUntil = input.MuteTime === 0 ? 0 : nowS(ctx) + input.MuteTime;
  }
  if (input.AppMemberDefinedData !== undefined) {
    if (!self && !overTarget) throw new ImError(GroupCode.NoPermission, `a ${rank} cannot change the custom data of ${target.userId}`);
    const written = customDataToWrite(input.AppMemberDefinedData, 'member', ctx.config.groups, self ? rank : fieldRank)!;
    const merged = { ...target.appMemberDefinedData, ...written };
    for (const [k, v] of Object.entries(written)) if (v === '') delete merged[k];
    changes.appMemberDefinedData = merged;
  }
  if (Object.keys(changes).length === 0) return;
  const updated = await ctx.services.groups.updateMember(group.groupId, target.userId, changes);
  if (!updated) throw new ImError(GroupCode.NotMember, `${target.userId} is not a member of group ${group.groupId}`);
  if (changes.msgFlag !== undefined) await ctx.services.groupMessages.setIndexedFlag(group.groupId, target.userId, changes.msgFlag);
  await afterMemberFieldChanged(ctx, group, target, updated, input.AppMemberDefinedData);
  if (changes.role) {
    await emitGroupTip(ctx.services, group, { TipType: changes.role === 'Admin' ? 'SetAdmin' : 'CancelAdmin', Operator_Account: ctx.actor.id, MemberList_Account: [target.userId] }, rules.memberProfileChangeNotice);
  }
  if (changes.muteUntil !== undefined) {
    await emitGroupTip(ctx.services, group, { TipType: 'MemberMuted', Operator_Account: ctx.actor.id, Member_Account: target.userId, MuteTime: input.MuteTime }, rules.memberProfileChangeNotice);
  }
}

/** DynamoDB does not keep a map's key order. */
const sameData = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * `Group.CallbackAfterMemberFieldChanged` when a member field took a new value (a mute is not one, nor a write of the
 * same value). The spec's `Role` and `NameCard` are always the member's values after the change; `MsgFlag` and the
 * written `AppMemberDefinedData` pairs come only when they changed, so the backend can tell what did.
 */
async function afterMemberFieldChanged(ctx: GroupContext, group: GroupRecord, before: MemberRecord, after: MemberRecord, written: readonly KeyValue[] | undefined) {
  const msgFlagChanged = after.msgFlag !== before.msgFlag;
  const customChanged = !sameData(after.appMemberDefinedData ?? {}, before.appMemberDefinedData ?? {});
  if (after.role === before.role && after.nameCard === before.nameCard && !msgFlagChanged && !customChanged) return;
  await ctx.services.webhooks.after('Group.CallbackAfterMemberFieldChanged', {
    GroupId: group.groupId, Type: group.type, Operator_Account: ctx.actor.id, Modified_Account: after.userId, Role: after.role, NameCard: after.nameCard,
    ...(msgFlagChanged && { MsgFlag: after.msgFlag }),
    ...(customChanged && written && { AppMemberDefinedData: written.map(({ Key, Value }) => ({ Key, Value })) }),
    EventTime: ctx.services.clock(),
  }, metaFor(ctx, 'Group.CallbackAfterMemberFieldChanged'));
}

export interface JoinedQuery {
  Limit?: number;
  Offset?: number;
  GroupType?: GroupType;
  WithHugeGroups?: number;
  WithNoActiveGroups?: number;
  ResponseFilter?: { GroupBaseInfoFilter?: string[]; SelfInfoFilter?: string[] };
}

/**
 * `get_joined_group_list` / `group.joined`: AVChatRoom only with WithHugeGroups = 1; Work groups not yet activated by
 * a message (group-activation.ts) only for their owner or with WithNoActiveGroups = 1.
 */
export async function joinedGroupList(ctx: GroupContext, userId: string, q: JoinedQuery) {
  let memberships = (await ctx.services.groups.joinedGroups(userId))
    .filter((m) => (q.GroupType ? m.groupType === q.GroupType : q.WithHugeGroups === 1 || m.groupType !== 'AVChatRoom'))
    .sort((a, b) => a.joinTime - b.joinTime || a.groupId.localeCompare(b.groupId));
  const baseFilter = q.ResponseFilter?.GroupBaseInfoFilter;
  const groups = new Map<string, GroupRecord>();
  const unsure = q.WithNoActiveGroups === 1 ? [] : memberships.filter((m) => m.groupType === 'Work' && m.role !== 'Owner');
  if (unsure.length > 0) {
    for (const [id, g] of await ctx.services.groups.getGroups(unsure.map((m) => m.groupId))) groups.set(id, g);
    const inactive = new Set<string>();
    await inBatches([...groups.values()], 10, async (g) => { if (!(await isActive(ctx.services, g, ctx.config.retentionDays))) inactive.add(g.groupId); });
    memberships = memberships.filter((m) => !inactive.has(m.groupId));
  }
  const offset = q.Offset ?? 0;
  const page = memberships.slice(offset, q.Limit !== undefined ? offset + q.Limit : undefined);
  const missing = baseFilter ? page.map((m) => m.groupId).filter((id) => !groups.has(id)) : [];
  if (missing.length > 0) for (const [id, g] of await ctx.services.groups.getGroups(missing)) groups.set(id, g);
  return {
    TotalCount: memberships.length,
    GroupIdList: page.map((m) => {
      const g = baseFilter ? groups.get(m.groupId) : undefined;
      const self = q.ResponseFilter?.SelfInfoFilter && currentMemberFields(q.ResponseFilter.SelfInfoFilter);
      return {
        GroupId: m.groupId,
        ...(g && filterBaseInfo(groupBaseInfo(g, ctx.config.sdkAppId), baseFilter)),
        ...(self && { SelfInfo: Object.fromEntries(Object.entries({ Role: m.role, JoinTime: m.joinTime, MsgFlag: m.msgFlag, NameCard: m.nameCard, MuteUntil: m.muteUntil }).filter(([k]) => self.includes(k))) }),
      };
    }),
  };
}

/** `get_role_in_group`. */
export async function rolesInGroup(ctx: GroupContext, groupId: string, userIds: readonly string[]) {
  await loadGroup(ctx.services.groups, groupId);
  // An id no account can have (e.g. past DynamoDB's key size) is no member: it is answered without a read.
  const members = await ctx.services.groups.getMembers(groupId, userIds.filter((u) => userIdProblem(u) === undefined));
  return { UserIdList: userIds.map((u) => ({ Member_Account: u, Role: members.get(u)?.role ?? 'NotMember' })) };
}

/**
 * Who manages a group's user lists: owners and admins; in a permission-group Community, holders of
 * BanMemberGroupMessage (the blocklist) or GroupMuteMember (the whitelist, who may speak while everyone is muted).
 */
async function listRank(ctx: GroupContext, group: GroupRecord, list: 'blocklist' | 'whitelist'): Promise<ActorRank> {
  const { rank: own } = await actorInGroup(ctx.services.groups, group, ctx.actor);
  const bit = list === 'blocklist' ? 'BanMemberGroupMessage' : 'GroupMuteMember';
  const rank = await rankByPermission(ctx.services, group, own, ctx.actor.id, COMMUNITY_BITS[bit]);
  if (rankOrder(rank) < rankOrder('Admin')) {
    throw new ImError(GroupCode.NoPermission, usesPermissionGroups(group) && own !== 'NotMember' ? `managing the ${list} needs the ${bit} permission in group ${group.groupId}` : `only the owner and admins manage the ${list}`);
  }
  return rank;
}

/** Blocklist (seed 004): banned users are removed and cannot rejoin. Owners and admins; admins ban only ordinary members. */
export async function banMembers(ctx: GroupContext, groupId: string, userIds: readonly string[]): Promise<void> {
  const group = await loadGroup(ctx.services.groups, groupId);
  const rank = await listRank(ctx, group, 'blocklist');
  const members = await ctx.services.groups.getMembers(groupId, userIds);
  for (const m of members.values()) if (!outranks(rank, targetRank(group, m.role))) throw new ImError(GroupCode.NoPermission, `a ${rank} cannot ban the ${m.role} ${m.userId}`);
  await ctx.services.groups.addToList(groupId, 'blocklist', userIds, nowS(ctx));
  const removed = (await Promise.all([...members.keys()].map((u) => ctx.services.groups.removeMember(groupId, u, limitsFor(ctx, group.type).countsTowardJoined))))
    .filter((m): m is MemberRecord => m !== undefined).map((m) => m.userId);
  await announceExit(ctx, group, removed, 'Kicked', { reason: 'Banned' });
}

/** Blocklist and whitelist edits and reads; owners and admins only. */
export async function editUserList(ctx: GroupContext, groupId: string, list: 'blocklist' | 'whitelist', op: 'add' | 'remove' | 'get', userIds: readonly string[] = []) {
  if (list === 'blocklist' && op === 'add') { await banMembers(ctx, groupId, userIds); return {}; }
  const group = await loadGroup(ctx.services.groups, groupId);
  await listRank(ctx, group, list);
  if (op === 'get') return { Members_Account: await ctx.services.groups.listOf(groupId, list) };
  if (op === 'add') await ctx.services.groups.addToList(groupId, list, userIds, nowS(ctx));
  else await ctx.services.groups.removeFromList(groupId, list, userIds);
  return {};
}
