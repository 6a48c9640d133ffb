import * as z from 'zod/mini';
import { restLimitsConfigSchema } from './rest/rest-limits.js';
import { admissionConfigSchema } from './admission.js';

/** Client platforms that may log in (websocket-protocol.md, Connect). */
export const PLATFORMS = ['Android', 'iOS', 'iPad', 'Windows', 'Mac', 'Web', 'Linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Platforms that can be PushOnline (seed 003: only mobile clients). */
export const MOBILE_PLATFORMS: readonly Platform[] = ['Android', 'iOS', 'iPad'];
export const isMobile = (platform: Platform): boolean => MOBILE_PLATFORMS.includes(platform);

/** Tencent's multi-device login policies (AppConfig.multiDevice). */
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

/**
 * The fields of the app configuration the shared transport itself reads (functions/shared/rest, ws): the app, its
 * admins, the REST frequency limits and admission. functions/app-config.ts puts them into the whole schema.
 */
export const commonConfigShape = {
  sdkAppId: z.int().check(z.positive()),
  /** App admin identifiers; only they may call the REST API. */
  admins: z._default(z.array(z.string()).check(z.minLength(1), z.maxLength(10)), ['administrator']),
  /** REST calls per second per command, app-wide (functions/shared/rest/rest-limits.ts). */
  rest: restLimitsConfigSchema,
  /** When a request is refused busy (60018) instead of served: its wait for a handler, its deadline (functions/shared/admission.ts). */
  admission: admissionConfigSchema,
};
export type CommonConfig = z.infer<z.ZodMiniObject<typeof commonConfigShape>>;

/**
 * The app configuration, parsed: everything an operator may set. Shared code sees the common fields; each
 * feature's section is added to this interface by functions/app-config.ts (declaration merging), which composes
 * the schema from the features' own schemas and parses it, so functions/shared names no feature. Secrets (the
 * UserSig key, the webhook token) are not here; see `AppSecrets`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppConfig extends CommonConfig {}

export interface AppSecrets {
  /** The app's TLSSigAPIv2 key. */
  secretKey: string;
  /** Token for webhook `Sign` (sha256(token + RequestTime)); absent means unsigned callbacks. */
  callbackToken?: string;
}

/** Parses the app configuration (functions/app-config.ts's parseAppConfig): shared code is handed it, never names it. */
export type AppConfigParser = (input: unknown) => AppConfig;
