import { isMobile, type AppConfig } from '../shared/config.js';
import type { Services, WsCaller } from '../shared/runtime.js';
import type { ConnectionRecord } from './connection-store.js';
import { evictionsForLogin } from './multi-device-policy.js';
import { kickConnections, replaceConnections } from './kick-connections.js';

export type ConnectingClient = Pick<WsCaller, 'userId' | 'connectionId' | 'platform' | 'instance'>;

export interface LoginOutcome {
  kicked: ConnectionRecord[];
}

/**
 * `$connect` after the authorizer: the account exists from first login on,
 * the connection is registered, and the multi-device policy evicts older ones.
 */
export async function openConnection(services: Services, config: Pick<AppConfig, 'multiDevice'>, client: ConnectingClient): Promise<LoginOutcome> {
  const now = services.clock();
  const [existing] = await Promise.all([
    services.connections.listByUser(client.userId, now),
    services.accounts.createIfMissing(client.userId, now),
  ]);
  await services.connections.put({ ...client, connectedAt: now, lastSeen: now });
  const { replaced, kicked } = evictionsForLogin(config.multiDevice.policy, config.multiDevice.maxInstancesPerPlatform, existing, client);
  await Promise.all([
    replaceConnections(services, replaced),
    kickConnections(services, kicked, 'MultiDeviceLogin', { Platform: client.platform, Instance: client.instance }),
  ]);
  return { kicked };
}

/** `$disconnect`: the connection leaves the registry; undefined when it had already been removed (kicked, replaced). */
export async function closeConnection(services: Services, client: Pick<WsCaller, 'userId' | 'connectionId' | 'instance'>): Promise<ConnectionRecord | undefined> {
  const removed = await services.connections.remove(client.userId, client.connectionId);
  // A mobile instance with a push device now starts its PushOnline period.
  if (removed && isMobile(removed.platform)) await services.connections.markDeviceOffline(client.userId, client.instance, services.clock());
  return removed;
}
