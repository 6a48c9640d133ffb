import type { PushPlatform } from '../connections/connection-store.js';

/**
 * SNS platform applications by push platform and business ID: keys are
 * `APNs`, `APNsSandbox`, `FCM` (the default application) or `<platform>:<BusinessID>`
 * (an app with several certificates or Firebase projects), values their ARNs.
 */
export type PushApplications = Readonly<Record<string, string>>;

export function applicationFor(apps: PushApplications, platform: PushPlatform, businessId?: number): string | undefined {
  return (businessId !== undefined ? apps[`${platform}:${businessId}`] : undefined) ?? apps[platform];
}

export function parsePushApplications(json: string | undefined): PushApplications {
  if (!json) return {};
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('IM_PUSH_APPLICATIONS must be a JSON object');
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Push platforms as SNS names them (`Platform` of CreatePlatformApplication, the `app/<PLATFORM>/` of its ARN). */
export const SNS_PLATFORM_OF = { APNs: 'APNS', APNsSandbox: 'APNS_SANDBOX', FCM: 'GCM' } as const satisfies Record<PushPlatform, string>;

/** A push-application key: a platform, optionally `:<BusinessID>`. */
export const PUSH_APPLICATION_KEY = /^(APNs|APNsSandbox|FCM)(:\d{1,10})?$/;

/** `APNs:123` -> `APNs`; throws on anything that is not a key. */
export function platformOfKey(key: string): PushPlatform {
  const m = PUSH_APPLICATION_KEY.exec(key);
  if (!m) throw new Error(`push application key "${key}" must be APNs, APNsSandbox or FCM, optionally followed by :<BusinessID>`);
  return m[1] as PushPlatform;
}
