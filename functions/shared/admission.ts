import * as z from 'zod/mini';
import { ImError, isImError } from './errors.js';
import { logger } from './logger.js';

/**
 * Tencent's "too frequent, retry later" (60018): the answer to a request the service cannot serve in time. A
 * client retries it after a pause with the same `MsgRandom`/`Random`, so a send is stored once however often it
 * is refused (docs/websocket.md, "Busy").
 */
export const BUSY_CODE = 60018;

/**
 * Tencent's "service timeout" (60008): the request was admitted but not finished by its deadline. Unlike 60018 its
 * work may have happened: a client retries it as it retries a timeout.
 */
export const DEADLINE_CODE = 60008;

export const admissionConfigSchema = z._default(
  z.object({
    /**
     * A request that waited longer than this between the gateway and its handler (a backlog: the local gateway's
     * per-feature queue, a burst beyond Lambda's warm containers) is refused at once, without any work.
     */
    maxQueueMs: z._default(z.int().check(z.gte(50), z.lte(20_000)), 500),
    /**
     * A request still running this long after the gateway received it is answered 60008 (the work goes on; a retry
     * finds its result). Keep it below the Lambda timeout (10 s in the stack), so that no caller waits for that or
     * for API Gateway's 29 s; at most 28 s.
     */
    deadlineMs: z._default(z.int().check(z.gte(100), z.lte(28_000)), 5000),
  }),
  { maxQueueMs: 500, deadlineMs: 5000 },
);
export type AdmissionConfig = z.infer<typeof admissionConfigSchema>;

/** When this container finished its init: a cold start's init is not a backlog. */
const initDoneAt = Date.now();

/** How long the request waited for this handler since the gateway received it (`requestTimeEpoch`/`timeEpoch`). */
export const queueDelayMs = (receivedAt: number | undefined, now = Date.now()): number =>
  receivedAt === undefined ? 0 : Math.max(0, now - Math.max(receivedAt, initDoneAt));

export function assertAdmitted(waitedMs: number, config: AdmissionConfig): void {
  if (waitedMs > config.maxQueueMs) {
    throw new ImError(BUSY_CODE, `server busy: the request waited ${waitedMs} ms to be served; retry later (sends with the same MsgRandom are stored once)`);
  }
}

/**
 * The route's work, or a service timeout once the request is `deadlineMs` old. The work is not cancelled (a half-done
 * write would be worse): it finishes on its own, and a retry of a send finds it through its MsgRandom.
 */
export async function withinDeadline<T>(work: Promise<T>, receivedAt: number | undefined, config: AdmissionConfig, now = Date.now()): Promise<T> {
  const left = config.deadlineMs - queueDelayMs(receivedAt, now);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImError(DEADLINE_CODE, `service timeout: the request was not finished within ${config.deadlineMs} ms; it may still take effect, and a retry of a send with the same MsgRandom is stored once`)), Math.max(0, left));
  });
  let answered = false;
  // A failure after the timeout answer has nobody to tell but the log (and must not be an unhandled rejection).
  work.catch((error: unknown) => { if (answered && !isImError(error)) logger.error('request failed after its timeout answer', { error }); });
  try {
    return await Promise.race([work, late]);
  } finally {
    answered = true;
    clearTimeout(timer);
  }
}
