import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { userIdProblem } from '../shared/identifiers.js';
import { notFriendItem, withFailures, type ResultItem } from './add-friends.js';
import { ensureFriendLists, listNameProblem } from './friend-list-names.js';
import { SNS_LIMITS, SnsCode } from './sns-codes.js';

async function requireAccount(services: Pick<ServiceCatalog, 'accounts'>, userId: string): Promise<void> {
  if (!(await services.accounts.getMany([userId])).has(userId)) throw new ImError(SnsCode.AccountMissing, `account ${userId} does not exist`);
}

export const listsOf = (tags: Record<string, unknown>): string[] => (tags.Tag_SNS_IM_Group as string[] | undefined) ?? [];

/**
 * Gives each of `toIds` the friend lists `next` makes of its current ones (31704 per non-friend; 30008 when the friend
 * changed meanwhile); a friend whose lists stay the same is not written.
 */
export async function relistFriends(
  services: Pick<ServiceCatalog, 'clock' | 'sns'>, fromId: string, toIds: readonly string[], next: (lists: string[]) => string[],
): Promise<ResultItem[]> {
  const now = services.clock();
  const pairs = await services.sns.pairs(fromId, [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))]);
  const results: ResultItem[] = [];
  for (const to of toIds) {
    const friend = pairs.get(to)?.ownerHasPeer;
    if (!friend) { results.push(notFriendItem(fromId, to)); continue; }
    const lists = listsOf(friend.tags);
    const after = next(lists);
    if (after.length === lists.length && after.every((g, i) => g === lists[i])) { results.push({ To_Account: to, ResultCode: 0, ResultInfo: '' }); continue; }
    const result = await services.sns.commit([{ op: 'updateFriend', ownerId: fromId, friend: { friendId: to, tags: { ...friend.tags, Tag_SNS_IM_Group: after } } }], SNS_LIMITS, now);
    results.push(result.ok ? { To_Account: to, ResultCode: 0, ResultInfo: '' } : { To_Account: to, ResultCode: SnsCode.WriteConflict, ResultInfo: 'the friend changed concurrently; retry' });
  }
  return results;
}

/**
 * `sns/group_add`: creates friend lists (30001 when one exists already,
 * 30011 past 32) and puts the given friends in all of them (31704 per non-friend).
 */
export async function addFriendLists(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'sns'>, fromId: string, names: readonly string[], toIds: readonly string[]) {
  await requireAccount(services, fromId);
  for (const name of names) {
    const problem = listNameProblem(name);
    if (problem) throw new ImError(SnsCode.InvalidParam, problem);
  }
  if (new Set(names).size !== names.length) throw new ImError(SnsCode.InvalidParam, 'GroupName lists a name twice');
  const meta = await services.sns.meta(fromId);
  const existing = names.find((n) => meta.groups.includes(n));
  if (existing) throw new ImError(SnsCode.InvalidParam, `friend list "${existing}" exists already`);
  const after = await ensureFriendLists(services, fromId, names);
  const results = await relistFriends(services, fromId, toIds, (lists) => [...new Set([...lists, ...names])]);
  return { ...(toIds.length > 0 && withFailures(results)), CurrentSequence: after.groupSeq };
}

/** `sns/group_delete`: removes friend lists and takes every friend out of them. */
export async function deleteFriendLists(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'sns'>, fromId: string, names: readonly string[]) {
  await requireAccount(services, fromId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const meta = await services.sns.meta(fromId);
    const missing = names.find((n) => !meta.groups.includes(n));
    if (missing !== undefined) throw new ImError(SnsCode.InvalidParam, `friend list "${missing}" does not exist`);
    if (!(await services.sns.setGroups(fromId, meta.groups.filter((g) => !names.includes(g)), meta.groupSeq))) continue;
    const now = services.clock();
    const friends = await services.sns.listFriends(fromId);
    for (const f of friends.filter((f) => listsOf(f.tags).some((g) => names.includes(g)))) {
      const tags = { ...f.tags, Tag_SNS_IM_Group: listsOf(f.tags).filter((g) => !names.includes(g)) };
      await services.sns.commit([{ op: 'updateFriend', ownerId: fromId, friend: { friendId: f.friendId, tags } }], SNS_LIMITS, now);
    }
    return { CurrentSequence: meta.groupSeq + 1 };
  }
  throw new ImError(SnsCode.WriteConflict, 'friend lists changed concurrently; retry');
}

/** `sns/group_get`: each friend list with its size, and its members when asked. */
export async function getFriendLists(services: Pick<ServiceCatalog, 'accounts' | 'sns'>, fromId: string, names: readonly string[] | undefined, needFriend: boolean) {
  await requireAccount(services, fromId);
  const [meta, friends] = await Promise.all([services.sns.meta(fromId), services.sns.listFriends(fromId)]);
  const wanted = names && names.length > 0 ? names : meta.groups;
  const missing = wanted.find((n) => !meta.groups.includes(n));
  if (missing !== undefined) throw new ImError(SnsCode.InvalidParam, `friend list "${missing}" does not exist`);
  // As Tencent: members are listed when asked for specific lists, or with NeedFriend for all of them.
  const withMembers = (names !== undefined && names.length > 0) || needFriend;
  return {
    ResultItem: wanted.map((GroupName) => {
      const members = friends.filter((f) => listsOf(f.tags).includes(GroupName)).map((f) => f.friendId);
      return { GroupName, FriendNumber: members.length, ...(withMembers && { To_Account: members }) };
    }),
    CurrentSequence: meta.groupSeq,
  };
}
