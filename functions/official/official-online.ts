import { logger } from '../shared/logger.js';
import type { ServiceCatalog, Uses } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { CONNECTION_MAX_AGE_MS } from '../connections/connection-store.js';
import { postToConnections } from '../groupmsg/fan-out.js';

/**
 * Official accounts reuse the groups' online index (Connections table, `GO#<id>`): one entry per (account, live
 * connection of a subscriber) with the subscriber's MsgFlag, so a broadcast reads the online subscribers with one
 * Query and never the subscriber list. These two keep it current at `$connect` / `$disconnect`.
 */
type OnlineServices = Pick<ServiceCatalog, 'officialAccounts' | 'clock'> & Uses<'groupMessages', 'indexConnections' | 'unindexConnections'>;

const ttlOf = (connectedAt: number) => Math.ceil((connectedAt + CONNECTION_MAX_AGE_MS) / 1000) + 60;

/** `$connect`: one Query of the user's subscriptions (byMember index, `OS#<UserID>`), then one entry per account. */
export async function indexOfficialConnection(services: OnlineServices, userId: string, connectionId: string): Promise<void> {
  try {
    const subscriptions = await services.officialAccounts.subscriptions(userId);
    if (subscriptions.length === 0) return;
    const ttl = ttlOf(services.clock());
    await services.groupMessages.indexConnections(subscriptions.map((s) => ({ groupId: s.accountId, userId, connectionId, msgFlag: s.msgFlag, ttl })));
  } catch (error) {
    logger.error('official online index: connection not indexed', { error, userId });
  }
}

/** `$disconnect`: the connection leaves every subscribed account's index. */
export async function unindexOfficialConnection(services: OnlineServices, userId: string, connectionId: string): Promise<void> {
  try {
    const subscriptions = await services.officialAccounts.subscriptions(userId);
    if (subscriptions.length === 0) return;
    await services.groupMessages.unindexConnections(subscriptions.map((s) => ({ groupId: s.accountId, userId, connectionId })));
  } catch (error) {
    logger.error('official online index: connection not removed', { error, userId });
  }
}

/** A non-message event (recall, profile change, destruction) to the account's online subscribers: one Query, posts in batches. */
export async function deliverOfficialEvent(
  services: Pick<ServiceCatalog, 'groupFanOut' | 'gateway' | 'connections' | 'clock'> & Uses<'groupMessages', 'online' | 'unindexConnections'>, accountId: string, event: string, data: Record<string, unknown>,
): Promise<void> {
  try {
    const connections = await services.groupMessages.online(accountId);
    await postToConnections(services, accountId, connections, eventFrame(event, data), services.groupFanOut.settings.fanoutBatch);
  } catch (error) {
    logger.error('official event not delivered', { error, accountId, event });
  }
}
