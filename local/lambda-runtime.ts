import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { Context } from 'aws-lambda';
import { FEATURES, type Feature } from '../functions/shared/features.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaHandler = (event: any, context: Context) => Promise<any>;

const TIMEOUT_MS = 29_000;

function lambdaContext(feature: Feature): Context {
  const started = Date.now();
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `im-${feature}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:im-${feature}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/im-${feature}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, TIMEOUT_MS - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Each feature's concurrency, as Lambda's reserved concurrency bounds it: at most `perFeature` invocations run at
 * once; API calls beyond that wait in a queue of at most `maxQueued` (the handler's admission refuses those that
 * waited too long: functions/shared/admission.ts), and beyond that are throttled at once. Event sources (streams,
 * queues) wait without bound, as their mappings retry throttles.
 */
export interface LambdaConcurrency { perFeature: number; maxQueued: number }
export const LOCAL_CONCURRENCY: LambdaConcurrency = { perFeature: 16, maxQueued: 1000 };

/** What Lambda answers a synchronous invoke beyond the function's concurrency (the gateway answers its own error). */
export class LambdaThrottledError extends Error {
  override readonly name = 'TooManyRequestsException';
  constructor(feature: Feature) {
    super(`Rate Exceeded: im-${feature} is at its concurrency limit`);
  }
}

interface Slots { running: number; waiting: Array<() => void> }

/**
 * Runs the same handler modules Lambda runs, in this process: imported from
 * the FEATURES entries, invoked with a Lambda-shaped context, within each
 * feature's concurrency. Counts invocations in flight so shutdown can wait for them.
 */
export class LocalLambdas {
  private readonly handlers = new Map<Feature, LambdaHandler>();
  private readonly slots = new Map<Feature, Slots>();
  private inFlight = 0;
  private idle: Array<() => void> = [];
  invocations = 0;
  /** API invocations refused at once for want of concurrency. */
  throttles = 0;
  /** Told each invocation's duration (the cost meter). */
  onInvocation?: (feature: Feature, durationMs: number) => void;

  constructor(private readonly concurrency: LambdaConcurrency = LOCAL_CONCURRENCY) {}

  async load(): Promise<void> {
    for (const [feature, { entry }] of Object.entries(FEATURES) as [Feature, { entry: string }][]) {
      this.handlers.set(feature, (await importHandlerModule<{ handler: LambdaHandler }>(entry)).handler);
    }
  }

  /** `api`: a gateway's synchronous invoke (throttled when the queue is full); `event-source`: waits its turn. */
  async invoke(feature: Feature, event: unknown, caller: 'api' | 'event-source' = 'event-source'): Promise<unknown> {
    const handler = this.handlers.get(feature);
    if (!handler) throw new Error(`no handler loaded for ${feature}`);
    await this.acquire(feature, caller);
    this.inFlight++;
    this.invocations++;
    const started = performance.now();
    try {
      return await handler(event, lambdaContext(feature));
    } finally {
      this.onInvocation?.(feature, performance.now() - started);
      this.release(feature);
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  private async acquire(feature: Feature, caller: 'api' | 'event-source'): Promise<void> {
    let slots = this.slots.get(feature);
    if (!slots) this.slots.set(feature, slots = { running: 0, waiting: [] });
    if (slots.running < this.concurrency.perFeature) { slots.running++; return; }
    if (caller === 'api' && slots.waiting.length >= this.concurrency.maxQueued) {
      this.throttles++;
      throw new LambdaThrottledError(feature);
    }
    // The slot is handed over by release(): `running` stays counted for the waiter.
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  }

  private release(feature: Feature): void {
    const slots = this.slots.get(feature)!;
    const next = slots.waiting.shift();
    if (next) next(); else slots.running--;
  }

  /** Resolves when no invocation is running. */
  drain(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
}

let containers = 0;
/**
 * A handler's entry module as a fresh Lambda container sees it: a new instance per local stack, so a stack started
 * after another in the same process (test files sharing a worker) gets its own cold start and runtime, built from
 * its own environment, not the first stack's tables and configuration.
 */
export function importHandlerModule<M>(entry: string): Promise<M> {
  return import(`${pathToFileURL(join(ROOT, entry)).href}?container=${++containers}`) as Promise<M>;
}
