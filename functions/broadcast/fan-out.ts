import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverWithPresence } from '../push/offline-push.js';
import type { BroadcastPageJob, PushRecipient } from '../push/push-queue.js';
import { runPushJob } from '../push/push-worker.js';
import type { BroadcastTask } from './broadcast-store.js';
import { broadcastView } from './im-push.js';
import { hasCondition, matchesCondition } from './push-condition.js';

/** Connections-table items per fan-out page (a page is one worker invocation's share). */
export const PAGE_ITEMS = 200;

export type FanOutServices = Pick<ServiceCatalog, 'broadcast' | 'connections' | 'gateway' | 'clock' | 'push' | 'c2c' | 'groups' | 'groupMessages' | 'pushQueue' | 'webhooks'>;

/**
 * One page of an `im_push` fan-out, in the push worker: a Scan page of the
 * Connections table (only users with a connection or a push device are there;
 * everyone else reads the broadcast on their next sync), the targeted users
 * among them (one BatchGetItem per 100 when there is a condition), the
 * broadcast to each Online user's connections and, within a lifetime, a push
 * to each PushOnline user. Then the next page is queued. A user whose items
 * straddle two pages is handled on the first (the Scan returns a partition's
 * items together).
 */
export async function runBroadcastPage(services: FanOutServices, job: BroadcastPageJob, heartbeatTimeoutMs: number): Promise<{ delivered: number; pushed: number }> {
  const task = job.task as unknown as BroadcastTask;
  const page = await services.broadcast.scanReachable(job.startKey, PAGE_ITEMS);
  if (page.nextKey) {
    await services.pushQueue.enqueue([{ kind: 'BroadcastPage', task: job.task, startKey: page.nextKey, enqueuedAt: services.clock() }]);
  }
  const carried = job.startKey?.pk?.slice(2);
  let users = page.userIds.filter((u, i) => !(i === 0 && u === carried));
  if (hasCondition(task.condition)) {
    const data = await services.broadcast.getUserPushData(users);
    users = users.filter((u) => matchesCondition(task.condition, data.get(u)));
  }
  const frame = eventFrame('broadcast.message', broadcastView(task));
  const recipients: PushRecipient[] = [];
  let delivered = 0;
  await Promise.all(users.map(async (userId) => {
    try {
      const result = await deliverWithPresence(services, userId, frame, heartbeatTimeoutMs);
      delivered += result.report.sent > 0 ? 1 : 0;
      if (result.pushTargets.length > 0) recipients.push({ userId, devices: result.pushTargets });
    } catch (error) {
      logger.error('broadcast delivery failed', { error, userId, taskId: task.taskId });
    }
  }));
  // MsgLifeTime 0 is online only: no push.
  if (task.lifeTime === 0 || recipients.length === 0) return { delivered, pushed: 0 };
  const outcome = await runPushJob(services, {
    kind: 'Broadcast', msgBody: task.body, sender: { userId: task.from, ...(task.nick !== undefined && { nick: task.nick }) },
    ...(task.offlinePushInfo && { offlinePushInfo: task.offlinePushInfo }), recipients, enqueuedAt: job.enqueuedAt,
    task: { taskId: task.taskId, sentAt: task.sentAt },
  });
  return { delivered, pushed: outcome.sent };
}
