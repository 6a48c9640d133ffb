import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { UserPushData } from './broadcast-store.js';

/** all_member_push limits (spec §3.9). */
export const PushLimits = {
  attributes: 10,
  nameBytes: 50,
  /** Not in the spec; Tencent's console shows the same 50-byte limit for values (our choice). */
  valueBytes: 50,
  usersPerCall: 100,
  tagsPerUserPerCall: 10,
  tagsPerUser: 100,
  tagBytes: 50,
  conditionTags: 10,
} as const;

export const INVALID = 60003;
// The 100 calls/s of each attribute and tag command (spec §1.5, §3.9) are the REST stack's limiter (functions/shared/rest/rest-limits.ts).
export const NO_SUCH_ACCOUNT = 70107;

type BroadcastServices = Pick<ServiceCatalog, 'broadcast' | 'accounts'>;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Refuses the whole call (nothing written) when an account is not imported. */
async function requireAccounts(services: BroadcastServices, userIds: readonly string[]): Promise<void> {
  const found = await services.accounts.getMany([...new Set(userIds)]);
  const missing = userIds.find((u) => !found.has(u));
  if (missing !== undefined) throw new ImError(NO_SUCH_ACCOUNT, `To_Account "${missing}" is not imported; nothing was changed`);
}

/** `im_set_attr_name`: names attributes by index "0"-"9"; indexes not given keep their name. */
export async function setAttrNames(services: BroadcastServices, names: Record<string, string>): Promise<void> {
  for (const [index, name] of Object.entries(names)) {
    if (!/^[0-9]$/.test(index)) throw new ImError(INVALID, `AttrNames key "${index}" must be "0" to "9" (at most ${PushLimits.attributes} attributes)`);
    if (name === '' || bytes(name) > PushLimits.nameBytes) throw new ImError(INVALID, `attribute name for "${index}" must be 1 to ${PushLimits.nameBytes} bytes`);
  }
  const merged = { ...(await services.broadcast.getAttrNames()), ...names };
  const seen = Object.values(merged);
  if (new Set(seen).size !== seen.length) throw new ImError(INVALID, 'two attributes would have the same name');
  await services.broadcast.setAttrNames(merged);
}

async function knownNames(services: BroadcastServices, names: readonly string[]): Promise<void> {
  const defined = new Set(Object.values(await services.broadcast.getAttrNames()));
  const unknown = names.find((n) => !defined.has(n));
  if (unknown !== undefined) throw new ImError(INVALID, `attribute "${unknown}" is not named yet; name it with im_set_attr_name first`);
}

/** `im_set_attr`: sets attributes of up to 100 users; every name must be defined and every value at most 50 bytes. */
export async function setUserAttrs(services: BroadcastServices, items: ReadonlyArray<{ To_Account: string; Attrs: Record<string, string> }>): Promise<void> {
  for (const item of items) {
    for (const [name, value] of Object.entries(item.Attrs)) {
      if (typeof value !== 'string' || bytes(value) > PushLimits.valueBytes) throw new ImError(INVALID, `Attrs.${name} of ${item.To_Account} must be a string of at most ${PushLimits.valueBytes} bytes`);
    }
  }
  await knownNames(services, items.flatMap((i) => Object.keys(i.Attrs)));
  await requireAccounts(services, items.map((i) => i.To_Account));
  await Promise.all(items.map((i) => services.broadcast.updateAttrs(i.To_Account, i.Attrs, [])));
}

export async function removeUserAttrs(services: BroadcastServices, items: ReadonlyArray<{ To_Account: string; Attrs: string[] }>): Promise<void> {
  await requireAccounts(services, items.map((i) => i.To_Account));
  await Promise.all(items.map((i) => services.broadcast.updateAttrs(i.To_Account, {}, i.Attrs)));
}

export async function getUserPushData(services: BroadcastServices, userIds: readonly string[]): Promise<Map<string, UserPushData>> {
  return services.broadcast.getUserPushData(userIds);
}

/** `im_add_tag`: at most 10 tags per user per call, 100 per user in all, 50 bytes each; all or nothing. */
export async function addUserTags(services: BroadcastServices, items: ReadonlyArray<{ To_Account: string; Tags: string[] }>): Promise<void> {
  for (const item of items) {
    if (item.Tags.length > PushLimits.tagsPerUserPerCall) throw new ImError(INVALID, `at most ${PushLimits.tagsPerUserPerCall} tags per user per call (${item.To_Account} has ${item.Tags.length})`);
    const bad = item.Tags.find((t) => t === '' || bytes(t) > PushLimits.tagBytes);
    if (bad !== undefined) throw new ImError(INVALID, `tag "${bad.slice(0, 60)}" must be 1 to ${PushLimits.tagBytes} bytes`);
  }
  await requireAccounts(services, items.map((i) => i.To_Account));
  const current = await services.broadcast.getUserPushData(items.map((i) => i.To_Account));
  const after = new Map<string, Set<string>>();
  for (const item of items) {
    const tags = after.get(item.To_Account) ?? new Set(current.get(item.To_Account)?.tags ?? []);
    item.Tags.forEach((t) => tags.add(t));
    after.set(item.To_Account, tags);
    if (tags.size > PushLimits.tagsPerUser) throw new ImError(INVALID, `${item.To_Account} would have ${tags.size} tags; at most ${PushLimits.tagsPerUser} per user`);
  }
  await Promise.all(items.map((i) => services.broadcast.addTags(i.To_Account, i.Tags)));
}

export async function removeUserTags(services: BroadcastServices, items: ReadonlyArray<{ To_Account: string; Tags: string[] }>): Promise<void> {
  await requireAccounts(services, items.map((i) => i.To_Account));
  await Promise.all(items.map((i) => services.broadcast.removeTags(i.To_Account, i.Tags)));
}

export async function removeAllUserTags(services: BroadcastServices, userIds: readonly string[]): Promise<void> {
  await requireAccounts(services, userIds);
  await Promise.all(userIds.map((u) => services.broadcast.removeAllTags(u)));
}
