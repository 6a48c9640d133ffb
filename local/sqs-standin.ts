import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { Feature } from '../functions/shared/features.js';
import { readBody } from './gateway/http-api.js';

/** How the stand-in reaches a consumer: LocalLambdas.invoke in the local stack. */
export type SqsInvoke = (feature: Feature, event: SQSEvent) => Promise<unknown>;

export interface LocalSqsOptions {
  /** Base URL the stand-in is served at, e.g. `http://127.0.0.1:9000/_local/sqs`; queue URLs are `{endpoint}/{account}/{name}`. */
  endpoint: string;
  /** Queue name -> the feature Lambda its event source mapping invokes. Only these queues exist. */
  consumers: Readonly<Record<string, Feature>>;
  invoke: SqsInvoke;
  region?: string;
  accountId?: string;
  /** Records per invocation (the event source mapping's BatchSize). */
  batchSize?: number;
  /** Receives before a failing message goes to the dead letters (the redrive policy's maxReceiveCount). */
  maxReceiveCount?: number;
  /** Stands in for the visibility timeout: how long a failed message stays invisible before it is delivered again. */
  redeliveryDelayMs?: number;
}

/** Counts per queue, for tests and the curious. */
export interface LocalQueueStats {
  /** Messages accepted by SendMessage/SendMessageBatch. */
  sent: number;
  /** Consumer invocations, successful or not. */
  invocations: number;
  /** Messages the consumer took (not failed): removed from the queue. */
  delivered: number;
  /** Deliveries of a message that had failed before. */
  redelivered: number;
  /** Messages moved to the dead letters after maxReceiveCount failed receives. */
  deadLettered: number;
  /** Messages dropped by close() before they were delivered. */
  dropped: number;
}

export interface DeadLetter {
  queue: string;
  messageId: string;
  body: string;
}

interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

interface StoredMessage {
  queue: string;
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, AttributeValue>;
  md5OfMessageAttributes?: string;
  sentAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
}

class SqsError extends Error {
  constructor(readonly code: string, readonly queryCode: string, message: string, readonly status = 400) { super(message); }
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
/** Characters SQS accepts in a message: #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF. */
export const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const md5Hex = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

/** MD5OfMessageAttributes as SQS computes it: names sorted, each length-prefixed field, a transport byte (1 string, 2 binary). */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, AttributeValue>>): string {
  const parts: Buffer[] = [];
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    field(Buffer.from(name, 'utf8'));
    field(Buffer.from(value.DataType, 'utf8'));
    const binary = value.DataType.startsWith('Binary');
    parts.push(Buffer.from([binary ? 2 : 1]));
    field(binary ? Buffer.from(value.BinaryValue ?? '', 'base64') : Buffer.from(value.StringValue ?? '', 'utf8'));
  }
  return md5Hex(Buffer.concat(parts));
}

const emptyStats = (): LocalQueueStats => ({ sent: 0, invocations: 0, delivered: 0, redelivered: 0, deadLettered: 0, dropped: 0 });

/**
 * Stands in for SQS on the AWS JSON 1.0 protocol the real SQSClient speaks
 * (`X-Amz-Target: AmazonSQS.<Action>`), and for the Lambda event source
 * mapping behind each queue: accepted messages are handed, in batches, to the
 * consuming feature's handler as a real-shaped SQSEvent. A consumer that
 * throws, or reports batch item failures, gets those messages again after
 * `redeliveryDelayMs`, up to `maxReceiveCount` receives; then they go to
 * `deadLetters`. Messages live in memory only.
 */
export class LocalSqs {
  readonly deadLetters: DeadLetter[] = [];
  private readonly region: string;
  private readonly accountId: string;
  private readonly batchSize: number;
  private readonly maxReceiveCount: number;
  private readonly redeliveryDelayMs: number;
  private readonly stats = new Map<string, LocalQueueStats>();
  private readonly visible = new Map<string, StoredMessage[]>();
  private readonly flushScheduled = new Set<string>();
  /** Messages delayed (DelaySeconds) or waiting to be delivered again, with the timer that releases them. */
  private readonly waiting = new Map<NodeJS.Timeout, StoredMessage>();
  /** Messages accepted and not yet settled (taken by a consumer, dead-lettered or dropped). */
  private unsettled = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: LocalSqsOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.batchSize = options.batchSize ?? 10;
    this.maxReceiveCount = options.maxReceiveCount ?? 3;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 200;
    for (const name of Object.keys(options.consumers)) {
      this.stats.set(name, emptyStats());
      this.visible.set(name, []);
    }
  }

  queueUrl(name: string): string {
    return `${this.options.endpoint}/${this.accountId}/${name}`;
  }

  queueArn(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  /** A copy of the queue's counters. */
  statsOf(name: string): LocalQueueStats {
    const stats = this.stats.get(name);
    if (!stats) throw new Error(`no local queue ${name}`);
    return { ...stats };
  }

  /** Resolves once every accepted message has been taken by its consumer, dead-lettered or dropped. */
  idle(): Promise<void> {
    return this.unsettled === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Refuses new messages, drops delayed ones and waits for deliveries in flight. */
  close(): Promise<void> {
    this.closed = true;
    for (const [timer, message] of this.waiting) {
      clearTimeout(timer);
      this.waiting.delete(timer);
      this.stats.get(message.queue)!.dropped++;
      this.settle();
    }
    return this.idle();
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId, ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith('AmazonSQS.')) {
        throw new SqsError('InvalidAction', 'InvalidAction;Sender', 'this stand-in speaks the AWS JSON 1.0 protocol (X-Amz-Target: AmazonSQS.<Action>)');
      }
      let input: Record<string, unknown>;
      try {
        input = JSON.parse((await readBody(req, 2 * MAX_MESSAGE_BYTES)).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        throw new SqsError('SerializationException', 'SerializationException;Sender', 'the request body is not JSON');
      }
      reply(200, this.handle(target.slice('AmazonSQS.'.length), input));
    } catch (e) {
      const error = e instanceof SqsError ? e : new SqsError('InternalError', 'InternalError;Receiver', 'internal error', 500);
      reply(error.status, { __type: `com.amazonaws.sqs#${error.code}`, message: error.message }, { 'x-amzn-query-error': error.queryCode });
    }
  }

  private handle(action: string, input: Record<string, unknown>): unknown {
    switch (action) {
      case 'SendMessage': {
        const queue = this.queueOf(input.QueueUrl);
        const message = this.validate(queue, input);
        this.accept(message, Number(input.DelaySeconds ?? 0));
        return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody, ...(message.md5OfMessageAttributes && { MD5OfMessageAttributes: message.md5OfMessageAttributes }) };
      }
      case 'SendMessageBatch': {
        const queue = this.queueOf(input.QueueUrl);
        const entries = Array.isArray(input.Entries) ? (input.Entries as Array<Record<string, unknown>>) : [];
        if (entries.length === 0) throw new SqsError('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest;Sender', 'There should be at least one SendMessageBatchRequestEntry in the request.');
        if (entries.length > MAX_BATCH_ENTRIES) throw new SqsError('TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender', `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}.`);
        const ids = entries.map((e) => String(e.Id ?? ''));
        const badId = ids.find((id) => !BATCH_ENTRY_ID.test(id));
        if (badId !== undefined) throw new SqsError('InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId;Sender', `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.`);
        if (new Set(ids).size !== ids.length) throw new SqsError('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender', 'Two or more batch entries in the request have the same Id.');
        const total = entries.reduce((sum, e) => sum + Buffer.byteLength(String(e.MessageBody ?? ''), 'utf8'), 0);
        if (total > MAX_MESSAGE_BYTES) throw new SqsError('BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong;Sender', `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes.`);
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const entry of entries) {
          try {
            const message = this.validate(queue, entry);
            this.accept(message, Number(entry.DelaySeconds ?? 0));
            Successful.push({ Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody, ...(message.md5OfMessageAttributes && { MD5OfMessageAttributes: message.md5OfMessageAttributes }) });
          } catch (e) {
            if (!(e instanceof SqsError)) throw e;
            Failed.push({ Id: entry.Id, SenderFault: true, Code: e.code, Message: e.message });
          }
        }
        return { Successful, Failed };
      }
      case 'GetQueueUrl': {
        const name = String(input.QueueName ?? '');
        if (!this.stats.has(name)) throw this.noQueue();
        return { QueueUrl: this.queueUrl(name) };
      }
      case 'GetQueueAttributes': {
        const queue = this.queueOf(input.QueueUrl);
        const waiting = [...this.waiting.values()].filter((m) => m.queue === queue).length;
        return { Attributes: { QueueArn: this.queueArn(queue), ApproximateNumberOfMessages: String(this.visible.get(queue)!.length), ApproximateNumberOfMessagesDelayed: String(waiting) } };
      }
      default:
        throw new SqsError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation;Sender', `${action} is not supported by the local SQS stand-in`);
    }
  }

  private noQueue(): SqsError {
    return new SqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue;Sender', 'The specified queue does not exist.');
  }

  private queueOf(queueUrl: unknown): string {
    if (typeof queueUrl !== 'string' || !queueUrl) throw new SqsError('MissingParameter', 'MissingParameter;Sender', 'The request must contain the parameter QueueUrl.');
    let path: string[];
    try { path = new URL(queueUrl).pathname.split('/').filter(Boolean); } catch { throw new SqsError('InvalidAddress', 'InvalidAddress;Sender', 'The address is not valid for this endpoint.'); }
    const [account, name] = path.slice(-2);
    if (account !== this.accountId || !name || !this.stats.has(name)) throw this.noQueue();
    return name;
  }

  private validate(queue: string, input: Record<string, unknown>): StoredMessage {
    if (this.closed) throw new SqsError('ServiceUnavailable', 'ServiceUnavailable;Receiver', 'the local stack is stopping', 503);
    const body = input.MessageBody;
    if (typeof body !== 'string' || body.length === 0) throw new SqsError('MissingParameter', 'MissingParameter;Sender', 'The request must contain the parameter MessageBody.');
    if (Buffer.byteLength(body, 'utf8') > MAX_MESSAGE_BYTES) throw new SqsError('InvalidParameterValue', 'InvalidParameterValue;Sender', `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`);
    if (INVALID_CHARS.test(body)) throw new SqsError('InvalidMessageContents', 'InvalidMessageContents;Sender', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
    const delay = Number(input.DelaySeconds ?? 0);
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) throw new SqsError('InvalidParameterValue', 'InvalidParameterValue;Sender', 'Value for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.');
    const attributes = (input.MessageAttributes ?? {}) as Record<string, AttributeValue>;
    const hasAttributes = Object.keys(attributes).length > 0;
    return {
      queue, messageId: randomUUID(), body, md5OfBody: md5Hex(body), attributes,
      ...(hasAttributes && { md5OfMessageAttributes: md5OfMessageAttributes(attributes) }),
      sentAt: Date.now(), receiveCount: 0,
    };
  }

  private accept(message: StoredMessage, delaySeconds: number): void {
    this.stats.get(message.queue)!.sent++;
    this.unsettled++;
    if (delaySeconds > 0) this.release(message, delaySeconds * 1000);
    else this.makeVisible(message);
  }

  private release(message: StoredMessage, afterMs: number): void {
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.makeVisible(message);
    }, afterMs);
    this.waiting.set(timer, message);
  }

  private makeVisible(message: StoredMessage): void {
    this.visible.get(message.queue)!.push(message);
    if (this.flushScheduled.has(message.queue)) return;
    this.flushScheduled.add(message.queue);
    // Like a batching window of zero: whatever arrived in this turn goes in the same batch.
    setImmediate(() => {
      this.flushScheduled.delete(message.queue);
      this.flush(message.queue);
    });
  }

  private flush(queue: string): void {
    const ready = this.visible.get(queue)!.splice(0);
    for (let i = 0; i < ready.length; i += this.batchSize) void this.deliver(queue, ready.slice(i, i + this.batchSize));
  }

  private async deliver(queue: string, batch: StoredMessage[]): Promise<void> {
    const stats = this.stats.get(queue)!;
    const now = Date.now();
    const handles = new Map<string, StoredMessage>();
    const records = batch.map((message): SQSRecord => {
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      if (message.receiveCount > 1) stats.redelivered++;
      handles.set(message.messageId, message);
      return {
        messageId: message.messageId,
        receiptHandle: Buffer.from(`${message.messageId}:${randomUUID()}`).toString('base64'),
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        },
        messageAttributes: lambdaAttributes(message.attributes),
        md5OfBody: message.md5OfBody,
        ...(message.md5OfMessageAttributes && { md5OfMessageAttributes: message.md5OfMessageAttributes }),
        eventSource: 'aws:sqs',
        eventSourceARN: this.queueArn(queue),
        awsRegion: this.region,
      };
    });
    stats.invocations++;
    let failed: StoredMessage[];
    try {
      const response = (await this.options.invoke(this.options.consumers[queue]!, { Records: records })) as Partial<SQSBatchResponse> | undefined;
      const reported = Array.isArray(response?.batchItemFailures) ? response.batchItemFailures.map((f) => f.itemIdentifier) : [];
      // Lambda fails the whole batch when a reported identifier is not one of its messages.
      failed = reported.some((id) => !handles.has(id)) ? batch : reported.map((id) => handles.get(id)!);
    } catch {
      failed = batch;
    }
    const failedIds = new Set(failed.map((m) => m.messageId));
    for (const message of batch) {
      if (!failedIds.has(message.messageId)) {
        stats.delivered++;
        this.settle();
      } else if (message.receiveCount >= this.maxReceiveCount || this.closed) {
        stats.deadLettered++;
        this.deadLetters.push({ queue, messageId: message.messageId, body: message.body });
        this.settle();
      } else {
        this.release(message, this.redeliveryDelayMs);
      }
    }
  }

  private settle(): void {
    this.unsettled--;
    if (this.unsettled === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}

/** Message attributes as Lambda's SQS records carry them. */
function lambdaAttributes(attributes: Readonly<Record<string, AttributeValue>>): SQSMessageAttributes {
  return Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, {
    dataType: a.DataType,
    stringListValues: [],
    binaryListValues: [],
    ...(a.StringValue !== undefined && { stringValue: a.StringValue }),
    ...(a.BinaryValue !== undefined && { binaryValue: a.BinaryValue }),
  }]));
}
