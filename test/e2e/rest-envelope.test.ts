import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { signUserSig } from '../../functions/shared/usersig.js';
import { startTestStack, TEST_SDKAPPID, TEST_SECRET_KEY, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ admins: ['administrator', 'ops'] }); });
afterAll(async () => { await stack?.stop(); });

const nowS = () => Math.floor(Date.now() / 1000);
const sigAt = (identifier: string, time: number) => signUserSig({ sdkAppId: TEST_SDKAPPID, secretKey: TEST_SECRET_KEY, identifier, expire: 86400, time });
const imported = async (...ids: string[]) =>
  ((await rest(stack, 'im_open_login_svc/account_check', { CheckItem: ids.map((UserID) => ({ UserID })) })).ResultItem as Array<{ AccountStatus: string }>)
    .map((r) => r.AccountStatus);

describe('JSON parse failures answer each service\'s own code (spec §4.2, §4.7, §5)', () => {
  it.each([
    ['openim/sendmsg', 90001, 'Fail to Parse json data of body, Please check it'],
    ['group_open_http_svc/send_group_msg', 10011, undefined],
    ['profile/portrait_set', 40001, 'Err_Profile_Comm_Decode_Fail'],
    ['sns/friend_add', 30001, undefined],
    ['recentcontact/get_list', 50002, undefined],
    ['im_open_login_svc/account_import', 70402, undefined],
    ['openconfigsvr/setnospeaking', 60003, undefined],
  ])('%s answers %i for broken JSON, an array and a string', async (path, code, info) => {
    for (const rawBody of ['{bad json', '[]', '"x"']) {
      const reply = await rest(stack, path, undefined, { rawBody });
      expect(reply, rawBody).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ...(info !== undefined && { ErrorInfo: info }) });
    }
  });

  it('an empty body stays the common 60003 in every service', async () => {
    expect(await rest(stack, 'openim/sendmsg', undefined, { rawBody: '' })).toMatchObject({ ErrorCode: 60003 });
  });
});

describe('recentcontact codes (spec §5.5)', () => {
  it('a bad parameter is 50002, not 50001', async () => {
    const a = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: a });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 2, ToGroupid: 5 })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50002, ErrorDisplay: '' });
  });

  it('get_list and delete for a From_Account that does not exist answer 50001', async () => {
    const nobody = uniqueId('nobody');
    const page = { From_Account: nobody, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 };
    expect(await rest(stack, 'recentcontact/get_list', page)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 50001, ErrorDisplay: '' });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: nobody, Type: 1, To_Account: 'x' })).toMatchObject({ ErrorCode: 50001 });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: nobody, Type: 2, ToGroupid: '@TGS#1ABC' })).toMatchObject({ ErrorCode: 50001 });
    // The same calls for an imported account succeed.
    const someone = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: someone });
    expect(await rest(stack, 'recentcontact/get_list', { ...page, From_Account: someone })).toMatchObject({ ErrorCode: 0, SessionItem: [] });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: someone, Type: 1, To_Account: 'x' })).toMatchObject({ ErrorCode: 0 });
  });

  it('a deleted account is gone for recentcontact too', async () => {
    const gone = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: gone });
    await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: gone }] });
    expect(await rest(stack, 'recentcontact/get_list', { From_Account: gone, StartIndex: 0 })).toMatchObject({ ErrorCode: 50001 });
  });
});

describe('kick of an admin identifier (spec §1.4)', () => {
  it('refuses the admin\'s older UserSigs with 70052 and accepts a new one', async () => {
    // `ops` makes no REST call before the kick: no container holds its sigNotBefore yet (a container
    // that read it keeps what it read for ADMIN_KICK_CACHE_MS, functions/shared/rest/verify-admin.ts).
    const before = sigAt('ops', nowS() - 100);
    expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: 'ops' })).toMatchObject({ ErrorCode: 0 });
    const probe = uniqueId();
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: 'ops' })).toMatchObject({ ErrorCode: 0 });
    const refused = await rest(stack, 'im_open_login_svc/account_import', { UserID: probe }, { identifier: 'ops', usersig: before });
    expect(refused).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70052 });
    expect(await imported(probe)).toEqual(['NotImported']);
    const fresh = sigAt('ops', nowS() + 1);
    expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: probe }, { identifier: 'ops', usersig: fresh })).toMatchObject({ ErrorCode: 0 });
    expect(await imported(probe)).toEqual(['Imported']);
    // Another admin identifier is not affected.
    expect(await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: probe }] })).toMatchObject({ ErrorCode: 0 });
  });
});
