import * as z from 'zod/mini';
import type { Feature } from '../shared/features.js';
import type { CallbackBody, CallbackMeta } from '../shared/callback-meta.js';
import { queueMessageBody } from '../shared/queue-message-body.js';

/** An after-callback waiting to be posted; the wire format of the queue's messages. */
export interface AfterCallbackJob {
  command: string;
  body: CallbackBody;
  meta: CallbackMeta;
  /** Milliseconds since the epoch, for the delivery lag in logs. */
  enqueuedAt: number;
}

/** Hands after-callbacks to whatever posts them later (SQS and the `webhooks` Lambda in AWS). */
export interface AfterCallbackQueue {
  enqueue(job: AfterCallbackJob): Promise<void>;
}

/**
 * Pure data for the stack and the local runner: the variable holding the
 * queue URL, the queue's local name and the feature Lambda that consumes it.
 */
export const AFTER_CALLBACK_QUEUE = {
  envVar: 'IM_WEBHOOK_QUEUE_URL',
  localName: 'im-webhooks',
  consumer: 'webhooks',
} as const satisfies { envVar: string; localName: string; consumer: Feature };

const jobSchema = z.object({
  command: z.string().check(z.minLength(1)),
  body: z.record(z.string(), z.unknown()),
  meta: z.object({ clientIp: z.string(), optPlatform: z.string() }),
  enqueuedAt: z.number(),
});

export const encodeAfterCallbackJob = (job: AfterCallbackJob): string => queueMessageBody(job);

/** Throws on a message that is not a job (not JSON, or a wrong shape). */
export const parseAfterCallbackJob = (text: string): AfterCallbackJob => jobSchema.parse(JSON.parse(text));

/** For deployments without a queue: only reachable if webhooks are on, which load-time checks refuse. */
export const missingAfterCallbackQueue: AfterCallbackQueue = {
  enqueue: () => Promise.reject(new Error('no after-callback queue is configured')),
};
