import { isMobile, type MultiDevicePolicy, type Platform } from '../shared/config.js';
import type { ConnectionRecord } from './connection-store.js';

/**
 * Which platforms compete for one login slot under each policy (seed 003,
 * Multi-Device Login): single = one platform at all; dual = Web + one other;
 * triple = Web + one mobile + one desktop; multi = every platform its own slot.
 */
export function platformSlot(policy: MultiDevicePolicy, platform: Platform): string {
  switch (policy) {
    case 'single': return 'any';
    case 'dual': return platform === 'Web' ? 'web' : 'native';
    case 'triple': return platform === 'Web' ? 'web' : isMobile(platform) ? 'mobile' : 'desktop';
    case 'multi': return platform;
  }
}

export interface Eviction {
  /** Same instance reconnecting: replaced silently. */
  replaced: ConnectionRecord[];
  /** Pushed out by the policy: they get the `kicked` event. */
  kicked: ConnectionRecord[];
}

/**
 * Decides which existing connections a new login evicts: another platform in
 * the same slot, and the oldest instances of the same platform beyond its maximum.
 */
export function evictionsForLogin(
  policy: MultiDevicePolicy,
  maxInstancesPerPlatform: Partial<Record<Platform, number>>,
  existing: readonly ConnectionRecord[],
  incoming: { platform: Platform; instance: string },
): Eviction {
  const replaced = existing.filter((c) => c.instance === incoming.instance && c.platform === incoming.platform);
  const others = existing.filter((c) => !replaced.includes(c));
  const slot = platformSlot(policy, incoming.platform);
  const rival = others.filter((c) => c.platform !== incoming.platform && platformSlot(policy, c.platform) === slot);
  const samePlatform = others
    .filter((c) => c.platform === incoming.platform)
    .sort((a, b) => b.connectedAt - a.connectedAt);
  const keep = (maxInstancesPerPlatform[incoming.platform] ?? 1) - 1;
  return { replaced, kicked: [...rival, ...samePlatform.slice(Math.max(0, keep))] };
}
