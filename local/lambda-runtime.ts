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
 * Runs the same handler modules Lambda runs, in this process: imported from
 * the FEATURES entries, invoked with a Lambda-shaped context. Counts
 * invocations in flight so shutdown can wait for them.
 */
export class LocalLambdas {
  private readonly handlers = new Map<Feature, LambdaHandler>();
  private inFlight = 0;
  private idle: Array<() => void> = [];
  invocations = 0;
  /** Told each invocation's duration (the cost meter). */
  onInvocation?: (feature: Feature, durationMs: number) => void;

  async load(): Promise<void> {
    for (const [feature, { entry }] of Object.entries(FEATURES) as [Feature, { entry: string }][]) {
      const module = (await import(pathToFileURL(join(ROOT, entry)).href)) as { handler: LambdaHandler };
      this.handlers.set(feature, module.handler);
    }
  }

  async invoke(feature: Feature, event: unknown): Promise<unknown> {
    const handler = this.handlers.get(feature);
    if (!handler) throw new Error(`no handler loaded for ${feature}`);
    this.inFlight++;
    this.invocations++;
    const started = performance.now();
    try {
      return await handler(event, lambdaContext(feature));
    } finally {
      this.onInvocation?.(feature, performance.now() - started);
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves when no invocation is running. */
  drain(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
}
