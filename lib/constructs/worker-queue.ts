import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface WorkerQueueProps {
  /** The consumer Lambda's timeout: SQS must hide a batch for longer than Lambda can take over it. */
  consumerTimeout: Duration;
  /** How long queued work is still worth doing. */
  retentionPeriod: Duration;
}

/** Up to this many messages per invocation; the consumers handle them in parallel. */
const BATCH_SIZE = 10;
/** How long Lambda waits to fill a batch: the work is a notification, a second's delay is fine. */
const MAX_BATCHING_WINDOW = Duration.seconds(1);
/**
 * The consumers never report failures, so a message comes back only when an
 * invocation fails as a whole (configuration, secret) or is throttled; five
 * receives is Lambda's guidance for SQS sources before giving up on one.
 */
const MAX_RECEIVE_COUNT = 5;

/**
 * A queue of asynchronous work and the Lambda that consumes it (after-callbacks,
 * offline pushes): routed Lambdas send and return at once. The queue and its
 * dead letters are encrypted (SQS-managed keys) and refuse requests without TLS.
 */
export class WorkerQueue extends Construct {
  readonly queue: Queue;
  /** Messages whose consumer failed to start {@link MAX_RECEIVE_COUNT} times, kept for a look. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkerQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A week to notice the consumer is failing and see why; SQS keeps the original enqueue time.
      retentionPeriod: Duration.days(7),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's guidance for SQS sources: at least six times the function timeout, plus the batching window.
      visibilityTimeout: Duration.seconds(6 * props.consumerTimeout.toSeconds() + MAX_BATCHING_WINDOW.toSeconds()),
      retentionPeriod: props.retentionPeriod,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }

  /**
   * Triggers `consumer` from the queue (and lets it receive and delete).
   * No batch item failures: the work is done once and never retried.
   */
  consumeWith(consumer: IFunction): void {
    consumer.addEventSource(new SqsEventSource(this.queue, {
      batchSize: BATCH_SIZE,
      maxBatchingWindow: MAX_BATCHING_WINDOW,
      reportBatchItemFailures: false,
    }));
  }
}
