import type { AppConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog, Uses } from '../services.js';
import { memberWantsPush, queueOfflinePushes } from '../push/offline-push.js';
import type { OfflinePushInfo } from '../push/notification.js';
import type { PushedMessage } from '../push/push-queue.js';
import type { MsgElement } from '../c2c/message-body.js';
import { pushRecipientsOf } from './push-lookup.js';

/**
 * The offline pushes of one message to a group above `offlinePushMaxMembers`, one page of members at a time. The
 * send only queues the first page (no member read on the send path); each worker run reads `pushPageSize` members
 * (one Query), queues the next page, looks up the presence of those who want a push (one Query each, in parallel;
 * not for members whose item says they have no push device: push-lookup.ts) and hands the PushOnline ones to the
 * push queue (functions/push) as ordinary push jobs.
 */
export interface PushPageJob {
  kind: 'PushPage';
  groupId: string;
  groupName: string;
  msgBody: MsgElement[];
  sender: { userId: string; nick?: string; nameCard?: string };
  offlinePushInfo?: OfflinePushInfo;
  /** MsgSeq and MsgTime, for the `Push.OfflinePush` callback. */
  message?: PushedMessage;
  atAll: boolean;
  atAccounts: string[];
  /** The first member of this page (exclusive start); absent for the first page. */
  start?: string;
  enqueuedAt: number;
}

export type PushPageServices = Pick<ServiceCatalog, 'connections' | 'pushQueue' | 'clock'> & Uses<'groupMessages', 'pushCandidatePage' | 'markNoPushDevice'>;

export interface PushPageOutcome {
  members: number;
  /** Members with a mobile push device and no live connection (handed to the push queue). */
  pushed: number;
  next?: string;
}

export const isPushPageJob = (job: unknown): job is PushPageJob => (job as { kind?: unknown } | null)?.kind === 'PushPage';

/** One page: its members, the next page's job (through `handOff`, before the presence look-ups), the push jobs. */
export async function runPushPage(
  services: PushPageServices, config: Pick<AppConfig, 'groupMessages' | 'heartbeatTimeoutSeconds'>, job: PushPageJob,
  handOff: (next: PushPageJob) => Promise<void>,
): Promise<PushPageOutcome> {
  const page = await services.groupMessages.pushCandidatePage(job.groupId, job.start, config.groupMessages.pushPageSize);
  if (page.next !== undefined) await handOff({ ...job, start: page.next, enqueuedAt: services.clock() });
  const wanted = page.members.filter((m) => m.userId !== job.sender.userId
    && memberWantsPush(m.msgFlag, job.atAll || job.atAccounts.includes(m.userId)));
  // Online (a connection heard from within the heartbeat timeout): the online index delivered it.
  const recipients = await pushRecipientsOf(services, job.groupId, wanted, config.heartbeatTimeoutSeconds * 1000);
  const pushed = await queueOfflinePushes(services, {
    kind: 'Group', msgBody: job.msgBody, sender: job.sender, groupId: job.groupId, groupName: job.groupName, onlineOnly: false, recipients,
    ...(job.offlinePushInfo && { offlinePushInfo: job.offlinePushInfo }),
    ...(job.message && { message: job.message }),
  });
  return { members: page.members.length, pushed, ...(page.next !== undefined && { next: page.next }) };
}

/** Without a queue (the local stack): every page in this process, one after the other, after the send's reply. */
export async function runPushPagesInline(
  services: PushPageServices, config: Pick<AppConfig, 'groupMessages' | 'heartbeatTimeoutSeconds'>, first: PushPageJob,
): Promise<void> {
  let job: PushPageJob | undefined = first;
  while (job) {
    let next: PushPageJob | undefined;
    try {
      await runPushPage(services, config, job, async (n) => { next = n; });
    } catch (error) {
      logger.error('group push page failed', { error, groupId: job.groupId, start: job.start });
    }
    job = next;
  }
}
