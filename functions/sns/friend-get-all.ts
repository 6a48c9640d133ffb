import * as z from 'zod/mini';
import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { nowSeconds } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { coded } from '../shared/validation.js';
import { snsCustomTags } from '../profile/profile-tags.js';
import { readableTags, setItems } from '../profile/portrait.js';
import { fromAccount } from './schemas.js';
import { SnsCode } from './sns-codes.js';
import type { FriendRecord } from './sns-store.js';
import { readableFriendTags } from './friends.js';

const bad = (info: string) => coded(SnsCode.InvalidParam, info);
const count = (what: string) => z.int(bad(`${what} must be an integer`)).check(z.nonnegative(bad(`${what} must be at least 0`)));

/**
 * Tencent's legacy full friend pull. The contract only names it (§3.5, "L"); the fields are the legacy API's
 * as Tencent's SDKs send them. `TimeStamp` and `LastStandardSequence` asked for an incremental pull: we always
 * answer the full list (`NeedUpdateAll_Yes`), which a legacy client must accept anyway.
 */
export const friendGetAllInput = z.object({
  From_Account: fromAccount,
  TimeStamp: z.optional(count('TimeStamp')),
  StartIndex: z.optional(count('StartIndex')),
  TagList: z.optional(z.array(z.string(bad('TagList holds tag names')), bad('TagList must be an array of tag names'))),
  LastStandardSequence: z.optional(count('LastStandardSequence')),
  GetCount: z.optional(count('GetCount')),
});

const SNS_TAGS = ['Tag_SNS_IM_Group', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_AddSource', 'Tag_SNS_IM_AddWording', 'Tag_SNS_IM_AddTime'];

/** Checks the TagList as `friend_get_list` does (30001): known friend tags, profile tags the admin may read. */
function tagReader(config: Pick<AppConfig, 'sns' | 'profile'>, tagList: readonly string[]) {
  const custom = snsCustomTags(config);
  const snsTags = tagList.filter((t) => t.startsWith('Tag_SNS_'));
  const profileTagList = tagList.filter((t) => !t.startsWith('Tag_SNS_'));
  for (const t of snsTags) {
    if (!SNS_TAGS.includes(t) && !custom.has(t)) throw new ImError(SnsCode.InvalidParam, `tag ${t} does not exist`);
    if (custom.get(t)?.read.includes('admin') === false) throw new ImError(SnsCode.InvalidParam, `${t} is not readable by the app admin`);
  }
  try {
    readableTags(config, 'admin', profileTagList);
  } catch (e) {
    if (e instanceof ImError) throw new ImError(SnsCode.InvalidParam, e.info);
    throw e;
  }
  const snsFallback = (t: string) => (t === 'Tag_SNS_IM_Group' ? [] : t === 'Tag_SNS_IM_AddTime' ? 0 : custom.get(t)?.fallback ?? '');
  return {
    profileTagList,
    items: (friend: FriendRecord, profile: Record<string, string | number>) => [
      ...snsTags.map((Tag) => ({ Tag, Value: friend.tags[Tag] ?? snsFallback(Tag) })),
      // Profile tags the friend never set are left out, as portrait_get does.
      ...setItems(profileTagList, profile),
    ],
  };
}

const storedItems = (f: FriendRecord) =>
  readableFriendTags(f).sort(([a], [b]) => (SNS_TAGS.indexOf(a) >>> 0) - (SNS_TAGS.indexOf(b) >>> 0) || a.localeCompare(b))
    .map(([Tag, Value]) => ({ Tag, Value }));

export interface FriendGetAllRequest {
  fromId: string;
  startIndex: number;
  /** Page size; absent or 0 = every friend from `startIndex` (at most 3,000: the friend limit). */
  getCount: number | undefined;
  tagList: readonly string[] | undefined;
}

/**
 * `sns/friend_get_all`: friends ordered by UserID from `StartIndex`, as `InfoItem[]` of `{Info_Account,
 * SnsProfileItem}` (the asked tags, or the friend fields that are set when no TagList is given). The reply's
 * `StartIndex` is where the next page starts, 0 once the list is complete.
 */
export async function friendGetAll(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'profiles' | 'sns'>, config: Pick<AppConfig, 'sns' | 'profile'>, request: FriendGetAllRequest) {
  const reader = request.tagList === undefined ? undefined : tagReader(config, request.tagList);
  if (!(await services.accounts.getMany([request.fromId])).has(request.fromId)) {
    throw new ImError(SnsCode.AccountMissing, `account ${request.fromId} does not exist`);
  }
  const [friends, meta] = await Promise.all([services.sns.listFriends(request.fromId), services.sns.meta(request.fromId)]);
  const size = request.getCount ? request.getCount : friends.length;
  const page = friends.slice(request.startIndex, request.startIndex + size);
  const next = request.startIndex + page.length;
  const profiles = reader && reader.profileTagList.length > 0 && page.length > 0
    ? await services.profiles.readMany(page.map((f) => f.friendId))
    : new Map<string, Record<string, string | number>>();
  return {
    NeedUpdateAll: 'NeedUpdateAll_Yes',
    TimeStampNow: nowSeconds(services.clock),
    StartIndex: next >= friends.length ? 0 : next,
    InfoItem: page.map((f) => ({
      Info_Account: f.friendId,
      SnsProfileItem: reader ? reader.items(f, profiles.get(f.friendId) ?? {}) : storedItems(f),
    })),
    CurrentStandardSequence: meta.friendSeq,
    FriendNum: friends.length,
  };
}
