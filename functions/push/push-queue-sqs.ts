import type { SQSClient } from '@aws-sdk/client-sqs';
import { clientFrom, type ClientSource } from '../shared/aws/on-first-use.js';
import { sqsSdk } from '../shared/aws/sqs-sdk.js';
import { encodePushJob, type PushQueueMessage, type PushQueue } from './push-queue.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const BATCH = 10;

/** SendMessageBatch, 10 jobs per call; the queue's event source mapping invokes the `pushworker` Lambda. */
export class SqsPushQueue implements PushQueue {
  private readonly sqs: () => Promise<SQSClient>;

  constructor(sqs: ClientSource<SQSClient>, private readonly queueUrl: string) {
    this.sqs = clientFrom(sqs);
  }

  async enqueue(jobs: readonly PushQueueMessage[]): Promise<void> {
    if (!jobs.length) return;
    const [{ SendMessageBatchCommand }, sqs] = await Promise.all([sqsSdk(), this.sqs()]);
    for (let i = 0; i < jobs.length; i += BATCH) {
      const entries = jobs.slice(i, i + BATCH).map((job, n) => ({ Id: `j${n}`, MessageBody: encodePushJob(job) }));
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} push job(s): ${out.Failed[0]!.Code ?? ''} ${out.Failed[0]!.Message ?? ''}`);
    }
  }
}
