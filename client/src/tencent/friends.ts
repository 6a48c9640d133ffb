import { TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { blankProfile, type Profile } from './profile.js';

/** Tencent's `Friend`. */
export interface Friend {
  userID: string;
  remark: string;
  groupList: string[];
  source: string;
  wording: string;
  addTime: number;
  profile: Profile;
  friendCustomField: Array<{ key: string; value: unknown }>;
}

/** Tencent's `FriendApplication`: `userID` is the requester (`SNS_APPLICATION_SENT_TO_ME`) or the target (`SENT_BY_ME`). */
export interface FriendApplication {
  userID: string;
  avatar: string;
  nick: string;
  time: number;
  source: string;
  wording: string;
  type: string;
}

/** Tencent's result of one friend operation (`addFriend`, a `deleteFriend` item). */
export interface FriendResult { userID: string; code: number; message: string }

interface ResultItems { ResultItem?: Array<{ To_Account: string; ResultCode: number; ResultInfo: string }> }
/** Tencent's 30539: the target confirms requests; ours is waiting for it. */
const PENDING = 30539;

export async function profilesOf(ctx: ChatContext, userIDs: string[]): Promise<(userID: string) => Profile> {
  const unknown = userIDs.filter((id) => !ctx.book.profiles.has(id));
  if (unknown.length > 0) await call(() => ctx.book.loadProfiles(unknown));
  return (id) => ctx.book.profiles.get(id) ?? blankProfile(id);
}

export function toFriend(item: { To_Account: string; ValueItem?: Array<{ Tag: string; Value: unknown }> }, profile: Profile): Friend {
  const tags = new Map((item.ValueItem ?? []).map((v) => [v.Tag, v.Value]));
  const text = (tag: string) => String(tags.get(`Tag_SNS_IM_${tag}`) ?? '');
  return {
    userID: item.To_Account, remark: text('Remark'), groupList: (tags.get('Tag_SNS_IM_Group') as string[] | undefined) ?? [],
    source: text('AddSource'), wording: text('AddWording'), addTime: Number(tags.get('Tag_SNS_IM_AddTime') ?? 0), profile,
    friendCustomField: [...tags].filter(([tag]) => tag.startsWith('Tag_SNS_Custom_')).map(([key, value]) => ({ key, value })),
  };
}

/** The whole friend list (`friend.list` pages), with each friend's profile. */
export async function readFriends(ctx: ChatContext): Promise<Friend[]> {
  const items: Array<{ To_Account: string; ValueItem?: Array<{ Tag: string; Value: unknown }> }> = [];
  for (let start = 0; ;) {
    const page = await call(() => ctx.im().friendList({ StartIndex: start })) as { UserDataItem?: typeof items; CompleteFlag?: number; NextStartIndex?: number };
    items.push(...page.UserDataItem ?? []);
    if (page.CompleteFlag !== 0 || !page.NextStartIndex) break;
    start = page.NextStartIndex;
  }
  const profile = await profilesOf(ctx, items.map((i) => i.To_Account));
  return items.map((i) => toFriend(i, profile(i.To_Account)));
}

/** Pending requests to and from this user; `unreadCount`: those to this user since its last `setFriendApplicationRead`. */
export async function readApplications(ctx: ChatContext) {
  const reply = await call(() => ctx.im().friendRequests()) as {
    PendencyItem?: Array<{ Type: string; From_Account: string; To_Account: string; AddSource: string; AddWording?: string; AddTime: number }>;
    UnreadPendencyCount?: number;
  };
  const items = reply.PendencyItem ?? [];
  const other = (i: (typeof items)[number]) => (i.Type === TYPES.SNS_APPLICATION_SENT_TO_ME ? i.From_Account : i.To_Account);
  const profile = await profilesOf(ctx, items.map(other));
  const friendApplicationList: FriendApplication[] = items.map((i) => {
    const p = profile(other(i));
    return { userID: other(i), avatar: p.avatar, nick: p.nick, time: i.AddTime, source: i.AddSource, wording: i.AddWording ?? '', type: i.Type };
  });
  return { friendApplicationList, unreadCount: reply.UnreadPendencyCount ?? 0 };
}

export async function getFriendList(ctx: ChatContext) {
  return ok(await readFriends(ctx));
}

export interface AddFriendOptions { to: string; source: string; wording?: string; type?: string; remark?: string; groupName?: string }

/** `code` 0: added (FRIEND_LIST_UPDATED follows); 30539: the target confirms requests (FRIEND_APPLICATION_LIST_UPDATED). */
export async function addFriend(ctx: ChatContext, options: AddFriendOptions) {
  const { to, source, wording, type, remark, groupName } = options ?? {};
  if (typeof to !== 'string' || !to) throw new ChatError(CODE.INVALID_PARAMETERS, 'addFriend needs `to`, a userID');
  const { Result } = await call(() => ctx.im().addFriend({
    To_Account: to, AddSource: source, AddType: (type ?? TYPES.SNS_ADD_TYPE_BOTH) as 'Add_Type_Both',
    ...(wording && { AddWording: wording }), ...(remark && { Remark: remark }), ...(groupName && { GroupName: groupName }),
  }));
  const pending = Result === 'Pending';
  await ctx.relations.changed(pending ? 'applications' : 'friends');
  const data: FriendResult = { userID: to, code: pending ? PENDING : 0, message: pending ? 'the friend request awaits the target\'s approval' : '' };
  return ok(data);
}

/** Both ways unless `type` is `SNS_DELETE_TYPE_SINGLE`, as Tencent's default. */
export async function deleteFriend(ctx: ChatContext, options: { userIDList: string[]; type?: string }) {
  const { userIDList, type } = options ?? {};
  if (!Array.isArray(userIDList)) throw new ChatError(CODE.INVALID_PARAMETERS, 'deleteFriend needs `userIDList`, an array');
  const reply = await call(() => ctx.im().deleteFriends({ To_Account: userIDList, DeleteType: (type ?? TYPES.SNS_DELETE_TYPE_BOTH) as 'Delete_Type_Both' })) as ResultItems;
  const results: FriendResult[] = (reply.ResultItem ?? []).map((r) => ({ userID: r.To_Account, code: r.ResultCode, message: r.ResultInfo }));
  await ctx.relations.changed('friends');
  return ok({ successUserIDList: results.filter((r) => r.code === 0), failureUserIDList: results.filter((r) => r.code !== 0) });
}

export async function getFriendApplicationList(ctx: ChatContext) {
  return ok(await readApplications(ctx));
}

async function respond(ctx: ChatContext, userID: string, action: string, extra: { Remark?: string; TagName?: string } = {}) {
  if (typeof userID !== 'string' || !userID) throw new ChatError(CODE.INVALID_PARAMETERS, 'the application\'s `userID` is needed');
  await call(() => ctx.im().respondFriend({ To_Account: userID, ResponseAction: action as 'Response_Action_Agree', ...extra }));
  const accepted = action !== 'Response_Action_Reject';
  await Promise.all([ctx.relations.changed('applications'), accepted && ctx.relations.changed('friends')]);
  const data: FriendResult = { userID, code: 0, message: '' };
  return ok(data);
}

/** `type`: `SNS_APPLICATION_AGREE_AND_ADD` (default, friends both ways) or `SNS_APPLICATION_AGREE`; `tag`: the friend list to put the requester in. */
export function acceptFriendApplication(ctx: ChatContext, options: { userID: string; remark?: string; tag?: string; type?: string }) {
  const { userID, remark, tag, type } = options ?? {};
  return respond(ctx, userID, type ?? TYPES.SNS_APPLICATION_AGREE_AND_ADD, { ...(remark && { Remark: remark }), ...(tag && { TagName: tag }) });
}

export function refuseFriendApplication(ctx: ChatContext, options: { userID: string }) {
  return respond(ctx, options?.userID, 'Response_Action_Reject');
}

/** `type`: `SNS_APPLICATION_SENT_TO_ME` (an application to this user) or `SNS_APPLICATION_SENT_BY_ME` (withdraws this user's). */
export async function deleteFriendApplication(ctx: ChatContext, options: { userID: string; type: string }) {
  const { userID, type } = options ?? {};
  if (typeof userID !== 'string' || !userID) throw new ChatError(CODE.INVALID_PARAMETERS, 'deleteFriendApplication needs the application\'s `userID`');
  await call(() => ctx.im().deleteFriendRequest({ To_Account: userID, Type: type as 'Pendency_Type_ComeIn' }));
  await ctx.relations.changed('applications');
  const data: FriendResult = { userID, code: 0, message: '' };
  return ok(data);
}

/** Every application to this user so far is read: `unreadCount` 0, FRIEND_APPLICATION_LIST_UPDATED follows. */
export async function setFriendApplicationRead(ctx: ChatContext) {
  await call(() => ctx.im().markFriendRequestsRead());
  await ctx.relations.changed('applications');
  return ok({});
}
