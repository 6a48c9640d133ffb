import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb-local.js';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { officialUserSig } from '../support/usersigs.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
const usersItem = async (userId: string, sk: string) =>
  (await db.send(new GetCommand({ TableName: stack.tableNames.IM_TABLE_USERS, Key: { pk: `U#${userId}`, sk } }))).Item;
const status = async (...ids: string[]) =>
  ((await rest(stack, 'im_open_login_svc/account_check', { CheckItem: ids.map((UserID) => ({ UserID })) })).ResultItem as Array<{ AccountStatus?: string; ResultCode: number }>);

beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodbEndpoint));
});
afterAll(async () => { await stack?.stop(); });

describe('im_open_login_svc over real HTTP', () => {
  it('account_import creates the account with Nick and FaceUrl, and is idempotent', async () => {
    const id = uniqueId();
    const body = { UserID: id, Nick: 'Alice', FaceUrl: 'http://www.qq.com' };
    expect(await rest(stack, 'im_open_login_svc/account_import', body)).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    expect(await rest(stack, 'im_open_login_svc/account_import', body)).toMatchObject({ ErrorCode: 0 });
    expect(await usersItem(id, 'PROFILE')).toMatchObject({ Tag_Profile_IM_Nick: 'Alice', Tag_Profile_IM_Image: 'http://www.qq.com' });
    expect((await status(id))[0]!.AccountStatus).toBe('Imported');
  });

  it.each([
    ['a UserID over 32 bytes', { UserID: 'x'.repeat(33) }, 70402],
    ['a UserID with a control character', { UserID: 'bad\nid' }, 70402],
    ['an empty UserID', { UserID: '' }, 70402],
    ['a UserID that is a number', { UserID: 42 }, 70402],
    ['a Nick over 500 bytes', { UserID: 'fine', Nick: '啊'.repeat(167) }, 40601],
    ['a FaceUrl over 500 bytes', { UserID: 'fine', FaceUrl: 'h'.repeat(501) }, 40601],
  ])('account_import refuses %s and writes nothing', async (_name, body, code) => {
    const reply = await rest(stack, 'im_open_login_svc/account_import', body);
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    if (typeof body.UserID === 'string' && body.UserID) expect(await usersItem(body.UserID, 'ACCOUNT')).toBeUndefined();
  });

  it('accepts a UserID of exactly 32 bytes', async () => {
    const id = 'a'.repeat(32);
    expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: id })).toMatchObject({ ErrorCode: 0 });
  });

  it('multiaccount_import takes the legacy Accounts form and reports malformed ids in FailAccounts', async () => {
    const [a, b] = [uniqueId(), uniqueId()];
    const reply = await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b, 'y'.repeat(40)] });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, FailAccounts: ['y'.repeat(40)] });
    expect((await status(a, b)).map((r) => r.AccountStatus)).toEqual(['Imported', 'Imported']);
  });

  it('multiaccount_import takes the AccountList form with Nick and FaceUrl', async () => {
    const a = uniqueId();
    const reply = await rest(stack, 'im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: a, Nick: 'A', FaceUrl: 'http://a' }] });
    expect(reply).toMatchObject({ ErrorCode: 0, FailAccounts: [] });
    expect(await usersItem(a, 'PROFILE')).toMatchObject({ Tag_Profile_IM_Nick: 'A' });
  });

  it.each([
    ['more than 100 accounts', { Accounts: Array.from({ length: 101 }, (_, i) => `batch${i}`) }, 70206],
    ['no accounts', { Accounts: [] }, 70206],
    ['more than 100 accounts in AccountList', { AccountList: Array.from({ length: 101 }, (_, i) => ({ UserID: `batch${i}` })) }, 70206],
    ['an empty AccountList', { AccountList: [] }, 70206],
    ['both forms at once', { Accounts: ['p'], AccountList: [{ UserID: 'q' }] }, 70402],
    ['neither form', {}, 70402],
  ])('multiaccount_import refuses %s (%i) and imports nothing', async (_name, body, code) => {
    expect(await rest(stack, 'im_open_login_svc/multiaccount_import', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it.each([
    ['account_check', 'CheckItem', 0], ['account_check', 'CheckItem', 101],
    ['account_delete', 'DeleteItem', 0], ['account_delete', 'DeleteItem', 101],
  ])('%s with %s of %i accounts answers 70206 (invalid batch count) and changes nothing', async (command, field, count) => {
    const ids = Array.from({ length: count }, () => uniqueId());
    if (command === 'account_delete' && count > 0) await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids.slice(0, 100) });
    const reply = await rest(stack, `im_open_login_svc/${command}`, { [field]: ids.map((UserID) => ({ UserID })) });
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70206 });
    if (command === 'account_delete' && count > 0) expect((await status(...ids.slice(0, 100))).every((r) => r.AccountStatus === 'Imported')).toBe(true);
  });

  it('multiaccount_import with 101 accounts leaves the first 100 unimported', async () => {
    const ids = Array.from({ length: 101 }, () => uniqueId());
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
    expect((await status(...ids.slice(0, 100))).every((r) => r.AccountStatus === 'NotImported')).toBe(true);
  });

  it('account_check answers per item, with 70402 for a malformed id', async () => {
    const id = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: id });
    const reply = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: id }, { UserID: 'never-seen' }, { UserID: 'z'.repeat(33) }] });
    expect(reply.ResultItem).toEqual([
      { UserID: id, ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
      { UserID: 'never-seen', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
      { UserID: 'z'.repeat(33), ResultCode: 70402, ResultInfo: expect.stringContaining('32 bytes') },
    ]);
  });

  it('refuses a user (non-admin) UserSig with 70403', async () => {
    const reply = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: 'a' }] }, { identifier: 'alice', usersig: officialUserSig('alice') });
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70403 });
  });

  it('accepts an admin UserSig made by the official generator', async () => {
    const reply = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: 'a' }] }, { usersig: officialUserSig('administrator') });
    expect(reply).toMatchObject({ ErrorCode: 0 });
  });

  it('answers an unknown command and a GET with Tencent codes over HTTP 200', async () => {
    expect(await rest(stack, 'im_open_login_svc/no_such_command', {})).toMatchObject({ ErrorCode: 60009 });
    expect(await rest(stack, 'nosvc/cmd', {})).toMatchObject({ ErrorCode: 60009 });
    expect(await rest(stack, 'im_open_login_svc/account_check', {}, { method: 'GET' })).toMatchObject({ ErrorCode: 60002 });
  });
});
