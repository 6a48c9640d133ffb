import type { SQSClient } from '@aws-sdk/client-sqs';
import { clientFrom, type ClientSource } from '../shared/aws/on-first-use.js';
import { sqsSdk } from '../shared/aws/sqs-sdk.js';
import { encodeAfterCallbackJob, type AfterCallbackJob, type AfterCallbackQueue } from './after-callback-queue.js';

/** One SendMessage per after-callback; the queue's event source mapping invokes the `webhooks` Lambda. */
export class SqsAfterCallbackQueue implements AfterCallbackQueue {
  private readonly sqs: () => Promise<SQSClient>;

  constructor(sqs: ClientSource<SQSClient>, private readonly queueUrl: string) {
    this.sqs = clientFrom(sqs);
  }

  async enqueue(job: AfterCallbackJob): Promise<void> {
    const [{ SendMessageCommand }, sqs] = await Promise.all([sqsSdk(), this.sqs()]);
    await sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: encodeAfterCallbackJob(job) }));
  }
}
