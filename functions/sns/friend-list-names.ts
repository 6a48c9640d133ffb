import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { utf8Bytes } from '../shared/validation.js';
import { FRIEND_LIST_MAX, FRIEND_LIST_NAME_MAX_BYTES, SnsCode } from './sns-codes.js';
import type { SnsMeta } from './sns-store.js';

/** Why a friend list name is unusable (empty or over 30 bytes), or undefined. */
export function listNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a friend list name cannot be empty';
  if (utf8Bytes(name) > FRIEND_LIST_NAME_MAX_BYTES) return `friend list name "${name}" is longer than ${FRIEND_LIST_NAME_MAX_BYTES} bytes`;
  return undefined;
}

const ATTEMPTS = 5;

/**
 * Creates the friend lists among `names` that the user does not have yet
 * (optimistic: conditional on the lists' sequence). 30011 past 32 lists.
 */
export async function ensureFriendLists(services: Pick<ServiceCatalog, 'sns'>, userId: string, names: readonly string[]): Promise<SnsMeta> {
  for (const name of names) {
    const problem = listNameProblem(name);
    if (problem) throw new ImError(SnsCode.InvalidParam, problem);
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const meta = await services.sns.meta(userId);
    const missing = [...new Set(names)].filter((n) => !meta.groups.includes(n));
    if (missing.length === 0) return meta;
    const groups = [...meta.groups, ...missing];
    if (groups.length > FRIEND_LIST_MAX) throw new ImError(SnsCode.FriendListLimit, `at most ${FRIEND_LIST_MAX} friend lists`);
    if (await services.sns.setGroups(userId, groups, meta.groupSeq)) return { ...meta, groups, groupSeq: meta.groupSeq + 1 };
  }
  throw new ImError(SnsCode.WriteConflict, 'friend lists changed concurrently; retry');
}
