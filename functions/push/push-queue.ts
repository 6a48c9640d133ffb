import * as z from 'zod/mini';
import type { Feature } from '../shared/features.js';
import type { PushPlatform } from '../connections/connection-store.js';
import type { OfflinePushInfo } from './notification.js';
import type { MsgElement } from './push-text.js';
import { queueMessageBody } from '../shared/queue-message-body.js';

/** A device a push goes to, as the send path found it (one Query it already made for delivery). */
export interface PushTarget {
  instance: string;
  pushPlatform: PushPlatform;
  endpointArn: string;
}

/** One recipient of a push job and its devices. */
export interface PushRecipient {
  userId: string;
  devices: PushTarget[];
}

/**
 * The offline pushes of one send (or one slice of a group send): the message
 * as the notification needs it, and who gets it. The wire format of the push
 * queue's messages.
 */
export interface PushJob {
  /** `C2C` or `Group` (display rules differ); `Broadcast` for all_member_push. */
  kind: 'C2C' | 'Group' | 'Broadcast';
  msgBody: MsgElement[];
  offlinePushInfo?: OfflinePushInfo;
  sender: { userId: string; nick?: string; nameCard?: string };
  groupId?: string;
  groupName?: string;
  /** The stored message, for the `Push.OfflinePush` callback (C2C: MsgKey and MsgRandom; both: MsgSeq, MsgTime in seconds). */
  message?: PushedMessage;
  /** The im_push task, for the `Push.AllMemberPush` callback (`sentAt` in ms). */
  task?: { taskId: string; sentAt: number };
  recipients: PushRecipient[];
  /** ms since the epoch, for the push lag in logs. */
  enqueuedAt: number;
}

/** Which message a push is for, as the push callbacks name it. */
export interface PushedMessage {
  msgKey?: string;
  msgSeq?: number;
  msgRandom?: number;
  /** Seconds since the epoch. */
  msgTime?: number;
}

/**
 * One page of an all_member_push fan-out (functions/broadcast): the worker
 * scans a page of the Connections table, delivers or pushes to the users on
 * it, and queues the next page. `task` is the broadcast as stored.
 */
export interface BroadcastPageJob {
  kind: 'BroadcastPage';
  task: Record<string, unknown>;
  /** The Scan's ExclusiveStartKey; absent for the first page. */
  startKey?: Record<string, string>;
  enqueuedAt: number;
}

export type PushQueueMessage = PushJob | BroadcastPageJob;

/** Hands push jobs to the push worker (SQS and the `pushworker` Lambda in AWS, the SQS stand-in locally). */
export interface PushQueue {
  /** Sends the jobs (batched); resolves when SQS accepted them. */
  enqueue(jobs: readonly PushQueueMessage[]): Promise<void>;
}

/**
 * Pure data for the stack and the local runner: the variable holding the
 * queue URL, the queue's local name and the feature Lambda that consumes it.
 */
export const PUSH_QUEUE = {
  envVar: 'IM_PUSH_QUEUE_URL',
  localName: 'im-push',
  consumer: 'pushworker',
} as const satisfies { envVar: string; localName: string; consumer: Feature };

const jobSchema = z.object({
  kind: z.enum(['C2C', 'Group', 'Broadcast']),
  msgBody: z.array(z.object({ MsgType: z.string(), MsgContent: z.record(z.string(), z.unknown()) })),
  offlinePushInfo: z.optional(z.record(z.string(), z.unknown())),
  sender: z.object({ userId: z.string(), nick: z.optional(z.string()), nameCard: z.optional(z.string()) }),
  groupId: z.optional(z.string()),
  groupName: z.optional(z.string()),
  message: z.optional(z.object({ msgKey: z.optional(z.string()), msgSeq: z.optional(z.number()), msgRandom: z.optional(z.number()), msgTime: z.optional(z.number()) })),
  task: z.optional(z.object({ taskId: z.string(), sentAt: z.number() })),
  recipients: z.array(z.object({
    userId: z.string(),
    devices: z.array(z.object({ instance: z.string(), pushPlatform: z.enum(['APNs', 'APNsSandbox', 'FCM']), endpointArn: z.string() })),
  })),
  enqueuedAt: z.number(),
});

const pageSchema = z.object({
  kind: z.literal('BroadcastPage'),
  task: z.record(z.string(), z.unknown()),
  startKey: z.optional(z.record(z.string(), z.string())),
  enqueuedAt: z.number(),
});

export const encodePushJob = (job: PushQueueMessage): string => queueMessageBody(job);

/** Throws on a message that is not a job (not JSON, or a wrong shape). */
export const parsePushJob = (text: string): PushQueueMessage => {
  const value: unknown = JSON.parse(text);
  return (value as { kind?: unknown }).kind === 'BroadcastPage' ? pageSchema.parse(value) : jobSchema.parse(value) as PushJob;
};

/** Without a queue (a deployment with no push applications), pushes are skipped. */
export const noPushQueue: PushQueue = { enqueue: () => Promise.resolve() };
