import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import type { LocalStack } from '../../local/stack.js';
import { connectionsTable } from '../../functions/shared/tables.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;

const connectionItems = async (userId: string) => (await db.send(new QueryCommand({
  TableName: stack.tableNames[connectionsTable.envVar], KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `U#${userId}` },
}))).Items ?? [];

const eventually = async (check: () => Promise<boolean>, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => { await stack?.stop(); });

describe('WebSocket login ($connect authorizer)', () => {
  it('logs a user in with a valid UserSig, records the connection and creates the account', async () => {
    const user = uniqueId();
    const client = await connect(stack, user, { platform: 'iOS', instance: 'phone-1' });
    const items = await connectionItems(user);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ userId: user, platform: 'iOS', instance: 'phone-1' });
    expect(items[0]!.ttl).toBeGreaterThan(Date.now() / 1000 + 7100);
    const check = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: user }] });
    expect(check.ResultItem).toEqual([{ UserID: user, ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' }]);
    await client.close();
  });

  it('defaults the platform to Web', async () => {
    const user = uniqueId();
    const client = await connect(stack, user);
    expect((await connectionItems(user))[0]).toMatchObject({ platform: 'Web' });
    await client.close();
  });

  it.each([
    ['a UserSig signed with another key', { usersig: officialUserSig('x', { key: 'wrong' }) }],
    ['an expired UserSig', { usersig: officialUserSig('x', { expire: -10 }) }],
    ['another user\'s UserSig', { usersig: officialUserSig('someone-else') }],
    ['another app\'s UserSig', { usersig: officialUserSig('x', { sdkAppId: 1400000001 }) }],
    ['a garbage UserSig', { usersig: 'garbage' }],
    ['a foreign sdkappid', { sdkappid: 1400000001 }],
    ['an unknown platform', { platform: 'Toaster' }],
  ])('refuses %s with HTTP 401 before the socket opens', async (_name, options) => {
    const user = 'x';
    await expect(connect(stack, user, options)).rejects.toMatchObject({ status: 401 });
    expect(await connectionItems(user)).toHaveLength(0);
  });

  it('refuses a connection without usersig with HTTP 401', async () => {
    await expect(connect(stack, 'x', { query: `sdkappid=${stack.config.sdkAppId}&userid=x` })).rejects.toMatchObject({ status: 401 });
  });

  it('does not create an account for a refused login', async () => {
    const user = uniqueId();
    await expect(connect(stack, user, { usersig: officialUserSig(user, { key: 'wrong' }) })).rejects.toMatchObject({ status: 401 });
    const check = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: user }] });
    expect((check.ResultItem as Array<{ AccountStatus: string }>)[0]!.AccountStatus).toBe('NotImported');
  });
});

describe('WebSocket frames', () => {
  let client: TestClient;
  let user: string;
  beforeAll(async () => { user = uniqueId(); client = await connect(stack, user); });
  afterAll(async () => { await client.close(); });

  it('answers ping with the server time and refreshes last-seen', async () => {
    const before = (await connectionItems(user))[0]!.lastSeen as number;
    await new Promise((r) => setTimeout(r, 20));
    const reply = await client.request('ping');
    expect(reply).toMatchObject({ action: 'ping', ErrorCode: 0, ErrorInfo: '' });
    expect(Math.abs((reply.data!.ServerTime as number) - Date.now() / 1000)).toBeLessThan(5);
    expect((await connectionItems(user))[0]!.lastSeen).toBeGreaterThan(before);
  });

  it('answers a frame that is not JSON with 60003 and keeps the connection open', async () => {
    client.sendRaw('{not json');
    const reply = await client.waitFor<{ ErrorCode: number; ErrorInfo: string }>((f) => f.ErrorCode === 60003 && f.reqId === undefined);
    expect(reply.ErrorInfo).toMatch(/not valid JSON/);
    expect((await client.request('ping')).ErrorCode).toBe(0);
  });

  it('answers an unknown action with 60009, naming it', async () => {
    const reply = await client.request('no.such.action');
    expect(reply).toMatchObject({ ErrorCode: 60009, reqId: expect.any(String) });
    expect(reply.ErrorInfo).toContain('no.such.action');
  });

  it('answers a frame without action with 60009', async () => {
    client.sendRaw(JSON.stringify({ reqId: 'noaction' }));
    expect(await client.waitFor((f) => f.reqId === 'noaction')).toMatchObject({ ErrorCode: 60009 });
  });

  it('answers non-object data and a bad reqId with an error', async () => {
    client.sendRaw(JSON.stringify({ action: 'ping', reqId: 'd1', data: [1] }));
    expect(await client.waitFor((f) => f.reqId === 'd1')).toMatchObject({ ErrorCode: 60003 });
    client.sendRaw(JSON.stringify({ action: 'ping', reqId: 5 }));
    expect(await client.waitFor((f) => f.ErrorInfo === 'reqId must be a string of at most 64 characters')).toMatchObject({ ErrorCode: 60003 });
  });

  it('answers a frame over 32 KB with 93000 and keeps the connection open', async () => {
    client.sendRaw(JSON.stringify({ action: 'ping', reqId: 'big', data: { pad: 'x'.repeat(33 * 1024) } }));
    expect(await client.waitFor((f) => f.reqId === 'big')).toMatchObject({ ErrorCode: 93000 });
    expect((await client.request('ping')).ErrorCode).toBe(0);
  });

  it('closes the connection with 1009 for a message over 128 KB, as API Gateway does, and removes it on $disconnect', async () => {
    const other = uniqueId();
    const victim = await connect(stack, other);
    victim.sendRaw('x'.repeat(129 * 1024));
    expect((await victim.closed).code).toBe(1009);
    await eventually(async () => (await connectionItems(other)).length === 0);
  });
});

describe('$disconnect', () => {
  it('removes the connection record when the client goes away', async () => {
    const user = uniqueId();
    const client = await connect(stack, user);
    expect(await connectionItems(user)).toHaveLength(1);
    await client.close();
    await eventually(async () => (await connectionItems(user)).length === 0);
  });

  it('keeps the account after disconnect', async () => {
    const user = uniqueId();
    await (await connect(stack, user)).close();
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${user}`, sk: 'ACCOUNT' } }));
    expect(Item).toMatchObject({ userId: user });
  });
});
