import type { Platform } from '../shared/config.js';
import type { ServiceCatalog } from '../services.js';
import { optPlatformFor, type CallbackMeta } from '../shared/callback-meta.js';

export const STATE_CHANGE = 'State.StateChange';

/** spec §6.5: Login/Register, Logout/Unregister, Disconnect/LinkClose or TimeOut. */
export type StateChange =
  | { Action: 'Login'; Reason: 'Register' }
  | { Action: 'Logout'; Reason: 'Unregister' }
  | { Action: 'Disconnect'; Reason: 'LinkClose' | 'TimeOut' };

/**
 * API Gateway's $disconnect status: 1001 "Going away" is its idle timeout or
 * 2-hour limit, 1006 a link that died without a close frame; anything else the client closed.
 */
export const disconnectReason = (statusCode: number | undefined): 'LinkClose' | 'TimeOut' =>
  statusCode === 1001 || statusCode === 1006 ? 'TimeOut' : 'LinkClose';

/** Queues `State.StateChange` for the app backend (an after-callback: never delays the caller). */
export async function notifyStateChange(
  services: Pick<ServiceCatalog, 'webhooks' | 'clock'>, userId: string, change: StateChange, meta: CallbackMeta, kicked: readonly Platform[] = [],
): Promise<void> {
  if (!services.webhooks.isEnabled(STATE_CHANGE)) return;
  await services.webhooks.after(STATE_CHANGE, {
    EventTime: services.clock(),
    Info: { ...change, To_Account: userId },
    ...(kicked.length > 0 && { KickedDevice: kicked.map((p) => ({ Platform: optPlatformFor(p, STATE_CHANGE) })) }),
  }, meta);
}
