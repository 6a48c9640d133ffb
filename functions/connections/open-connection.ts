import { isMobile, type AppConfig } from '../shared/config.js';
import type { WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog, Uses } from '../services.js';
import type { ConnectionRecord } from './connection-store.js';
import { evictionsForLogin } from './multi-device-policy.js';
import { kickConnections, replaceConnections } from './kick-connections.js';
import { disconnectReason, notifyStateChange, STATE_CHANGE } from './state-change.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { indexOpenedConnection, unindexClosedConnection } from '../groupmsg/online-index.js';
import { indexOfficialConnection, unindexOfficialConnection } from '../official/official-online.js';
import { announceStatus, type StatusConfig } from './user-status.js';

/** What `$connect` and `$disconnect` ask of the stores: of the group and group message stores, the user's groups and their online index. */
export type ConnectionServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'officialAccounts' | 'sns' | 'webhooks'>
  & Uses<'groupMessages', 'online' | 'indexConnections' | 'unindexConnections' | 'unindexMember'>
  & Uses<'groups', 'joinedGroups' | 'removeMember' | 'stampPushRegistered'>;

export type ConnectingClient = WsCaller;

export interface LoginOutcome {
  kicked: ConnectionRecord[];
  /** A kick or an account deletion landed between the authorizer's check and the registration: the connection is refused. */
  refused?: boolean;
}

/**
 * `$connect` after the authorizer: the account exists from first login on,
 * the connection is registered, and the multi-device policy evicts older ones.
 */
export async function openConnection(
  services: ConnectionServices, config: Pick<AppConfig, 'multiDevice'> & StatusConfig, client: ConnectingClient, login: { accountExists: boolean; sigTime?: number },
): Promise<LoginOutcome> {
  const now = services.clock();
  const [existing] = await Promise.all([
    services.connections.listByUser(client.userId, now),
    login.accountExists ? undefined : services.accounts.createIfMissing(client.userId, now),
  ]);
  await services.connections.put({
    userId: client.userId, connectionId: client.connectionId, platform: client.platform, instance: client.instance, connectedAt: now, lastSeen: now,
  });
  // The authorizer read the account before this connection existed; a kick or deletion since then Queried the
  // connections before this put, so it could not close this one. Re-read (strongly, after the put): either the
  // kick's strong Query sees the connection, or this read sees the kick. 1 RCU per `$connect`.
  const account = await services.accounts.get(client.userId, true);
  const kickedSince = account?.sigNotBefore !== undefined && login.sigTime !== undefined && login.sigTime < account.sigNotBefore;
  if (account?.deletedAt !== undefined || kickedSince) {
    await services.connections.remove(client.userId, client.connectionId);
    return { kicked: [], refused: true };
  }
  const { replaced, kicked } = evictionsForLogin(config.multiDevice.policy, config.multiDevice.maxInstancesPerPlatform, existing, client);
  await Promise.all([
    replaceConnections(services, replaced),
    kickConnections(services, kicked, 'MultiDeviceLogin', { Platform: client.platform, Instance: client.instance }),
    notifyStateChange(services, client.userId, { Action: 'Login', Reason: 'Register' }, callbackMetaFor(client, STATE_CHANGE), kicked.map((c) => c.platform)),
    // Group messages find online members through this index (functions/groupmsg/online-index.ts).
    indexOpenedConnection(services, client.userId, client.connectionId),
    // Official-account broadcasts use the same index (functions/official/official-online.ts).
    indexOfficialConnection(services, client.userId, client.connectionId),
    // The user's first connection: its status subscribers learn it is Online (docs/websocket.md, User status).
    existing.length === 0 ? announceStatus(services, config, client.userId, { opened: true }) : undefined,
  ]);
  return { kicked };
}

/** `$disconnect`: the connection leaves the registry; undefined when it had already been removed (kicked, replaced). */
export async function closeConnection(
  services: ConnectionServices, config: StatusConfig,
  client: ConnectingClient, closeCode?: number,
): Promise<ConnectionRecord | undefined> {
  const [removed] = await Promise.all([
    services.connections.remove(client.userId, client.connectionId),
    // Kicked and replaced connections were removed already, but are still in the groups' online index.
    unindexClosedConnection(services, client.userId, client.connectionId),
    unindexOfficialConnection(services, client.userId, client.connectionId),
  ]);
  if (!removed) return undefined;
  await Promise.all([
    // A mobile instance with a push device now starts its PushOnline period.
    isMobile(removed.platform) ? services.connections.markDeviceOffline(client.userId, client.instance, services.clock()) : undefined,
    notifyStateChange(services, client.userId, { Action: 'Disconnect', Reason: disconnectReason(closeCode) }, callbackMetaFor(client, STATE_CHANGE)),
  ]);
  // After the device's PushOnline mark, so the status pushed says PushOnline; nothing when another connection stays Online.
  await announceStatus(services, config, client.userId, { closed: [client.connectionId] });
  return removed;
}
