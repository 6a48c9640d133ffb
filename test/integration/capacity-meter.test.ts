import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { usersTable } from '../../functions/shared/tables.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import { startTestStack, uniqueId } from '../support/stack.js';

/** The meter bills reads as DynamoDB does: at least half a unit per key read (one when consistent), found or not. */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let meter: CapacityMeter;
let table: string;
beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  meter = meterCapacity(db);
  table = stack.tableNames[usersTable.envVar]!;
});
afterAll(async () => { db?.destroy(); await stack?.stop(); });

describe('capacity meter: minimum read units', () => {
  it('charges a read that finds nothing', async () => {
    const pk = `U#${uniqueId()}`;
    meter.reset();
    await db.send(new GetCommand({ TableName: table, Key: { pk, sk: 'ACCOUNT' } }));
    await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk }, ConsistentRead: true }));
    await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [1, 2, 3].map((i) => ({ pk, sk: `X${i}` })) } } }));
    expect(meter.calls.map((c) => c.readUnits)).toEqual([0.5, 1, 1.5]);
  });

  it('keeps what DynamoDB reports above the minimum', async () => {
    const pk = `U#${uniqueId()}`;
    await db.send(new PutCommand({ TableName: table, Item: { pk, sk: 'BIG', pad: 'x'.repeat(9000) } }));
    meter.reset();
    await db.send(new GetCommand({ TableName: table, Key: { pk, sk: 'BIG' } }));
    expect(meter.readUnits()).toBe(1.5); // 9 KB eventually consistent: 3 × 4 KB × 0.5
    expect(meter.writeUnits()).toBe(0);
  });
});
