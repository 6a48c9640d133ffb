import { logger } from '../shared/logger.js';
import type { Services } from '../shared/runtime.js';
import { c2cConversationId, sideOf } from '../c2c/c2c-keys.js';
import { unreadOf } from '../c2c/c2c-store.js';
import { buildNotification } from './notification.js';
import { snsMessage } from './sns-payload.js';
import type { PushJob, PushTarget } from './push-queue.js';

export type PushWorkerServices = Pick<Services, 'push' | 'connections' | 'c2c'>;

export interface PushOutcome {
  sent: number;
  /** Devices whose endpoint SNS reported disabled or deleted; they were removed. */
  gone: number;
  failed: number;
}

/**
 * The badge: the user's total unread over its conversation list (one Query
 * for the list, one BatchGetItem for the states). Group conversations join
 * this sum once group messages keep unread counts (issue 7).
 */
export async function totalUnread(services: Pick<Services, 'c2c'>, userId: string): Promise<number> {
  const entries = await services.c2c.listEntries(userId);
  const peers = entries.filter((e) => e.type === 'C2C' && e.peer !== undefined).map((e) => e.peer!);
  if (peers.length === 0) return 0;
  const states = await services.c2c.getStates(peers.map((p) => c2cConversationId(userId, p)));
  return peers.reduce((sum, p) => sum + unreadOf(states.get(c2cConversationId(userId, p)), sideOf(userId, p)), 0);
}

/** A dead token: drops the device (unless it was re-registered with another endpoint meanwhile) and its endpoint. */
async function forgetGone(services: PushWorkerServices, userId: string, target: PushTarget): Promise<void> {
  const removed = await services.connections.removeDevice(userId, target.instance);
  if (removed && removed.endpointArn !== target.endpointArn) await services.connections.putDevice(removed);
  await services.push.deleteEndpoint(target.endpointArn);
}

/**
 * Sends one job's pushes: per recipient the badge (skipped with BadgeMode 1),
 * the notification, and one SNS Publish per device. Endpoints SNS reports gone
 * are removed with their device; other failures are logged and skipped, never
 * retried (a late duplicate notification is worse than a lost one).
 */
export async function runPushJob(services: PushWorkerServices, job: PushJob): Promise<PushOutcome> {
  const outcome: PushOutcome = { sent: 0, gone: 0, failed: 0 };
  const needsBadge = job.offlinePushInfo?.ApnsInfo?.BadgeMode !== 1;
  await Promise.all(job.recipients.map(async (recipient) => {
    try {
      const unread = needsBadge ? await totalUnread(services, recipient.userId) : 0;
      const notification = buildNotification({
        msgBody: job.msgBody, sender: job.sender, unread,
        ...(job.offlinePushInfo && { offlinePushInfo: job.offlinePushInfo }),
        ...(job.kind === 'Group' && job.groupName !== undefined && { groupName: job.groupName }),
      });
      if (!notification) return;
      await Promise.all(recipient.devices.map(async (target) => {
        try {
          const result = await services.push.publish(target.endpointArn, snsMessage(notification, target.pushPlatform));
          if (result === 'sent') outcome.sent++;
          else {
            outcome.gone++;
            await forgetGone(services, recipient.userId, target);
          }
        } catch (error) {
          outcome.failed++;
          logger.error('push not sent', { error, userId: recipient.userId, instance: target.instance });
        }
      }));
    } catch (error) {
      outcome.failed += recipient.devices.length;
      logger.error('pushes to a recipient failed', { error, userId: recipient.userId });
    }
  }));
  return outcome;
}
