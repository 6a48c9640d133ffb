import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest, type TencentReply } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { OK_REPLY, startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let receiver: WebhookReceiver;

const item = async (userId: string, sk: string) =>
  (await db.send(new GetCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${userId}`, sk } }))).Item;
const partition = async (userId: string) =>
  ((await db.send(new QueryCommand({ TableName: stack.tableNames.IM_TABLE_USERS, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `U#${userId}` } }))).Items ?? [])
    .map((i) => String(i.sk)).filter((sk) => sk !== 'ACCOUNT' && sk !== 'PROFILE');
const setCounter = (userId: string, field: string, value: number) => db.send(new UpdateCommand({
  TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${userId}`, sk: 'SNS' },
  UpdateExpression: 'SET #f = :v', ExpressionAttributeNames: { '#f': field }, ExpressionAttributeValues: { ':v': value },
}));
const sns = (command: string, body: unknown) => rest(stack, `sns/${command}`, body);
async function user(allowType?: string, extra: Array<{ Tag: string; Value: unknown }> = []): Promise<string> {
  const id = uniqueId();
  await rest(stack, 'im_open_login_svc/account_import', { UserID: id, Nick: `nick-${id}` });
  const items = [...(allowType ? [{ Tag: 'Tag_Profile_IM_AllowType', Value: allowType }] : []), ...extra];
  if (items.length > 0) expect(await rest(stack, 'profile/portrait_set', { From_Account: id, ProfileItem: items })).toMatchObject({ ErrorCode: 0 });
  return id;
}
const ANY = 'AllowType_Type_AllowAny';
const add = (from: string, to: string[], extra: Record<string, unknown> = {}) =>
  sns('friend_add', { From_Account: from, AddFriendItem: to.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Test' })), ...extra });
const relation = async (from: string, to: string) =>
  ((await sns('friend_check', { From_Account: from, To_Account: [to], CheckType: 'CheckResult_Type_Both' })).InfoItem as Array<{ Relation: string }>)[0]!.Relation;
const codes = (reply: TencentReply) => (reply.ResultItem as Array<{ ResultCode: number }>).map((r) => r.ResultCode);
async function callbacks(command: string, about: string, count = 1): Promise<ReceivedCallback[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await stack.sqs.idle();
    const mine = receiver.requests.filter((r) => r.query.CallbackCommand === command && r.rawBody.includes(`"${about}"`));
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: receiver.url, commands: ['Sns.CallbackPrevFriendAdd', 'Sns.CallbackPrevFriendResponse', 'Sns.CallbackFriendAdd', 'Sns.CallbackFriendDelete'] },
    sns: { customTags: [{ key: 'Level', type: 'integer' }, { key: 'Note', maxBytes: 5 }, { key: 'App', read: ['app'], write: ['app'] }] },
  });
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});
beforeEach(() => receiver.replyWith({ json: OK_REPLY }));

describe('sns/friend_add', () => {
  it('AllowAny adds both ways at once: items per direction, events to both, Sns.CallbackFriendAdd, no PrevFriendAdd over REST', async () => {
    const [a, b] = [await user(), await user(ANY)];
    const [ca, cb] = [await connect(stack, a), await connect(stack, b)];
    const reply = await sns('friend_add', {
      From_Account: a, AddFriendItem: [{ To_Account: b, Remark: 'bee', GroupName: 'mates', AddSource: 'AddSource_Type_Android', AddWording: 'hi' }],
    });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', ResultItem: [{ To_Account: b, ResultCode: 0, ResultInfo: '' }] });
    expect(await relation(a, b)).toBe('CheckResult_Type_BothWay');
    expect(await item(a, `F#${b}`)).toMatchObject({ Tag_SNS_IM_Remark: 'bee', Tag_SNS_IM_Group: ['mates'], Tag_SNS_IM_AddSource: 'AddSource_Type_Android', Tag_SNS_IM_AddWording: 'hi' });
    expect(await item(b, `F#${a}`)).toMatchObject({ Tag_SNS_IM_AddSource: 'AddSource_Type_Android' });
    const pairs = [{ From_Account: a, To_Account: b }, { From_Account: b, To_Account: a }];
    expect((await ca.event('friend.added')).data).toEqual({ PairList: pairs });
    expect((await cb.event('friend.added')).data).toEqual({ PairList: pairs });
    const [cbk] = await callbacks('Sns.CallbackFriendAdd', a);
    expect(cbk!.body).toMatchObject({
      PairList: pairs.map((p) => ({ ...p, Initiator_Account: a })), ClientCmd: 'friend_add', Admin_Account: 'administrator', ForceFlag: 0,
    });
    expect(await callbacks('Sns.CallbackPrevFriendAdd', a, 0)).toHaveLength(0);
    await Promise.all([ca.close(), cb.close()]);
  });

  it('Add_Type_Single adds one direction only', async () => {
    const [a, b] = [await user(), await user(ANY)];
    expect(codes(await add(a, [b], { AddType: 'Add_Type_Single' }))).toEqual([0]);
    expect(await relation(a, b)).toBe('CheckResult_Type_AWithB');
    expect(await relation(b, a)).toBe('CheckResult_Type_BWithA');
    expect((await sns('friend_check', { From_Account: a, To_Account: [b], CheckType: 'CheckResult_Type_Single' })).InfoItem)
      .toEqual([{ To_Account: b, Relation: 'CheckResult_Type_AWithB', ResultCode: 0, ResultInfo: '' }]);
    // Adding again both ways completes the missing direction; a third time is a duplicate.
    expect(codes(await add(a, [b]))).toEqual([0]);
    expect(await relation(a, b)).toBe('CheckResult_Type_BothWay');
    expect(codes(await add(a, [b]))).toEqual([30001]);
  });

  it('NeedConfirm (the default) creates a pending request (30539) the target sees and accepts over the WebSocket', async () => {
    const [a, b] = [await user(), await user()];
    const [ca, cb] = [await connect(stack, a), await connect(stack, b)];
    const reply = await sns('friend_add', { From_Account: a, AddFriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_Web', AddWording: 'please', Remark: 'r' }] });
    expect(reply).toMatchObject({ ErrorCode: 0, ResultItem: [{ To_Account: b, ResultCode: 30539 }], Fail_Account: [b] });
    expect(await relation(a, b)).toBe('CheckResult_Type_NoRelation');
    expect((await cb.event('friend.request')).data).toMatchObject({ From_Account: a, To_Account: b, AddWording: 'please', AddSource: 'AddSource_Type_Web', AddType: 'Add_Type_Both' });
    expect((await cb.request('friend.requests')).data).toMatchObject({ PendencyItem: [{ Type: 'Pendency_Type_ComeIn', From_Account: a, AddWording: 'please' }] });
    expect((await ca.request('friend.requests')).data).toMatchObject({ PendencyItem: [{ Type: 'Pendency_Type_SendOut', To_Account: b }] });
    expect(await cb.request('friend.respond', { To_Account: a, ResponseAction: 'Response_Action_AgreeAndAdd', Remark: 'from b' })).toMatchObject({ ErrorCode: 0 });
    expect(await relation(a, b)).toBe('CheckResult_Type_BothWay');
    expect(await item(a, `F#${b}`)).toMatchObject({ Tag_SNS_IM_Remark: 'r', Tag_SNS_IM_AddWording: 'please' });
    expect(await item(b, `F#${a}`)).toMatchObject({ Tag_SNS_IM_Remark: 'from b' });
    expect((await ca.event('friend.response')).data).toEqual({ From_Account: b, To_Account: a, ResponseAction: 'Response_Action_AgreeAndAdd' });
    expect((await ca.event('friend.added')).data).toMatchObject({ PairList: expect.arrayContaining([{ From_Account: a, To_Account: b }]) });
    expect((await cb.request('friend.requests')).data).toEqual({ PendencyItem: [], UnreadPendencyCount: 0 });
    expect(await partition(a)).not.toContain(`RS#${b}`);
    expect((await item(a, 'SNS'))?.pendingCount).toBe(0);
    const [prev] = await callbacks('Sns.CallbackPrevFriendResponse', b);
    expect(prev!.body).toMatchObject({ Requester_Account: b, ResponseFriendItem: [{ To_Account: a, ResponseAction: 'Response_Action_AgreeAndAdd' }] });
    const added = (await callbacks('Sns.CallbackFriendAdd', b)).find((r) => (r.body as { ClientCmd?: string }).ClientCmd === 'friend_response');
    expect(added!.body).toMatchObject({ PairList: [{ From_Account: a, To_Account: b, Initiator_Account: a }, { From_Account: b, To_Account: a, Initiator_Account: a }], ForceFlag: 0 });
    await Promise.all([ca.close(), cb.close()]);
  });

  it('Agree adds the target to the requester only; Reject adds nothing; answering twice is 30614', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    await add(a, [b]);
    await add(c, [b]);
    const cb = await connect(stack, b);
    expect(await cb.request('friend.respond', { To_Account: a, ResponseAction: 'Response_Action_Agree' })).toMatchObject({ ErrorCode: 0 });
    expect(await relation(a, b)).toBe('CheckResult_Type_AWithB');
    expect(await cb.request('friend.respond', { To_Account: c, ResponseAction: 'Response_Action_Reject' })).toMatchObject({ ErrorCode: 0 });
    // Found by the fuzz run (seed 77194): a To_Account no UserID can be answered 70500 (DynamoDB refused the key).
    expect(await cb.request('friend.respond', { To_Account: 'x'.repeat(2100), ResponseAction: 'Response_Action_Agree' })).toMatchObject({ ErrorCode: 30001 });
    expect(await relation(c, b)).toBe('CheckResult_Type_NoRelation');
    expect(await cb.request('friend.respond', { To_Account: c, ResponseAction: 'Response_Action_Reject' })).toMatchObject({ ErrorCode: 30614 });
    expect(await cb.request('friend.respond', { To_Account: c, ResponseAction: 'Maybe' })).toMatchObject({ ErrorCode: 30001, ErrorInfo: expect.stringContaining('ResponseAction') });
    expect((await item(c, 'SNS'))?.pendingCount).toBe(0);
    await cb.close();
  });

  it('DenyAny refuses (30516) unless ForceAddFlags; AdminForbid_Type_SendOut refuses (30009) unless forced', async () => {
    const [a, deny] = [await user(), await user('AllowType_Type_DenyAny')];
    expect(codes(await add(a, [deny]))).toEqual([30516]);
    expect(codes(await add(a, [deny], { ForceAddFlags: 1 }))).toEqual([0]);
    const forbidden = await user(undefined, [{ Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'AdminForbid_Type_SendOut' }]);
    const open = await user(ANY);
    expect(codes(await add(forbidden, [open]))).toEqual([30009]);
    expect(await partition(forbidden)).toEqual([]);
    expect(codes(await add(forbidden, [open], { ForceAddFlags: 1 }))).toEqual([0]);
  });

  it('reports bad items one by one and writes only the good ones', async () => {
    const [a, b] = [await user(), await user(ANY)];
    const reply = await sns('friend_add', { From_Account: a, AddFriendItem: [
      { To_Account: a, AddSource: 'AddSource_Type_X' },
      { To_Account: 'nobody-known', AddSource: 'AddSource_Type_X' },
      { To_Account: b, AddSource: 'AddSource_Type_X' },
      { To_Account: b, AddSource: 'AddSource_Type_X' },
      { To_Account: 'z'.repeat(33), AddSource: 'AddSource_Type_X' },
    ] });
    expect(codes(reply)).toEqual([30001, 30003, 0, 30001, 30001]);
    expect(reply.Fail_Account).toEqual([a, 'nobody-known', b, 'z'.repeat(33)]);
    expect(await partition(a)).toEqual([`F#${b}`, `FB#${b}`, 'SNS']);
  });

  it.each([
    ['an AddSource without the prefix', { AddSource: 'Android' }],
    ['an AddSource keyword over 8 letters', { AddSource: 'AddSource_Type_Abcdefghi' }],
    ['an AddWording over 256 bytes', { AddWording: 'w'.repeat(257) }],
    ['a Remark over 96 bytes', { Remark: 'r'.repeat(97) }],
    ['a GroupName over 30 bytes', { GroupName: 'g'.repeat(31) }],
  ])('refuses %s with 30001 and writes nothing', async (_name, fields) => {
    const [a, b] = [await user(), await user(ANY)];
    const reply = await sns('friend_add', { From_Account: a, AddFriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_Ok', ...fields }] });
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorDisplay: '' });
    expect(await partition(a)).toEqual([]);
  });

  it('accepts the limits exactly: Remark of 96 bytes, AddWording of 256 bytes, 100 items; refuses 101 items and an unknown From_Account', async () => {
    const [a, b] = [await user(), await user(ANY)];
    expect(codes(await sns('friend_add', { From_Account: a, AddFriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_Abcdefgh', Remark: '啊'.repeat(32), AddWording: 'w'.repeat(256) }] }))).toEqual([0]);
    const many = Array.from({ length: 101 }, (_, i) => ({ To_Account: `x${i}`, AddSource: 'AddSource_Type_X' }));
    expect(await sns('friend_add', { From_Account: a, AddFriendItem: many })).toMatchObject({ ErrorCode: 30001 });
    expect(codes(await sns('friend_add', { From_Account: a, AddFriendItem: many.slice(0, 100) })).every((c) => c === 30003)).toBe(true);
    expect(await add('never-imported', [b])).toMatchObject({ ErrorCode: 30003 });
  });
});

describe('limits', () => {
  it('3,000 friends: 30010 for oneself, 30014 for the peer, and nothing half-written', async () => {
    const [a, b, c] = [await user(), await user(ANY), await user(ANY)];
    await setCounter(a, 'friendCount', 2999);
    expect(codes(await add(a, [b], { AddType: 'Add_Type_Single' }))).toEqual([0]);
    expect(codes(await add(a, [c], { AddType: 'Add_Type_Single' }))).toEqual([30010]);
    expect(await item(a, `F#${c}`)).toBeUndefined();
    const d = await user(ANY);
    await setCounter(d, 'friendCount', 3000);
    const e = await user();
    expect(codes(await add(e, [d]))).toEqual([30014]);
    expect(await partition(e)).toEqual([]);
    expect(codes(await add(e, [d], { AddType: 'Add_Type_Single' }))).toEqual([0]);
  });

  it('friend_import stops exactly at 3,000 friends, reporting 30010 per item', async () => {
    const a = await user();
    const peers = [await user(), await user(), await user()];
    await setCounter(a, 'friendCount', 2998);
    const reply = await sns('friend_import', { From_Account: a, AddFriendItem: peers.map((p) => ({ To_Account: p, AddSource: 'AddSource_Type_Imp' })) });
    expect(codes(reply)).toEqual([0, 0, 30010]);
    expect((await item(a, 'SNS'))?.friendCount).toBe(3000);
    expect(await item(a, `F#${peers[2]}`)).toBeUndefined();
  });

  it('keeps the friend counter exact under concurrent adds', async () => {
    const a = await user();
    const peers = await Promise.all(Array.from({ length: 12 }, () => user(ANY)));
    await setCounter(a, 'friendCount', 2995);
    const replies = await Promise.all(peers.map((p) => add(a, [p], { AddType: 'Add_Type_Single' })));
    const results = replies.flatMap(codes);
    expect(results.filter((c) => c === 0)).toHaveLength(5);
    expect(results.filter((c) => c !== 0).every((c) => c === 30010 || c === 30008)).toBe(true);
    expect((await item(a, 'SNS'))?.friendCount).toBe(3000);
    expect((await partition(a)).filter((sk) => sk.startsWith('F#'))).toHaveLength(5);
  });

  it('100 pending requests (30012); expired ones stop counting', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    await setCounter(a, 'pendingCount', 99);
    expect(codes(await add(a, [b]))).toEqual([30539]);
    expect(codes(await add(a, [c]))).toEqual([30012]);
    // Repeating a pending request refreshes it without counting it twice.
    expect(codes(await add(a, [b]))).toEqual([30539]);
    expect((await item(a, 'SNS'))?.pendingCount).toBe(100);
    await db.send(new UpdateCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${a}`, sk: `RS#${b}` }, UpdateExpression: 'SET expiresAt = :t', ExpressionAttributeValues: { ':t': 1 } }));
    expect(codes(await add(a, [c]))).toEqual([30539]);
    expect((await item(a, 'SNS'))?.pendingCount).toBe(100);
    expect(await item(a, `RS#${b}`)).toBeUndefined();
  });
});

describe('more limits and edges', () => {
  it('a GroupName past 32 lists fails its item with 30011 and writes nothing for it', async () => {
    const [a, b, c] = [await user(), await user(ANY), await user(ANY)];
    expect(await sns('group_add', { From_Account: a, GroupName: Array.from({ length: 32 }, (_, i) => `l${i}`) })).toMatchObject({ ErrorCode: 0 });
    const reply = await sns('friend_add', { From_Account: a, AddFriendItem: [
      { To_Account: b, AddSource: 'AddSource_Type_X', GroupName: 'l3' }, { To_Account: c, AddSource: 'AddSource_Type_X', GroupName: 'new' },
    ] });
    expect(codes(reply)).toEqual([0, 30011]);
    expect((await item(a, `F#${b}`))?.Tag_SNS_IM_Group).toEqual(['l3']);
    expect(await item(a, `F#${c}`)).toBeUndefined();
  });

  it('batch sizes: friend_delete and black_list_* take 1000 accounts, friend_get_list 100', async () => {
    const a = await user();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);
    expect(await sns('friend_delete', { From_Account: a, To_Account: ids(1001) })).toMatchObject({ ErrorCode: 30001 });
    expect(codes(await sns('friend_delete', { From_Account: a, To_Account: ids(1000) })).every((c) => c === 31704)).toBe(true);
    expect(await sns('friend_get_list', { From_Account: a, To_Account: ids(101), TagList: ['Tag_SNS_IM_Remark'] })).toMatchObject({ ErrorCode: 30001 });
    expect(await sns('friend_get_list', { From_Account: a, To_Account: ids(100), TagList: ['Tag_SNS_IM_Remark'] })).toMatchObject({ ErrorCode: 0 });
    expect(await sns('friend_update', { From_Account: a, UpdateItem: [] })).toMatchObject({ ErrorCode: 30001 });
  });

  it('an expired request is not listed and cannot be answered (30614)', async () => {
    const [a, b] = [await user(), await user()];
    expect(codes(await add(a, [b]))).toEqual([30539]);
    await db.send(new UpdateCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${b}`, sk: `RQ#${a}` }, UpdateExpression: 'SET expiresAt = :t', ExpressionAttributeValues: { ':t': Date.now() - 1 } }));
    const cb = await connect(stack, b);
    expect((await cb.request('friend.requests')).data).toEqual({ PendencyItem: [], UnreadPendencyCount: 0 });
    expect(await cb.request('friend.respond', { To_Account: a, ResponseAction: 'Response_Action_Agree' })).toMatchObject({ ErrorCode: 30614 });
    await cb.close();
  });

  it('friend.requests.delete drops a request to or from the caller at both ends without an answer; friend.requests.read zeroes UnreadPendencyCount', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    expect(codes(await add(a, [b]))).toEqual([30539]);
    expect(codes(await add(c, [b]))).toEqual([30539]);
    const [ca, cb, cb2] = [await connect(stack, a), await connect(stack, b, { platform: 'Web', instance: 'one' }), await connect(stack, b, { platform: 'Android', instance: 'two' })];
    expect((await cb.request('friend.requests')).data).toMatchObject({ UnreadPendencyCount: 2 });

    expect((await cb.request('friend.requests.read')).data).toEqual({ ReadTime: expect.any(Number) });
    expect((await cb2.event('friend.requests.read')).data).toEqual({ ReadTime: expect.any(Number) });
    expect((await cb.request('friend.requests')).data).toMatchObject({ UnreadPendencyCount: 0 });
    // A newer request is unread again; the read ones stay listed.
    await new Promise((r) => setTimeout(r, 5));
    const d = await user();
    expect(codes(await add(d, [b]))).toEqual([30539]);
    const listed = (await cb.request('friend.requests')).data as { PendencyItem: unknown[]; UnreadPendencyCount: number };
    expect([listed.PendencyItem.length, listed.UnreadPendencyCount]).toEqual([3, 1]);

    // The target deletes a request to it: gone at both ends, the requester's pending count back, no friend.response.
    expect(await cb.request('friend.requests.delete', { To_Account: a, Type: 'Pendency_Type_ComeIn' })).toMatchObject({ ErrorCode: 0, data: {} });
    expect((await ca.event('friend.request.deleted')).data).toEqual({ From_Account: a, To_Account: b });
    expect(await partition(a)).not.toContain(`RS#${b}`);
    expect(await partition(b)).not.toContain(`RQ#${a}`);
    expect((await item(a, 'SNS'))?.pendingCount).toBe(0);
    expect(ca.events.some((e) => e.event === 'friend.response')).toBe(false);
    expect(await relation(a, b)).toBe('CheckResult_Type_NoRelation');
    // The requester withdraws its own.
    const cc = await connect(stack, c);
    expect(await cc.request('friend.requests.delete', { To_Account: b, Type: 'Pendency_Type_SendOut' })).toMatchObject({ ErrorCode: 0 });
    // Both ends hear of each deletion (b heard of its own one above too).
    expect((await cb.waitFor<{ data: unknown }>((f) => f.event === 'friend.request.deleted' && (f.data as { From_Account: string }).From_Account === c)).data).toEqual({ From_Account: c, To_Account: b });
    expect((await cb.request('friend.requests')).data).toMatchObject({ PendencyItem: [{ From_Account: d }], UnreadPendencyCount: 1 });

    expect(await cb.request('friend.requests.delete', { To_Account: a, Type: 'Pendency_Type_ComeIn' })).toMatchObject({ ErrorCode: 30614 });
    expect(await cb.request('friend.requests.delete', { To_Account: d, Type: 'Pendency_Type_SendOut' })).toMatchObject({ ErrorCode: 30614 });
    expect(await cb.request('friend.requests.delete', { To_Account: d, Type: 'Pendency_Type_Both' })).toMatchObject({ ErrorCode: 30001 });
    expect(await cb.request('friend.requests.delete', { Type: 'Pendency_Type_ComeIn' })).toMatchObject({ ErrorCode: 30001 });
    await Promise.all([ca, cb, cb2, cc].map((x) => x.close()));
  });

  it('a request the target already answered by adding the requester needs no confirmation', async () => {
    const [a, b] = [await user(), await user()];
    expect(codes(await add(a, [b]))).toEqual([30539]);
    // b adds a back (a needs confirmation too): b's pending request from a makes it an acceptance.
    expect(codes(await add(b, [a]))).toEqual([0]);
    expect(await relation(a, b)).toBe('CheckResult_Type_BothWay');
    expect(await partition(a)).not.toContain(`RS#${b}`);
    expect((await item(a, 'SNS'))?.pendingCount).toBe(0);
  });
});

describe('WebSocket friend.add and the before-callbacks', () => {
  it('friend.add asks Sns.CallbackPrevFriendAdd, and a per-target refusal in 38000-39000 reaches the client', async () => {
    const [a, b, c] = [uniqueId(), await user(ANY), await user()];
    const ca = await connect(stack, a, { platform: 'Android' });
    receiver.replyWith({ json: { ...OK_REPLY, ResultItem: [{ To_Account: b, ResultCode: 38001, ResultInfo: 'not today' }] } });
    expect(await ca.request('friend.add', { To_Account: b, AddSource: 'AddSource_Type_App' })).toMatchObject({ ErrorCode: 38001, ErrorInfo: 'not today' });
    const [prev] = await callbacks('Sns.CallbackPrevFriendAdd', a);
    expect(prev!.query.OptPlatform).toBe('Android');
    expect(prev!.body).toMatchObject({ Requester_Account: a, From_Account: a, FriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_App' }], AddType: 'Add_Type_Both', ForceAddFlags: 0 });
    expect(await relation(a, b)).toBe('CheckResult_Type_NoRelation');
    // A backend failure (non-zero ErrorCode) lets the request through, as Tencent does by default.
    receiver.replyWith({ json: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'down' } });
    expect(await ca.request('friend.add', { To_Account: b, AddSource: 'AddSource_Type_App' })).toMatchObject({ ErrorCode: 0, data: { Result: 'Added' } });
    receiver.replyWith({ json: OK_REPLY });
    expect(await ca.request('friend.add', { To_Account: c, AddSource: 'AddSource_Type_App' })).toMatchObject({ ErrorCode: 0, data: { Result: 'Pending' } });
    expect(await ca.request('friend.add', { To_Account: c, AddSource: 'bad' })).toMatchObject({ ErrorCode: 30001, ErrorInfo: expect.stringContaining('AddSource') });
    await ca.close();
  });

  it('friend.list, friend.delete and profile.changed reach the user and friends online', async () => {
    const [a, b] = [uniqueId(), await user(ANY)];
    const [ca, cb] = [await connect(stack, a), await connect(stack, b)];
    await ca.request('friend.add', { To_Account: b, AddSource: 'AddSource_Type_App' });
    expect((await ca.request('friend.list')).data).toMatchObject({ UserDataItem: [{ To_Account: b }], FriendNum: 1, CompleteFlag: 1 });
    expect(await ca.request('profile.set', { ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'new nick' }] })).toMatchObject({ ErrorCode: 0 });
    expect((await cb.event('profile.changed')).data).toEqual({ From_Account: a, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'new nick' }] });
    expect(ca.events.filter((e) => e.event === 'profile.changed')).toHaveLength(0);
    expect((await ca.request('friend.delete', { To_Account: [b], DeleteType: 'Delete_Type_Both' })).data).toEqual({ ResultItem: [{ To_Account: b, ResultCode: 0, ResultInfo: '' }] });
    expect((await cb.event('friend.deleted')).data).toEqual({ PairList: [{ From_Account: a, To_Account: b }, { From_Account: b, To_Account: a }] });
    expect(await relation(a, b)).toBe('CheckResult_Type_NoRelation');
    await Promise.all([ca.close(), cb.close()]);
  });
});
