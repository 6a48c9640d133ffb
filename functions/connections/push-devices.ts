import { ImError } from '../shared/errors.js';
import { isMobile } from '../shared/config.js';
import type { Services, WsCaller } from '../shared/runtime.js';
import type { PushPlatform } from './connection-store.js';

const PUSH_INVALID = 60003;

export interface DeviceRegistration {
  pushPlatform: PushPlatform;
  token: string;
  businessId?: number;
}

/**
 * `push.register`: this instance receives offline pushes and may be
 * PushOnline after its connection drops (mobile platforms only, as in Tencent).
 */
export async function registerPushDevice(services: Services, caller: WsCaller, registration: DeviceRegistration): Promise<void> {
  if (!isMobile(caller.platform)) {
    throw new ImError(PUSH_INVALID, `push devices register from Android, iOS or iPad connections, not ${caller.platform}`);
  }
  const now = services.clock();
  await services.connections.putDevice({
    userId: caller.userId, instance: caller.instance, platform: caller.platform, ...registration, registeredAt: now, lastOnlineAt: now,
  });
}

/** `push.unregister`: this instance's device stops receiving pushes (a given token must match). */
export async function unregisterPushDevice(services: Services, caller: WsCaller, token?: string): Promise<void> {
  const removed = await services.connections.removeDevice(caller.userId, caller.instance);
  if (removed && token !== undefined && removed.token !== token) {
    // Not this device's token: put it back untouched.
    await services.connections.putDevice(removed);
    throw new ImError(PUSH_INVALID, 'Token is not the token registered for this device');
  }
}
