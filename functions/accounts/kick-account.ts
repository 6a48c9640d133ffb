import { ImError } from '../shared/errors.js';
import { nowSeconds } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { kickConnections } from '../connections/kick-connections.js';
import { AccountCode } from './account-codes.js';
import { notifyStateChange, STATE_CHANGE } from '../connections/state-change.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import type { RestCaller } from '../shared/runtime.js';
import { announceStatus, type StatusConfig } from '../connections/user-status.js';

/**
 * `kick`: every UserSig issued before now stops working (70052), and the
 * user's open connections get `kicked` and are closed.
 */
export async function kickAccount(
  services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns' | 'webhooks'>, config: StatusConfig, caller: RestCaller, userId: string,
): Promise<void> {
  const invalidated = await services.accounts.invalidateSigs(userId, nowSeconds(services.clock));
  if (!invalidated) throw new ImError(AccountCode.NotFound, `account ${userId} does not exist`);
  // Strong: a `$connect` that registered before this read is found here; one after it sees the kick itself (open-connection.ts).
  const connections = await services.connections.listByUser(userId, services.clock(), true);
  await kickConnections(services, connections, 'KickedByAdmin');
  if (connections.length > 0) {
    await Promise.all([
      notifyStateChange(services, userId, { Action: 'Logout', Reason: 'Unregister' }, callbackMetaFor(caller, STATE_CHANGE), connections.map((c) => c.platform)),
      // The kicked connections' `$disconnect` finds no record: the status subscribers hear of it here.
      announceStatus(services, config, userId, { closed: connections.map((c) => c.connectionId) }),
    ]);
  }
}
