// Friend commands besides adding (import, update, delete, check, get, get_list) and friend lists; friend_add and limits are in sns-friends.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
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
    sns: { customTags: [{ key: 'Level', type: 'integer' }, { key: 'Note', maxBytes: 5 }, { key: 'App', read: ['app'], write: ['app'] }, { key: 'Admin', write: ['admin'] }] },
  });
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});
beforeEach(() => receiver.replyWith({ json: OK_REPLY }));

describe('other friend commands', () => {
  it('friend_import writes one-way friends with lists and custom fields, without callbacks; friend_get_list reads sns and profile tags', async () => {
    const [a, b] = [await user(), await user()];
    const reply = await sns('friend_import', { From_Account: a, AddFriendItem: [{
      To_Account: b, Remark: 'imp', GroupName: ['one', 'two'], AddSource: 'AddSource_Type_Import', AddWording: 'w', AddTime: 1700000000,
      CustomItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: 7 }],
    }, { To_Account: 'nobody-known', AddSource: 'AddSource_Type_Import' }] });
    expect(codes(reply)).toEqual([0, 30003]);
    expect(await relation(a, b)).toBe('CheckResult_Type_AWithB');
    const list = await sns('friend_get_list', { From_Account: a, To_Account: [b, 'stranger'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_IM_AddTime', 'Tag_SNS_Custom_Level', 'Tag_SNS_Custom_Note', 'Tag_Profile_IM_Nick'] });
    expect(list.InfoItem).toEqual([
      { To_Account: b, ResultCode: 0, ResultInfo: '', SnsProfileItem: [
        { Tag: 'Tag_SNS_IM_Remark', Value: 'imp' }, { Tag: 'Tag_SNS_IM_Group', Value: ['one', 'two'] }, { Tag: 'Tag_SNS_IM_AddTime', Value: 1700000000 },
        { Tag: 'Tag_SNS_Custom_Level', Value: 7 }, { Tag: 'Tag_SNS_Custom_Note', Value: '' }, { Tag: 'Tag_Profile_IM_Nick', Value: `nick-${b}` },
      ] },
      { To_Account: 'stranger', ResultCode: 31704, ResultInfo: expect.any(String) },
    ]);
    expect(list.Fail_Account).toEqual(['stranger']);
    expect(await sns('friend_get_list', { From_Account: a, To_Account: [b], TagList: ['Tag_SNS_Custom_Nope'] })).toMatchObject({ ErrorCode: 30001 });
    expect(await callbacks('Sns.CallbackFriendAdd', a, 0)).toHaveLength(0);
    expect((await sns('group_get', { From_Account: a })).ResultItem).toEqual([{ GroupName: 'one', FriendNumber: 1 }, { GroupName: 'two', FriendNumber: 1 }]);
  });

  it('friend_update changes remark, lists and custom fields per friend; bad values fail only their item', async () => {
    const [a, b, c] = [await user(), await user(ANY), await user(ANY)];
    await add(a, [b, c]);
    const reply = await sns('friend_update', { From_Account: a, UpdateItem: [
      { To_Account: b, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'x'.repeat(96) }, { Tag: 'Tag_SNS_IM_Group', Value: ['g1', 'g2'] }, { Tag: 'Tag_SNS_Custom_Note', Value: 'abcde' }] },
      { To_Account: c, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'ok' }, { Tag: 'Tag_SNS_IM_Remark', Value: 'x'.repeat(97) }] },
      { To_Account: 'stranger', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'r' }] },
    ] });
    expect(codes(reply)).toEqual([0, 30001, 31704]);
    expect(await item(a, `F#${b}`)).toMatchObject({ Tag_SNS_IM_Remark: 'x'.repeat(96), Tag_SNS_IM_Group: ['g1', 'g2'], Tag_SNS_Custom_Note: 'abcde' });
    expect((await item(a, `F#${c}`))?.Tag_SNS_IM_Remark).toBeUndefined();
    const more = await sns('friend_update', { From_Account: a, UpdateItem: [
      { To_Account: b, SnsItem: [{ Tag: 'Tag_SNS_Custom_Note', Value: 'abcdef' }] },
      { To_Account: c, SnsItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: 'high' }] },
      { To_Account: c, SnsItem: [{ Tag: 'Tag_SNS_Custom_Unknown', Value: 1 }] },
      { To_Account: c, SnsItem: [{ Tag: 'Tag_SNS_Custom_App', Value: 'x' }] },
    ] });
    expect(codes(more)).toEqual([30001, 30001, 30001, 30001]);
    expect((more.ResultItem as Array<{ ResultInfo: string }>)[3]!.ResultInfo).toContain('not writable');
    expect(await sns('friend_get_list', { From_Account: a, To_Account: [b], TagList: ['Tag_SNS_Custom_App'] })).toMatchObject({ ErrorCode: 30001 });
  });

  it('friend_delete one way and both ways, 31704 for a non-friend, Sns.CallbackFriendDelete; friend_delete_all', async () => {
    const [a, b, c, d] = [await user(), await user(ANY), await user(ANY), await user(ANY)];
    await add(a, [b, c, d]);
    const reply = await sns('friend_delete', { From_Account: a, To_Account: [b, 'stranger'] });
    expect(codes(reply)).toEqual([0, 31704]);
    expect(await relation(a, b)).toBe('CheckResult_Type_BWithA');
    expect(codes(await sns('friend_delete', { From_Account: a, To_Account: [c], DeleteType: 'Delete_Type_Both' }))).toEqual([0]);
    expect(await relation(a, c)).toBe('CheckResult_Type_NoRelation');
    const [cbk] = await callbacks('Sns.CallbackFriendDelete', c);
    expect(cbk!.body).toMatchObject({ PairList: [{ From_Account: a, To_Account: c }, { From_Account: c, To_Account: a }] });
    expect(await sns('friend_delete_all', { From_Account: a, DeleteType: 'Delete_Type_Both' })).toMatchObject({ ErrorCode: 0 });
    expect(await relation(a, d)).toBe('CheckResult_Type_NoRelation');
    expect(await relation(a, b)).toBe('CheckResult_Type_NoRelation');
    expect((await item(a, 'SNS'))?.friendCount).toBe(0);
    expect((await item(b, 'SNS'))?.friendCount).toBe(0);
  });

  it('friend_get pages by 100 with StartIndex/NextStartIndex and CompleteFlag', async () => {
    const a = await user();
    const peers = Array.from({ length: 105 }, () => uniqueId());
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: peers.slice(0, 100) });
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: peers.slice(100) });
    for (let i = 0; i < peers.length; i += 100) {
      expect(codes(await sns('friend_import', { From_Account: a, AddFriendItem: peers.slice(i, i + 100).map((p) => ({ To_Account: p, AddSource: 'AddSource_Type_Imp' })) })).every((c) => c === 0)).toBe(true);
    }
    const first = await sns('friend_get', { From_Account: a, StartIndex: 0 });
    expect(first).toMatchObject({ ErrorCode: 0, FriendNum: 105, CompleteFlag: 0, NextStartIndex: 100, StandardSequence: 105 });
    expect(first.UserDataItem).toHaveLength(100);
    const second = await sns('friend_get', { From_Account: a, StartIndex: 100 });
    expect(second).toMatchObject({ FriendNum: 105, CompleteFlag: 1, NextStartIndex: 0 });
    const ids = [...(first.UserDataItem as Array<{ To_Account: string }>), ...(second.UserDataItem as Array<{ To_Account: string }>)].map((u) => u.To_Account);
    expect(new Set(ids)).toEqual(new Set(peers));
    expect((first.UserDataItem as Array<{ ValueItem: Array<{ Tag: string }> }>)[0]!.ValueItem.map((v) => v.Tag)).toContain('Tag_SNS_IM_AddSource');
    expect(await sns('friend_get', { From_Account: a, StartIndex: -1 })).toMatchObject({ ErrorCode: 30001 });
  });

  it('friend_check takes at most 1000 accounts and reports malformed ones per item', async () => {
    const a = await user();
    expect(await sns('friend_check', { From_Account: a, To_Account: Array.from({ length: 1001 }, (_, i) => `c${i}`), CheckType: 'CheckResult_Type_Both' })).toMatchObject({ ErrorCode: 30001 });
    const reply = await sns('friend_check', { From_Account: a, To_Account: ['q'.repeat(33)], CheckType: 'CheckResult_Type_Single' });
    expect(reply).toMatchObject({ InfoItem: [{ ResultCode: 30001, Relation: 'CheckResult_Type_NoRelation' }], Fail_Account: ['q'.repeat(33)] });
    expect(await sns('friend_check', { From_Account: a, To_Account: ['x'], CheckType: 'Both' })).toMatchObject({ ErrorCode: 30001 });
  });
  it('friend_update, friend_get_list and group_add answer an impossible To_Account per item with 30001, like the other batch commands', async () => {
    const [a, b] = [await user(), await user(ANY)];
    await add(a, [b]);
    const bad = ['', 'q'.repeat(33), 'é'];
    const expected = [0, 30001, 30001, 30001, 31704];
    const update = await sns('friend_update', { From_Account: a, UpdateItem: [b, ...bad, 'stranger'].map((To_Account) => ({ To_Account, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'r' }] })) });
    expect(codes(update)).toEqual(expected);
    expect((update.ResultItem as Array<{ ResultInfo: string }>)[2]!.ResultInfo).toContain('longer than 32 bytes');
    const list = await sns('friend_get_list', { From_Account: a, To_Account: [b, ...bad, 'stranger'], TagList: ['Tag_SNS_IM_Remark'] });
    expect((list.InfoItem as Array<{ ResultCode: number }>).map((i) => i.ResultCode)).toEqual(expected);
    expect(list.Fail_Account).toEqual([...bad, 'stranger']);
    expect(codes(await sns('group_add', { From_Account: a, GroupName: ['bad-ids'], To_Account: [b, ...bad, 'stranger'] }))).toEqual(expected);
  });
});

describe('friend lists (sns/group_*)', () => {
  it('creates lists, puts one friend in several, lists members, deletes lists from every friend', async () => {
    const [a, b, c] = [await user(), await user(ANY), await user(ANY)];
    await add(a, [b, c]);
    const created = await sns('group_add', { From_Account: a, GroupName: ['family', 'work'], To_Account: [b, 'stranger'] });
    expect(created).toMatchObject({ ErrorCode: 0, ResultItem: [{ To_Account: b, ResultCode: 0 }, { To_Account: 'stranger', ResultCode: 31704 }], Fail_Account: ['stranger'], CurrentSequence: 1 });
    await sns('group_add', { From_Account: a, GroupName: ['gym'], To_Account: [b, c] });
    expect(await sns('group_get', { From_Account: a, NeedFriend: 'Need_Friend_Type_Yes' })).toMatchObject({ CurrentSequence: 2, ResultItem: [
      { GroupName: 'family', FriendNumber: 1, To_Account: [b] }, { GroupName: 'work', FriendNumber: 1, To_Account: [b] },
      { GroupName: 'gym', FriendNumber: 2, To_Account: expect.arrayContaining([b, c]) },
    ] });
    expect((await sns('group_get', { From_Account: a, GroupName: ['gym'] })).ResultItem).toEqual([{ GroupName: 'gym', FriendNumber: 2, To_Account: expect.arrayContaining([b, c]) }]);
    expect(await sns('group_add', { From_Account: a, GroupName: ['gym'] })).toMatchObject({ ErrorCode: 30001 });
    expect(await sns('group_delete', { From_Account: a, GroupName: ['gym', 'family'] })).toMatchObject({ ErrorCode: 0, CurrentSequence: 3 });
    expect((await item(a, `F#${b}`))?.Tag_SNS_IM_Group).toEqual(['work']);
    expect((await item(a, `F#${c}`))?.Tag_SNS_IM_Group).toEqual([]);
    expect(await sns('group_delete', { From_Account: a, GroupName: ['gym'] })).toMatchObject({ ErrorCode: 30001 });
  });

  it('at most 32 lists (30011), names of 1-30 bytes (30001)', async () => {
    const a = await user();
    expect(await sns('group_add', { From_Account: a, GroupName: Array.from({ length: 31 }, (_, i) => `l${i}`) })).toMatchObject({ ErrorCode: 0 });
    expect(await sns('group_add', { From_Account: a, GroupName: ['n'.repeat(30)] })).toMatchObject({ ErrorCode: 0 });
    expect(await sns('group_add', { From_Account: a, GroupName: ['one-too-many'] })).toMatchObject({ ErrorCode: 30011 });
    const b = await user();
    expect(await sns('group_add', { From_Account: b, GroupName: ['n'.repeat(31)] })).toMatchObject({ ErrorCode: 30001 });
    expect(await sns('group_add', { From_Account: b, GroupName: [''] })).toMatchObject({ ErrorCode: 30001 });
    expect((await item(b, 'SNS'))).toBeUndefined();
  });
});

describe('caller-scoped WebSocket forms: friend.check, friend.profile, friend.update, friend.groups, friend.groups.change', () => {
  it('act on the caller\'s own friends only, with the REST commands\' fields and codes', async () => {
    const [a, b, c, d] = [await user(ANY), await user(ANY), await user(ANY), await user(ANY)];
    expect(codes(await add(a, [b, c]))).toEqual([0, 0]);
    expect(codes(await add(d, [a], { AddType: 'Add_Type_Single' }))).toEqual([0]);
    const ws = await connect(stack, a);
    const ask = async (action: string, data: Record<string, unknown>) => ws.request(action, data);

    const checked = await ask('friend.check', { To_Account: [b, d, 'nobody-known'] });
    expect(checked.data?.InfoItem).toEqual([
      { To_Account: b, Relation: 'CheckResult_Type_BothWay', ResultCode: 0, ResultInfo: '' },
      { To_Account: d, Relation: 'CheckResult_Type_BWithA', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'nobody-known', Relation: 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' },
    ]);
    expect((await ask('friend.check', { To_Account: [d], CheckType: 'CheckResult_Type_Single' })).data?.InfoItem)
      .toEqual([expect.objectContaining({ Relation: 'CheckResult_Type_NoRelation' })]);

    const updated = await ask('friend.update', { UpdateItem: [{ To_Account: b, Remark: 'bee', GroupName: ['work'] }, { To_Account: d, Remark: 'x' }] });
    expect(updated).toMatchObject({ ErrorCode: 0, data: { Fail_Account: [d] } });
    expect(codes(updated.data as TencentReply)).toEqual([0, 31704]);
    // The user's connections hear which friends changed (d was no friend).
    expect((await ws.event('friend.updated')).data).toEqual({ To_Account: [b] });
    const profile = await ask('friend.profile', { To_Account: [b, d] });
    expect(profile.data).toMatchObject({ Fail_Account: [d], ResultItem: [{ To_Account: b, ResultCode: 0 }, { To_Account: d, ResultCode: 31704 }] });
    const tags = Object.fromEntries(((profile.data!.UserDataItem as Array<{ To_Account: string; ValueItem: Array<{ Tag: string; Value: unknown }> }>)[0]!.ValueItem).map((v) => [v.Tag, v.Value]));
    expect(tags).toMatchObject({ Tag_SNS_IM_Remark: 'bee', Tag_SNS_IM_Group: ['work'], Tag_SNS_IM_AddSource: 'AddSource_Type_Test' });
    // The REST view agrees; b's own side is untouched.
    expect(((await sns('friend_get_list', { From_Account: b, To_Account: [a], TagList: ['Tag_SNS_IM_Remark'] })).InfoItem as Array<{ SnsProfileItem: unknown }>)[0]!.SnsProfileItem)
      .toEqual([{ Tag: 'Tag_SNS_IM_Remark', Value: '' }]);

    const change = (data: Record<string, unknown>) => ask('friend.groups.change', data);
    expect(await change({ GroupName: 'home', Create: 1, To_Account: [c, d] })).toMatchObject({ ErrorCode: 0, data: { Fail_Account: [d] } });
    // Every connection of the user hears that its friend lists changed: friend.update with GroupName, the change, and the
    // admin's REST commands.
    const changedEvents = () => ws.events.filter((e) => e.event === 'friend.groups.changed').length;
    await ws.waitFor(() => changedEvents() === 2);
    expect(await sns('group_add', { From_Account: a, GroupName: ['rest'] })).toMatchObject({ ErrorCode: 0 });
    await ws.waitFor(() => changedEvents() === 3);
    expect(await sns('group_delete', { From_Account: a, GroupName: ['rest'] })).toMatchObject({ ErrorCode: 0 });
    await ws.waitFor(() => changedEvents() === 4);
    expect(await change({ GroupName: 'home', Create: 1 })).toMatchObject({ ErrorCode: 30001 });
    expect(await change({ GroupName: 'home', Add_Account: [b] })).toMatchObject({ ErrorCode: 0 });
    expect(await change({ GroupName: 'work', Remove_Account: [b] })).toMatchObject({ ErrorCode: 0 });
    expect(await change({ GroupName: 'home', NewGroupName: 'family' })).toMatchObject({ ErrorCode: 0 });
    expect(await change({ GroupName: 'nothere', NewGroupName: 'x' })).toMatchObject({ ErrorCode: 30001 });
    expect(await change({ GroupName: 'family', Delete: 1, NewGroupName: 'y' })).toMatchObject({ ErrorCode: 30001 });
    expect(await change({ GroupName: 'family' })).toMatchObject({ ErrorCode: 30001 });
    const groups = await ask('friend.groups', {});
    expect(groups.data?.ResultItem).toEqual([
      { GroupName: 'work', FriendNumber: 0, To_Account: [] },
      { GroupName: 'family', FriendNumber: 2, To_Account: [b, c].sort() },
    ]);
    expect(await change({ GroupName: 'work', Delete: 1 })).toMatchObject({ ErrorCode: 0 });
    expect((await ask('friend.groups', { GroupName: ['family'] })).data?.ResultItem).toEqual([{ GroupName: 'family', FriendNumber: 2, To_Account: [b, c].sort() }]);
    expect(await ask('friend.groups', { GroupName: ['work'] })).toMatchObject({ ErrorCode: 30001 });
    // Another user's lists are its own.
    const bWs = await connect(stack, b);
    expect((await bWs.request('friend.groups', {})).data?.ResultItem).toEqual([]);
    await Promise.all([ws.close(), bWs.close()]);
  });

  it('friend.update writes the custom friend fields users may write, with their types and sizes; 30001 for the others', async () => {
    const [a, b, c] = [await user(ANY), await user(ANY), await user(ANY)];
    expect(codes(await add(a, [b, c]))).toEqual([0, 0]);
    const ws = await connect(stack, a);
    const update = (To_Account: string, CustomItem: unknown[], extra: Record<string, unknown> = {}) =>
      ws.request('friend.update', { UpdateItem: [{ To_Account, CustomItem, ...extra }] });
    const ok = await update(b, [{ Tag: 'Tag_SNS_Custom_Level', Value: 7 }, { Tag: 'Tag_SNS_Custom_Note', Value: 'abcde' }, { Tag: 'Tag_SNS_Custom_App', Value: 'mine' }], { Remark: 'bee' });
    expect(codes(ok.data as TencentReply)).toEqual([0]);
    expect(await item(a, `F#${b}`)).toMatchObject({ Tag_SNS_IM_Remark: 'bee', Tag_SNS_Custom_Level: 7, Tag_SNS_Custom_Note: 'abcde', Tag_SNS_Custom_App: 'mine' });
    // One bad field fails the friend's whole item; the others are per friend.
    const refused = await ws.request('friend.update', { UpdateItem: [
      { To_Account: b, CustomItem: [{ Tag: 'Tag_SNS_Custom_Note', Value: 'abcdef' }] },
      { To_Account: b, CustomItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: 'high' }] },
      { To_Account: b, CustomItem: [{ Tag: 'Tag_SNS_Custom_Admin', Value: 'x' }] },
      { To_Account: b, CustomItem: [{ Tag: 'Tag_SNS_Custom_Unknown', Value: 'x' }] },
      { To_Account: c, CustomItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: 1 }] },
    ] });
    expect(codes(refused.data as TencentReply)).toEqual([30001, 30001, 30001, 30001, 0]);
    expect((refused.data!.ResultItem as Array<{ ResultInfo: string }>)[2]!.ResultInfo).toContain('not writable by users');
    expect(await item(a, `F#${b}`)).toMatchObject({ Tag_SNS_Custom_Level: 7, Tag_SNS_Custom_Note: 'abcde' });
    // Only custom fields, at most 20; REST still refuses the app-only field.
    expect(await update(b, [{ Tag: 'Tag_SNS_IM_AddWording', Value: 'x' }])).toMatchObject({ ErrorCode: 30001 });
    expect(await update(b, Array.from({ length: 21 }, () => ({ Tag: 'Tag_SNS_Custom_Level', Value: 1 })))).toMatchObject({ ErrorCode: 30001 });
    expect(await update(b, [{ Tag: 'Tag_SNS_Custom_Level', Value: { deep: 1 } }])).toMatchObject({ ErrorCode: 30001 });
    const admin = await sns('friend_update', { From_Account: a, UpdateItem: [{ To_Account: b, SnsItem: [{ Tag: 'Tag_SNS_Custom_App', Value: 'x' }] }] });
    expect(codes(admin)).toEqual([30001]);
    const listed = await ws.request('friend.profile', { To_Account: [b] });
    const tags = Object.fromEntries(((listed.data!.UserDataItem as Array<{ ValueItem: Array<{ Tag: string; Value: unknown }> }>)[0]!.ValueItem).map((v) => [v.Tag, v.Value]));
    expect(tags).toMatchObject({ Tag_SNS_Custom_Level: 7, Tag_SNS_Custom_Note: 'abcde', Tag_SNS_Custom_App: 'mine' });
    await ws.close();
  });
});
