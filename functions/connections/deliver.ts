import type { ConnectionRecord } from './connection-store.js';
import type { ServiceCatalog } from '../services.js';

export interface DeliveryReport {
  sent: number;
  gone: number;
}

/**
 * Posts one frame to each connection; a connection API Gateway reports gone is
 * removed from the registry (the gone one, never the sender's), unless it is
 * still in its `$connect` handshake: its client catches up by sync once open.
 */
export async function deliverToConnections(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>,
  connections: readonly ConnectionRecord[],
  frame: string,
): Promise<DeliveryReport> {
  const outcomes = await Promise.all(connections.map(async (c) => {
    const outcome = await services.gateway.post(c.connectionId, frame);
    if (outcome === 'gone') await services.connections.removeGone(c.userId, c.connectionId, services.clock());
    return outcome;
  }));
  return { sent: outcomes.filter((o) => o === 'sent').length, gone: outcomes.filter((o) => o === 'gone').length };
}

/** Posts to every live connection of a user, optionally skipping one (the sender's own). */
export async function deliverToUser(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>,
  userId: string,
  frame: string,
  exceptConnectionId?: string,
): Promise<DeliveryReport> {
  const connections = await services.connections.listByUser(userId, services.clock());
  return deliverToConnections(services, connections.filter((c) => c.connectionId !== exceptConnectionId), frame);
}
