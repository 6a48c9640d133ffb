import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WorkerQueue } from './worker-queue.js';

export interface WebhookQueueProps {
  /** The consumer Lambda's timeout: SQS must hide a batch for longer than Lambda can take over it. */
  consumerTimeout: Duration;
}

/**
 * The after-callback queue (functions/webhooks/after-callback-queue.ts):
 * routed Lambdas send one message per after-callback and return at once; the
 * `webhooks` Lambda posts them to the app backend.
 */
export class WebhookQueue extends WorkerQueue {
  constructor(scope: Construct, id: string, props: WebhookQueueProps) {
    // An after-callback a day late tells the app backend nothing it can still act on.
    super(scope, id, { consumerTimeout: props.consumerTimeout, retentionPeriod: Duration.days(1) });
  }
}
