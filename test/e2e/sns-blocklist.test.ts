import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest, type TencentReply } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from '../support/webhook-receiver.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { DynamoRelationshipChecks } from '../../functions/sns/relationships-dynamo.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let receiver: WebhookReceiver;

const item = async (userId: string, sk: string) =>
  (await db.send(new GetCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${userId}`, sk } }))).Item;
const partition = async (userId: string) =>
  ((await db.send(new QueryCommand({ TableName: stack.tableNames.IM_TABLE_USERS, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `U#${userId}` } }))).Items ?? [])
    .map((i) => String(i.sk));
const sns = (command: string, body: unknown) => rest(stack, `sns/${command}`, body);
async function user(allowType = 'AllowType_Type_AllowAny'): Promise<string> {
  const id = uniqueId();
  await rest(stack, 'im_open_login_svc/account_import', { UserID: id });
  await rest(stack, 'profile/portrait_set', { From_Account: id, ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: allowType }] });
  return id;
}
const add = (from: string, to: string[], extra: Record<string, unknown> = {}) =>
  sns('friend_add', { From_Account: from, AddFriendItem: to.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Test' })), ...extra });
const block = (from: string, to: string[]) => sns('black_list_add', { From_Account: from, To_Account: to });
const codes = (reply: TencentReply) => (reply.ResultItem as Array<{ ResultCode: number }>).map((r) => r.ResultCode);
const friendRelation = async (from: string, to: string) =>
  ((await sns('friend_check', { From_Account: from, To_Account: [to], CheckType: 'CheckResult_Type_Both' })).InfoItem as Array<{ Relation: string }>)[0]!.Relation;
async function callbacks(command: string, about: string, count = 1): Promise<ReceivedCallback[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await stack.sqs.idle();
    const mine = receiver.requests.filter((r) => r.query.CallbackCommand === command && r.rawBody.includes(about));
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({ webhook: { url: receiver.url, commands: ['Sns.CallbackBlackListAdd', 'Sns.CallbackBlackListDelete', 'Sns.CallbackFriendDelete'] } });
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe('sns/black_list_*', () => {
  it('black_list_add removes the friendship both ways, writes B#<id>, notifies both and calls back', async () => {
    const [a, b] = [await user(), await user()];
    await add(a, [b]);
    const [ca, cb] = [await connect(stack, a), await connect(stack, b)];
    expect(await block(a, [b])).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', ResultItem: [{ To_Account: b, ResultCode: 0, ResultInfo: '' }] });
    expect(await friendRelation(a, b)).toBe('CheckResult_Type_NoRelation');
    expect(await item(a, `B#${b}`)).toMatchObject({ blockedId: b, addedAt: expect.any(Number) });
    expect((await item(a, 'SNS'))).toMatchObject({ friendCount: 0, blockCount: 1 });
    expect((await item(b, 'SNS'))?.friendCount).toBe(0);
    expect((await cb.event('blocklist.added')).data).toEqual({ PairList: [{ From_Account: a, To_Account: b }] });
    expect((await ca.event('friend.deleted')).data).toEqual({ PairList: [{ From_Account: a, To_Account: b }, { From_Account: b, To_Account: a }] });
    expect((await callbacks('Sns.CallbackBlackListAdd', a))[0]!.body).toMatchObject({ PairList: [{ From_Account: a, To_Account: b }] });
    expect((await callbacks('Sns.CallbackFriendDelete', a))[0]!.body).toMatchObject({ ClientCmd: 'black_list_add' });
    await Promise.all([ca.close(), cb.close()]);
  });

  it('blocklists refuse friend requests both ways (30515, 30525) and drop pending requests', async () => {
    const [a, b, c] = [await user(), await user(), await user('AllowType_Type_NeedConfirm')];
    await block(a, [b]);
    expect((await add(a, [b])).ResultItem).toEqual([{ To_Account: b, ResultCode: 30515, ResultInfo: expect.stringContaining('blocklist') }]);
    expect(codes(await add(b, [a]))).toEqual([30525]);
    expect(codes(await add(a, [c]))).toEqual([30539]);
    await block(c, [a]);
    expect(await partition(c)).not.toContain(`RQ#${a}`);
    expect(await partition(a)).not.toContain(`RS#${c}`);
    expect((await item(a, 'SNS'))?.pendingCount).toBe(0);
    expect(codes(await sns('friend_import', { From_Account: b, AddFriendItem: [{ To_Account: a, AddSource: 'AddSource_Type_X' }] }))).toEqual([30525]);
  });

  it('black_list_check single and both, black_list_delete, per-item errors', async () => {
    const [a, b, c, d] = [await user(), await user(), await user(), await user()];
    await block(a, [b, c]);
    await block(b, [a]);
    await block(d, [a]);
    const both = await sns('black_list_check', { From_Account: a, To_Account: [b, c, d, 'q'.repeat(40)], CheckType: 'BlackCheckResult_Type_Both' });
    expect((both.BlackListCheckItem as Array<{ Relation: string; ResultCode: number }>).map((i) => [i.Relation, i.ResultCode])).toEqual([
      ['BlackCheckResult_Type_BothWay', 0], ['BlackCheckResult_Type_AWithB', 0], ['BlackCheckResult_Type_BWithA', 0], ['BlackCheckResult_Type_NO', 30001],
    ]);
    expect(both.Fail_Account).toEqual(['q'.repeat(40)]);
    const single = await sns('black_list_check', { From_Account: a, To_Account: [b, d], CheckType: 'BlackCheckResult_Type_Single' });
    expect((single.BlackListCheckItem as Array<{ Relation: string }>).map((i) => i.Relation)).toEqual(['BlackCheckResult_Type_AWithB', 'BlackCheckResult_Type_NO']);
    expect(codes(await sns('black_list_delete', { From_Account: a, To_Account: [b, d] }))).toEqual([0, 30001]);
    expect(await item(a, `B#${b}`)).toBeUndefined();
    expect((await callbacks('Sns.CallbackBlackListDelete', a))[0]!.body).toMatchObject({ PairList: [{ From_Account: a, To_Account: b }] });
    expect(codes(await block(a, [a, c, 'nobody-known', d, d]))).toEqual([30001, 30001, 30003, 0, 30001]);
    expect((await item(a, 'SNS'))?.blockCount).toBe(2);
  });

  it('black_list_get pages with StartIndex/MaxLimited and answers CurruentSequence (sic)', async () => {
    const a = await user();
    const others = await Promise.all(Array.from({ length: 5 }, () => user()));
    await block(a, others);
    const first = await sns('black_list_get', { From_Account: a, StartIndex: 0, MaxLimited: 3, LastSequence: 0 });
    expect(first).toMatchObject({ ErrorCode: 0, StartIndex: 3, CurruentSequence: 5 });
    expect(first.BlackListItem).toHaveLength(3);
    expect((first.BlackListItem as Array<Record<string, unknown>>)[0]).toEqual({ To_Account: expect.any(String), AddBlackTimeStamp: expect.any(Number) });
    const second = await sns('black_list_get', { From_Account: a, StartIndex: 3, MaxLimited: 3 });
    expect(second).toMatchObject({ StartIndex: 0 });
    expect([...(first.BlackListItem as Array<{ To_Account: string }>), ...(second.BlackListItem as Array<{ To_Account: string }>)].map((i) => i.To_Account).sort()).toEqual([...others].sort());
    // Tencent takes 0 (dobyte/tencent-im's suite sends it against Tencent): a default page (100).
    const zero = await sns('black_list_get', { From_Account: a, StartIndex: 0, MaxLimited: 0 });
    expect(zero).toMatchObject({ ErrorCode: 0, StartIndex: 0 });
    expect(zero.BlackListItem).toHaveLength(5);
    expect(await sns('black_list_get', { From_Account: a, StartIndex: 0, MaxLimited: -1 })).toMatchObject({ ErrorCode: 30001 });
    expect(await sns('black_list_get', { From_Account: a, StartIndex: 0 })).toMatchObject({ ErrorCode: 30001 });
  });

  it('at most 1,000 blocked accounts (30013), and To_Account lists of at most 1000', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    await db.send(new UpdateCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${a}`, sk: 'SNS' }, UpdateExpression: 'SET blockCount = :n', ExpressionAttributeValues: { ':n': 999 } }));
    expect(codes(await block(a, [b, c]))).toEqual([0, 30013]);
    expect(await item(a, `B#${c}`)).toBeUndefined();
    expect(await block(a, Array.from({ length: 1001 }, (_, i) => `x${i}`))).toMatchObject({ ErrorCode: 30001 });
    // Several accounts share a transaction; when it would pass the limit, each account is retried alone.
    const d = await user();
    const others = await Promise.all(Array.from({ length: 6 }, () => user()));
    await add(d, [others[5]!]);
    await db.send(new UpdateCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${d}`, sk: 'SNS' }, UpdateExpression: 'SET blockCount = :n', ExpressionAttributeValues: { ':n': 996 } }));
    expect(codes(await block(d, others))).toEqual([0, 0, 0, 0, 30013, 30013]);
    expect((await item(d, 'SNS'))).toMatchObject({ blockCount: 1000, friendCount: 1 });
    expect(await friendRelation(d, others[5]!)).toBe('CheckResult_Type_BothWay');
  });

  it('blocklist.add, blocklist.list and blocklist.delete over the WebSocket', async () => {
    const [me, other] = [uniqueId(), await user()];
    const client = await connect(stack, me);
    expect((await client.request('blocklist.add', { To_Account: [other] })).data).toEqual({ ResultItem: [{ To_Account: other, ResultCode: 0, ResultInfo: '' }] });
    expect((await client.request('blocklist.list')).data).toMatchObject({ BlackListItem: [{ To_Account: other }], StartIndex: 0, CurruentSequence: 1 });
    expect((await client.request('blocklist.delete', { To_Account: [other] })).data).toMatchObject({ ResultItem: [{ ResultCode: 0 }] });
    expect((await client.request('blocklist.list')).data).toMatchObject({ BlackListItem: [], CurruentSequence: 2 });
    expect(await client.request('blocklist.add', { To_Account: [] })).toMatchObject({ ErrorCode: 30001 });
    await client.close();
  });
});

describe('what messaging asks', () => {
  it('isBlocked and isFriend are one GetItem each on the B#/F# items the sns feature writes', async () => {
    const checks = new DynamoRelationshipChecks(db, stack.tableNames.IM_TABLE_USERS!);
    const [a, b, c] = [await user(), await user(), await user()];
    await add(a, [b], { AddType: 'Add_Type_Single' });
    expect([await checks.isFriend(a, b), await checks.isFriend(b, a)]).toEqual([true, false]);
    await block(b, [a]);
    expect([await checks.isBlocked(b, a), await checks.isBlocked(a, b)]).toEqual([true, false]);
    expect(await checks.isFriend(a, b)).toBe(false);
    await add(a, [c]);
    expect([await checks.isFriend(a, c), await checks.isFriend(c, a)]).toEqual([true, true]);
    await sns('black_list_delete', { From_Account: b, To_Account: [a] });
    expect(await checks.isBlocked(b, a)).toBe(false);
  });
});

describe('account_delete', () => {
  it('removes the peers\' friend items and friend requests before the purge, with their counters', async () => {
    const [gone, twoWay, follower, asked, asking] = [await user(), await user(), await user(), await user('AllowType_Type_NeedConfirm'), await user()];
    await add(gone, [twoWay]);
    await add(follower, [gone], { AddType: 'Add_Type_Single' });
    await add(gone, [asked]);
    await rest(stack, 'profile/portrait_set', { From_Account: gone, ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_NeedConfirm' }] });
    expect(codes(await add(asking, [gone]))).toEqual([30539]);
    expect(await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: gone }] })).toMatchObject({ ResultItem: [{ ResultCode: 0 }] });
    expect(await partition(gone)).toEqual(['ACCOUNT']);
    expect(await partition(twoWay)).toEqual(['ACCOUNT', 'PROFILE', 'SNS']);
    expect(await partition(follower)).toEqual(['ACCOUNT', 'PROFILE', 'SNS']);
    expect(await partition(asked)).toEqual(['ACCOUNT', 'PROFILE']);
    expect(await partition(asking)).toEqual(['ACCOUNT', 'PROFILE', 'SNS']);
    expect((await item(twoWay, 'SNS'))?.friendCount).toBe(0);
    expect((await item(follower, 'SNS'))?.friendCount).toBe(0);
    expect((await item(asking, 'SNS'))?.pendingCount).toBe(0);
    const services = allServicesFromEnv(process.env);
    expect(await services.sns.listFriends(follower)).toEqual([]);
  });
});
