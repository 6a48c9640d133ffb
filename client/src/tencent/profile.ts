import type { ProfileItem } from '../protocol.js';

/** Tencent's `Profile` (its d.ts fields). */
export interface Profile {
  userID: string;
  nick: string;
  gender: string;
  birthday: number;
  location: string;
  selfSignature: string;
  allowType: string;
  language: number;
  avatar: string;
  messageSettings: number;
  adminForbidType: string;
  level: number;
  role: number;
  lastUpdatedNumber: number;
  profileCustomField: Array<{ key: string; value: unknown }>;
}

/** Profile fields and the standard profile tags the server keeps them in (REST `portrait_get`/`portrait_set`). */
const TAGS = {
  nick: 'Tag_Profile_IM_Nick', gender: 'Tag_Profile_IM_Gender', birthday: 'Tag_Profile_IM_BirthDay', location: 'Tag_Profile_IM_Location',
  selfSignature: 'Tag_Profile_IM_SelfSignature', allowType: 'Tag_Profile_IM_AllowType', language: 'Tag_Profile_IM_Language',
  avatar: 'Tag_Profile_IM_Image', messageSettings: 'Tag_Profile_IM_MsgSettings', adminForbidType: 'Tag_Profile_IM_AdminForbidType',
  level: 'Tag_Profile_IM_Level', role: 'Tag_Profile_IM_Role',
} as const satisfies Partial<Record<keyof Profile, string>>;
type TaggedField = keyof typeof TAGS;
const FIELD_OF_TAG = new Map<string, TaggedField>(Object.entries(TAGS).map(([field, tag]) => [tag, field as TaggedField]));
const NUMERIC = new Set<TaggedField>(['birthday', 'language', 'messageSettings', 'level', 'role']);

export const PROFILE_TAGS: string[] = Object.values(TAGS);

export function blankProfile(userID: string): Profile {
  return {
    userID, nick: '', gender: 'Gender_Type_Unknown', birthday: 0, location: '', selfSignature: '', allowType: 'AllowType_Type_NeedConfirm', language: 0,
    avatar: '', messageSettings: 0, adminForbidType: 'AdminForbid_Type_None', level: 0, role: 0, lastUpdatedNumber: 0, profileCustomField: [],
  };
}

/** A `profile.get` item (or a `profile.changed` event's items) applied to a profile. */
export function applyProfileItems(profile: Profile, items: ReadonlyArray<{ Tag: string; Value: unknown }>): Profile {
  for (const { Tag, Value } of items) {
    const field = FIELD_OF_TAG.get(Tag);
    if (field) (profile as unknown as Record<string, unknown>)[field] = NUMERIC.has(field) ? Number(Value ?? 0) : String(Value ?? '');
    else if (Tag.startsWith('Tag_Profile_Custom_')) {
      const rest = profile.profileCustomField.filter((f) => f.key !== Tag);
      profile.profileCustomField = [...rest, { key: Tag, value: Value }];
    }
  }
  return profile;
}

/** `updateMyProfile`'s options as `profile.set` items. */
export function toProfileItems(options: Partial<Profile>): ProfileItem[] {
  const items: ProfileItem[] = [];
  for (const [field, tag] of Object.entries(TAGS)) {
    const value = (options as Record<string, unknown>)[field];
    if (value !== undefined) items.push({ Tag: tag, Value: value } as ProfileItem);
  }
  for (const f of options.profileCustomField ?? []) items.push({ Tag: f.key, Value: f.value } as ProfileItem);
  return items;
}
