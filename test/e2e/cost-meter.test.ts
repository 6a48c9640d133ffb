import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { US_EAST_1_PRICES } from '../../local/aws-prices.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

interface Snapshot {
  usage: Record<string, number>;
  costUsd: Record<string, number>;
  totalUsd: number;
}
const cost = async (method = 'GET') => (await (await fetch(`${stack.url}/_local/cost`, { method })).json()) as Snapshot;

describe('the local AWS cost meter (/_local/cost)', () => {
  it('counts a REST call: one HTTP API request, one Lambda invocation, the DynamoDB units it used', async () => {
    await cost('POST');
    await rest(stack, 'im_open_login_svc/account_import', { UserID: uniqueId() });
    const { usage, costUsd, totalUsd } = await cost();
    // The account, the app's account counter, the REST rate counter (spec §1.5; a quiet container writes once per
    // call) and the admin's kick marker (read once per 10 s per container): docs/data-model.md.
    expect(usage).toMatchObject({ httpRequests: 1, lambdaInvocations: 1, dynamoCalls: 4, dynamoWriteUnits: 3, dynamoReadUnits: 0.5, websocketMessagesIn: 0 });
    expect(usage.lambdaGbSeconds).toBeGreaterThan(0);
    expect(costUsd.httpApi).toBeCloseTo(US_EAST_1_PRICES.httpRequest, 12);
    expect(costUsd.dynamodb).toBeCloseTo(3 * US_EAST_1_PRICES.dynamoWriteUnit + 0.5 * US_EAST_1_PRICES.dynamoReadUnit, 12);
    expect(totalUsd).toBeGreaterThan(costUsd.httpApi! + costUsd.dynamodb!);
  });

  it('counts WebSocket messages both ways, the route response included, in 32 KB units', async () => {
    const client = await connect(stack, uniqueId());
    await cost('POST');
    await client.request('ping');
    client.sendRaw(JSON.stringify({ action: 'ping', reqId: 'big', data: { pad: 'x'.repeat(40 * 1024) } }));
    await client.waitFor((f) => f.reqId === 'big');
    const { usage } = await cost();
    // The small ping is 1 unit in; the 40 KB frame is 2 units in; each reply is 1 unit out.
    expect(usage).toMatchObject({ websocketMessagesIn: 3, websocketMessagesOut: 2, lambdaInvocations: 2 });
    expect(usage.websocketConnectionMinutes).toBeGreaterThan(0);
    await client.close();
  });

  it('counts PostToConnection as outbound messages', async () => {
    const user = uniqueId();
    const client = await connect(stack, user, { platform: 'Android' });
    await cost('POST');
    await rest(stack, 'im_open_login_svc/kick', { UserID: user });
    await client.closed;
    const { usage } = await cost();
    expect(usage.websocketMessagesOut).toBe(1);
  });
});
