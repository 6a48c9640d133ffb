import * as z from 'zod/mini';
import { groupsConfigSchema } from '../groups/group-config.js';
import { c2cConfigSchema, dirtyWordsSchema } from '../c2c/c2c-config.js';
import { groupMessagesConfigSchema } from '../groupmsg/groupmsg-config.js';
import { officialConfigSchema } from '../official/official-config.js';
import { restLimitsConfigSchema } from './rest/rest-limits.js';
import { messageLogConfigSchema } from '../history/history-config.js';
import { admissionConfigSchema } from './admission.js';

/** Client platforms that may log in (websocket-protocol.md, Connect). */
export const PLATFORMS = ['Android', 'iOS', 'iPad', 'Windows', 'Mac', 'Web', 'Linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Platforms that can be PushOnline (seed 003: only mobile clients). */
export const MOBILE_PLATFORMS: readonly Platform[] = ['Android', 'iOS', 'iPad'];
export const isMobile = (platform: Platform): boolean => MOBILE_PLATFORMS.includes(platform);

/**
 * The app configuration: everything an operator may set. Secrets (the
 * UserSig key, the webhook token) are not here; see `AppSecrets`.
 */
export const MULTI_DEVICE_POLICIES = ['single', 'dual', 'triple', 'multi'] as const;
export type MultiDevicePolicy = (typeof MULTI_DEVICE_POLICIES)[number];

/** A custom profile or friend field: key of at most 8 letters, type, maximum length, who may read and write it. */
const TAG_ACCESS = ['app', 'admin'] as const;
export const customTagSchema = z.object({
  key: z.string().check(z.regex(/^[A-Za-z]{1,8}$/)),
  type: z._default(z.enum(['string', 'integer']), 'string'),
  /** Bytes, for strings (at most 500). */
  maxBytes: z._default(z.int().check(z.gte(1), z.lte(500)), 500),
  /** `app`: users through the WebSocket; `admin`: the REST API. */
  read: z._default(z.array(z.enum(TAG_ACCESS)), ['app', 'admin']),
  write: z._default(z.array(z.enum(TAG_ACCESS)), ['app', 'admin']),
});
export type CustomTagConfig = z.infer<typeof customTagSchema>;

export const appConfigSchema = z.object({
  sdkAppId: z.int().check(z.positive()),
  /** App admin identifiers; only they may call the REST API. */
  admins: z._default(z.array(z.string()).check(z.minLength(1), z.maxLength(10)), ['administrator']),
  /** Days a stored message is kept (DynamoDB TTL). */
  retentionDays: z._default(z.int().check(z.gte(1), z.lte(3650)), 7),
  /** Tencent's multi-device login policy; one instance per platform unless raised here. */
  multiDevice: z._default(
    z.object({
      policy: z._default(z.enum(MULTI_DEVICE_POLICIES), 'dual'),
      maxInstancesPerPlatform: z._default(z.partialRecord(z.enum(PLATFORMS), z.int().check(z.gte(1), z.lte(100))), {}),
    }),
    { policy: 'dual', maxInstancesPerPlatform: {} },
  ),
  /** A connection not heard from (any frame that refreshes it, e.g. `ping`) for this long no longer counts as Online. */
  heartbeatTimeoutSeconds: z._default(z.int().check(z.gte(30), z.lte(7200)), 400),
  /** REST calls per second per command, app-wide (functions/shared/rest/rest-limits.ts). */
  rest: restLimitsConfigSchema,
  /** One-to-one messaging: friend check, recall limit, conversations per user (functions/c2c/c2c-config.ts). */
  c2c: c2cConfigSchema,
  /** App-managed dirty words, refused with 80001 in text elements of messages. */
  dirtyWords: dirtyWordsSchema,
  /** Group limits and custom fields (functions/groups/group-config.ts). */
  groups: groupsConfigSchema,
  /** Group messages: frequency control, recall limit, pre-join history, fan-out (functions/groupmsg/groupmsg-config.ts). */
  groupMessages: groupMessagesConfigSchema,
  /** Official accounts: the hourly broadcast limit (functions/official/official-config.ts). */
  officialAccounts: officialConfigSchema,
  /** When `open_msg_svc/get_history` serves an hour's message-log files (functions/history/history-config.ts). */
  messageLog: messageLogConfigSchema,
  /** When a request is refused busy (60018) instead of served: its wait for a handler, its deadline (functions/shared/admission.ts). */
  admission: admissionConfigSchema,
  webhook: z._default(
    z.object({
      url: z.optional(z.string()),
      /** Enabled callback commands; absent means every command. */
      commands: z.optional(z.array(z.string())),
      timeoutMs: z._default(z.int().check(z.positive(), z.lte(5000)), 2000),
      /** Whether a failed before-callback blocks the event (Tencent's default is to let it through). */
      failClosed: z._default(z.boolean(), false),
    }),
    { timeoutMs: 2000, failClosed: false },
  ),
  /** Custom profile fields `Tag_Profile_Custom_<key>` (functions/profile/profile-tags.ts). */
  profile: z._default(z.object({ customTags: z._default(z.array(customTagSchema), []) }), { customTags: [] }),
  /** Custom friend fields `Tag_SNS_Custom_<key>` and how long a friend request waits for an answer. */
  sns: z._default(
    z.object({ customTags: z._default(z.array(customTagSchema), []), pendingRequestDays: z._default(z.int().check(z.gte(1), z.lte(365)), 30) }),
    { customTags: [], pendingRequestDays: 30 },
  ),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
export type AppConfigInput = z.input<typeof appConfigSchema>;

export interface AppSecrets {
  /** The app's TLSSigAPIv2 key. */
  secretKey: string;
  /** Token for webhook `Sign` (sha256(token + RequestTime)); absent means unsigned callbacks. */
  callbackToken?: string;
}

export const parseAppConfig = (input: unknown): AppConfig => appConfigSchema.parse(input);
