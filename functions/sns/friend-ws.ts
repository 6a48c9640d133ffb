import * as z from 'zod/mini';
import { ImError } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import { coded } from '../shared/validation.js';
import type { ServiceCatalog } from '../services.js';
import { notFriendItem, withFailures, type ResultItem } from './add-friends.js';
import { addFriendLists, deleteFriendLists, listsOf, relistFriends } from './friend-lists.js';
import { listNameProblem } from './friend-list-names.js';
import { CHECK_TYPES, readableFriendTags } from './friends.js';
import { accounts, remark, WS_BATCH_MAX } from './schemas.js';
import { SNS_LIMITS, SnsCode } from './sns-codes.js';

/**
 * The caller-scoped WebSocket forms of friend_check, friend_get_list, friend_update and the friend-list commands
 * (group_add, group_delete, group_get): the caller is always the connection's user (docs/websocket.md, Friends).
 */

const bad = (info: string) => coded(SnsCode.InvalidParam, info);
const listName = z.string().check(z.refine((n) => listNameProblem(n) === undefined, { error: (iss) => `${SnsCode.InvalidParam}|${listNameProblem(String(iss.input))}` }));

export const wsFriendCheckInput = z.object({
  To_Account: accounts(WS_BATCH_MAX),
  CheckType: z.optional(z.enum(CHECK_TYPES, bad(`CheckType must be one of ${CHECK_TYPES.join(', ')}`))),
});
export const wsFriendProfileInput = z.object({ To_Account: accounts(WS_BATCH_MAX) });
/** Tencent's limit on custom friend fields: at most 20 per app, so at most 20 in one update. */
export const FRIEND_CUSTOM_FIELDS_MAX = 20;
const customItem = z.object({
  Tag: z.string().check(z.startsWith('Tag_SNS_Custom_', bad('CustomItem Tag must be a Tag_SNS_Custom_ field'))),
  Value: z.union([z.string(), z.number()], bad('CustomItem Value must be a string or an integer')),
});
/**
 * A user changes its remark, friend lists and custom fields (those declared `write: ["app"]`, `sns.customTags`) of its
 * friends; AddSource and AddWording are the app admin's (REST).
 */
export const wsFriendUpdateInput = z.object({
  UpdateItem: z.array(z.object({
    To_Account: z.string(), Remark: z.optional(remark), GroupName: z.optional(z.array(listName).check(z.maxLength(32, bad('GroupName has more than 32 items')))),
    CustomItem: z.optional(z.array(customItem).check(z.maxLength(FRIEND_CUSTOM_FIELDS_MAX, bad(`CustomItem has more than ${FRIEND_CUSTOM_FIELDS_MAX} fields`)))),
  })).check(z.minLength(1, bad('UpdateItem is empty')), z.maxLength(WS_BATCH_MAX, bad(`UpdateItem has more than ${WS_BATCH_MAX} items`))),
});
export const wsFriendGroupsInput = z.object({
  GroupName: z.optional(z.array(z.string()).check(z.maxLength(32, bad('GroupName has more than 32 items')))),
});
const optionalAccounts = z.optional(z.array(z.string()).check(z.maxLength(WS_BATCH_MAX, bad(`at most ${WS_BATCH_MAX} accounts`))));
/** One change of one friend list: exactly one of `Create`, `Delete`, `NewGroupName`, `Add_Account`, `Remove_Account`. */
export const wsFriendGroupsChangeInput = z.object({
  GroupName: listName,
  Create: z.optional(z.literal(1, bad('Create must be 1'))),
  /** With `Create`: friends to put in the new list. */
  To_Account: optionalAccounts,
  Delete: z.optional(z.literal(1, bad('Delete must be 1'))),
  NewGroupName: z.optional(listName),
  Add_Account: optionalAccounts,
  Remove_Account: optionalAccounts,
});

type Services = Pick<ServiceCatalog, 'accounts' | 'clock' | 'sns'>;
const okItem = (To_Account: string): ResultItem => ({ To_Account, ResultCode: 0, ResultInfo: '' });

/** `friend.profile`: the given friends as `friend.list` items (`To_Account`, `ValueItem`); 31704 per non-friend. */
export async function getGivenFriends(services: Pick<ServiceCatalog, 'sns'>, fromId: string, toIds: readonly string[]) {
  const pairs = await services.sns.pairs(fromId, [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))]);
  const failed: string[] = [];
  const UserDataItem: Array<{ To_Account: string; ValueItem: Array<{ Tag: string; Value: unknown }> }> = [];
  const ResultItem = toIds.map((to) => {
    const friend = pairs.get(to)?.ownerHasPeer;
    if (!friend) { failed.push(to); return notFriendItem(fromId, to); }
    UserDataItem.push({ To_Account: to, ValueItem: readableFriendTags(friend).map(([Tag, Value]) => ({ Tag, Value })) });
    return okItem(to);
  });
  return { UserDataItem, ResultItem, ...(failed.length > 0 && { Fail_Account: failed }) };
}

/** `friend.update`'s items as friend_update's (`Tag_SNS_IM_Remark`, `Tag_SNS_IM_Group`, the custom fields). */
export const updateItems = (items: ReadonlyArray<z.infer<typeof wsFriendUpdateInput>['UpdateItem'][number]>) => items.map((i) => ({
  To_Account: i.To_Account,
  SnsItem: [
    ...(i.Remark !== undefined ? [{ Tag: 'Tag_SNS_IM_Remark', Value: i.Remark }] : []),
    ...(i.GroupName !== undefined ? [{ Tag: 'Tag_SNS_IM_Group', Value: i.GroupName }] : []),
    ...i.CustomItem ?? [],
  ],
}));

/** Puts friends in, or takes them out of, an existing list (31704 per non-friend; 30008 when the friend changed meanwhile). */
async function moveFriends(services: Services, fromId: string, name: string, toIds: readonly string[], into: boolean) {
  return withFailures(await relistFriends(services, fromId, toIds, (lists) => (into ? [...new Set([...lists, name])] : lists.filter((g) => g !== name))));
}

/** Renames a list (30001 when it does not exist or the new name does) and its friends' entries. */
async function renameFriendList(services: Services, fromId: string, name: string, newName: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const meta = await services.sns.meta(fromId);
    if (!meta.groups.includes(name)) throw new ImError(SnsCode.InvalidParam, `friend list "${name}" does not exist`);
    if (meta.groups.includes(newName)) throw new ImError(SnsCode.InvalidParam, `friend list "${newName}" exists already`);
    if (!(await services.sns.setGroups(fromId, meta.groups.map((g) => (g === name ? newName : g)), meta.groupSeq))) continue;
    const now = services.clock();
    for (const f of (await services.sns.listFriends(fromId)).filter((f) => listsOf(f.tags).includes(name))) {
      const tags = { ...f.tags, Tag_SNS_IM_Group: listsOf(f.tags).map((g) => (g === name ? newName : g)) };
      await services.sns.commit([{ op: 'updateFriend', ownerId: fromId, friend: { friendId: f.friendId, tags } }], SNS_LIMITS, now);
    }
    return { CurrentSequence: meta.groupSeq + 1 };
  }
  throw new ImError(SnsCode.WriteConflict, 'friend lists changed concurrently; retry');
}

/** `friend.groups.change`. */
export async function changeFriendList(services: Services, fromId: string, input: z.infer<typeof wsFriendGroupsChangeInput>) {
  const chosen = (['Create', 'Delete', 'NewGroupName', 'Add_Account', 'Remove_Account'] as const).filter((k) => input[k] !== undefined);
  if (chosen.length !== 1) throw new ImError(SnsCode.InvalidParam, 'give exactly one of Create, Delete, NewGroupName, Add_Account, Remove_Account');
  if (input.To_Account !== undefined && chosen[0] !== 'Create') throw new ImError(SnsCode.InvalidParam, 'To_Account goes with Create');
  const name = input.GroupName;
  if (input.Create) return addFriendLists(services, fromId, [name], input.To_Account ?? []);
  if (input.Delete) return deleteFriendLists(services, fromId, [name]);
  if (input.NewGroupName !== undefined) return renameFriendList(services, fromId, name, input.NewGroupName);
  const meta = await services.sns.meta(fromId);
  if (!meta.groups.includes(name)) throw new ImError(SnsCode.InvalidParam, `friend list "${name}" does not exist`);
  const into = input.Add_Account !== undefined;
  const ids = (into ? input.Add_Account : input.Remove_Account)!;
  if (ids.length === 0) throw new ImError(SnsCode.InvalidParam, `${into ? 'Add_Account' : 'Remove_Account'} is empty`);
  return { ...(await moveFriends(services, fromId, name, ids, into)), CurrentSequence: meta.groupSeq };
}
