import type { AppConfig, CustomTagConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { utf8Bytes } from '../shared/validation.js';
import { ProfileCode } from './profile-codes.js';

/** Who touches a profile: `app` = a user through the WebSocket, `admin` = the REST API. */
export type TagAccess = 'app' | 'admin';
export type TagValue = string | number;

export interface TagDefinition {
  tag: string;
  type: 'string' | 'integer';
  /** Bytes, for strings. */
  maxBytes?: number;
  /** Allowed values, for enumerations. */
  values?: readonly string[];
  read: readonly TagAccess[];
  write: readonly TagAccess[];
  /** The tag's value when it was never set (what the app sees); replies leave such a tag out, as Tencent does. */
  fallback: TagValue;
}

const UINT32_MAX = 2 ** 32 - 1;
const BOTH: readonly TagAccess[] = ['app', 'admin'];
const str = (tag: string, maxBytes: number): TagDefinition => ({ tag, type: 'string', maxBytes, read: BOTH, write: BOTH, fallback: '' });
const uint = (tag: string): TagDefinition => ({ tag, type: 'integer', read: BOTH, write: BOTH, fallback: 0 });
const oneOf = (tag: string, values: readonly string[], fallback: string, write = BOTH): TagDefinition =>
  ({ tag, type: 'string', values, read: BOTH, write, fallback });

export const ALLOW_TYPES = ['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'] as const;
export type AllowType = (typeof ALLOW_TYPES)[number];
export const ADMIN_FORBID_TYPES = ['AdminForbid_Type_None', 'AdminForbid_Type_SendOut'] as const;

/**
 * The standard tags (spec §3.4, seed 003 Profile Management), and `Tag_Profile_IM_MsgSettings` (uint32), which
 * Tencent's older profile docs list and server SDKs still name (dobyte/tencent-im internal/enum StandardAttrMsgSettings).
 */
export const STANDARD_TAGS: readonly TagDefinition[] = [
  str('Tag_Profile_IM_Nick', 500),
  oneOf('Tag_Profile_IM_Gender', ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'], 'Gender_Type_Unknown'),
  uint('Tag_Profile_IM_BirthDay'),
  str('Tag_Profile_IM_Location', 16),
  str('Tag_Profile_IM_SelfSignature', 500),
  oneOf('Tag_Profile_IM_AllowType', ALLOW_TYPES, 'AllowType_Type_NeedConfirm'),
  uint('Tag_Profile_IM_Language'),
  str('Tag_Profile_IM_Image', 500),
  // Only the app admin may forbid a user to send friend requests.
  oneOf('Tag_Profile_IM_AdminForbidType', ADMIN_FORBID_TYPES, 'AdminForbid_Type_None', ['admin']),
  uint('Tag_Profile_IM_Level'),
  uint('Tag_Profile_IM_Role'),
  uint('Tag_Profile_IM_MsgSettings'),
];

export const CUSTOM_PROFILE_PREFIX = 'Tag_Profile_Custom_';

const customDefinition = (prefix: string, c: CustomTagConfig): TagDefinition => ({
  tag: `${prefix}${c.key}`, type: c.type, read: c.read, write: c.write,
  ...(c.type === 'string' ? { maxBytes: c.maxBytes, fallback: '' } : { fallback: 0 }),
});

/** Every profile tag the app knows: the standard ones and the configured custom ones. */
export function profileTags(config: Pick<AppConfig, 'profile'>): Map<string, TagDefinition> {
  return new Map([...STANDARD_TAGS, ...config.profile.customTags.map((c) => customDefinition(CUSTOM_PROFILE_PREFIX, c))].map((d) => [d.tag, d]));
}

/** Custom friend fields `Tag_SNS_Custom_<key>`. */
export function snsCustomTags(config: Pick<AppConfig, 'sns'>): Map<string, TagDefinition> {
  return new Map(config.sns.customTags.map((c) => customDefinition('Tag_SNS_Custom_', c)).map((d) => [d.tag, d]));
}

/** The definition of `tag`, or 40009. */
export function definitionOf(tags: Map<string, TagDefinition>, tag: string): TagDefinition {
  const definition = tags.get(tag);
  if (!definition) throw new ImError(ProfileCode.UnknownTag, `tag ${tag} does not exist`);
  return definition;
}

/**
 * Why `value` cannot be stored under `definition`, as an ImError with the
 * profile code (40610 wrong type, 40601 too long, 40605 not an allowed value).
 */
export function checkTagValue(definition: TagDefinition, value: unknown, codes: { wrongType: number; tooLong: number; invalid: number } = {
  wrongType: ProfileCode.WrongType, tooLong: ProfileCode.ValueTooLong, invalid: ProfileCode.InvalidValue,
}): TagValue {
  const { tag } = definition;
  if (definition.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new ImError(codes.wrongType, `${tag} takes an integer`);
    if (value < 0 || value > UINT32_MAX) throw new ImError(codes.invalid, `${tag} must be between 0 and ${UINT32_MAX}`);
    return value;
  }
  if (typeof value !== 'string') throw new ImError(codes.wrongType, `${tag} takes a string`);
  if (definition.values && !definition.values.includes(value)) {
    throw new ImError(codes.invalid, `${tag} must be one of ${definition.values.join(', ')}`);
  }
  if (definition.maxBytes !== undefined && utf8Bytes(value) > definition.maxBytes) {
    throw new ImError(codes.tooLong, `${tag} is longer than ${definition.maxBytes} bytes`);
  }
  return value;
}
