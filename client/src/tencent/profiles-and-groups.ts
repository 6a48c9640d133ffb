import { ImRequestError } from '../errors.js';
import type { GroupCreateInput } from '../protocol.js';
import { TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE, toChatError } from './errors.js';
import { GROUP_BASE_FIELDS, toGroup, toGroupMember } from './group.js';
import { toProfileItems, type Profile } from './profile.js';

// ---- conversations ----

export async function getConversationList(ctx: ChatContext, options?: string[] | { type?: string; markType?: number; groupName?: string; hasUnreadCount?: boolean }) {
  await call(() => ctx.book.refresh());
  let list = ctx.book.list();
  if (Array.isArray(options)) list = list.filter((c) => options.includes(c.conversationID));
  else if (options) {
    const { type, markType, groupName, hasUnreadCount } = options;
    list = list.filter((c) => (!type || c.type === type) && (markType === undefined || c.markList.includes(markType))
      && (groupName === undefined || c.conversationGroupList.includes(groupName)) && (hasUnreadCount === undefined || (c.unreadCount > 0) === hasUnreadCount));
  }
  return ok({ conversationList: list, isSyncCompleted: true });
}

export async function getConversationProfile(ctx: ChatContext, conversationID: string) {
  const conversation = ctx.book.get(conversationID);
  if (!conversation) throw new ChatError(CODE.INVALID_PARAMETERS, `no conversation ${conversationID} in this user's list`);
  return ok({ conversation });
}

export async function pinConversation(ctx: ChatContext, options: { conversationID: string; isPinned: boolean }) {
  await call(() => ctx.im().pinConversation({ ConversationID: options.conversationID, IsPinned: options.isPinned ? 1 : 0 }));
  ctx.book.setExtras(options.conversationID, { TopFlag: options.isPinned ? 1 : 0 });
  return ok({ conversationID: options.conversationID });
}

// ---- profiles ----

export type UpdateProfileOptions = Partial<Omit<Profile, 'userID' | 'lastUpdatedNumber'>>;

export async function getUserProfile(ctx: ChatContext, options: { userIDList: string[] }) {
  if (!Array.isArray(options?.userIDList) || options.userIDList.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'getUserProfile needs userIDList');
  return ok(await call(() => ctx.book.loadProfiles(options.userIDList)));
}

export async function getMyProfile(ctx: ChatContext) {
  const [profile] = await call(() => ctx.book.loadProfiles([ctx.me()]));
  if (!profile) throw new ChatError(CODE.NOT_LOGGED_IN, 'no profile for the logged-in user');
  return ok(profile);
}

export async function updateMyProfile(ctx: ChatContext, options: UpdateProfileOptions) {
  const items = toProfileItems(options ?? {});
  if (items.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'updateMyProfile needs at least one field');
  await call(() => ctx.im().setProfile(items));
  return getMyProfile(ctx);
}

// ---- groups ----

export interface CreateGroupOptions {
  name: string;
  type?: string;
  groupID?: string;
  introduction?: string;
  notification?: string;
  avatar?: string;
  maxMemberNum?: number;
  joinOption?: string;
  memberList?: Array<{ userID: string; role?: string; memberCustomField?: Array<{ key: string; value: string }> }>;
  groupCustomField?: Array<{ key: string; value: string }>;
  isSupportTopic?: boolean;
}

export async function groupInfo(ctx: ChatContext, groupID: string) {
  const reply = await call(() => ctx.im().groupInfo({ GroupIdList: [groupID] })) as { GroupInfo?: Array<Record<string, unknown>> };
  const info = reply.GroupInfo?.[0];
  if (!info) throw new ChatError(10010, `group ${groupID} does not exist`);
  const code = Number(info.ErrorCode ?? 0);
  if (code !== 0) throw new ChatError(code, String(info.ErrorInfo ?? ''));
  return toGroup(info, ctx.me());
}

export async function createGroup(ctx: ChatContext, options: CreateGroupOptions) {
  const input = {
    Type: options.type ?? TYPES.GRP_WORK, Name: options.name,
    ...(options.groupID && { GroupId: options.groupID }), ...(options.introduction !== undefined && { Introduction: options.introduction }),
    ...(options.notification !== undefined && { Notification: options.notification }), ...(options.avatar !== undefined && { FaceUrl: options.avatar }),
    ...(options.maxMemberNum !== undefined && { MaxMemberCount: options.maxMemberNum }),
    ...(options.joinOption !== undefined && { ApplyJoinOption: options.joinOption as GroupCreateInput['ApplyJoinOption'] }),
    ...(options.memberList && { MemberList: options.memberList.map((m) => ({ Member_Account: m.userID, ...(m.role && { Role: m.role }) })) }),
    ...(options.groupCustomField && { AppDefinedData: options.groupCustomField.map((f) => ({ Key: f.key, Value: f.value })) }),
    ...(options.isSupportTopic && { SupportTopic: 1 }),
  } as GroupCreateInput;
  const { GroupId } = await call(() => ctx.im().createGroup(input));
  await ctx.relations.changed('groups');
  return ok({ group: await groupInfo(ctx, GroupId) });
}

export async function joinGroup(ctx: ChatContext, options: { groupID: string; applyMessage?: string }) {
  try {
    const { JoinResult } = await ctx.im().joinGroup({ GroupId: options.groupID, ...(options.applyMessage && { ApplyMsg: options.applyMessage }) });
    if (JoinResult === 'Pending') return ok({ status: TYPES.JOIN_STATUS_WAIT_APPROVAL, group: {} });
    await ctx.relations.changed('groups');
    return ok({ status: TYPES.JOIN_STATUS_SUCCESS, group: await groupInfo(ctx, options.groupID) });
  } catch (e) {
    // 10013, already a member: Tencent's SDK resolves with AlreadyInGroup.
    if (e instanceof ImRequestError && e.code === 10013) return ok({ status: TYPES.JOIN_STATUS_ALREADY_IN_GROUP, group: await groupInfo(ctx, options.groupID) });
    throw toChatError(e);
  }
}

export async function quitGroup(ctx: ChatContext, groupID: string) {
  await call(() => ctx.im().quitGroup({ GroupId: groupID }));
  await ctx.relations.changed('groups');
  return ok({ groupID });
}

export async function dismissGroup(ctx: ChatContext, groupID: string) {
  await call(() => ctx.im().destroyGroup({ GroupId: groupID }));
  await ctx.relations.changed('groups');
  return ok({ groupID });
}

/** The joined groups as Tencent's `Group[]` (`selfInfo` from `group.joined`'s SelfInfo). */
export async function readGroups(ctx: ChatContext) {
  const reply = await call(() => ctx.im().joinedGroups({
    WithNoActiveGroups: 1, ResponseFilter: { GroupBaseInfoFilter: GROUP_BASE_FIELDS, SelfInfoFilter: ['Role', 'JoinTime', 'MsgFlag', 'NameCard'] },
  }));
  const me = ctx.me();
  return reply.GroupIdList.map((g) => {
    const self = g.SelfInfo as Record<string, unknown> | undefined;
    return toGroup({ ...g, ...(self && { MemberList: [{ ...self, Member_Account: me }] }) }, me);
  });
}

export async function getGroupList(ctx: ChatContext) {
  return ok({ groupList: await readGroups(ctx) });
}

export async function getGroupProfile(ctx: ChatContext, options: { groupID: string }) {
  return ok({ group: await groupInfo(ctx, options?.groupID) });
}

export async function getGroupMemberList(ctx: ChatContext, options: { groupID: string; count?: number; offset?: number | string; role?: string }) {
  const count = Math.min(options.count ?? 15, 100);
  const reply = await call(() => ctx.im().groupMembers({
    GroupId: options.groupID, Limit: count, Offset: Number(options.offset ?? 0) || 0,
    ...(options.role && { MemberRoleFilter: [options.role as 'Owner' | 'Admin' | 'Member'] }),
  })) as { MemberList?: Array<Record<string, unknown>> };
  const memberList = (reply.MemberList ?? []).map(toGroupMember);
  const unknown = memberList.filter((m) => !ctx.book.profiles.has(m.userID)).map((m) => m.userID);
  if (unknown.length > 0) await call(() => ctx.book.loadProfiles(unknown));
  for (const m of memberList) {
    const p = ctx.book.profiles.get(m.userID);
    if (p) { m.nick = p.nick; m.avatar = p.avatar; }
  }
  const offset = (Number(options.offset ?? 0) || 0) + memberList.length;
  return ok({ memberList, offset: memberList.length < count ? 0 : offset });
}
