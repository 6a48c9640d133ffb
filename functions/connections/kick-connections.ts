import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import type { ConnectionRecord } from './connection-store.js';

export type KickReason = 'MultiDeviceLogin' | 'KickedByAdmin' | 'AccountDeleted';

/**
 * Pushes connections out: the record goes first (so their `$disconnect`
 * reports nothing), then the `kicked` event, then API Gateway closes them.
 */
export async function kickConnections(
  services: Pick<ServiceCatalog, 'connections' | 'gateway'>, connections: readonly ConnectionRecord[], reason: KickReason, detail: Record<string, unknown> = {},
): Promise<void> {
  await Promise.all(connections.map(async (c) => {
    await services.connections.remove(c.userId, c.connectionId);
    await services.gateway.post(c.connectionId, eventFrame('kicked', { Reason: reason, ...detail }));
    await services.gateway.close(c.connectionId);
  }));
}

/** A reconnect of the same instance: the old connection is closed without an event. */
export async function replaceConnections(services: Pick<ServiceCatalog, 'connections' | 'gateway'>, connections: readonly ConnectionRecord[]): Promise<void> {
  await Promise.all(connections.map(async (c) => {
    await services.connections.remove(c.userId, c.connectionId);
    await services.gateway.close(c.connectionId);
  }));
}
