import { isMobile } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import type { PresenceItems } from '../connections/connection-store.js';
import { deliverToConnections, type DeliveryReport } from '../connections/deliver.js';
import { buildNotification, type OfflinePushInfo } from './notification.js';
import type { MsgElement } from './push-text.js';
import type { PushJob, PushRecipient, PushTarget } from './push-queue.js';

/** Recipients per queued job: keeps each SQS message far below 256 KB even with a 12 KB message body. */
export const RECIPIENTS_PER_JOB = 100;

export interface RecipientDelivery {
  report: DeliveryReport;
  /** The user's push devices when no connection of the user is Online (PushOnline); empty otherwise. */
  pushTargets: PushTarget[];
}

/**
 * Posts `frame` to every live connection of `userId` and says whether the
 * user is PushOnline, from the same single Query (`presenceOf` reads the
 * connections and the push devices of the user's partition together), so
 * deciding on an offline push costs the send path nothing more.
 * Online = a connection heard from within the heartbeat timeout that took the frame.
 */
export async function deliverWithPresence(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>,
  userId: string,
  frame: string,
  heartbeatTimeoutMs: number,
): Promise<RecipientDelivery> {
  const now = services.clock();
  return deliverOnPresence(services, await services.connections.presenceOf(userId, now), now, frame, heartbeatTimeoutMs);
}

/**
 * Delivery on a presence already read at `readAt`: posts to every live connection and, when none heard from within
 * the heartbeat timeout took the frame, names the push devices.
 */
export async function deliverOnPresence(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>,
  presence: PresenceItems, readAt: number, frame: string, heartbeatTimeoutMs: number,
): Promise<RecipientDelivery> {
  const heard = presence.connections.filter((c) => readAt - c.lastSeen <= heartbeatTimeoutMs);
  const silent = presence.connections.filter((c) => readAt - c.lastSeen > heartbeatTimeoutMs);
  const [live, stale] = await Promise.all([deliverToConnections(services, heard, frame), deliverToConnections(services, silent, frame)]);
  const report = { sent: live.sent + stale.sent, gone: live.gone + stale.gone };
  if (live.sent > 0) return { report, pushTargets: [] };
  const pushTargets = presence.devices
    .filter((d) => isMobile(d.platform) && d.endpointArn)
    .map((d) => ({ instance: d.instance, pushPlatform: d.pushPlatform, endpointArn: d.endpointArn! }));
  return { report, pushTargets };
}

/** A group member's message option (spec §3.7 MsgFlag; `AcceptNotNotifyExceptAt` from the issue). */
export type MemberMsgFlag = 'AcceptAndNotify' | 'AcceptNotNotify' | 'Discard' | 'AcceptNotNotifyExceptAt';

/**
 * Whether a group member is pushed for a message: `AcceptNotNotify` and
 * `Discard` never, `AcceptNotNotifyExceptAt` only when the message @-mentions
 * the member (or @all). The hook for group messages (issue 7).
 */
export function memberWantsPush(msgFlag: string | undefined, mentioned: boolean): boolean {
  switch (msgFlag) {
    case 'AcceptNotNotify':
    case 'Discard':
      return false;
    case 'AcceptNotNotifyExceptAt':
      return mentioned;
    default:
      return true;
  }
}

/** What a sender hands to {@link queueOfflinePushes}: the stored message and who is PushOnline. */
export interface OfflinePushRequest {
  kind: PushJob['kind'];
  msgBody: readonly MsgElement[];
  offlinePushInfo?: OfflinePushInfo;
  sender: PushJob['sender'];
  groupId?: string;
  groupName?: string;
  /** The stored message's ids, named by the `Push.OfflinePush` callback. */
  message?: PushJob['message'];
  /** Online-only messages are never pushed. */
  onlineOnly: boolean;
  /** Recipients with their push targets (from {@link deliverWithPresence}); those with none are skipped. */
  recipients: readonly PushRecipient[];
}

/**
 * Queues the offline pushes of one stored message: nothing when no push is
 * due (online-only, `PushFlag` 1, a custom element with no `Desc` and no
 * `OfflinePushInfo.Desc`) or no recipient is PushOnline; otherwise one SQS
 * message per {@link RECIPIENTS_PER_JOB} recipients, sent in batches of 10.
 * Never throws and never waits on SNS: a queue failure loses the pushes, not
 * the send, and is logged.
 */
export async function queueOfflinePushes(services: Pick<ServiceCatalog, 'pushQueue' | 'clock'>, request: OfflinePushRequest): Promise<number> {
  if (request.onlineOnly) return 0;
  const recipients = request.recipients.filter((r) => r.devices.length > 0);
  if (recipients.length === 0) return 0;
  const base = {
    kind: request.kind, msgBody: [...request.msgBody], sender: request.sender,
    ...(request.offlinePushInfo && { offlinePushInfo: request.offlinePushInfo }),
    ...(request.groupId !== undefined && { groupId: request.groupId }),
    ...(request.groupName !== undefined && { groupName: request.groupName }),
    ...(request.message && { message: request.message }),
  };
  // The display rules decide whether anything is shown; the badge does not change that.
  if (!buildNotification({ ...base, unread: 0 })) return 0;
  const jobs: PushJob[] = [];
  for (let i = 0; i < recipients.length; i += RECIPIENTS_PER_JOB) {
    jobs.push({ ...base, recipients: recipients.slice(i, i + RECIPIENTS_PER_JOB), enqueuedAt: services.clock() });
  }
  try {
    await services.pushQueue.enqueue(jobs);
    return recipients.length;
  } catch (error) {
    logger.error('offline pushes not queued', { error, recipients: recipients.length, kind: request.kind });
    return 0;
  }
}
