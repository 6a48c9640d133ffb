import { ImError } from '../shared/errors.js';
import { isMobile } from '../shared/config.js';
import type { WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
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
export async function registerPushDevice(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'groups' | 'push' | 'pushApplications'>, caller: WsCaller, registration: DeviceRegistration): Promise<{ EndpointArn: string }> {
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
  if (!previous?.endpointArn) {
    try {
      await announceDevice(services, caller.userId);
    } catch (error) {
      // Undone, so that the client's retry is again a first registration and stamps the groups.
      await services.connections.removeDevice(caller.userId, caller.instance);
      throw error;
    }
  }
  return { EndpointArn: endpointArn };
}

/**
 * Group offline pushes skip the presence read of members marked "no push device" (`noPushSince`,
 * functions/groupmsg/push-lookup.ts); a device that appears must lift those marks. Called after the device write:
 * any mark that did not see the device comes from a read before that write, so it is older than this time.
 * Done when this instance had no device before (not only when the user had none: two instances registering at
 * once would each see the other and neither would stamp); a token refresh writes nothing.
 */
async function announceDevice(services: Pick<ServiceCatalog, 'clock' | 'groups'>, userId: string): Promise<void> {
  await services.groups.stampPushRegistered(userId, services.clock());
}

/** Removes the instance's device and its SNS endpoint (unregister, logout, dead token). */
export async function forgetDevice(services: Pick<ServiceCatalog, 'push'>, device: PushDeviceRecord | undefined): Promise<void> {
  if (device?.endpointArn) await services.push.deleteEndpoint(device.endpointArn);
}

/** `push.unregister`: this instance's device stops receiving pushes (a given token must be the registered one). */
export async function unregisterPushDevice(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'groups' | 'push'>, caller: WsCaller, token?: string): Promise<void> {
  const removed = await services.connections.removeDevice(caller.userId, caller.instance);
  if (removed && token !== undefined && removed.token !== token) {
    // Not this device's token: put it back untouched (a group push may have found no device in between).
    await services.connections.putDevice(removed);
    await announceDevice(services, caller.userId);
    throw new ImError(PUSH_INVALID, 'Token is not the token registered for this device');
  }
  await forgetDevice(services, removed);
}
