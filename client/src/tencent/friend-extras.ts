import { TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { profilesOf, toFriend, type Friend, type FriendResult } from './friends.js';

/** checkFriend, getFriendProfile, updateFriend and friend groups, over friend.check / profile / update / groups / groups.change. */

interface Results { ResultItem?: Array<{ To_Account: string; ResultCode: number; ResultInfo: string }> }
type FriendItem = { To_Account: string; ValueItem?: Array<{ Tag: string; Value: unknown }> };

/** Tencent's `FriendGroup`. */
export interface FriendGroup { name: string; userIDList: string[]; count: number }

const ids = (list: unknown, api: string): string[] => {
  if (!Array.isArray(list) || list.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs userIDList`);
  return list as string[];
};
const text = (v: unknown, api: string, what: string): string => {
  if (typeof v !== 'string' || !v) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs ${what}`);
  return v;
};
const failures = (reply: Results) => (reply.ResultItem ?? []).filter((r) => r.ResultCode !== 0)
  .map((r): FriendResult => ({ userID: r.To_Account, code: r.ResultCode, message: r.ResultInfo }));

/** `successUserIDList` of `{ userID, code: 0, relation }` (`SNS_TYPE_*`), `failureUserIDList` of `{ userID, code, message }`. */
export async function checkFriend(ctx: ChatContext, options: { userIDList: string[]; type?: string }) {
  const list = ids(options?.userIDList, 'checkFriend');
  const reply = await call(() => ctx.im().checkFriends({ To_Account: list, CheckType: (options.type ?? TYPES.SNS_CHECK_TYPE_BOTH) as 'CheckResult_Type_Both' })) as {
    InfoItem?: Array<{ To_Account: string; Relation: string; ResultCode: number; ResultInfo: string }>;
  };
  const items = reply.InfoItem ?? [];
  return ok({
    successUserIDList: items.filter((i) => i.ResultCode === 0).map((i) => ({ userID: i.To_Account, code: 0, relation: i.Relation })),
    failureUserIDList: items.filter((i) => i.ResultCode !== 0).map((i) => ({ userID: i.To_Account, code: i.ResultCode, message: i.ResultInfo })),
  });
}

async function friendsOf(ctx: ChatContext, userIDs: string[]) {
  const reply = await call(() => ctx.im().friendProfiles({ To_Account: userIDs })) as Results & { UserDataItem?: FriendItem[] };
  const items = reply.UserDataItem ?? [];
  const profile = await profilesOf(ctx, items.map((i) => i.To_Account));
  return { friendList: items.map((i) => toFriend(i, profile(i.To_Account))), failureUserIDList: failures(reply) };
}

/** `{ friendList, failureUserIDList }`: the caller's friends among `userIDList` (others fail with 31704). */
export async function getFriendProfile(ctx: ChatContext, options: { userIDList: string[] }) {
  return ok(await friendsOf(ctx, ids(options?.userIDList, 'getFriendProfile')));
}

/**
 * The friend's `remark` and `friendCustomField` (`[{ key: 'Tag_SNS_Custom_<name>', value }]`: the fields the app lets
 * users write). Resolves the `Friend` as it is now.
 */
export async function updateFriend(ctx: ChatContext, options: { userID: string; remark?: string; friendCustomField?: Array<{ key: string; value: string | number }> }) {
  const userID = text(options?.userID, 'updateFriend', 'userID');
  const fields = options.friendCustomField ?? [];
  if (!Array.isArray(fields)) throw new ChatError(CODE.INVALID_PARAMETERS, 'updateFriend: friendCustomField must be an array of { key, value }');
  if (options.remark === undefined && fields.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'updateFriend needs remark or friendCustomField');
  const reply = await call(() => ctx.im().updateFriends({ UpdateItem: [{
    To_Account: userID, ...(options.remark !== undefined && { Remark: options.remark }),
    ...(fields.length > 0 && { CustomItem: fields.map((f) => ({ Tag: f?.key, Value: f?.value })) }),
  }] })) as Results;
  const [failed] = failures(reply);
  if (failed) throw new ChatError(failed.code, failed.message);
  await ctx.relations.changed('friends');
  const { friendList: [friend] } = await friendsOf(ctx, [userID]);
  return ok(friend as Friend);
}

export async function readGroups(ctx: ChatContext, names?: string[]): Promise<FriendGroup[]> {
  const reply = await call(() => ctx.im().friendGroups(names ? { GroupName: names } : {})) as {
    ResultItem?: Array<{ GroupName: string; FriendNumber: number; To_Account?: string[] }>;
  };
  return (reply.ResultItem ?? []).map((g) => ({ name: g.GroupName, userIDList: g.To_Account ?? [], count: g.FriendNumber }));
}

/** A friend-group call changes the groups and the friends' `groupList`: FRIEND_GROUP_LIST_UPDATED and FRIEND_LIST_UPDATED. */
const listsChanged = (ctx: ChatContext) => Promise.all([ctx.relations.changed('friendGroups'), ctx.relations.changed('friends')]);

async function groupNamed(ctx: ChatContext, name: string): Promise<FriendGroup> {
  const [group] = await readGroups(ctx, [name]);
  return group!;
}

export async function getFriendGroupList(ctx: ChatContext) {
  return ok(await readGroups(ctx));
}

/** `{ friendGroup, failureUserIDList }` (the userIDs that are not friends). */
export async function createFriendGroup(ctx: ChatContext, options: { name: string; userIDList?: string[] }) {
  const name = text(options?.name, 'createFriendGroup', 'name');
  const list = options.userIDList ?? [];
  const reply = await call(() => ctx.im().changeFriendGroup({ GroupName: name, Create: 1, ...(list.length > 0 && { To_Account: list }) })) as Results;
  await listsChanged(ctx);
  return ok({ friendGroup: await groupNamed(ctx, name), failureUserIDList: failures(reply).map((f) => f.userID) });
}

/** Resolves the deleted group as it was. */
export async function deleteFriendGroup(ctx: ChatContext, options: { name: string }) {
  const name = text(options?.name, 'deleteFriendGroup', 'name');
  const before = await groupNamed(ctx, name);
  await call(() => ctx.im().changeFriendGroup({ GroupName: name, Delete: 1 }));
  await listsChanged(ctx);
  return ok(before);
}

export async function renameFriendGroup(ctx: ChatContext, options: { oldName: string; newName: string }) {
  const oldName = text(options?.oldName, 'renameFriendGroup', 'oldName');
  const newName = text(options.newName, 'renameFriendGroup', 'newName');
  await call(() => ctx.im().changeFriendGroup({ GroupName: oldName, NewGroupName: newName }));
  await listsChanged(ctx);
  return ok(await groupNamed(ctx, newName));
}

async function move(ctx: ChatContext, api: string, options: { name: string; userIDList: string[] }, into: boolean) {
  const name = text(options?.name, api, 'name');
  const list = ids(options.userIDList, api);
  const reply = await call(() => ctx.im().changeFriendGroup({ GroupName: name, ...(into ? { Add_Account: list } : { Remove_Account: list }) })) as Results;
  await listsChanged(ctx);
  return ok({ friendGroup: await groupNamed(ctx, name), failureUserIDList: failures(reply).map((f) => f.userID) });
}

export const addToFriendGroup = (ctx: ChatContext, options: { name: string; userIDList: string[] }) => move(ctx, 'addToFriendGroup', options, true);
export const removeFromFriendGroup = (ctx: ChatContext, options: { name: string; userIDList: string[] }) => move(ctx, 'removeFromFriendGroup', options, false);
