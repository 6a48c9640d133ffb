import { emptyUsage, priceUsage, type Usage } from '../../local/cost-meter.js';
import type { PriceTable } from '../../local/aws-prices.js';
import type { LocalStack } from '../../local/stack.js';
import type { CostFigure } from './types.js';

/** The stack's Lambdas have 512 MB; the floor bills each invocation its 1 ms minimum. */
const FLOOR_GB_SECONDS_PER_INVOCATION = 0.001 * 0.5;

/**
 * The bare minimum the work could cost in AWS (issue 9, Floor): one inbound message (WebSocket frame or
 * HTTP request), one outbound message per online recipient device, one Lambda invocation, one write unit
 * per stored message. Priced with the same table and the same function as the meter.
 */
export interface FloorCounts {
  websocketIn?: number;
  httpRequests?: number;
  outbound: number;
  invocations: number;
  storedMessages: number;
}

export function floorUsage(c: FloorCounts): Usage {
  return {
    ...emptyUsage(),
    websocketMessagesIn: c.websocketIn ?? 0,
    httpRequests: c.httpRequests ?? 0,
    websocketMessagesOut: c.outbound,
    lambdaInvocations: c.invocations,
    lambdaGbSeconds: c.invocations * FLOOR_GB_SECONDS_PER_INVOCATION,
    dynamoWriteUnits: c.storedMessages,
  };
}

export const floorUsd = (c: FloorCounts, prices: PriceTable): number => priceUsage(floorUsage(c), prices).totalUsd;

/** Reads the stack's cost meter (reset at the start of the measured part) and sets it against the floor. */
export function costFigure(stack: LocalStack, unit: string, units: number, floor: FloorCounts): CostFigure {
  const snap = stack.cost.snapshot();
  const perMillion = (usd: number) => (units > 0 ? (usd / units) * 1e6 : 0);
  const floorTotal = floorUsd(floor, stack.cost.prices);
  return {
    unit, units, usage: snap.usage, usd: snap.costUsd, totalUsd: snap.totalUsd,
    perMillionUsd: perMillion(snap.totalUsd), floorPerMillionUsd: perMillion(floorTotal),
    ratio: floorTotal > 0 ? snap.totalUsd / floorTotal : 0,
  };
}

/**
 * Invocation time a deployed C2C send takes (three waves of single-digit-ms DynamoDB calls and the posts): the
 * local stack's invocations wait on DynamoDB Local and a shared CPU, so its GB-seconds say nothing about AWS's.
 */
export const AWS_SPEED_INVOCATION_MS = 30;

/** The figure per 1M units with every invocation billed AWS_SPEED_INVOCATION_MS at 512 MB instead of its local time. */
export function perMillionAtAwsSpeed(figure: CostFigure, prices: PriceTable): number {
  const { usage } = figure;
  const local = usage.lambdaGbSeconds * prices.lambdaGbSecond;
  const aws = usage.lambdaInvocations * (AWS_SPEED_INVOCATION_MS / 1000) * 0.5 * prices.lambdaGbSecond;
  return figure.units > 0 ? ((figure.totalUsd - local + aws) / figure.units) * 1e6 : 0;
}
