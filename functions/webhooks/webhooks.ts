import { logger } from '../shared/logger.js';
import type { Clock } from '../shared/runtime.js';
import type { AfterCallbackJob, AfterCallbackQueue } from './after-callback-queue.js';
import type { CallbackBody, CallbackMeta } from '../shared/callback-meta.js';
import { CallbackTransportError, type CallbackSend } from './callback-sender.js';
import { callbackUrl, isCallbackEnabled, type WebhookConfig } from './callback-url.js';

/** The app backend's reply: a JSON object, untrusted (`ErrorCode`, `ErrorInfo`, `MsgBody`, ...). */
export type CallbackReply = Readonly<Record<string, unknown>>;

/** Why a callback failed (spec §6.1: a non-200 status or a non-JSON body is a failure, like a timeout). */
export type CallbackFailure = 'timeout' | 'network' | 'http-status' | 'not-json';

/** The outcome of one POST. */
export type CallbackResult =
  | { outcome: 'skipped' }
  | { outcome: 'replied'; reply: CallbackReply }
  | { outcome: 'failed'; reason: CallbackFailure; status?: number };

/**
 * The outcome of a before-callback. `allow` on a failure is the app's policy:
 * true unless `webhook.failClosed`. Reading the reply's `ErrorCode` is the
 * calling feature's job (see before-verdict.ts for message sends).
 */
export type BeforeCallbackResult =
  | { outcome: 'skipped' }
  | { outcome: 'replied'; reply: CallbackReply }
  | { outcome: 'failed'; allow: boolean; reason: CallbackFailure };

/** Tencent-style third-party callbacks (spec §6). */
export interface Webhooks {
  /** Whether `command` is sent at all: a URL is configured and the command list is absent or names it. */
  isEnabled(command: string): boolean;
  /** Posts now and waits for the reply (at most `webhook.timeoutMs`); never retried, never throws. */
  before(command: string, body: CallbackBody, meta: CallbackMeta): Promise<BeforeCallbackResult>;
  /** Queues the callback when enabled (one enqueue) and returns; a queue failure is logged, not thrown. */
  after(command: string, body: CallbackBody, meta: CallbackMeta): Promise<void>;
  /** Posts a queued after-callback (the queue consumer's half); never retried, never throws. */
  deliver(job: AfterCallbackJob): Promise<CallbackResult>;
}

export interface WebhooksDeps {
  sdkAppId: number;
  webhook: WebhookConfig;
  /** AppSecrets.callbackToken: when set, URLs carry `Sign` and `RequestTime`. */
  callbackToken?: string;
  send: CallbackSend;
  queue: AfterCallbackQueue;
  clock: Clock;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body as sent: `CallbackCommand` first and always equal to the command in the URL. */
const withCommand = (command: string, body: CallbackBody): CallbackBody => {
  const { CallbackCommand: _ignored, ...rest } = body;
  return { CallbackCommand: command, ...rest };
};

export function createWebhooks(deps: WebhooksDeps): Webhooks {
  const { webhook, clock } = deps;
  const isEnabled = (command: string) => isCallbackEnabled(webhook, command);

  /** One POST. `body` is serialised by the caller so a programming error throws instead of passing for a failed callback. */
  async function post(command: string, body: string, meta: CallbackMeta): Promise<CallbackResult> {
    const url = callbackUrl({
      url: webhook.url!, sdkAppId: deps.sdkAppId, command, ...meta,
      ...(deps.callbackToken && { auth: { token: deps.callbackToken, requestTimeSeconds: Math.floor(clock() / 1000) } }),
    });
    let status: number;
    let text: string;
    try {
      ({ status, body: text } = await deps.send({ url, body, timeoutMs: webhook.timeoutMs }));
    } catch (e) {
      return { outcome: 'failed', reason: e instanceof CallbackTransportError ? e.kind : 'network' };
    }
    if (status !== 200) return { outcome: 'failed', reason: 'http-status', status };
    let reply: unknown;
    try { reply = JSON.parse(text); } catch { return { outcome: 'failed', reason: 'not-json', status }; }
    return isObject(reply) ? { outcome: 'replied', reply } : { outcome: 'failed', reason: 'not-json', status };
  }

  return {
    isEnabled,

    async before(command, body, meta) {
      if (!isEnabled(command)) return { outcome: 'skipped' };
      const started = clock();
      const result = await post(command, JSON.stringify(withCommand(command, body)), meta);
      if (result.outcome !== 'failed') return result;
      const allow = !webhook.failClosed;
      logger.warn('before-callback failed', { command, reason: result.reason, status: result.status, elapsedMs: clock() - started, allow });
      return { outcome: 'failed', allow, reason: result.reason };
    },

    async after(command, body, meta) {
      if (!isEnabled(command)) return;
      const job: AfterCallbackJob = { command, body: withCommand(command, body), meta, enqueuedAt: clock() };
      try {
        await deps.queue.enqueue(job);
      } catch (error) {
        logger.error('after-callback not queued', { command, error });
      }
    },

    async deliver(job) {
      // The configuration may have changed since the job was queued.
      if (!isEnabled(job.command)) return { outcome: 'skipped' };
      const started = clock();
      const result = await post(job.command, JSON.stringify(withCommand(job.command, job.body)), job.meta);
      if (result.outcome === 'failed') {
        logger.warn('after-callback failed', { command: job.command, reason: result.reason, status: result.status, elapsedMs: clock() - started, lagMs: started - job.enqueuedAt });
      }
      return result;
    },
  };
}
