import { isMobile } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog, Uses } from '../services.js';
import type { PushRecipient } from '../push/push-queue.js';
import type { PushMember } from './groupmsg-store.js';

/**
 * Subtracted from `noPushSince`: the worker's clock and push.register's clock are different machines'. A mark
 * that ends up older than it needs to be only costs one more look-up; one that ends up newer than a device
 * registration would hide that device from every later push.
 */
export const CLOCK_SKEW_MS = 1000;

export type PushLookupServices = Pick<ServiceCatalog, 'connections' | 'clock'> & Uses<'groupMessages', 'markNoPushDevice'>;

/**
 * A member whose item says a presence read found no push device, with no device registered since: their
 * presence is not read (docs/data-model.md, "Group members' push flags").
 */
export const knownWithoutDevice = (m: PushMember): boolean =>
  m.noPushSince !== undefined && (m.pushRegisteredAt === undefined || m.noPushSince > m.pushRegisteredAt);

/**
 * The push targets of group members who want a push: one presence Query per member not known to be without a
 * device, in parallel. `heardWithinMs`: a member with a connection heard within it is Online and not pushed
 * (undefined: the caller already knows who was reached). A member found without any device item gets
 * `noPushSince` (best effort: a failed mark only costs the next message a look-up).
 */
export async function pushRecipientsOf(
  services: PushLookupServices, groupId: string, members: readonly PushMember[], heardWithinMs: number | undefined,
): Promise<PushRecipient[]> {
  const recipients: PushRecipient[] = [];
  await Promise.all(members.filter((m) => !knownWithoutDevice(m)).map(async (m) => {
    try {
      const now = services.clock();
      const { connections, devices, dormantDevices } = await services.connections.presenceOf(m.userId, now);
      const targets = devices.filter((d) => isMobile(d.platform) && d.endpointArn)
        .map((d) => ({ instance: d.instance, pushPlatform: d.pushPlatform, endpointArn: d.endpointArn! }));
      // A dormant device (past its 7 days) is still a device: a reconnect revives it without a push.register.
      if (devices.length === 0 && !dormantDevices) await markIfNoDevice(services, groupId, m.userId);
      if (heardWithinMs !== undefined && connections.some((c) => now - c.lastSeen <= heardWithinMs)) return;
      if (targets.length > 0) recipients.push({ userId: m.userId, devices: targets });
    } catch (error) {
      logger.error('presence look-up for a group push failed', { error, groupId, userId: m.userId });
    }
  }));
  return recipients;
}

/**
 * The presence Query above is eventually consistent: it may miss a device written just before it. Only a
 * strongly consistent read that finds no device proves that any later device write (and its `pushRegisteredAt`,
 * taken after that write) comes after the time recorded here.
 */
async function markIfNoDevice(services: PushLookupServices, groupId: string, userId: string): Promise<void> {
  try {
    const before = services.clock();
    if (await services.connections.storesPushDevice(userId)) return;
    await services.groupMessages.markNoPushDevice(groupId, userId, before - CLOCK_SKEW_MS);
  } catch (error) {
    logger.warn('no-push-device mark not written', { error, groupId, userId });
  }
}
