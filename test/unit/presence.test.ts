import { describe, expect, it } from 'vitest';
import { presenceFrom } from '../../functions/connections/presence.js';
import type { ConnectionRecord, PushDeviceRecord } from '../../functions/connections/connection-store.js';
import type { Platform } from '../../functions/shared/config.js';

const NOW = 1_000_000_000;
const TIMEOUT = 400_000;
const conn = (platform: Platform, lastSeen = NOW, instance: string = platform): ConnectionRecord =>
  ({ userId: 'u', connectionId: instance, platform, instance, connectedAt: lastSeen, lastSeen });
const device = (platform: Platform, instance: string = platform): PushDeviceRecord =>
  ({ userId: 'u', instance, platform, pushPlatform: 'FCM', token: 't', registeredAt: 0, lastOnlineAt: NOW - 1000 });

describe('presence', () => {
  it('is Online with a connection heard from within the heartbeat timeout', () => {
    expect(presenceFrom({ connections: [conn('Web')], devices: [] }, NOW, TIMEOUT)).toEqual({ status: 'Online', detail: [{ platform: 'Web', status: 'Online' }] });
  });

  it('is Offline with no connection and no device', () => {
    expect(presenceFrom({ connections: [], devices: [] }, NOW, TIMEOUT)).toEqual({ status: 'Offline', detail: [] });
  });

  it('is PushOnline when only a mobile push device remains', () => {
    expect(presenceFrom({ connections: [], devices: [device('iOS')] }, NOW, TIMEOUT).status).toBe('PushOnline');
  });

  it('treats a connection that vanished without $disconnect (no heartbeat) as gone', () => {
    const silent = conn('Android', NOW - TIMEOUT - 1);
    expect(presenceFrom({ connections: [silent], devices: [] }, NOW, TIMEOUT).status).toBe('Offline');
    expect(presenceFrom({ connections: [silent], devices: [device('Android')] }, NOW, TIMEOUT).status).toBe('PushOnline');
  });

  it('reports Online over PushOnline, with per-platform detail', () => {
    const p = presenceFrom({ connections: [conn('Web')], devices: [device('iOS')] }, NOW, TIMEOUT);
    expect(p).toEqual({ status: 'Online', detail: [{ platform: 'Web', status: 'Online' }, { platform: 'iOS', status: 'PushOnline' }] });
  });

  it('does not list a device as PushOnline while its own instance is online', () => {
    expect(presenceFrom({ connections: [conn('iOS')], devices: [device('iOS')] }, NOW, TIMEOUT).detail).toEqual([{ platform: 'iOS', status: 'Online' }]);
  });

  it('never makes a desktop or web device PushOnline', () => {
    expect(presenceFrom({ connections: [], devices: [device('Windows'), device('Web')] }, NOW, TIMEOUT).status).toBe('Offline');
  });
});
