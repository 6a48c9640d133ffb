import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Consumed capacity of one DynamoDB call, as DynamoDB reported it. */
export interface MeteredCall {
  operation: string;
  readUnits: number;
  writeUnits: number;
}

/** Totals over the calls seen since the last `reset()`. */
export interface CapacityMeter {
  readonly calls: MeteredCall[];
  readUnits(): number;
  writeUnits(): number;
  /** Calls per operation name, e.g. `{ UpdateItemCommand: 2 }`. */
  operations(): Record<string, number>;
  reset(): void;
}

interface ConsumedCapacityLike {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const sum = (list: ConsumedCapacityLike[] | ConsumedCapacityLike | undefined, pick: 'read' | 'write'): number => {
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return items.reduce((total, c) => total + (pick === 'read' ? (c.ReadCapacityUnits ?? 0) : (c.WriteCapacityUnits ?? 0)), 0);
};

/**
 * DynamoDB bills every key read at least half a unit (a whole one when strongly consistent), found or not;
 * DynamoDB Local reports 0 for a Query or GetItem that finds nothing, and under-counts BatchGetItem.
 */
function minimumReadUnits(operation: string, input: Record<string, unknown>): number {
  const perRead = (consistent: unknown) => (consistent === true ? 1 : 0.5);
  if (/^(Get|Query|Scan)/.test(operation)) return perRead(input.ConsistentRead);
  if (operation.startsWith('BatchGet')) {
    const tables = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>);
    return tables.reduce((t, r) => t + (r.Keys?.length ?? 0) * perRead(r.ConsistentRead), 0);
  }
  return 0;
}

const isWrite = (operation: string) => /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(operation);

/**
 * Adds an SDK middleware to a DynamoDB client (plain or document) that asks
 * every call for `ReturnConsumedCapacity: TOTAL` and records what it cost.
 * DynamoDB Local reports only `CapacityUnits`; the meter then attributes them
 * to reads or writes by the operation. Works for any feature's client.
 * With `onCall`, each call is handed over instead of kept.
 */
export function meterCapacity(client: DynamoDBClient | DynamoDBDocumentClient, onCall?: (call: MeteredCall) => void): CapacityMeter {
  const calls: MeteredCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacityLike[] | ConsumedCapacityLike };
      const operation = String(context.commandName ?? 'unknown');
      const consumed = output.ConsumedCapacity;
      let readUnits = sum(consumed, 'read');
      let writeUnits = sum(consumed, 'write');
      if (readUnits === 0 && writeUnits === 0) {
        const total = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((t, c) => t + (c.CapacityUnits ?? 0), 0);
        if (isWrite(operation)) writeUnits = total; else readUnits = total;
      }
      if (!isWrite(operation)) readUnits = Math.max(readUnits, minimumReadUnits(operation, input));
      // A long-running sink (the local stack's cost meter) gets each call instead of the list growing forever.
      if (onCall) onCall({ operation, readUnits, writeUnits });
      else calls.push({ operation, readUnits, writeUnits });
      return result;
    },
    { step: 'initialize', name: 'capacityMeter', override: true },
  );
  return {
    calls,
    readUnits: () => calls.reduce((t, c) => t + c.readUnits, 0),
    writeUnits: () => calls.reduce((t, c) => t + c.writeUnits, 0),
    operations: () => calls.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.operation]: (acc[c.operation] ?? 0) + 1 }), {}),
    reset: () => { calls.length = 0; },
  };
}
