import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import type { RestCaller, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { ProfileCode } from './profile-codes.js';
import { checkTagValue, definitionOf, profileTags, type TagAccess, type TagValue } from './profile-tags.js';
import type { StoredProfile } from './profile-store.js';

export interface ProfileItem {
  Tag: string;
  Value: TagValue;
}

export const PORTRAIT_SET_CALLBACK = 'Profile.CallbackPortraitSet';

const accessOf = (caller: RestCaller | WsCaller): TagAccess => (caller.transport === 'rest' ? 'admin' : 'app');

/** Validates every item first (40009, 40008, 40610, 40601, 40605): one bad item and nothing is written. */
export function validateProfileItems(config: Pick<AppConfig, 'profile'>, access: TagAccess, items: ReadonlyArray<{ Tag: string; Value?: unknown }>): StoredProfile {
  const tags = profileTags(config);
  const values: StoredProfile = {};
  for (const item of items) {
    const definition = definitionOf(tags, item.Tag);
    if (!definition.write.includes(access)) {
      throw new ImError(ProfileCode.NoWritePermission, `${item.Tag} is not writable by the ${access === 'app' ? 'user' : 'app admin'}`);
    }
    values[item.Tag] = checkTagValue(definition, item.Value);
  }
  return values;
}

/**
 * `portrait_set` and `profile.set`: sets some tags of one user's profile
 * (one UpdateItem), then tells the app backend (`Profile.CallbackPortraitSet`)
 * and the user's online friends (`profile.changed`).
 */
export async function setPortrait(
  services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'profiles' | 'sns' | 'webhooks'>, config: Pick<AppConfig, 'profile'>, caller: RestCaller | WsCaller, userId: string, items: ReadonlyArray<{ Tag: string; Value?: unknown }>,
): Promise<void> {
  const values = validateProfileItems(config, accessOf(caller), items);
  if (!(await services.accounts.getMany([userId])).has(userId)) throw new ImError(ProfileCode.AccountMissing, `account ${userId} does not exist`);
  const now = services.clock();
  await services.profiles.write(userId, values, now);
  const ProfileItem = Object.entries(values).map(([Tag, Value]) => ({ Tag, Value }));
  await services.webhooks.after(PORTRAIT_SET_CALLBACK, {
    Operator_Account: caller.transport === 'rest' ? caller.admin : caller.userId, From_Account: userId, ProfileItem, EventTime: now,
  }, callbackMetaFor(caller, PORTRAIT_SET_CALLBACK));
  await notifyProfileChanged(services, config, userId, values, caller.transport === 'ws' ? caller.connectionId : undefined);
}

/** `profile.changed` to everyone who has the user as a friend, and to the user's other connections; only app-readable tags. */
async function notifyProfileChanged(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'sns'>, config: Pick<AppConfig, 'profile'>, userId: string, values: StoredProfile, exceptConnectionId?: string) {
  const tags = profileTags(config);
  const visible = Object.entries(values).filter(([tag]) => tags.get(tag)?.read.includes('app')).map(([Tag, Value]) => ({ Tag, Value }));
  if (visible.length === 0) return;
  const frame = eventFrame('profile.changed', { From_Account: userId, ProfileItem: visible });
  const watchers = await services.sns.listFriendedBy(userId);
  await Promise.all([
    deliverToUser(services, userId, frame, exceptConnectionId),
    ...watchers.map((w) => deliverToUser(services, w, frame)),
  ]);
}

/** The `{Tag, Value}` items of `tags` that the profile has a value for, in the asked order. */
export const setItems = (tags: readonly string[], stored: StoredProfile): ProfileItem[] =>
  tags.flatMap((Tag) => (stored[Tag] === undefined ? [] : [{ Tag, Value: stored[Tag] }]));

export interface UserProfileItem {
  To_Account: string;
  ProfileItem?: ProfileItem[];
  ResultCode: number;
  ResultInfo: string;
}

/** Checks the tags a caller asks for (40009 unknown, 40007 not readable). */
export function readableTags(config: Pick<AppConfig, 'profile'>, access: TagAccess, tagList: readonly string[]) {
  const tags = profileTags(config);
  return tagList.map((tag) => {
    const definition = definitionOf(tags, tag);
    if (!definition.read.includes(access)) {
      throw new ImError(ProfileCode.NoReadPermission, `${tag} is not readable by the ${access === 'app' ? 'user' : 'app admin'}`);
    }
    return definition;
  });
}

/**
 * `portrait_get` and `profile.get`: the asked tags of each account; unknown accounts fail per item with 40003.
 * Over REST a tag the user never set is left out, as Tencent does: typed SDKs read a present tag with its
 * documented type (dobyte/tencent-im's GetBirthday type-asserts whatever comes), so a made-up default breaks them.
 */
export async function getPortraits(
  services: Pick<ServiceCatalog, 'profiles'>, config: Pick<AppConfig, 'profile'>, caller: RestCaller | WsCaller, userIds: readonly string[], tagList: readonly string[],
): Promise<{ UserProfileItem: UserProfileItem[]; Fail_Account?: string[] }> {
  const definitions = readableTags(config, accessOf(caller), tagList);
  const profiles = await services.profiles.readMany(userIds.filter((id) => userIdProblem(id) === undefined));
  const failed: string[] = [];
  const UserProfileItem = userIds.map((To_Account): UserProfileItem => {
    const stored = profiles.get(To_Account);
    if (!stored) {
      failed.push(To_Account);
      return { To_Account, ResultCode: ProfileCode.AccountMissing, ResultInfo: `account ${To_Account} does not exist` };
    }
    const ProfileItem = caller.transport === 'ws'
      // The WebSocket protocol (docs/websocket.md) gives unset tags their default, so apps need no per-tag fallback.
      ? definitions.map((d) => ({ Tag: d.tag, Value: stored[d.tag] ?? d.fallback }))
      : setItems(definitions.map((d) => d.tag), stored);
    return { To_Account, ProfileItem, ResultCode: 0, ResultInfo: '' };
  });
  return { UserProfileItem, ...(failed.length > 0 && { Fail_Account: failed }) };
}
