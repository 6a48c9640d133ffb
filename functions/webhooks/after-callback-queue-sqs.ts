import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { encodeAfterCallbackJob, type AfterCallbackJob, type AfterCallbackQueue } from './after-callback-queue.js';

/** One SendMessage per after-callback; the queue's event source mapping invokes the `webhooks` Lambda. */
export class SqsAfterCallbackQueue implements AfterCallbackQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: AfterCallbackJob): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: encodeAfterCallbackJob(job) }));
  }
}
