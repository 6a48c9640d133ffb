import { ImError } from '../shared/errors.js';
import { isMobile } from '../shared/config.js';
import type { Services, WsCaller } from '../shared/runtime.js';
import type { PushPlatform, PushDeviceRecord } from '../connections/connection-store.js';
import { applicationFor } from './push-applications.js';

const PUSH_INVALID = 60003;

export interface DeviceRegistration {
  pushPlatform: PushPlatform;
  token: string;
  businessId?: number;
}

/**
 * `push.register`: creates or refreshes the SNS platform endpoint for this
 * instance's token and stores the device; the instance is then PushOnline for
 * 7 days after its connection drops (mobile platforms only, as in Tencent).
 */
export async function registerPushDevice(services: Services, caller: WsCaller, registration: DeviceRegistration): Promise<{ EndpointArn: string }> {
  if (!isMobile(caller.platform)) {
    throw new ImError(PUSH_INVALID, `push devices register from Android, iOS or iPad connections, not ${caller.platform}`);
  }
  const application = applicationFor(services.pushApplications, registration.pushPlatform, registration.businessId);
  if (!application) {
    throw new ImError(PUSH_INVALID, `no ${registration.pushPlatform} push application is configured${registration.businessId !== undefined ? ` for BusinessID ${registration.businessId}` : ''}`);
  }
  const endpointArn = await services.push.registerEndpoint(application, registration.token, caller.userId);
  const now = services.clock();
  const previous = await services.connections.putDevice({
    userId: caller.userId, instance: caller.instance, platform: caller.platform, ...registration, endpointArn, registeredAt: now, lastOnlineAt: now,
  });
  // A new token for this instance leaves its old endpoint behind.
  if (previous?.endpointArn && previous.endpointArn !== endpointArn) await services.push.deleteEndpoint(previous.endpointArn);
  return { EndpointArn: endpointArn };
}

/** Removes the instance's device and its SNS endpoint (unregister, logout, dead token). */
export async function forgetDevice(services: Services, device: PushDeviceRecord | undefined): Promise<void> {
  if (device?.endpointArn) await services.push.deleteEndpoint(device.endpointArn);
}

/** `push.unregister`: this instance's device stops receiving pushes (a given token must be the registered one). */
export async function unregisterPushDevice(services: Services, caller: WsCaller, token?: string): Promise<void> {
  const removed = await services.connections.removeDevice(caller.userId, caller.instance);
  if (removed && token !== undefined && removed.token !== token) {
    // Not this device's token: put it back untouched.
    await services.connections.putDevice(removed);
    throw new ImError(PUSH_INVALID, 'Token is not the token registered for this device');
  }
  await forgetDevice(services, removed);
}
