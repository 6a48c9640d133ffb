import type { Notification } from './notification.js';

/** APNs refuses payloads over 4 KB. */
export const APNS_MAX_BYTES = 4096;

const bytes = (s: string) => new TextEncoder().encode(s).length;

function apnsPayload(n: Notification, body: string): Record<string, unknown> {
  const alert = n.title || n.subtitle ? { ...(n.title && { title: n.title }), ...(n.subtitle && { subtitle: n.subtitle }), body } : body;
  return {
    aps: {
      alert,
      ...(n.badge !== undefined && { badge: n.badge }),
      ...(n.apnsSound && { sound: n.apnsSound }),
      ...((n.mutableContent || n.image) && { 'mutable-content': 1 }),
    },
    ...(n.ext !== undefined && { ext: n.ext }),
    ...(n.image && { image: n.image }),
  };
}

/**
 * The APNs payload, shortened to 4 KB by trimming the body text (whole code
 * points, with an ellipsis), never by cutting the JSON.
 */
export function apnsJson(n: Notification): string {
  let chars = [...n.body];
  let json = JSON.stringify(apnsPayload(n, n.body));
  if (bytes(json) <= APNS_MAX_BYTES) return json;
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytes(JSON.stringify(apnsPayload(n, `${chars.slice(0, mid).join('')}…`))) <= APNS_MAX_BYTES) low = mid;
    else high = mid - 1;
  }
  chars = chars.slice(0, low);
  json = JSON.stringify(apnsPayload(n, `${chars.join('')}…`));
  return json;
}

/** The FCM HTTP v1 message SNS expects under `GCM` (`fcmV1Message`). */
export function fcmJson(n: Notification): string {
  return JSON.stringify({
    fcmV1Message: {
      message: {
        notification: { ...(n.title && { title: n.title }), body: n.body, ...(n.image && { image: n.image }) },
        ...(n.ext !== undefined && { data: { ext: n.ext } }),
        android: {
          notification: {
            ...(n.androidSound && { sound: n.androidSound }),
            ...(n.badge !== undefined && { notification_count: n.badge }),
            ...(n.androidChannelId && { channel_id: n.androidChannelId }),
          },
        },
      },
    },
  });
}

export type PushPlatform = 'APNs' | 'APNsSandbox' | 'FCM';

/** The SNS `Publish` message with `MessageStructure: json` for one device. */
export function snsMessage(n: Notification, platform: PushPlatform): string {
  const key = platform === 'FCM' ? 'GCM' : platform === 'APNsSandbox' ? 'APNS_SANDBOX' : 'APNS';
  return JSON.stringify({ default: n.body, [key]: platform === 'FCM' ? fcmJson(n) : apnsJson(n) });
}
