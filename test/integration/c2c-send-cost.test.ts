import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { servicesFromEnv } from '../../functions/shared/aws/load-runtime.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { Services } from '../../functions/shared/runtime.js';
import { sendC2cMessage, type SendRequest } from '../../functions/c2c/send-message.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';

/**
 * The documented cost of one `c2c.send` (docs/data-model.md, "c2c.send"), measured with
 * ReturnConsumedCapacity on the real DynamoDB Local through the services a Lambda builds.
 * If a change makes the send costlier, this fails: update the code or, deliberately, the doc and these numbers.
 */
const SEND_WCU = 3;
const SEND_FIRST_WCU = 5;
const CHECKS_RCU = 1.5;
const DELIVERY_RCU = 1;

let stack: LocalStack;
let services: Services;
let meter: CapacityMeter;
beforeAll(async () => {
  stack = await startTestStack();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  meter = meterCapacity(db);
  services = servicesFromEnv(process.env, stack.config, {}, db);
});
afterAll(async () => { await stack?.stop(); });

const request = (from: string, to: string, random: number): SendRequest => ({
  from, to, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }], random, needReceipt: false, by: 'user',
  syncToSender: 'others', onlineOnly: false, noUnread: false, noLastMsg: false, beforeCallback: true, afterCallback: true,
  meta: { clientIp: '127.0.0.1', optPlatform: 'Web' },
});

describe('c2c.send cost (DynamoDB consumed capacity)', () => {
  it('costs what docs/data-model.md states: no transactions, 3 WCU steady (5 for a new conversation), 1.5 RCU of checks + 0.5 RCU per user delivered to', async () => {
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
    await (await peer.event('c2c.message')).data;
    await peer.close();
  });
});
