import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { messagesTable, usersTable } from '../../functions/shared/tables.js';
import { c2cConversationId } from '../../functions/c2c/c2c-keys.js';
import { DynamoC2cStore, toItem } from '../../functions/c2c/c2c-store-dynamo.js';
import { inParallel } from '../../bench/support/pace.js';
import type { StoredMessage } from '../../functions/c2c/c2c-store.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import { startTestStack, uniqueId } from '../support/stack.js';

/** `findSeq`: a MsgKey whose seq does not name its message, found by MsgRandom and MsgTime (docs/data-model.md). */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let store: DynamoC2cStore;
let meter: CapacityMeter;
beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  meter = meterCapacity(db);
  store = new DynamoC2cStore(db, stack.tableNames[messagesTable.envVar]!, stack.tableNames[usersTable.envVar]!);
});
afterAll(async () => { db?.destroy(); await stack?.stop(); });

const T0 = Math.floor(Date.now() / 1000) - 86400;
const NOW = Date.now();
const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }];
/** Stores messages seq first..last from `a`, MsgRandom = seq, MsgTime from `timeOf`: 25 to a batch write, a few at once. */
async function fill(conversationId: string, a: string, b: string, first: number, last: number, timeOf: (seq: number) => number) {
  const items = Array.from({ length: last - first + 1 }, (_, i) => toItem({
    conversationId, from: a, to: b, seq: first + i, random: first + i, time: timeOf(first + i), body, needReceipt: false, noUnread: false, recalled: false, expiresAt: T0 + 7 * 86400,
  } satisfies StoredMessage));
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  await inParallel(batches.length, 4, async (i) => {
    const table = stack.tableNames[messagesTable.envVar]!;
    let pending = batches[i]!.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  });
}
const queries = () => meter.calls.filter((c) => c.operation === 'QueryCommand').length;

describe('c2c MsgKey lookup by MsgRandom and MsgTime', () => {
  it('finds a message up to 1,000 messages back and no further; stops at the first page older than its time − 30 s', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const conversationId = c2cConversationId(a, b);
    // Two messages a second, so the message at seq s was sent at T0 + s/2.
    await fill(conversationId, a, b, 1, 1101, (seq) => T0 + Math.floor(seq / 2));
    const at = (seq: number) => ({ from: a, random: seq, time: T0 + Math.floor(seq / 2) });
    meter.reset();
    expect(await store.findSeq(conversationId, at(1050), NOW)).toBe(1050);
    expect(queries()).toBe(1);
    expect(await store.findSeq(conversationId, at(102), NOW)).toBe(102);
    expect(await store.findSeq(conversationId, at(101), NOW)).toBeUndefined();
    // Not the sender's, or another second: nothing.
    expect(await store.findSeq(conversationId, { ...at(1050), from: b }, NOW)).toBeUndefined();
    expect(await store.findSeq(conversationId, { ...at(1050), time: at(1050).time + 1 }, NOW)).toBeUndefined();
    // Unknown sender side (LastMsgKey): any sender.
    expect(await store.findSeq(conversationId, { random: 700, time: at(700).time }, NOW)).toBe(700);
    meter.reset();
    // A key from long after every message: the first page is already older than its time − 30 s.
    expect(await store.findSeq(conversationId, { from: a, random: 1, time: T0 + 10_000 }, NOW)).toBeUndefined();
    expect(queries()).toBe(1);
    meter.reset();
    // A key at seq 900 with a wrong random: pages 1101…1002, …902, …802 (holds seqs ≥ 840, within 30 s), …702 (all older): 4.
    expect(await store.findSeq(conversationId, { from: a, random: 5, time: at(900).time }, NOW)).toBeUndefined();
    expect(queries()).toBe(4);
  }, 120_000);

  it('an import with an old MsgTime between the key and the newest messages does not end the search', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const conversationId = c2cConversationId(a, b);
    await fill(conversationId, a, b, 1, 10, (seq) => T0 + seq);
    await fill(conversationId, a, b, 11, 20, () => T0 - 86400);
    await fill(conversationId, a, b, 21, 30, (seq) => T0 + seq);
    expect(await store.findSeq(conversationId, { from: a, random: 5, time: T0 + 5 }, NOW)).toBe(5);
  });
});
