import type { Services, WsCaller } from '../shared/runtime.js';

export type ConnectingClient = Pick<WsCaller, 'userId' | 'connectionId' | 'platform' | 'instance'>;

/** `$connect` after the authorizer: the account exists from first login on, and the connection is registered. */
export async function openConnection(services: Services, client: ConnectingClient): Promise<void> {
  const now = services.clock();
  await services.accounts.createIfMissing(client.userId, now);
  await services.connections.put({ ...client, connectedAt: now, lastSeen: now });
}

/** `$disconnect`: the connection leaves the registry. */
export async function closeConnection(services: Services, client: Pick<WsCaller, 'userId' | 'connectionId'>): Promise<void> {
  await services.connections.remove(client.userId, client.connectionId);
}
