import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { sendC2cMessage, type SendRequest } from '../../functions/c2c/send-message.js';
import { DynamoC2cStore, SEND_MEMORY } from '../../functions/c2c/c2c-store-dynamo.js';
import { c2cConversationId, stateKey } from '../../functions/c2c/c2c-keys.js';
import { messagesTable, usersTable } from '../../functions/shared/tables.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';

/**
 * The documented cost of one `c2c.send` (docs/data-model.md, "c2c.send"), measured with
 * ReturnConsumedCapacity on the real DynamoDB Local through the services a Lambda builds.
 * If a change makes the send costlier, this fails: update the code or, deliberately, the doc and these numbers.
 */
const SEND_WCU = 2;
const SEND_FIRST_WCU = 4;
const CHECKS_RCU = 1.5;
const DELIVERY_RCU = 1;

let stack: LocalStack;
let services: ServiceCatalog;
let meter: CapacityMeter;
let db: DynamoDBDocumentClient;
beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  meter = meterCapacity(db);
  services = allServicesFromEnv(process.env, stack.config, {}, db);
});
afterAll(async () => { await stack?.stop(); });

const request = (from: string, to: string, random: number): SendRequest => ({
  from, to, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }], random, needReceipt: false, by: 'user',
  syncToSender: 'others', onlineOnly: false, noUnread: false, noLastMsg: false, beforeCallback: true, afterCallback: true,
  meta: { clientIp: '127.0.0.1', optPlatform: 'Web' },
});

describe('c2c.send cost (DynamoDB consumed capacity)', () => {
  it('costs what docs/data-model.md states: no transactions, 2 WCU steady (4 for a new conversation), 1.5 RCU of checks + 0.5 RCU per user delivered to', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: a, Nick: 'A' }, { UserID: b }] });
    const peer = await connect(stack, b);

    meter.reset();
    await sendC2cMessage(services, stack.config, request(a, b, 1));
    expect(meter.writeUnits()).toBe(SEND_FIRST_WCU);

    meter.reset();
    await sendC2cMessage(services, stack.config, request(a, b, 2));
    const ops = meter.operations();
    expect(Object.keys(ops).some((o) => o.startsWith('Transact'))).toBe(false);
    expect(meter.writeUnits()).toBe(SEND_WCU);
    expect(meter.readUnits()).toBeLessThanOrEqual(CHECKS_RCU + DELIVERY_RCU);
    // The checks alone: one Query (sender profile + mute) and one BatchGetItem (recipient account + blocklist).
    const checks = meter.calls.filter((c) => c.operation.startsWith('BatchGet') || (c.operation.startsWith('Query') && c.readUnits > 0)).slice(0, 2);
    expect(checks.reduce((t, c) => t + c.readUnits, 0)).toBeLessThanOrEqual(CHECKS_RCU);
    expect(ops).toMatchObject({ UpdateItemCommand: 1, PutItemCommand: 1 });

    // A retry: the refused UpdateItem (1 WCU; DynamoDB reports no capacity for a failed condition) and one strong GetItem of the message.
    meter.reset();
    await sendC2cMessage(services, stack.config, request(a, b, 2));
    expect(meter.writeUnits()).toBe(0);
    expect(meter.operations()).not.toHaveProperty('PutItemCommand');
    expect(meter.calls.filter((c) => c.operation === 'GetItemCommand')).toEqual([{ operation: 'GetItemCommand', readUnits: 1, writeUnits: 0 }]);
    await (await peer.event('c2c.message')).data;
    await peer.close();
  });
});

describe('c2c.send over HTTPS cost', () => {
  it('is the WebSocket send\'s: the session proof is the Query of the sender\'s connections that delivery makes anyway', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: a }, { UserID: b }] });
    const peer = await connect(stack, b);
    const device = await connect(stack, a, { platform: 'Web', instance: 'tab1' });
    const other = await connect(stack, a, { platform: 'Android', instance: 'phone' });
    await sendC2cMessage(services, stack.config, request(a, b, 1));

    meter.reset();
    await sendC2cMessage(services, stack.config, request(a, b, 2));
    const overWs = { reads: meter.readUnits(), writes: meter.writeUnits(), queries: meter.calls.filter((c) => c.operation === 'QueryCommand').length };
    meter.reset();
    await sendC2cMessage(services, stack.config, { ...request(a, b, 3), senderSession: { platform: 'Web', instance: 'tab1' } });
    expect({ reads: meter.readUnits(), writes: meter.writeUnits(), queries: meter.calls.filter((c) => c.operation === 'QueryCommand').length }).toEqual(overWs);
    await other.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === 3);
    expect(device.events.filter((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === 3)).toEqual([]);
    await Promise.all([peer.close(), device.close(), other.close()]);
  });
});

/** DynamoDB's item size: attribute names plus values; a number takes 1 byte per 2 significant digits plus 1. */
const itemBytes = (item: Record<string, unknown>): number => Object.entries(item).reduce((total, [name, value]) => {
  const bytes = typeof value === 'number'
    ? Math.ceil(String(Math.abs(value)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length / 2) + 1
    : Buffer.byteLength(String(value));
  return total + Buffer.byteLength(name) + bytes;
}, 0);

describe('conversation state item size', () => {
  it(`stays under 1 KB (1 WCU per send) with 32-character UserIDs, every number at its widest and all ${SEND_MEMORY} send slots full`, async () => {
    const [a, b] = [`${'a'.repeat(31)}1`, `${'b'.repeat(31)}2`];
    const conversationId = c2cConversationId(a, b);
    const table = stack.tableNames[messagesTable.envVar]!;
    const store = new DynamoC2cStore(db, table, stack.tableNames[usersTable.envVar]!);
    // 10 significant digits everywhere (MsgSeq and counters are uint32), 13 for the ms timestamp.
    const wide = 4_294_967_000;
    await db.send(new PutCommand({ TableName: table, Item: {
      ...stateKey(conversationId), conversationId, userA: a, userB: b, seq: wide, lastSeq: wide, lastTime: 1_987_654_321, lastAt: 1_987_654_321_987,
      ...Object.fromEntries((['A', 'B'] as const).flatMap((x) => ['read', 'skip', 'skipRead', 'receipt', 'listed', 'cleared'].map((f, i) => [`${f}${x}`, 4_294_966_001 + i]))),
    } }));
    let sizes: number[] = [];
    for (let i = 0; i <= SEND_MEMORY; i++) {
      meter.reset();
      const time = 1_987_654_321 + i * 7;
      const allocation = await store.allocateSend({
        conversationId, sender: b, recipient: a, time, at: time * 1000 + 987, noUnread: true, noLastMsg: false, needReceipt: true, senderReads: true,
      }, { random: 4_294_967_295 - i * 3, since: time - 300 });
      expect(allocation.repeated).toBe(false);
      expect(meter.writeUnits()).toBe(1);
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: stateKey(conversationId), ConsistentRead: true }));
      sizes = [...sizes, itemBytes(Item!)];
      expect(Item).not.toHaveProperty(`k${SEND_MEMORY}`);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024);
    // Once every slot is taken, a send pushes the oldest key out: the item stops growing.
    expect(sizes[SEND_MEMORY]).toBe(sizes[SEND_MEMORY - 1]);
    console.info(`largest conversation state item: ${Math.max(...sizes)} bytes`);
  });
});
