import { logger } from '../shared/logger.js';
import type { Services } from '../shared/runtime.js';
import { c2cConversationId, sideOf } from '../c2c/c2c-keys.js';
import { unreadOf } from '../c2c/c2c-store.js';
import { groupUnread } from '../groupmsg/read-state.js';
import { buildNotification } from './notification.js';
import { snsMessage } from './sns-payload.js';
import type { PushJob, PushTarget } from './push-queue.js';

export type PushWorkerServices = Pick<Services, 'push' | 'connections' | 'c2c' | 'groups' | 'groupMessages'>;

export interface PushOutcome {
  sent: number;
  /** Devices whose endpoint SNS reported disabled or deleted; they were removed. */
  gone: number;
  failed: number;
}

/** C2C unread over the user's conversation list: one Query for the list, one BatchGetItem for the states. */
async function c2cUnread(services: Pick<Services, 'c2c'>, userId: string): Promise<number> {
  const entries = await services.c2c.listEntries(userId);
  const peers = entries.filter((e) => e.type === 'C2C' && e.peer !== undefined).map((e) => e.peer!);
  if (peers.length === 0) return 0;
  const states = await services.c2c.getStates(peers.map((p) => c2cConversationId(userId, p)));
  return peers.reduce((sum, p) => sum + unreadOf(states.get(c2cConversationId(userId, p)), sideOf(userId, p)), 0);
}

/** Group unread over the groups the user joined (AVChatRoom has none): one Query on byMember, one BatchGetItem of counters. */
async function groupsUnread(services: Pick<Services, 'groups' | 'groupMessages'>, userId: string): Promise<number> {
  const memberships = (await services.groups.joinedGroups(userId)).filter((m) => m.groupType !== 'AVChatRoom');
  if (memberships.length === 0) return 0;
  const counters = await services.groupMessages.counters(memberships.map((m) => m.groupId));
  return memberships.reduce((sum, m) => {
    const c = counters.get(m.groupId);
    return c ? sum + groupUnread(c.lastSeq, m.msgSeq, c.skipped, m.skipRead ?? 0) : sum;
  }, 0);
}

/** The badge: the user's total unread, C2C and group conversations together. */
export async function totalUnread(services: Pick<Services, 'c2c' | 'groups' | 'groupMessages'>, userId: string): Promise<number> {
  const [c2c, groups] = await Promise.all([c2cUnread(services, userId), groupsUnread(services, userId)]);
  return c2c + groups;
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
