import * as z from 'zod/mini';
import { commonConfigShape, customTagSchema, MULTI_DEVICE_POLICIES, PLATFORMS, type AppConfig } from './shared/config.js';
import { groupsConfigSchema } from './groups/group-config.js';
import { c2cConfigSchema, dirtyWordsSchema } from './c2c/c2c-config.js';
import { groupMessagesConfigSchema } from './groupmsg/groupmsg-config.js';
import { officialConfigSchema } from './official/official-config.js';
import { messageLogConfigSchema } from './history/history-config.js';

/**
 * The app configuration's schema: the shared transport's fields (functions/shared/config.ts) and each feature's
 * section, from the feature's own schema. Every Lambda parses the whole of it (IM_APP_CONFIG), so a wrong setting
 * fails each cold start the same way.
 */
export const appConfigSchema = z.object({
  sdkAppId: commonConfigShape.sdkAppId,
  admins: commonConfigShape.admins,
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
  rest: commonConfigShape.rest,
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
  admission: commonConfigShape.admission,
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
  /**
   * User status (docs/websocket.md, User status): `notifyFriends` pushes a user's status changes to the users who have it
   * as a friend, with no subscription (Tencent's console switch for friends' status, off by default).
   */
  userStatus: z._default(z.object({ notifyFriends: z._default(z.boolean(), false) }), { notifyFriends: false }),
});

type ParsedAppConfig = z.infer<typeof appConfigSchema>;
export type AppConfigInput = z.input<typeof appConfigSchema>;

// The features' sections join the AppConfig interface shared code and features import from functions/shared/config.ts.
declare module './shared/config.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppConfig extends ParsedAppConfig {}
}

export type { AppConfig };

export const parseAppConfig = (input: unknown): AppConfig => appConfigSchema.parse(input);
