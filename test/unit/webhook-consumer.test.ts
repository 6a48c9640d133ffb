import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterCallbackConsumer } from '../../functions/webhooks/after-callback-consumer.js';
import { encodeAfterCallbackJob, missingAfterCallbackQueue, type AfterCallbackJob } from '../../functions/webhooks/after-callback-queue.js';
import { createWebhooks } from '../../functions/webhooks/webhooks.js';
import { httpCallbackSender } from '../../functions/webhooks/http-sender.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let receiver: WebhookReceiver;

const job = (command: string, body: Record<string, unknown> = {}): AfterCallbackJob =>
  ({ command, body: { CallbackCommand: command, ...body }, meta: { clientIp: '192.0.2.4', optPlatform: 'Web' }, enqueuedAt: Date.now() });

/** An SQS event as the event source mapping delivers it. */
const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i): SQSRecord => ({
    messageId: `m${i}`, receiptHandle: `h${i}`, body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'A', ApproximateFirstReceiveTimestamp: '1' },
    messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:im-webhooks', awsRegion: 'us-east-1',
  })),
});

const consumer = () => afterCallbackConsumer(async () => createWebhooks({
  sdkAppId: 1400000002, webhook: { url: receiver.url, timeoutMs: 300, failClosed: false },
  send: httpCallbackSender(), queue: missingAfterCallbackQueue, clock: Date.now,
}));

beforeAll(async () => { receiver = await startWebhookReceiver(); });
afterAll(async () => { await receiver?.close(); });
beforeEach(() => { receiver.requests.length = 0; receiver.replyWith({ json: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 } }); });

describe('after-callback SQS consumer', () => {
  it('posts each queued job once, with its own command and meta', async () => {
    const result = await consumer()(sqsEvent([
      encodeAfterCallbackJob(job('C2C.CallbackAfterSendMsg', { MsgKey: 'k1' })),
      encodeAfterCallbackJob(job('Group.CallbackAfterGroupDestroyed', { GroupId: 'g1' })),
    ]));
    expect(result).toEqual({ batchItemFailures: [] });
    const commands = receiver.requests.map((r) => r.query.CallbackCommand).sort();
    expect(commands).toEqual(['C2C.CallbackAfterSendMsg', 'Group.CallbackAfterGroupDestroyed']);
    const c2c = receiver.requests.find((r) => r.query.CallbackCommand === 'C2C.CallbackAfterSendMsg')!;
    expect(c2c.body).toEqual({ CallbackCommand: 'C2C.CallbackAfterSendMsg', MsgKey: 'k1' });
    expect(c2c.query).toMatchObject({ ClientIP: '192.0.2.4', OptPlatform: 'Web', SdkAppid: '1400000002' });
  });

  it('posts the records of a batch in parallel, so a batch of slow backends costs one timeout', async () => {
    receiver.replyWith('hang');
    const started = performance.now();
    await consumer()(sqsEvent(Array.from({ length: 5 }, (_, i) => encodeAfterCallbackJob(job('C2C.CallbackAfterSendMsg', { i })))));
    const ms = performance.now() - started;
    expect(receiver.requests).toHaveLength(5);
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(900);
  });

  it('never reports failures back to SQS: failed posts and unreadable messages are not batch item failures', async () => {
    receiver.replyWith({ status: 500 });
    const result = await consumer()(sqsEvent(['not json', JSON.stringify({ command: 'x' }), encodeAfterCallbackJob(job('C2C.CallbackAfterSendMsg'))]));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(receiver.requests).toHaveLength(1);
  });

  it('throws when it cannot start at all, so SQS keeps the batch', async () => {
    const broken = afterCallbackConsumer(() => Promise.reject(new Error('missing environment variable IM_APP_CONFIG')));
    await expect(broken(sqsEvent([encodeAfterCallbackJob(job('C2C.CallbackAfterSendMsg'))]))).rejects.toThrow('IM_APP_CONFIG');
    expect(receiver.requests).toHaveLength(0);
  });
});
