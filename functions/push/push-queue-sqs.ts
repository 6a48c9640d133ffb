import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { encodePushJob, type PushQueueMessage, type PushQueue } from './push-queue.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const BATCH = 10;

/** SendMessageBatch, 10 jobs per call; the queue's event source mapping invokes the `pushworker` Lambda. */
export class SqsPushQueue implements PushQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobs: readonly PushQueueMessage[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += BATCH) {
      const entries = jobs.slice(i, i + BATCH).map((job, n) => ({ Id: `j${n}`, MessageBody: encodePushJob(job) }));
      const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} push job(s): ${out.Failed[0]!.Code ?? ''} ${out.Failed[0]!.Message ?? ''}`);
    }
  }
}
