import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import {
  BatchEntryIdsNotDistinct, GetQueueUrlCommand, QueueDoesNotExist, SendMessageBatchCommand, SendMessageCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalStack } from '../../local/stack.js';
import { LocalSqs, type LocalSqsOptions } from '../../local/sqs-standin.js';
import type { Feature } from '../../functions/shared/features.js';
import type { AppRuntime } from '../../functions/shared/runtime.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { allServicesRuntime } from '../support/all-services.js';
import { AFTER_CALLBACK_QUEUE, encodeAfterCallbackJob } from '../../functions/webhooks/after-callback-queue.js';
import { SqsAfterCallbackQueue } from '../../functions/webhooks/after-callback-queue-sqs.js';
import { createWebhooks } from '../../functions/webhooks/webhooks.js';
import { httpCallbackSender } from '../../functions/webhooks/http-sender.js';
import { startTestStack } from '../support/stack.js';
import { OK_REPLY, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const TOKEN = 'e2e-callback-token';
const TIMEOUT_MS = 800;
const QUEUE = AFTER_CALLBACK_QUEUE.localName;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const META = { clientIp: '198.51.100.23', optPlatform: 'Android' };
const BODY = { From_Account: 'alice', To_Account: 'bob', MsgSeq: 7, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] };

let receiver: WebhookReceiver;
let stack: LocalStack;
let app: AppRuntime<ServiceCatalog>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // startTestStack takes no secrets; the handlers read the token from the environment, as the stack would set it.
  process.env.IM_CALLBACK_TOKEN = TOKEN;
  stack = await startTestStack({
    webhook: { url: `${receiver.url}/hooks?tenant=7`, timeoutMs: TIMEOUT_MS, commands: ['C2C.CallbackAfterSendMsg', 'Group.CallbackAfterSendMsg'] },
  });
  // The services exactly as a Lambda builds them at cold start, from the variables the stack set.
  app = await allServicesRuntime(process.env);
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  delete process.env.IM_CALLBACK_TOKEN;
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.replyWith({ json: OK_REPLY });
});

describe('after-callbacks on the local stack: SQS stand-in -> webhooks Lambda -> app backend', () => {
  it('after() returns at once while the backend never answers, and the POST arrives signed', async () => {
    receiver.replyWith('hang');
    const before = stack.sqs.statsOf(QUEUE);
    const invocations = stack.lambdas.invocations;

    const started = performance.now();
    await app.services.webhooks.after('C2C.CallbackAfterSendMsg', BODY, META);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS / 2);

    const [request] = await receiver.waitForRequests(1);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hooks');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.rawQuery).toMatch(new RegExp(
      `^tenant=7&SdkAppid=${stack.config.sdkAppId}&CallbackCommand=C2C\\.CallbackAfterSendMsg&contenttype=json&ClientIP=198\\.51\\.100\\.23&OptPlatform=Android&Sign=[0-9a-f]{64}&RequestTime=\\d+$`));
    const { Sign, RequestTime } = request!.query;
    expect(Sign).toBe(createHash('sha256').update(`${TOKEN}${RequestTime}`).digest('hex'));
    expect(Math.abs(Date.now() / 1000 - Number(RequestTime))).toBeLessThanOrEqual(60);
    expect(request!.body).toEqual({ CallbackCommand: 'C2C.CallbackAfterSendMsg', ...BODY });

    // The Lambda gives up after the timeout; SQS saw one message, taken once, never redelivered.
    await stack.sqs.idle();
    expect(stack.sqs.statsOf(QUEUE)).toEqual({ ...before, sent: before.sent + 1, invocations: before.invocations + 1, delivered: before.delivered + 1 });
    expect(stack.lambdas.invocations).toBe(invocations + 1);
    expect(receiver.requests).toHaveLength(1);
  });

  it('a failed callback is not retried: no redelivery, no dead letter', async () => {
    receiver.replyWith({ status: 500, text: 'oops' });
    const before = stack.sqs.statsOf(QUEUE);
    await app.services.webhooks.after('Group.CallbackAfterSendMsg', { GroupId: '@TGS#1', MsgSeq: 1 }, META);
    await receiver.waitForRequests(1);
    await stack.sqs.idle();
    const after = stack.sqs.statsOf(QUEUE);
    expect(after.delivered).toBe(before.delivered + 1);
    expect(after.redelivered).toBe(before.redelivered);
    expect(after.deadLettered).toBe(before.deadLettered);
    expect(receiver.requests).toHaveLength(1);
  });

  it('commands outside the configured list are not even queued', async () => {
    const before = stack.sqs.statsOf(QUEUE);
    await app.services.webhooks.after('State.StateChange', { Info: { Action: 'Login', To_Account: 'bob', Reason: 'Register' } }, META);
    await stack.sqs.idle();
    expect(stack.sqs.statsOf(QUEUE)).toEqual(before);
    expect(receiver.requests).toHaveLength(0);
  });

  it('a queue failure is logged, never thrown to the caller', async () => {
    const sqs = new SQSClient({ endpoint: `${stack.url}/_local/sqs`, region: 'us-east-1', credentials });
    const missing = stack.sqs.queueUrl('no-such-queue');
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: missing, MessageBody: 'x' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    const webhooks = createWebhooks({
      sdkAppId: stack.config.sdkAppId, webhook: stack.config.webhook, send: httpCallbackSender(),
      queue: new SqsAfterCallbackQueue(sqs, missing), clock: Date.now,
    });
    await expect(webhooks.after('C2C.CallbackAfterSendMsg', BODY, META)).resolves.toBeUndefined();
  });

  it('serves the real SQSClient at the URL the stack exports: MessageId and a matching MD5', async () => {
    const sqs = new SQSClient({ region: 'us-east-1', credentials }); // endpoint from AWS_ENDPOINT_URL_SQS, as in Lambda
    const queueUrl = process.env[AFTER_CALLBACK_QUEUE.envVar]!;
    expect(queueUrl).toBe(`${stack.url}/_local/sqs/000000000000/${QUEUE}`);
    const body = encodeAfterCallbackJob({ command: 'C2C.CallbackAfterSendMsg', body: { CallbackCommand: 'C2C.CallbackAfterSendMsg', Text: 'héllo ✓' }, meta: META, enqueuedAt: Date.now() });
    const out = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.MD5OfMessageBody).toBe(md5(body));
    const [request] = await receiver.waitForRequests(1);
    expect(request!.body).toEqual({ CallbackCommand: 'C2C.CallbackAfterSendMsg', Text: 'héllo ✓' });
    await stack.sqs.idle();
  });
});

/** A LocalSqs of its own, on its own port, with a consumer the test controls. */
async function standaloneSqs(options: Partial<LocalSqsOptions> = {}) {
  const calls: Array<{ feature: Feature; event: SQSEvent }> = [];
  let consume: (event: SQSEvent) => Promise<unknown> = async () => undefined;
  let sqs: LocalSqs | undefined;
  const server: Server = createServer((req, res) => void sqs!.serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_local/sqs`;
  sqs = new LocalSqs({
    endpoint, consumers: { jobs: 'webhooks', other: 'accounts' }, redeliveryDelayMs: 20,
    invoke: async (feature, event) => { calls.push({ feature, event: structuredClone(event) }); return consume(event); },
    ...options,
  });
  const client = new SQSClient({ endpoint, region: 'us-east-1', credentials });
  let closed = false;
  return {
    sqs, client, calls, queueUrl: sqs.queueUrl('jobs'),
    onInvoke(fn: (event: SQSEvent) => Promise<unknown>) { consume = fn; },
    async close() {
      if (closed) return;
      closed = true;
      await sqs!.close();
      client.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('LocalSqs as SQS plus a Lambda event source mapping', () => {
  let local: Awaited<ReturnType<typeof standaloneSqs>>;
  beforeEach(async () => { local = await standaloneSqs(); });
  afterEach(async () => { await local.close(); });

  it('invokes the consuming feature with a real-shaped SQSEvent', async () => {
    const attributes = { timestamp: { StringValue: '1493147359900', DataType: 'Number' } };
    const sent = await local.client.send(new SendMessageCommand({ QueueUrl: local.queueUrl, MessageBody: 'derp', MessageAttributes: attributes }));
    // Reference values from moto's SQS tests (MD5 of "derp" and of these attributes).
    expect(sent.MD5OfMessageBody).toBe('58fd9edd83341c29f1aebba81c31e257');
    expect(sent.MD5OfMessageAttributes).toBe('235c5c510d26fb653d073faed50ae77c');
    await local.sqs.idle();
    expect(local.calls).toHaveLength(1);
    const { feature, event } = local.calls[0]!;
    expect(feature).toBe('webhooks');
    expect(event.Records).toHaveLength(1);
    const [record] = event.Records;
    expect(record).toMatchObject({
      messageId: sent.MessageId, body: 'derp', md5OfBody: sent.MD5OfMessageBody, md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs', awsRegion: 'us-east-1',
      messageAttributes: { timestamp: { stringValue: '1493147359900', stringListValues: [], binaryListValues: [], dataType: 'Number' } },
    });
    expect(record!.receiptHandle).toBeTruthy();
    expect(record!.attributes.ApproximateReceiveCount).toBe('1');
    expect(Number(record!.attributes.SentTimestamp)).toBeGreaterThan(Date.now() - 10_000);
    expect(local.sqs.statsOf('jobs')).toEqual({ sent: 1, invocations: 1, delivered: 1, redelivered: 0, deadLettered: 0, dropped: 0 });
  });

  it('answers SendMessageBatch with per-entry MD5s and hands the batch to one invocation', async () => {
    const entries = ['a', 'bb', 'ccc'].map((body, i) => ({ Id: `e${i}`, MessageBody: body }));
    const out = await local.client.send(new SendMessageBatchCommand({ QueueUrl: local.queueUrl, Entries: entries }));
    expect(out.Failed ?? []).toEqual([]);
    expect(out.Successful!.map((s) => [s.Id, s.MD5OfMessageBody])).toEqual(entries.map((e) => [e.Id, md5(e.MessageBody)]));
    await local.sqs.idle();
    expect(local.calls).toHaveLength(1);
    expect(local.calls[0]!.event.Records.map((r) => r.body)).toEqual(['a', 'bb', 'ccc']);
    expect(local.calls[0]!.event.Records.map((r) => r.messageId)).toEqual(out.Successful!.map((s) => s.MessageId));
  });

  it('rejects what SQS rejects: duplicate batch ids, invalid characters, unknown queues', async () => {
    await expect(local.client.send(new SendMessageBatchCommand({ QueueUrl: local.queueUrl, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] })))
      .rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
    const out = await local.client.send(new SendMessageBatchCommand({ QueueUrl: local.queueUrl, Entries: [{ Id: 'ok', MessageBody: 'fine' }, { Id: 'bad', MessageBody: 'nul\u0000' }] }));
    expect(out.Successful!.map((s) => s.Id)).toEqual(['ok']);
    expect(out.Failed).toEqual([expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidMessageContents' })]);
    await expect(local.client.send(new SendMessageCommand({ QueueUrl: local.sqs.queueUrl('nope'), MessageBody: 'x' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    expect((await local.client.send(new GetQueueUrlCommand({ QueueName: 'other' }))).QueueUrl).toBe(local.sqs.queueUrl('other'));
    await local.sqs.idle();
    expect(local.sqs.statsOf('jobs').sent).toBe(1);
  });

  it('delivers again what the consumer fails, then dead-letters it after maxReceiveCount', async () => {
    local.onInvoke(async (event) => ({ batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })) }));
    await local.client.send(new SendMessageBatchCommand({ QueueUrl: local.queueUrl, Entries: [{ Id: 'g', MessageBody: 'good' }, { Id: 'p', MessageBody: 'poison' }] }));
    await local.sqs.idle();
    expect(local.calls.map((c) => c.event.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]))).toEqual([
      [['good', '1'], ['poison', '1']], [['poison', '2']], [['poison', '3']],
    ]);
    expect(local.sqs.statsOf('jobs')).toMatchObject({ sent: 2, invocations: 3, delivered: 1, redelivered: 2, deadLettered: 1 });
    expect(local.sqs.deadLetters).toEqual([expect.objectContaining({ queue: 'jobs', body: 'poison' })]);
  });

  it('delivers a whole batch again when the consumer throws', async () => {
    let first = true;
    local.onInvoke(async () => { if (first) { first = false; throw new Error('cold start failed'); } });
    await local.client.send(new SendMessageCommand({ QueueUrl: local.queueUrl, MessageBody: 'once more' }));
    await local.sqs.idle();
    expect(local.calls.map((c) => c.event.Records[0]!.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(local.sqs.statsOf('jobs')).toMatchObject({ delivered: 1, redelivered: 1, deadLettered: 0 });
  });

  it('splits deliveries into batches of batchSize', async () => {
    const small = await standaloneSqs({ batchSize: 2 });
    try {
      await small.client.send(new SendMessageBatchCommand({ QueueUrl: small.queueUrl, Entries: ['1', '2', '3', '4', '5'].map((b) => ({ Id: `i${b}`, MessageBody: b })) }));
      await small.sqs.idle();
      expect(small.calls.map((c) => c.event.Records.map((r) => r.body))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    } finally { await small.close(); }
  });

  it('keeps delayed messages back, and close() drops them instead of waiting', async () => {
    await local.client.send(new SendMessageCommand({ QueueUrl: local.queueUrl, MessageBody: 'later', DelaySeconds: 900 }));
    let idle = false;
    void local.sqs.idle().then(() => { idle = true; });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(idle).toBe(false);
    expect(local.calls).toHaveLength(0);
    await local.close();
    expect(idle).toBe(true);
    expect(local.sqs.statsOf('jobs')).toMatchObject({ sent: 1, delivered: 0, dropped: 1 });
  });
});
