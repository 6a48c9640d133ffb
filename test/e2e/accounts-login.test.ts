import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { signUserSig } from '../../functions/shared/usersig.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { startTestStack, TEST_SECRET_KEY, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'dual', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const sigAt = (userId: string, time: number) =>
  signUserSig({ sdkAppId: stack.config.sdkAppId, secretKey: TEST_SECRET_KEY, identifier: userId, expire: 86400, time });
const nowS = () => Math.floor(Date.now() / 1000);
const liveInstances = async (userId: string) =>
  (await allServicesFromEnv(process.env).connections.listByUser(userId, Date.now())).map((c) => c.instance).sort();

describe('kick', () => {
  it('closes open connections with a kicked event and refuses UserSigs issued before it with 401, while a new one works', async () => {
    const user = uniqueId();
    const oldSig = sigAt(user, nowS() - 30);
    const client = await connect(stack, user, { usersig: oldSig });
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: user })).toMatchObject({ ErrorCode: 0 });
    expect(await client.event('kicked')).toEqual({ event: 'kicked', data: { Reason: 'KickedByAdmin' } });
    expect((await client.closed).code).toBe(1000);
    await expect(connect(stack, user, { usersig: oldSig })).rejects.toMatchObject({ status: 401 });
    const fresh = await connect(stack, user, { usersig: sigAt(user, nowS() + 1) });
    expect((await fresh.request('ping')).ErrorCode).toBe(0);
    await fresh.close();
  });

  it('closes every open connection of the account at once (two platforms): presence is Offline and no record is left', async () => {
    const user = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: user });
    const web = await connect(stack, user, { usersig: sigAt(user, nowS() - 30) });
    const phone = await connect(stack, user, { usersig: sigAt(user, nowS() - 30), platform: 'Android', instance: 'phone' });
    expect(await liveInstances(user)).toEqual(['Web', 'phone']);
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: user })).toMatchObject({ ErrorCode: 0 });
    const closed = await Promise.race([Promise.all([web.closed, phone.closed]), new Promise((r) => setTimeout(() => r('still open'), 2000))]);
    expect(closed).toMatchObject([{ code: 1000 }, { code: 1000 }]);
    expect([web, phone].map((c) => c.events.map((e) => e.event))).toEqual([['kicked'], ['kicked']]);
    expect((await rest(stack, 'openim/query_online_status', { To_Account: [user] })).QueryResult).toEqual([{ To_Account: user, Status: 'Offline' }]);
    expect(await liveInstances(user)).toEqual([]);
  });

  it('answers 70107 for an unknown account and 70402 for a malformed UserID', async () => {
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: uniqueId() })).toMatchObject({ ErrorCode: 70107 });
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: 'x'.repeat(33) })).toMatchObject({ ErrorCode: 70402 });
  });
});

describe('account_delete', () => {
  it('deletes the account and its profile, closes its connections, and refuses later logins', async () => {
    const user = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: user, Nick: 'Gone soon' });
    const client = await connect(stack, user);
    const reply = await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: user }, { UserID: 'never-existed-1' }] });
    expect(reply.ResultItem).toEqual([
      { UserID: user, ResultCode: 0, ResultInfo: '' },
      { UserID: 'never-existed-1', ResultCode: 70107, ResultInfo: expect.any(String) },
    ]);
    expect((await client.event('kicked')).data).toEqual({ Reason: 'AccountDeleted' });
    const check = await rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: user }] });
    expect((check.ResultItem as Array<{ AccountStatus: string }>)[0]!.AccountStatus).toBe('NotImported');
    await expect(connect(stack, user, { usersig: sigAt(user, nowS() + 2) })).rejects.toMatchObject({ status: 401 });
    expect(await liveInstances(user)).toEqual([]);
  });

  it('lets a deleted account be imported again', async () => {
    const user = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: user });
    await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: user }] });
    await rest(stack, 'im_open_login_svc/account_import', { UserID: user });
    const client = await connect(stack, user, { usersig: sigAt(user, nowS() + 2) });
    await client.close();
  });

  it('refuses more than 100 accounts with 70206 (invalid batch count)', async () => {
    const DeleteItem = Array.from({ length: 101 }, (_, i) => ({ UserID: `d${i}` }));
    expect(await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem })).toMatchObject({ ErrorCode: 70206 });
  });
});

describe('multi-device policy over real connections (dual-platform)', () => {
  it('a second native platform kicks the first; Web stays', async () => {
    const user = uniqueId();
    const web = await connect(stack, user, { platform: 'Web' });
    const android = await connect(stack, user, { platform: 'Android' });
    const ios = await connect(stack, user, { platform: 'iOS' });
    expect((await android.event('kicked')).data).toEqual({ Reason: 'MultiDeviceLogin', Platform: 'iOS', Instance: 'iOS' });
    await android.closed;
    expect(await liveInstances(user)).toEqual(['Web', 'iOS']);
    expect((await web.request('ping')).ErrorCode).toBe(0);
    expect(web.events).toEqual([]);
    await Promise.all([web.close(), ios.close()]);
  });

  it('a reconnect with the same instance replaces the old connection without a kicked event', async () => {
    const user = uniqueId();
    const first = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
    const second = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
    await first.closed;
    expect(first.events).toEqual([]);
    expect(await liveInstances(user)).toEqual(['phone']);
    expect((await second.request('ping')).ErrorCode).toBe(0);
    await second.close();
  });
});
