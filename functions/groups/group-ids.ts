import { utf8Bytes } from '../shared/validation.js';
import { GROUP_LIMITS } from './group-codes.js';
import type { GroupType } from './group-types.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
export const GENERATED_PREFIX = '@TGS#';
export const COMMUNITY_PREFIX = '@TGS#_';

/** Why a GroupId a caller chose breaks the rules (spec §1.6), or undefined. */
export function customGroupIdProblem(groupId: string, type: GroupType): string | undefined {
  if (groupId.length === 0) return 'GroupId is empty';
  if (!PRINTABLE_ASCII.test(groupId)) return `GroupId "${groupId}" has characters outside printable ASCII`;
  if (utf8Bytes(groupId) > GROUP_LIMITS.groupIdBytes) return `GroupId is longer than ${GROUP_LIMITS.groupIdBytes} bytes`;
  // Topic ids are a Community's GroupId + @TOPIC#_ + a part (functions/topics/topic-ids.ts): a group id holding the mark would be ambiguous.
  if (groupId.includes('@TOPIC#_')) return 'GroupId must not contain @TOPIC#_ (it marks Community topic ids)';
  // Official accounts share the Groups table's key shape (functions/official): their ids are theirs.
  if (groupId.startsWith('@TOA#_')) return 'GroupId must not start with @TOA#_ (official account ids)';
  if (type === 'Community') {
    if (!groupId.startsWith(COMMUNITY_PREFIX)) return `a Community GroupId must start with ${COMMUNITY_PREFIX}`;
  } else if (groupId.startsWith(GENERATED_PREFIX)) return `a custom GroupId must not start with ${GENERATED_PREFIX}`;
  return undefined;
}

/** Whether `groupId` could name a group at all (printable ASCII, ≤ 48 bytes, or a generated Community id). */
export const isPlausibleGroupId = (groupId: string): boolean =>
  groupId.length > 0 && PRINTABLE_ASCII.test(groupId) && utf8Bytes(groupId) <= GROUP_LIMITS.groupIdBytes + COMMUNITY_PREFIX.length;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A server-assigned id: `@TGS#` + 10 characters (Community: `@TGS#_@TGS#...`). `random` gives bytes. */
export function generatedGroupId(type: GroupType, random: (n: number) => Uint8Array): string {
  const body = [...random(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${type === 'Community' ? COMMUNITY_PREFIX : ''}${GENERATED_PREFIX}${body}`;
}
