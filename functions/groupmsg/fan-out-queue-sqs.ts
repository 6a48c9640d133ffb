import type { SQSClient } from '@aws-sdk/client-sqs';
import { clientFrom, type ClientSource } from '../shared/aws/on-first-use.js';
import { sqsSdk } from '../shared/aws/sqs-sdk.js';
import { encodeFanOutJob, type FanOutMessage, type FanOutSettings, type GroupFanOutQueue } from './fan-out-queue.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const BATCH = 10;

/** The fan-out queue in AWS: SendMessageBatch, 10 jobs per call; its event source mapping invokes the `groupfanout` Lambda. */
export class SqsGroupFanOutQueue implements GroupFanOutQueue {
  readonly mode = 'queue' as const;
  private readonly sqs: () => Promise<SQSClient>;

  constructor(sqs: ClientSource<SQSClient>, private readonly queueUrl: string, readonly settings: FanOutSettings) {
    this.sqs = clientFrom(sqs);
  }

  async enqueue(jobs: readonly FanOutMessage[]): Promise<void> {
    if (!jobs.length) return;
    const [{ SendMessageBatchCommand }, sqs] = await Promise.all([sqsSdk(), this.sqs()]);
    for (let i = 0; i < jobs.length; i += BATCH) {
      const entries = jobs.slice(i, i + BATCH).map((job, n) => ({ Id: `j${n}`, MessageBody: encodeFanOutJob(job) }));
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} fan-out job(s): ${out.Failed[0]!.Code ?? ''} ${out.Failed[0]!.Message ?? ''}`);
    }
  }
}
