import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { userIdProblem } from '../shared/identifiers.js';
import { MAX_LIFETIME } from '../c2c/schemas.js';
import { INVALID, PushLimits } from './push-attrs.js';
import { legacyNames } from '../shared/leniency.js';

const U32 = 4294967295;
const MAX_USERS = PushLimits.usersPerCall;

const account = (code: number, what: string) =>
  z.custom<string>((v) => typeof v === 'string' && userIdProblem(v) === undefined,
    { error: (iss) => `${code}|${what}: ${typeof iss.input === 'string' ? userIdProblem(iss.input) : 'must be a UserID string'}` });
const strings = (what: string) => z.custom<string[]>((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), coded(INVALID, `${what} must be an array of strings`));
const stringMap = (what: string) => z.custom<Record<string, string>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string'),
  coded(INVALID, `${what} must be an object of string values`));
const users = <T extends z.ZodMiniType>(item: T, what: string) => z.array(item).check(
  z.minLength(1, coded(INVALID, `${what} must list at least one user`)),
  z.maxLength(MAX_USERS, coded(INVALID, `${what} lists more than ${MAX_USERS} users`)));

/**
 * User attribute values are strings at Tencent; typed SDKs send numbers and booleans as they are
 * (dobyte/tencent-im push/types.go userAttrItem: map[string]interface{}), which Tencent takes. They are stored as text.
 */
const attrValues = (what: string) => z.pipe(
  z.custom<Record<string, string | number | boolean>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
      && Object.values(v).every((s) => typeof s === 'string' || typeof s === 'boolean' || (typeof s === 'number' && Number.isFinite(s))),
    coded(INVALID, `${what} must be an object of string (or number) values`)),
  z.transform((m: Record<string, string | number | boolean>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]))),
);

export const attrNamesInput = z.object({ AttrNames: stringMap('AttrNames') });
export const emptyInput = z.object({});
/**
 * dobyte/tencent-im (push/types.go setUserAttrsReq, deleteUserAttrsReq, addUserTagsReq, deleteUserTagsReq) wraps the
 * lists in `Attrs` and `Tags`, the names of the items' own fields, where Tencent's docs say `UserAttrs` and `UserTags`.
 */
export const setAttrInput = legacyNames(z.object({ UserAttrs: users(z.object({ To_Account: account(INVALID, 'To_Account'), Attrs: attrValues('Attrs') }), 'UserAttrs') }), { UserAttrs: ['Attrs'] });
export const removeAttrInput = legacyNames(z.object({ UserAttrs: users(z.object({ To_Account: account(INVALID, 'To_Account'), Attrs: strings('Attrs') }), 'UserAttrs') }), { UserAttrs: ['Attrs'] });
export const accountsInput = z.object({ To_Account: users(account(INVALID, 'To_Account'), 'To_Account') });
export const tagsInput = legacyNames(z.object({ UserTags: users(z.object({ To_Account: account(INVALID, 'To_Account'), Tags: strings('Tags') }), 'UserTags') }), { UserTags: ['Tags'] });

export const imPushInput = z.object({
  From_Account: z.optional(account(90008, 'From_Account')),
  MsgRandom: z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= U32, coded(90005, `MsgRandom must be an integer from 0 to ${U32}`)),
  MsgBody: z.optional(z.unknown()),
  MsgLifeTime: z.optional(z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, coded(90044, 'MsgLifeTime must be a non-negative integer (seconds)')).check(
    z.refine((v) => v <= MAX_LIFETIME, coded(90026, `MsgLifeTime must be at most ${MAX_LIFETIME} seconds (7 days)`)))),
  OfflinePushInfo: z.optional(z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), coded(INVALID, 'OfflinePushInfo must be an object'))),
  Condition: z.optional(z.object({
    TagsOr: z.optional(strings('Condition.TagsOr')),
    TagsAnd: z.optional(strings('Condition.TagsAnd')),
    AttrsOr: z.optional(stringMap('Condition.AttrsOr')),
    AttrsAnd: z.optional(stringMap('Condition.AttrsAnd')),
  })),
});

export const syncInput = z.object({
  Cursor: z.optional(z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, coded(INVALID, 'Cursor must be a non-negative integer'))),
});
