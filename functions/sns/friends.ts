import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import type { RestCaller, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { utf8Bytes } from '../shared/validation.js';
import { checkTagValue, snsCustomTags } from '../profile/profile-tags.js';
import { readableTags, setItems } from '../profile/portrait.js';
import { commitFailure, friendRecord, notFriendItem, withFailures, type BatchResult, type ResultItem } from './add-friends.js';
import { ensureFriendLists, listNameProblem } from './friend-list-names.js';
import { commitUnits } from './commit-batch.js';
import { notifyPairs, type Pair } from './notify.js';
import { afterPairs, SnsCallback } from './sns-callbacks.js';
import { ADD_SOURCE, ADD_WORDING_MAX_BYTES, FRIEND_PAGE_SIZE, REMARK_MAX_BYTES, SNS_LIMITS, SnsCode } from './sns-codes.js';
import type { FriendRecord, SnsChange, SnsValue } from './sns-store.js';

const ok = (To_Account: string): ResultItem => ({ To_Account, ResultCode: 0, ResultInfo: '' });
const fail = (To_Account: string, ResultCode: number, ResultInfo: string): ResultItem => ({ To_Account, ResultCode, ResultInfo });

async function requireAccount(services: Pick<ServiceCatalog, 'accounts'>, userId: string): Promise<void> {
  if (!(await services.accounts.getMany([userId])).has(userId)) throw new ImError(SnsCode.AccountMissing, `account ${userId} does not exist`);
}

/** Who writes a friend field: the app admin (REST) or the user itself (`friend.update`); a custom tag's `write` says who may. */
export type FriendFieldWriter = 'admin' | 'app';

/** Validates one friend field for friend_update / friend_import (30001 with the reason). */
function snsValue(config: Pick<AppConfig, 'sns'>, tag: string, value: unknown, writer: FriendFieldWriter = 'admin'): SnsValue {
  const codes = { wrongType: SnsCode.InvalidParam, tooLong: SnsCode.InvalidParam, invalid: SnsCode.InvalidParam };
  switch (tag) {
    case 'Tag_SNS_IM_Remark':
      if (typeof value !== 'string') throw new ImError(SnsCode.InvalidParam, `${tag} takes a string`);
      if (utf8Bytes(value) > REMARK_MAX_BYTES) throw new ImError(SnsCode.InvalidParam, `${tag} is longer than ${REMARK_MAX_BYTES} bytes`);
      return value;
    case 'Tag_SNS_IM_Group': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ImError(SnsCode.InvalidParam, `${tag} takes an array of friend list names`);
      for (const name of value as string[]) {
        const problem = listNameProblem(name);
        if (problem) throw new ImError(SnsCode.InvalidParam, problem);
      }
      return [...new Set(value as string[])];
    }
    case 'Tag_SNS_IM_AddSource':
      if (typeof value !== 'string' || !ADD_SOURCE.test(value)) throw new ImError(SnsCode.InvalidParam, `${tag} must be AddSource_Type_ followed by 1-8 letters`);
      return value;
    case 'Tag_SNS_IM_AddWording':
      if (typeof value !== 'string' || utf8Bytes(value) > ADD_WORDING_MAX_BYTES) throw new ImError(SnsCode.InvalidParam, `${tag} takes a string of at most ${ADD_WORDING_MAX_BYTES} bytes`);
      return value;
    default: {
      const definition = snsCustomTags(config).get(tag);
      if (!definition) throw new ImError(SnsCode.InvalidParam, `tag ${tag} does not exist`);
      if (!definition.write.includes(writer)) throw new ImError(SnsCode.InvalidParam, `${tag} is not writable by ${writer === 'admin' ? 'the app admin' : 'users'}`);
      return checkTagValue(definition, value, codes);
    }
  }
}

export interface UpdateItem {
  To_Account: string;
  SnsItem: ReadonlyArray<{ Tag: string; Value?: unknown }>;
}

/**
 * `friend_update`: remark (≤96 bytes), friend lists (`Tag_SNS_IM_Group`,
 * created as needed, at most 32), AddSource/AddWording and custom
 * `Tag_SNS_Custom_*` fields, per friend. A bad item changes nothing for that friend.
 */
export async function updateFriends(
  services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'sns'>, config: Pick<AppConfig, 'sns'>, fromId: string, items: readonly UpdateItem[], writer: FriendFieldWriter = 'admin',
): Promise<BatchResult> {
  await requireAccount(services, fromId);
  const now = services.clock();
  const ids = items.map((i) => i.To_Account).filter((id) => userIdProblem(id) === undefined);
  const pairs = await services.sns.pairs(fromId, ids);
  const results: ResultItem[] = [];
  for (const item of items) {
    const to = item.To_Account;
    const current = pairs.get(to)?.ownerHasPeer;
    if (!current) { results.push(notFriendItem(fromId, to)); continue; }
    try {
      const tags = { ...current.tags };
      for (const s of item.SnsItem) tags[s.Tag] = snsValue(config, s.Tag, s.Value, writer);
      const lists = item.SnsItem.some((s) => s.Tag === 'Tag_SNS_IM_Group') ? tags.Tag_SNS_IM_Group as string[] : [];
      if (lists.length > 0) await ensureFriendLists(services, fromId, lists);
      const result = await services.sns.commit([{ op: 'updateFriend', ownerId: fromId, friend: { friendId: to, tags } }], SNS_LIMITS, now);
      if (!result.ok) { const f = commitFailure(result, fromId); results.push(fail(to, f.code, f.info)); continue; }
      results.push(ok(to));
    } catch (e) {
      if (!(e instanceof ImError)) throw e;
      results.push(fail(to, e.code, e.info));
    }
  }
  return withFailures(results);
}

export interface ImportItem {
  To_Account: string;
  Remark?: string;
  RemarkTime?: number;
  GroupName?: string[];
  AddSource: string;
  AddWording?: string;
  AddTime?: number;
  CustomItem?: ReadonlyArray<{ Tag: string; Value?: unknown }>;
}

/**
 * `friend_import`: one-way friends for `fromId`, written as given (no
 * AllowType, no confirmation, no callbacks); blocklists, limits and
 * existing friends are still respected per item.
 */
export async function importFriends(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns'>, config: Pick<AppConfig, 'sns'>, fromId: string, items: readonly ImportItem[]): Promise<BatchResult> {
  await requireAccount(services, fromId);
  const now = services.clock();
  const valid = [...new Set(items.map((i) => i.To_Account).filter((t) => userIdProblem(t) === undefined && t !== fromId))];
  const [accounts, pairs] = await Promise.all([services.accounts.getMany(valid), services.sns.pairs(fromId, valid)]);
  const results: ResultItem[] = [];
  const seen = new Set<string>();
  const added: Pair[] = [];
  /** Checked friends waiting to be written, with the index of their result. */
  const ready: Array<{ index: number; friend: FriendRecord }> = [];
  for (const item of items) {
    const to = item.To_Account;
    const problem = userIdProblem(to) ?? (to === fromId ? 'cannot add oneself as a friend' : seen.has(to) ? `${to} is listed twice` : undefined);
    if (problem) { results.push(fail(to, SnsCode.InvalidParam, problem)); continue; }
    seen.add(to);
    if (!accounts.has(to)) { results.push(fail(to, SnsCode.AccountMissing, `account ${to} does not exist`)); continue; }
    const pair = pairs.get(to)!;
    if (pair.ownerBlocksPeer) { results.push(fail(to, SnsCode.PeerInMyBlocklist, `${to} is in ${fromId}'s blocklist`)); continue; }
    if (pair.peerBlocksOwner) { results.push(fail(to, SnsCode.InPeerBlocklist, `${fromId} is in ${to}'s blocklist`)); continue; }
    if (pair.ownerHasPeer) { results.push(fail(to, SnsCode.InvalidParam, `${to} is already a friend`)); continue; }
    try {
      const friend: FriendRecord = friendRecord(to, { remark: item.Remark, addSource: item.AddSource, addWording: item.AddWording }, item.AddTime ?? Math.floor(now / 1000));
      if (item.GroupName?.length) {
        friend.tags.Tag_SNS_IM_Group = snsValue(config, 'Tag_SNS_IM_Group', item.GroupName);
        await ensureFriendLists(services, fromId, friend.tags.Tag_SNS_IM_Group as string[]);
      }
      if (item.RemarkTime !== undefined) friend.tags.Tag_SNS_IM_RemarkTime = item.RemarkTime;
      for (const c of item.CustomItem ?? []) {
        if (!c.Tag.startsWith('Tag_SNS_Custom_')) throw new ImError(SnsCode.InvalidParam, `CustomItem takes Tag_SNS_Custom_* tags, not ${c.Tag}`);
        friend.tags[c.Tag] = snsValue(config, c.Tag, c.Value);
      }
      ready.push({ index: results.length, friend });
      results.push(ok(to));
    } catch (e) {
      if (!(e instanceof ImError)) throw e;
      results.push(fail(to, e.code, e.info));
    }
  }
  // Several friends per transaction; a transaction that fails is retried friend by friend.
  const outcomes = await commitUnits(services.sns, ready.map((r): SnsChange[] => [{ op: 'putFriend', ownerId: fromId, friend: r.friend }]), SNS_LIMITS, now);
  ready.forEach((entry, i) => {
    const result = outcomes[i]!;
    const to = entry.friend.friendId;
    if (result.ok) added.push({ From_Account: fromId, To_Account: to });
    else { const f = commitFailure(result, fromId); results[entry.index] = fail(to, f.code, f.info); }
  });
  await notifyPairs(services, 'friend.added', added);
  return withFailures(results);
}

export const DELETE_TYPES = ['Delete_Type_Single', 'Delete_Type_Both'] as const;
export type DeleteType = (typeof DELETE_TYPES)[number];

/** `friend_delete` and `friend.delete`: per friend, one way or both ways (31704 when neither way is a friendship to remove). */
export async function deleteFriends(
  services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns' | 'webhooks'>, caller: RestCaller | WsCaller, fromId: string, toIds: readonly string[], deleteType: DeleteType,
): Promise<BatchResult> {
  if (caller.transport === 'rest') await requireAccount(services, fromId);
  const now = services.clock();
  const valid = [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))];
  const pairs = await services.sns.pairs(fromId, valid);
  const results: ResultItem[] = [];
  const removed: Pair[] = [];
  const seen = new Set<string>();
  const ready: Array<{ index: number; to: string; changes: SnsChange[]; pairs: Pair[] }> = [];
  for (const to of toIds) {
    const pair = pairs.get(to);
    if (!pair || seen.has(to)) { results.push(fail(to, SnsCode.InvalidParam, pair ? `${to} is listed twice` : userIdProblem(to) ?? 'invalid account')); continue; }
    seen.add(to);
    const changes: SnsChange[] = [];
    const pairsOut: Pair[] = [];
    if (pair.ownerHasPeer) { changes.push({ op: 'deleteFriend', ownerId: fromId, friendId: to }); pairsOut.push({ From_Account: fromId, To_Account: to }); }
    if (deleteType === 'Delete_Type_Both' && pair.peerHasOwner) { changes.push({ op: 'deleteFriend', ownerId: to, friendId: fromId }); pairsOut.push({ From_Account: to, To_Account: fromId }); }
    if (changes.length === 0) { results.push(fail(to, SnsCode.NotFriends, `${to} is not a friend of ${fromId}`)); continue; }
    ready.push({ index: results.length, to, changes, pairs: pairsOut });
    results.push(ok(to));
  }
  const outcomes = await commitUnits(services.sns, ready.map((r) => r.changes), SNS_LIMITS, now);
  ready.forEach((r, i) => {
    const result = outcomes[i]!;
    if (result.ok) removed.push(...r.pairs);
    else { const f = commitFailure(result, fromId); results[r.index] = fail(r.to, f.code, f.info); }
  });
  await notifyPairs(services, 'friend.deleted', removed);
  await afterPairs(services, caller, SnsCallback.FriendDelete, removed, { ClientCmd: 'friend_delete' });
  return withFailures(results);
}

/** `friend_delete_all`: every friend of `fromId`, one way or both ways. */
export async function deleteAllFriends(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns' | 'webhooks'>, caller: RestCaller, fromId: string, deleteType: DeleteType): Promise<void> {
  await requireAccount(services, fromId);
  const friends = await services.sns.listFriends(fromId);
  const ids = friends.map((f) => f.friendId);
  // One-way friendships pointing at the user are removed too when deleting both ways.
  const others = deleteType === 'Delete_Type_Both' ? (await services.sns.listFriendedBy(fromId)).filter((id) => !ids.includes(id)) : [];
  const all = [...ids, ...others];
  for (let i = 0; i < all.length; i += 100) await deleteFriends(services, caller, fromId, all.slice(i, i + 100), deleteType);
}

export const CHECK_TYPES = ['CheckResult_Type_Single', 'CheckResult_Type_Both'] as const;

/** `friend_check`: the relation with each account (one BatchGet). */
export async function checkFriends(services: Pick<ServiceCatalog, 'accounts' | 'sns'>, fromId: string, toIds: readonly string[], checkType: (typeof CHECK_TYPES)[number]) {
  await requireAccount(services, fromId);
  const pairs = await services.sns.pairs(fromId, [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))]);
  const failed: string[] = [];
  const InfoItem = toIds.map((To_Account) => {
    const pair = pairs.get(To_Account);
    if (!pair) {
      failed.push(To_Account);
      return { To_Account, Relation: 'CheckResult_Type_NoRelation', ResultCode: SnsCode.InvalidParam, ResultInfo: userIdProblem(To_Account) ?? 'invalid account' };
    }
    const a = pair.ownerHasPeer !== undefined;
    const b = checkType === 'CheckResult_Type_Both' && pair.peerHasOwner !== undefined;
    const Relation = a && b ? 'CheckResult_Type_BothWay' : a ? 'CheckResult_Type_AWithB' : b ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
    return { To_Account, Relation, ResultCode: 0, ResultInfo: '' };
  });
  return { InfoItem, ...(failed.length > 0 && { Fail_Account: failed }) };
}

const FRIEND_TAG_ORDER = ['Tag_SNS_IM_Group', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_AddSource', 'Tag_SNS_IM_AddWording', 'Tag_SNS_IM_AddTime'];
/**
 * A friend's stored fields that Tencent reads back. `Tag_SNS_IM_RemarkTime` is only written (friend_import) and never
 * returned: dobyte/tencent-im type-asserts it to int64, which any JSON number fails, and passes against Tencent.
 */
export const readableFriendTags = (f: FriendRecord): Array<[string, SnsValue]> =>
  Object.entries(f.tags).filter(([tag]) => tag !== 'Tag_SNS_IM_RemarkTime');

const valueItems = (f: FriendRecord) =>
  readableFriendTags(f).sort(([a], [b]) => (FRIEND_TAG_ORDER.indexOf(a) >>> 0) - (FRIEND_TAG_ORDER.indexOf(b) >>> 0) || a.localeCompare(b))
    .map(([Tag, Value]) => ({ Tag, Value }));

/**
 * `friend_get` and `friend.list`: friends in pages of 100 from `StartIndex`
 * (ordered by UserID), each with its friend fields.
 */
export async function getFriends(services: Pick<ServiceCatalog, 'accounts' | 'sns'>, fromId: string, startIndex: number, checkAccount = true) {
  if (checkAccount) await requireAccount(services, fromId);
  const [friends, meta] = await Promise.all([services.sns.listFriends(fromId), services.sns.meta(fromId)]);
  const page = friends.slice(startIndex, startIndex + FRIEND_PAGE_SIZE);
  const next = startIndex + page.length;
  const complete = next >= friends.length;
  return {
    UserDataItem: page.map((f) => ({ To_Account: f.friendId, ValueItem: valueItems(f) })),
    StandardSequence: meta.friendSeq,
    CustomSequence: meta.friendSeq,
    FriendNum: friends.length,
    CompleteFlag: complete ? 1 : 0,
    NextStartIndex: complete ? 0 : next,
  };
}

/** `friend_get_list`: the asked `Tag_SNS_*` and `Tag_Profile_*` fields of some friends (31704 per non-friend). */
export async function getFriendList(
  services: Pick<ServiceCatalog, 'accounts' | 'profiles' | 'sns'>, config: Pick<AppConfig, 'sns' | 'profile'>, fromId: string, toIds: readonly string[], tagList: readonly string[],
) {
  await requireAccount(services, fromId);
  const snsTags = tagList.filter((t) => t.startsWith('Tag_SNS_'));
  const profileTagList = tagList.filter((t) => !t.startsWith('Tag_SNS_'));
  const custom = snsCustomTags(config);
  for (const t of snsTags) {
    if (!FRIEND_TAG_ORDER.includes(t) && !custom.has(t)) throw new ImError(SnsCode.InvalidParam, `tag ${t} does not exist`);
    if (custom.get(t)?.read.includes('admin') === false) throw new ImError(SnsCode.InvalidParam, `${t} is not readable by the app admin`);
  }
  try {
    readableTags(config, 'admin', profileTagList);
  } catch (e) {
    if (e instanceof ImError) throw new ImError(SnsCode.InvalidParam, e.info);
    throw e;
  }
  const valid = [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))];
  const [pairs, profiles] = await Promise.all([
    services.sns.pairs(fromId, valid),
    profileTagList.length > 0 ? services.profiles.readMany(valid) : Promise.resolve(new Map<string, Record<string, string | number>>()),
  ]);
  const failed: string[] = [];
  const InfoItem = toIds.map((To_Account) => {
    const friend = pairs.get(To_Account)?.ownerHasPeer;
    if (!friend) {
      failed.push(To_Account);
      return notFriendItem(fromId, To_Account);
    }
    const profile = profiles.get(To_Account) ?? {};
    const SnsProfileItem = [
      ...snsTags.map((Tag) => ({ Tag, Value: friend.tags[Tag] ?? (Tag === 'Tag_SNS_IM_Group' ? [] : custom.get(Tag)?.fallback ?? (Tag === 'Tag_SNS_IM_AddTime' ? 0 : '')) })),
      // Profile tags the friend never set are left out, as portrait_get does.
      ...setItems(profileTagList, profile),
    ];
    return { To_Account, SnsProfileItem, ResultCode: 0, ResultInfo: '' };
  });
  return { InfoItem, ...(failed.length > 0 && { Fail_Account: failed }) };
}
