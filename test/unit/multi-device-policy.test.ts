import { describe, expect, it } from 'vitest';
import { evictionsForLogin } from '../../functions/connections/multi-device-policy.js';
import type { ConnectionRecord } from '../../functions/connections/connection-store.js';
import type { MultiDevicePolicy, Platform } from '../../functions/shared/config.js';

let t = 0;
const conn = (platform: Platform, instance: string = platform): ConnectionRecord =>
  ({ userId: 'u', connectionId: `${instance}-${++t}`, platform, instance, connectedAt: t, lastSeen: t });

const kickedBy = (policy: MultiDevicePolicy, existing: ConnectionRecord[], platform: Platform, instance: string = platform, max = {}) =>
  evictionsForLogin(policy, max, existing, { platform, instance }).kicked.map((c) => c.instance).sort();

describe('multi-device login policy', () => {
  const all = () => [conn('Web'), conn('Android'), conn('Windows')];

  it('single-platform: any new login kicks every other platform', () => {
    expect(kickedBy('single', all(), 'iOS')).toEqual(['Android', 'Web', 'Windows']);
    expect(kickedBy('single', [conn('Web')], 'Mac')).toEqual(['Web']);
  });

  it('dual-platform: Web stays beside one native platform; natives push each other out', () => {
    expect(kickedBy('dual', [conn('Web'), conn('Android')], 'iOS')).toEqual(['Android']);
    expect(kickedBy('dual', [conn('Web'), conn('Android')], 'Windows')).toEqual(['Android']);
    expect(kickedBy('dual', [conn('Android')], 'Web')).toEqual([]);
    expect(kickedBy('dual', [conn('Web', 'tab-1'), conn('Android')], 'Web', 'tab-2')).toEqual(['tab-1']);
  });

  it('triple-platform: Web + one mobile + one desktop', () => {
    expect(kickedBy('triple', all(), 'iPad')).toEqual(['Android']);
    expect(kickedBy('triple', all(), 'Mac')).toEqual(['Windows']);
    expect(kickedBy('triple', [conn('Android'), conn('Windows')], 'Web')).toEqual([]);
    expect(kickedBy('triple', [conn('Linux')], 'Windows')).toEqual(['Linux']);
  });

  it('multi-platform: every platform at once, one instance each by default', () => {
    expect(kickedBy('multi', all(), 'iOS')).toEqual([]);
    expect(kickedBy('multi', [conn('Android', 'phone-a'), conn('Web')], 'Android', 'phone-b')).toEqual(['phone-a']);
  });

  it('a per-platform maximum keeps that many instances, evicting the oldest', () => {
    const existing = [conn('Android', 'a1'), conn('Android', 'a2'), conn('Android', 'a3')];
    expect(kickedBy('multi', existing, 'Android', 'a4', { Android: 3 })).toEqual(['a1']);
    expect(kickedBy('multi', existing, 'Android', 'a4', { Android: 4 })).toEqual([]);
    expect(kickedBy('multi', existing, 'Android', 'a4', { Web: 5 })).toEqual(['a1', 'a2', 'a3']);
  });

  it('the same instance reconnecting is replaced silently, not kicked', () => {
    const old = conn('iOS', 'phone');
    const eviction = evictionsForLogin('single', {}, [old, conn('Web')], { platform: 'iOS', instance: 'phone' });
    expect(eviction.replaced).toEqual([old]);
    expect(eviction.kicked.map((c) => c.instance)).toEqual(['Web']);
  });
});
