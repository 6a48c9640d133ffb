import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let receiver: WebhookReceiver;

const profileItem = async (userId: string) =>
  (await db.send(new GetCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${userId}`, sk: 'PROFILE' } }))).Item;
const importUser = async (nick?: string) => {
  const id = uniqueId();
  await rest(stack, 'im_open_login_svc/account_import', { UserID: id, ...(nick && { Nick: nick }) });
  return id;
};
const set = (From_Account: string, ProfileItem: unknown[]) => rest(stack, 'profile/portrait_set', { From_Account, ProfileItem });

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: receiver.url, commands: ['Profile.CallbackPortraitSet'] },
    profile: {
      customTags: [
        { key: 'Test', type: 'string', maxBytes: 10 },
        { key: 'Score', type: 'integer' },
        { key: 'Secret', read: ['admin'], write: ['admin'] },
        { key: 'Badge', read: ['app', 'admin'], write: ['admin'] },
        { key: 'Hidden', read: ['app'], write: ['app'] },
      ],
    },
  });
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe('profile/portrait_set and portrait_get', () => {
  it('sets all eleven standard tags and reads them back in the asked order', async () => {
    const id = await importUser('First');
    const items = [
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Nick' },
      { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Female' },
      { Tag: 'Tag_Profile_IM_BirthDay', Value: 20190419 },
      { Tag: 'Tag_Profile_IM_Location', Value: '1234567890123456' },
      { Tag: 'Tag_Profile_IM_SelfSignature', Value: 'sig' },
      { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_DenyAny' },
      { Tag: 'Tag_Profile_IM_Language', Value: 4294967295 },
      { Tag: 'Tag_Profile_IM_Image', Value: 'http://img' },
      { Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'AdminForbid_Type_SendOut' },
      { Tag: 'Tag_Profile_IM_Level', Value: 3 },
      { Tag: 'Tag_Profile_IM_Role', Value: 0 },
    ];
    expect(await set(id, items)).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    const reply = await rest(stack, 'profile/portrait_get', { To_Account: [id], TagList: items.map((i) => i.Tag).reverse() });
    expect(reply).toEqual({
      ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '',
      UserProfileItem: [{ To_Account: id, ProfileItem: [...items].reverse(), ResultCode: 0, ResultInfo: '' }],
    });
  });

  // Tencent leaves out a tag the user never set (dobyte/tencent-im reads BirthDay as a string and passes against Tencent
  // only because of that), so unset tags are absent rather than made-up defaults.
  it('reads the Nick written by account_import, leaves out unset tags, and reports unknown accounts per item', async () => {
    const id = await importUser('Imported');
    const reply = await rest(stack, 'profile/portrait_get', {
      To_Account: [id, 'nobody-here'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_AllowType', 'Tag_Profile_IM_Level', 'Tag_Profile_Custom_Test'],
    });
    expect(reply.UserProfileItem).toEqual([
      { To_Account: id, ResultCode: 0, ResultInfo: '', ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Imported' },
      ] },
      { To_Account: 'nobody-here', ResultCode: 40003, ResultInfo: expect.stringContaining('does not exist') },
    ]);
    expect(reply.Fail_Account).toEqual(['nobody-here']);
  });

  it.each([
    ['an unknown standard tag', { Tag: 'Tag_Profile_IM_Whatever', Value: 'x' }, 40009],
    ['an undeclared custom tag', { Tag: 'Tag_Profile_Custom_Nope', Value: 'x' }, 40009],
    ['a Nick over 500 bytes', { Tag: 'Tag_Profile_IM_Nick', Value: '啊'.repeat(167) }, 40601],
    ['a Location over 16 bytes', { Tag: 'Tag_Profile_IM_Location', Value: '12345678901234567' }, 40601],
    ['a custom string over its declared 10 bytes', { Tag: 'Tag_Profile_Custom_Test', Value: 'x'.repeat(11) }, 40601],
    ['a Gender outside the enumeration', { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Other' }, 40605],
    ['an AllowType outside the enumeration', { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowAny' }, 40605],
    ['an AdminForbidType outside the enumeration', { Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'None' }, 40605],
    ['a BirthDay above uint32', { Tag: 'Tag_Profile_IM_BirthDay', Value: 4294967296 }, 40605],
    ['a negative Level', { Tag: 'Tag_Profile_IM_Level', Value: -1 }, 40605],
    ['a string for an integer tag', { Tag: 'Tag_Profile_IM_Role', Value: '3' }, 40610],
    ['a number for a string tag', { Tag: 'Tag_Profile_IM_Nick', Value: 3 }, 40610],
    ['a fraction for a custom integer', { Tag: 'Tag_Profile_Custom_Score', Value: 1.5 }, 40610],
    ['a tag only users may write', { Tag: 'Tag_Profile_Custom_Hidden', Value: 'x' }, 40008],
  ])('portrait_set refuses %s and writes nothing, not even the valid items', async (_name, bad, code) => {
    const id = await importUser();
    const reply = await set(id, [{ Tag: 'Tag_Profile_IM_SelfSignature', Value: 'valid' }, bad]);
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorDisplay: '' });
    expect(reply.ErrorInfo).toMatch(/Tag_Profile_/);
    expect(await profileItem(id)).toBeUndefined();
  });

  it('portrait_set refuses an unknown account (40003), an empty list and a malformed From_Account (40001)', async () => {
    expect(await set('never-imported', [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }])).toMatchObject({ ErrorCode: 40003 });
    expect(await profileItem('never-imported')).toBeUndefined();
    expect(await set(await importUser(), [])).toMatchObject({ ErrorCode: 40001 });
    expect(await set('x'.repeat(33), [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }])).toMatchObject({ ErrorCode: 40001 });
  });

  it('portrait_get takes at most 100 accounts and refuses unknown or admin-unreadable tags', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `p${i}`);
    expect(await rest(stack, 'profile/portrait_get', { To_Account: ids, TagList: ['Tag_Profile_IM_Nick'] })).toMatchObject({ ErrorCode: 40001 });
    expect(await rest(stack, 'profile/portrait_get', { To_Account: ids.slice(0, 100), TagList: ['Tag_Profile_IM_Nick'] })).toMatchObject({ ErrorCode: 0 });
    expect(await rest(stack, 'profile/portrait_get', { To_Account: ['a'], TagList: ['Tag_Profile_Custom_Nope'] })).toMatchObject({ ErrorCode: 40009 });
    expect(await rest(stack, 'profile/portrait_get', { To_Account: ['a'], TagList: ['Tag_Profile_Custom_Hidden'] })).toMatchObject({ ErrorCode: 40007 });
    expect(await rest(stack, 'profile/portrait_get', { To_Account: ['a'], TagList: [] })).toMatchObject({ ErrorCode: 40001 });
  });

  it('refuses a non-admin caller with 40004', async () => {
    const { officialUserSig } = await import('../support/usersigs.js');
    const reply = await rest(stack, 'profile/portrait_get', { To_Account: ['a'], TagList: ['Tag_Profile_IM_Nick'] }, { identifier: 'bob', usersig: officialUserSig('bob') });
    expect(reply).toMatchObject({ ErrorCode: 40004, ErrorDisplay: expect.any(String) });
  });

  it('sends Profile.CallbackPortraitSet with the operator, the user and the items', async () => {
    const id = await importUser();
    await set(id, [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Called' }]);
    await stack.sqs.idle();
    const mine = receiver.requests.filter((r) => (r.body as { From_Account?: string }).From_Account === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.query).toMatchObject({ CallbackCommand: 'Profile.CallbackPortraitSet', OptPlatform: 'RESTAPI' });
    expect(mine[0]!.body).toMatchObject({
      CallbackCommand: 'Profile.CallbackPortraitSet', Operator_Account: 'administrator', From_Account: id,
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Called' }], EventTime: expect.any(Number),
    });
  });
});

describe('profile.get and profile.set over the WebSocket', () => {
  it('a user sets their own profile and reads anyone readable; permissions follow the app/admin declaration', async () => {
    const [me, other] = [uniqueId(), await importUser('Other')];
    const client = await connect(stack, me);
    expect(await client.request('profile.set', { ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Me' }, { Tag: 'Tag_Profile_Custom_Hidden', Value: 'h' }] }))
      .toMatchObject({ ErrorCode: 0 });
    const got = await client.request('profile.get', { To_Account: [me, other], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_Custom_Hidden'] });
    expect(got.data).toEqual({ UserProfileItem: [
      { To_Account: me, ResultCode: 0, ResultInfo: '', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Me' }, { Tag: 'Tag_Profile_Custom_Hidden', Value: 'h' }] },
      { To_Account: other, ResultCode: 0, ResultInfo: '', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Other' }, { Tag: 'Tag_Profile_Custom_Hidden', Value: '' }] },
    ] });
    expect(await client.request('profile.set', { ProfileItem: [{ Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'AdminForbid_Type_None' }] })).toMatchObject({ ErrorCode: 40008 });
    expect(await client.request('profile.set', { ProfileItem: [{ Tag: 'Tag_Profile_Custom_Badge', Value: 'gold' }] })).toMatchObject({ ErrorCode: 40008 });
    expect(await client.request('profile.get', { To_Account: [me], TagList: ['Tag_Profile_Custom_Secret'] })).toMatchObject({ ErrorCode: 40007 });
    expect(await client.request('profile.set', { ProfileItem: 'nope' })).toMatchObject({ ErrorCode: 40001, ErrorInfo: expect.stringContaining('ProfileItem') });
    // The admin may write Badge, and the user may then read it.
    await set(me, [{ Tag: 'Tag_Profile_Custom_Badge', Value: 'gold' }]);
    expect((await client.request('profile.get', { To_Account: [me], TagList: ['Tag_Profile_Custom_Badge'] })).data).toMatchObject({
      UserProfileItem: [{ ProfileItem: [{ Tag: 'Tag_Profile_Custom_Badge', Value: 'gold' }] }],
    });
    expect((await profileItem(me))?.Tag_Profile_Custom_Hidden).toBe('h');
    await stack.sqs.idle();
    const fromUser = receiver.requests.find((r) => (r.body as { Operator_Account?: string }).Operator_Account === me);
    expect(fromUser!.query.OptPlatform).toBe('Web');
    expect(fromUser!.body).toMatchObject({ From_Account: me, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Me' }, { Tag: 'Tag_Profile_Custom_Hidden', Value: 'h' }] });
    await client.close();
  });
});
