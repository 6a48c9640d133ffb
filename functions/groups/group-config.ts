import * as z from 'zod/mini';
import { GROUP_LIMITS } from './group-codes.js';

/** Read/write levels of a custom field, highest first (seed 003 Custom Fields). */
export const CUSTOM_FIELD_LEVELS = ['AppAdmin', 'Owner', 'Admin', 'Member', 'Anyone'] as const;
export type CustomFieldLevel = (typeof CUSTOM_FIELD_LEVELS)[number];

const customField = z.object({
  /** Letters, digits, underscore; under 16 bytes. */
  key: z.string().check(z.regex(/^[A-Za-z0-9_]{1,16}$/)),
  read: z._default(z.enum(CUSTOM_FIELD_LEVELS), 'Anyone'),
  write: z._default(z.enum(CUSTOM_FIELD_LEVELS), 'Member'),
});
export type CustomFieldConfig = z.infer<typeof customField>;

const limit = (max: number, dflt: number) => z._default(z.int().check(z.gte(1), z.lte(max)), dflt);

/**
 * The group part of the app configuration (`groups` in IM_APP_CONFIG): the
 * edition limits and the custom fields the Tencent console would hold.
 */
export const groupsConfigSchema = z.prefault(z.object({
  /** Default and highest MaxMemberNum per type; AVChatRoom has no limit. */
  maxMembers: z.prefault(z.object({
    Work: limit(6000, 2000),
    Public: limit(6000, 2000),
    Meeting: limit(6000, 2000),
    Community: limit(100_000, 100_000),
  }), {}),
  /** Topics one Community may hold (seed 002 使用限制: 200; functions/topics). */
  maxTopicsPerCommunity: limit(10_000, 200),
  /** Permission groups one Community may hold (Tencent documents no number: docs/rest.md "Permission groups"). */
  maxPermissionGroupsPerCommunity: limit(10_000, 100),
  /** Groups one user may be a member of, all types but AVChatRoom (10037). */
  maxJoinedPerUser: limit(100_000, 3000),
  /** Existing groups per app (10058); 0 means no limit (Standard and Premium editions). */
  maxGroups: z._default(z.int().check(z.gte(0)), 0),
  /** Largest answer of get_group_info / get_group_member_info before 10018 (Tencent: 1 MB; lower only to test). */
  maxResponseBytes: z._default(z.int().check(z.gte(1024), z.lte(GROUP_LIMITS.responseBytes)), GROUP_LIMITS.responseBytes),
  /** AVChatRoom get_members page size (Tencent: 500; lower only to test). */
  onlineMembersPage: limit(GROUP_LIMITS.onlineMembersPage, GROUP_LIMITS.onlineMembersPage),
  /** Up to 10 group-level custom fields (`AppDefinedData`), values up to 512 bytes. */
  groupFields: z._default(z.array(customField).check(z.maxLength(10)), []),
  /** Up to 5 member-level custom fields (`AppMemberDefinedData`), values up to 64 bytes. */
  memberFields: z._default(z.array(customField).check(z.maxLength(5)), []),
}), {});

export type GroupsConfig = z.infer<typeof groupsConfigSchema>;
