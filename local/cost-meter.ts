import type { MeteredCall } from '../functions/shared/aws/capacity-meter.js';
import type { PriceTable } from './aws-prices.js';

/** API Gateway bills WebSocket messages in 32 KB increments. */
const WS_MESSAGE_UNIT = 32 * 1024;
/** The stack's Lambdas have 512 MB (lib/constructs/im-function.ts). */
const LAMBDA_GB = 0.5;

export interface Usage {
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  dynamoCalls: number;
  websocketMessagesIn: number;
  websocketMessagesOut: number;
  websocketConnectionMinutes: number;
  httpRequests: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  snsPublishes: number;
  sqsRequests: number;
}

/** A usage with nothing in it (also the base of the benchmark's floor). */
export const emptyUsage = (): Usage => ({
  dynamoReadUnits: 0, dynamoWriteUnits: 0, dynamoCalls: 0, websocketMessagesIn: 0, websocketMessagesOut: 0, websocketConnectionMinutes: 0,
  httpRequests: 0, lambdaInvocations: 0, lambdaGbSeconds: 0, snsPublishes: 0, sqsRequests: 0,
});

export const wsMessageUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / WS_MESSAGE_UNIT));

/** What the AWS bill would say for the usage, item by item. */
export function priceUsage(usage: Usage, prices: PriceTable): { items: Record<string, number>; totalUsd: number } {
  const items = {
    dynamodb: usage.dynamoReadUnits * prices.dynamoReadUnit + usage.dynamoWriteUnits * prices.dynamoWriteUnit,
    websocketMessages: (usage.websocketMessagesIn + usage.websocketMessagesOut) * prices.websocketMessage,
    websocketConnectionMinutes: usage.websocketConnectionMinutes * prices.websocketConnectionMinute,
    httpApi: usage.httpRequests * prices.httpRequest,
    lambda: usage.lambdaInvocations * prices.lambdaRequest + usage.lambdaGbSeconds * prices.lambdaGbSecond,
    snsMobilePush: usage.snsPublishes * prices.snsMobilePush,
    sqs: usage.sqsRequests * prices.sqsRequest,
  };
  return { items, totalUsd: Object.values(items).reduce((a, b) => a + b, 0) };
}

/**
 * Counts, in the local stack, everything AWS would bill: DynamoDB units (from
 * ReturnConsumedCapacity, transactions doubled because DynamoDB Local reports
 * them at the plain rate), WebSocket messages both ways in 32 KB units (route
 * responses and PostToConnection alike), connection minutes, HTTP API requests,
 * Lambda invocations and GB-seconds, SNS publishes and SQS requests.
 */
export class LocalCostMeter {
  private usage = emptyUsage();
  private readonly openConnections = new Map<string, number>();
  /** SNS and SQS are counted by their stand-ins; the stack supplies their totals at snapshot time. */
  constructor(readonly prices: PriceTable, private readonly external: () => Pick<Usage, 'snsPublishes' | 'sqsRequests'>) {}

  private externalBase = { snsPublishes: 0, sqsRequests: 0 };

  dynamoCall = (call: MeteredCall): void => {
    const factor = /^Transact/.test(call.operation) ? 2 : 1;
    this.usage.dynamoReadUnits += call.readUnits * factor;
    this.usage.dynamoWriteUnits += call.writeUnits * factor;
    this.usage.dynamoCalls++;
  };

  messageIn(bytes: number): void { this.usage.websocketMessagesIn += wsMessageUnits(bytes); }
  messageOut(bytes: number): void { this.usage.websocketMessagesOut += wsMessageUnits(bytes); }
  httpRequest(): void { this.usage.httpRequests++; }

  lambdaInvocation(durationMs: number): void {
    this.usage.lambdaInvocations++;
    this.usage.lambdaGbSeconds += (Math.max(1, Math.ceil(durationMs)) / 1000) * LAMBDA_GB;
  }

  connectionOpened(connectionId: string, at = Date.now()): void { this.openConnections.set(connectionId, at); }

  connectionClosed(connectionId: string, at = Date.now()): void {
    const since = this.openConnections.get(connectionId);
    if (since === undefined) return;
    this.openConnections.delete(connectionId);
    this.usage.websocketConnectionMinutes += (at - since) / 60_000;
  }

  snapshot(now = Date.now()): { usage: Usage; costUsd: Record<string, number>; totalUsd: number } {
    const open = [...this.openConnections.values()].reduce((t, since) => t + (now - since) / 60_000, 0);
    const ext = this.external();
    const usage = {
      ...this.usage,
      websocketConnectionMinutes: this.usage.websocketConnectionMinutes + open,
      snsPublishes: ext.snsPublishes - this.externalBase.snsPublishes,
      sqsRequests: ext.sqsRequests - this.externalBase.sqsRequests,
    };
    const { items, totalUsd } = priceUsage(usage, this.prices);
    return { usage, costUsd: items, totalUsd };
  }

  /** Starts a new measurement (a benchmark scenario); open connections count from now. */
  reset(now = Date.now()): void {
    this.usage = emptyUsage();
    for (const id of this.openConnections.keys()) this.openConnections.set(id, now);
    this.externalBase = { ...this.external() };
  }
}
