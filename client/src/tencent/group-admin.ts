import type { GroupModifyInput } from '../protocol.js';
import { TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { toGroupMember, type GroupMember } from './group.js';
import { groupInfo } from './profiles-and-groups.js';

/** Group management: profile, owner, members and their fields, over group.modify / transfer / invite / kick / modifyMember. */

type KeyValues = Array<{ key: string; value: string }>;
const toKeyValues = (list: KeyValues) => list.map((f) => ({ Key: f.key, Value: f.value }));

/** Throws 6017 unless `groupID` and each of `what` are given. */
export function need(groupID: unknown, api: string, what: Record<string, unknown> = {}): void {
  if (typeof groupID !== 'string' || !groupID) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs groupID`);
  for (const [name, v] of Object.entries(what)) if (v === undefined || v === null || v === '') throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs ${name}`);
}

/** The named members with their nick and avatar (`group.specifiedMembers`; Tencent reads the first 50 only). */
export async function memberProfiles(ctx: ChatContext, groupID: string, userIDs: string[], customFilter?: string[]): Promise<GroupMember[]> {
  const ids = [...new Set(userIDs)].slice(0, 50);
  const reply = await call(() => ctx.im().groupSpecifiedMembers({
    GroupId: groupID, Member_List_Account: ids, ...(customFilter && { AppDefinedDataFilter_GroupMember: customFilter }),
  })) as { MemberList?: Array<Record<string, unknown>> };
  const members = (reply.MemberList ?? []).map(toGroupMember);
  if (members.length > 0) {
    const profiles = await call(() => ctx.book.loadProfiles(members.map((m) => m.userID)));
    const byId = new Map(profiles.map((p) => [p.userID, p]));
    for (const m of members) {
      const p = byId.get(m.userID);
      if (p) { m.nick = p.nick; m.avatar = p.avatar; }
    }
  }
  return members;
}

/** One member: 10007 when `userID` is not a member. */
async function memberOf(ctx: ChatContext, groupID: string, userID: string): Promise<GroupMember> {
  const [member] = await memberProfiles(ctx, groupID, [userID]);
  if (!member) throw new ChatError(10007, `${userID} is not a member of group ${groupID}`);
  return member;
}

/** Tencent's `getGroupMemberProfile`: the members among `userIDList` (non-members are left out), at most 50. */
export async function getGroupMemberProfile(ctx: ChatContext, options: { groupID: string; userIDList: string[]; memberCustomFieldFilter?: string[] }) {
  need(options?.groupID, 'getGroupMemberProfile');
  const ids = userList(options.userIDList, 'getGroupMemberProfile');
  return ok({ memberList: await memberProfiles(ctx, options.groupID, ids, options.memberCustomFieldFilter) });
}

export interface UpdateGroupProfileOptions {
  groupID: string; name?: string; introduction?: string; notification?: string; avatar?: string; maxMemberNum?: number;
  joinOption?: string; muteAllMembers?: boolean; groupCustomField?: KeyValues;
}

export async function updateGroupProfile(ctx: ChatContext, options: UpdateGroupProfileOptions) {
  const o = options ?? {} as UpdateGroupProfileOptions;
  need(o.groupID, 'updateGroupProfile');
  const input: GroupModifyInput = {
    GroupId: o.groupID, ...(o.name !== undefined && { Name: o.name }), ...(o.introduction !== undefined && { Introduction: o.introduction }),
    ...(o.notification !== undefined && { Notification: o.notification }), ...(o.avatar !== undefined && { FaceUrl: o.avatar }),
    ...(o.maxMemberNum !== undefined && { MaxMemberNum: o.maxMemberNum }),
    ...(o.joinOption !== undefined && { ApplyJoinOption: o.joinOption as GroupModifyInput['ApplyJoinOption'] }),
    ...(o.muteAllMembers !== undefined && { MuteAllMember: o.muteAllMembers ? 'On' : 'Off' }),
    ...(o.groupCustomField && { AppDefinedData: toKeyValues(o.groupCustomField) }),
  };
  if (Object.keys(input).length === 1) throw new ChatError(CODE.INVALID_PARAMETERS, 'updateGroupProfile needs a field to change');
  await call(() => ctx.im().modifyGroup(input));
  await ctx.relations.changed('groups');
  return ok({ group: await groupInfo(ctx, o.groupID) });
}

export async function searchGroupByID(ctx: ChatContext, groupID: string) {
  need(groupID, 'searchGroupByID');
  return ok({ group: await groupInfo(ctx, groupID) });
}

export async function changeGroupOwner(ctx: ChatContext, options: { groupID: string; newOwnerID: string }) {
  need(options?.groupID, 'changeGroupOwner', { newOwnerID: options?.newOwnerID });
  await call(() => ctx.im().transferGroup({ GroupId: options.groupID, NewOwner_Account: options.newOwnerID }));
  await ctx.relations.changed('groups');
  return ok({ group: await groupInfo(ctx, options.groupID) });
}

const userList = (list: unknown, api: string): string[] => {
  if (!Array.isArray(list) || list.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs userIDList`);
  return list as string[];
};

/**
 * `group.invite`'s `Result`: 0 failed (no such user, banned, refused by a callback, or over the joined-groups limit), 1 added,
 * 2 already a member. The server does not tell the over-limit apart: Tencent's `overLimitUserIDList` stays empty.
 */
export async function addGroupMember(ctx: ChatContext, options: { groupID: string; userIDList: string[] }) {
  need(options?.groupID, 'addGroupMember');
  const ids = userList(options.userIDList, 'addGroupMember');
  const reply = await call(() => ctx.im().inviteToGroup({ GroupId: options.groupID, MemberList: ids.map((id) => ({ Member_Account: id })) })) as {
    MemberList?: Array<{ Member_Account: string; Result: number }>;
  };
  const by = (r: number) => (reply.MemberList ?? []).filter((m) => m.Result === r).map((m) => m.Member_Account);
  return ok({ successUserIDList: by(1), failureUserIDList: by(0), existedUserIDList: by(2), overLimitUserIDList: [] as string[], group: await groupInfo(ctx, options.groupID) });
}

export async function deleteGroupMember(ctx: ChatContext, options: { groupID: string; userIDList: string[]; reason?: string }) {
  need(options?.groupID, 'deleteGroupMember');
  const ids = userList(options.userIDList, 'deleteGroupMember');
  await call(() => ctx.im().kickFromGroup({ GroupId: options.groupID, MemberToDel_Account: ids, ...(options.reason && { Reason: options.reason }) }));
  return ok({ group: await groupInfo(ctx, options.groupID), userIDList: ids });
}

/** A `group.modifyMember` change, then the group and the member as they are now. */
async function modifyMember(ctx: ChatContext, groupID: string, userID: string, change: Record<string, unknown>) {
  await call(() => ctx.im().modifyGroupMember({ GroupId: groupID, Member_Account: userID, ...change }));
  if (userID === ctx.me()) await ctx.relations.changed('groups');
  const [group, member] = await Promise.all([groupInfo(ctx, groupID), memberOf(ctx, groupID, userID)]);
  return ok({ group, member });
}

export function setGroupMemberRole(ctx: ChatContext, options: { groupID: string; userID: string; role: string }) {
  need(options?.groupID, 'setGroupMemberRole', { userID: options?.userID });
  if (options.role !== TYPES.GRP_MBR_ROLE_ADMIN && options.role !== TYPES.GRP_MBR_ROLE_MEMBER) {
    throw new ChatError(CODE.INVALID_PARAMETERS, 'setGroupMemberRole: role is GRP_MBR_ROLE_ADMIN or GRP_MBR_ROLE_MEMBER');
  }
  return modifyMember(ctx, options.groupID, options.userID, { Role: options.role });
}

/** `muteTime` in seconds; 0 unmutes. */
export function setGroupMemberMuteTime(ctx: ChatContext, options: { groupID: string; userID: string; muteTime: number }) {
  need(options?.groupID, 'setGroupMemberMuteTime', { userID: options?.userID });
  if (!Number.isInteger(options.muteTime) || options.muteTime < 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'setGroupMemberMuteTime needs muteTime, seconds >= 0');
  return modifyMember(ctx, options.groupID, options.userID, { MuteTime: options.muteTime });
}

/** `userID` defaults to the caller. */
export function setGroupMemberNameCard(ctx: ChatContext, options: { groupID: string; userID?: string; nameCard: string }) {
  need(options?.groupID, 'setGroupMemberNameCard');
  if (typeof options.nameCard !== 'string') throw new ChatError(CODE.INVALID_PARAMETERS, 'setGroupMemberNameCard needs nameCard');
  return modifyMember(ctx, options.groupID, options.userID ?? ctx.me(), { NameCard: options.nameCard });
}

export function setGroupMemberCustomField(ctx: ChatContext, options: { groupID: string; userID?: string; memberCustomField: KeyValues }) {
  need(options?.groupID, 'setGroupMemberCustomField');
  if (!Array.isArray(options.memberCustomField) || options.memberCustomField.length === 0) {
    throw new ChatError(CODE.INVALID_PARAMETERS, 'setGroupMemberCustomField needs memberCustomField');
  }
  return modifyMember(ctx, options.groupID, options.userID ?? ctx.me(), { AppMemberDefinedData: toKeyValues(options.memberCustomField) });
}

/** Tencent's `getGroupOnlineMemberCount`: `{ memberCount }`, the members online now (10007 for a non-member). */
export async function getGroupOnlineMemberCount(ctx: ChatContext, groupID: string) {
  need(groupID, 'getGroupOnlineMemberCount');
  const reply = await call(() => ctx.im().groupOnlineCount(groupID));
  return ok({ memberCount: reply.OnlineMemberNum });
}
