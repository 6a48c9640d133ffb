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
