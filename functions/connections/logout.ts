import type { WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { notifyStateChange, STATE_CHANGE } from './state-change.js';
import { forgetDevice } from '../push/devices.js';
import { announceStatus, type StatusConfig } from './user-status.js';

/**
 * `logout`: the user signs out on this device: the push device is dropped (no
 * PushOnline, no pushes) and the connection leaves the registry, so nothing
 * more is delivered to it. The client closes the socket after the reply
 * (closing it here would lose the route response).
 */
export async function logout(
  services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'push' | 'sns' | 'webhooks'>, config: StatusConfig, caller: WsCaller,
): Promise<void> {
  const [device, removed] = await Promise.all([
    services.connections.removeDevice(caller.userId, caller.instance),
    services.connections.remove(caller.userId, caller.connectionId),
  ]);
  await forgetDevice(services, device);
  if (!removed) return;
  await Promise.all([
    notifyStateChange(services, caller.userId, { Action: 'Logout', Reason: 'Unregister' }, callbackMetaFor(caller, STATE_CHANGE)),
    // Its `$disconnect` finds the record gone: the subscribers hear of the change here.
    announceStatus(services, config, caller.userId, { closed: [caller.connectionId], devicesGone: [caller.instance] }),
  ]);
}
