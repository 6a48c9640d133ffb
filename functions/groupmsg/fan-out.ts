import type { AppConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog, Uses } from '../services.js';
import type { OnlineConnection } from './groupmsg-store.js';

export type FanOutServices = Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'> & Uses<'groupMessages', 'online' | 'unindexConnections'>;

export interface FanOutReport {
  /** Users with at least one connection that took the frame. */
  reached: Set<string>;
  posts: number;
  gone: number;
}

/**
 * Posts one frame to connections of the group's online index, in parallel batches. A connection API Gateway
 * reports gone leaves the index and the connection registry.
 */
export async function postToConnections(
  services: FanOutServices, groupId: string, targets: readonly OnlineConnection[], frame: string, batch: number,
): Promise<FanOutReport> {
  const report: FanOutReport = { reached: new Set(), posts: 0, gone: 0 };
  for (let i = 0; i < targets.length; i += batch) {
    await Promise.all(targets.slice(i, i + batch).map(async (c) => {
      report.posts += 1;
      try {
        const outcome = await services.gateway.post(c.connectionId, frame);
        if (outcome === 'sent') report.reached.add(c.userId);
        else {
          report.gone += 1;
          // A connection still in its $connect handshake keeps its entries; its client catches up by sync.
          if (await services.connections.removeGone(c.userId, c.connectionId, services.clock())) {
            await services.groupMessages.unindexConnections([{ groupId, userId: c.userId, connectionId: c.connectionId }]);
          }
        }
      } catch (error) {
        logger.error('group message post failed', { error, groupId, connectionId: c.connectionId });
      }
    }));
  }
  return report;
}

export interface GroupDelivery {
  groupId: string;
  frame: string;
  /** The sending connection (it gets the reply, not the event). */
  exceptConnectionId?: string;
  /** Only these users (send_group_system_notification with ToMembers_Account). */
  onlyUsers?: ReadonlySet<string>;
  /** Whether members with MsgFlag Discard are skipped (messages: yes; system notifications: no). */
  honourDiscard: boolean;
}

/** The connections a delivery goes to, from the online index (one Query; never the member list). */
export async function deliveryTargets(services: FanOutServices, d: GroupDelivery): Promise<OnlineConnection[]> {
  const online = await services.groupMessages.online(d.groupId);
  return online.filter((c) => c.connectionId !== d.exceptConnectionId
    && !(d.honourDiscard && c.msgFlag === 'Discard')
    && (!d.onlyUsers || d.onlyUsers.has(c.userId)));
}

/** Delivers in-process (small groups). Large groups go through the fan-out queue (functions/groupmsg/fan-out-queue.ts). */
export async function deliverToGroup(services: FanOutServices, config: AppConfig, d: GroupDelivery): Promise<FanOutReport> {
  const targets = await deliveryTargets(services, d);
  return postToConnections(services, d.groupId, targets, d.frame, config.groupMessages.fanoutBatch);
}
