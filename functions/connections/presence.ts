import { isMobile, type Platform } from '../shared/config.js';
import type { PresenceItems } from './connection-store.js';

export type PresenceStatus = 'Online' | 'PushOnline' | 'Offline';

export interface PlatformPresence {
  platform: Platform;
  status: Exclude<PresenceStatus, 'Offline'>;
}

/**
 * A user's presence (seed 003, Online Status Management): Online while a
 * connection has been heard from within the heartbeat timeout; PushOnline when
 * only a mobile instance with a registered push device remains (7 days);
 * Offline otherwise.
 */
export function presenceFrom(items: PresenceItems, now: number, heartbeatTimeoutMs: number): { status: PresenceStatus; detail: PlatformPresence[] } {
  const online = items.connections.filter((c) => now - c.lastSeen <= heartbeatTimeoutMs);
  const onlineInstances = new Set(online.map((c) => c.instance));
  const detail: PlatformPresence[] = [
    ...online.map((c) => ({ platform: c.platform, status: 'Online' as const })),
    ...items.devices
      .filter((d) => isMobile(d.platform) && !onlineInstances.has(d.instance))
      .map((d) => ({ platform: d.platform, status: 'PushOnline' as const })),
  ];
  const status = detail.some((d) => d.status === 'Online') ? 'Online' : detail.length > 0 ? 'PushOnline' : 'Offline';
  return { status, detail };
}
