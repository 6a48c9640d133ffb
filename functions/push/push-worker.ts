import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { c2cConversationId, sideOf } from '../c2c/c2c-keys.js';
import { unreadOf } from '../c2c/c2c-store.js';
import { memberUnread } from '../groupmsg/read-state.js';
import { buildNotification } from './notification.js';
import { snsMessage } from './sns-payload.js';
import type { PushPlatform } from '../connections/connection-store.js';
import { UNKNOWN_OPT_PLATFORM } from '../shared/callback-meta.js';
import type { PushJob, PushTarget } from './push-queue.js';

export type PushWorkerServices = Pick<ServiceCatalog, 'push' | 'connections' | 'c2c' | 'groups' | 'groupMessages' | 'webhooks' | 'clock'>;

/** The push callbacks (spec §6 table; fields from the doocs models): results of the send stage, one per device. */
export const OFFLINE_PUSH_CALLBACK = 'Push.OfflinePush';
export const ALL_MEMBER_PUSH_CALLBACK = 'Push.AllMemberPush';
/** `PushPlatform` codes: 1 Apple APNs, 4 Google FCM. */
const PUSH_PLATFORM_CODE: Record<PushPlatform, number> = { APNs: 1, APNsSandbox: 1, FCM: 4 };
/** `PushStage` 1: sent to the vendor (SNS took it). Delivery (2) and click (3) are not reported by SNS. */
const STAGE_SENT = 1;
/** `ErrCode` values (our choice; Tencent only says 0 is success): */
export const PushErrCode = { ok: 0, deviceGone: 1, pushServiceError: 2 } as const;

type PublishResult = 'sent' | 'gone' | 'failed';
const ERR: Record<PublishResult, { ErrCode: number; ErrInfo: string }> = {
  sent: { ErrCode: PushErrCode.ok, ErrInfo: '' },
  gone: { ErrCode: PushErrCode.deviceGone, ErrInfo: 'the device token is no longer valid; the device was removed' },
  failed: { ErrCode: PushErrCode.pushServiceError, ErrInfo: 'the push service did not take the notification' },
};

/**
 * Queues the job's push callback for one device (only when the command is
 * enabled, so a deployment without it pays nothing). Never throws.
 */
async function reportPush(services: PushWorkerServices, job: PushJob, userId: string, target: PushTarget, result: PublishResult): Promise<void> {
  const command = job.kind === 'Broadcast' ? ALL_MEMBER_PUSH_CALLBACK : OFFLINE_PUSH_CALLBACK;
  if (!services.webhooks.isEnabled(command)) return;
  const common = { EventTime: Math.floor(services.clock() / 1000), To_Account: userId, PushPlatform: PUSH_PLATFORM_CODE[target.pushPlatform], PushStage: STAGE_SENT, ...ERR[result] };
  const m = job.message;
  const body = job.kind === 'Broadcast'
    ? { EventType: 1, ...(job.task && { TaskId: job.task.taskId, TaskTime: Math.floor(job.task.sentAt / 1000) }), ...common }
    : {
      EventType: job.kind === 'C2C' ? 1 : 2, From_Account: job.sender.userId, ...common,
      ...(job.kind === 'C2C' && m?.msgKey !== undefined && { MsgKey: m.msgKey }),
      ...(job.kind === 'Group' && job.groupId !== undefined && { GroupID: job.groupId }),
      ...(m?.msgSeq !== undefined && { MsgSeq: m.msgSeq }),
      ...(job.kind === 'C2C' && m?.msgRandom !== undefined && { MsgRandom: m.msgRandom }),
      ...(m?.msgTime !== undefined && { MsgTime: m.msgTime }),
    };
  try {
    await services.webhooks.after(command, body, { clientIp: '', optPlatform: UNKNOWN_OPT_PLATFORM });
  } catch (error) {
    logger.error('push callback not queued', { error, command, userId });
  }
}

export interface PushOutcome {
  sent: number;
  /** Devices whose endpoint SNS reported disabled or deleted; they were removed. */
  gone: number;
  failed: number;
}

/** C2C unread over the user's conversation list: one Query for the list, one BatchGetItem for the states. */
async function c2cUnread(services: Pick<ServiceCatalog, 'c2c'>, userId: string): Promise<number> {
  const entries = await services.c2c.listEntries(userId);
  const peers = entries.filter((e) => e.type === 'C2C' && e.peer !== undefined).map((e) => e.peer!);
  if (peers.length === 0) return 0;
  const states = await services.c2c.getStates(peers.map((p) => c2cConversationId(userId, p)));
  return peers.reduce((sum, p) => sum + unreadOf(states.get(c2cConversationId(userId, p)), sideOf(userId, p)), 0);
}

/** Group unread over the groups the user joined (AVChatRoom has none): one Query on byMember, one BatchGetItem of counters. */
async function groupsUnread(services: Pick<ServiceCatalog, 'groups' | 'groupMessages'>, userId: string): Promise<number> {
  const memberships = (await services.groups.joinedGroups(userId)).filter((m) => m.groupType !== 'AVChatRoom');
  if (memberships.length === 0) return 0;
  const counters = await services.groupMessages.counters(memberships.map((m) => m.groupId));
  return memberships.reduce((sum, m) => {
    const c = counters.get(m.groupId);
    return c ? sum + memberUnread(c, m.msgSeq, m.skipRead ?? 0) : sum;
  }, 0);
}

/** The badge: the user's total unread, C2C and group conversations together. */
export async function totalUnread(services: Pick<ServiceCatalog, 'c2c' | 'groups' | 'groupMessages'>, userId: string): Promise<number> {
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
        let result: PublishResult;
        try {
          result = await services.push.publish(target.endpointArn, snsMessage(notification, target.pushPlatform));
        } catch (error) {
          result = 'failed';
          logger.error('push not sent', { error, userId: recipient.userId, instance: target.instance });
        }
        outcome[result]++;
        await reportPush(services, job, recipient.userId, target, result);
        if (result === 'gone') {
          await forgetGone(services, recipient.userId, target).catch((error: unknown) => logger.error('dead device not removed', { error, userId: recipient.userId }));
        }
      }));
    } catch (error) {
      outcome.failed += recipient.devices.length;
      logger.error('pushes to a recipient failed', { error, userId: recipient.userId });
    }
  }));
  return outcome;
}
