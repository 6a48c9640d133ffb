import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { listConnectionRecords } from '../../local/leftover-connections.js';
import { connectionsTable } from '../../functions/shared/tables.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const status = async (...ids: string[]) => (await rest(stack, 'openim/query_online_status', { To_Account: ids, IsNeedDetail: 1 }));
const eventually = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 60 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('presence over REST', () => {
  it('follows Online → PushOnline → Online → Offline for a mobile user with a push device', async () => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
    expect((await status(user)).QueryResult).toEqual([{ To_Account: user, Status: 'Online', Detail: [{ Platform: 'iPhone', Status: 'Online' }] }]);
    expect((await phone.request('push.register', { Platform: 'APNs', Token: 'apns-token-1', BusinessID: 1 })).ErrorCode).toBe(0);
    await phone.close();
    await eventually(async () => ((await status(user)).QueryResult as Array<{ Status: string }>)[0]!.Status === 'PushOnline');
    expect((await status(user)).QueryResult).toEqual([{ To_Account: user, Status: 'PushOnline', Detail: [{ Platform: 'iPhone', Status: 'PushOnline' }] }]);
    const again = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
    expect(((await status(user)).QueryResult as Array<{ Status: string }>)[0]!.Status).toBe('Online');
    expect((await again.request('logout')).ErrorCode).toBe(0);
    await again.close();
    expect((await status(user)).QueryResult).toEqual([{ To_Account: user, Status: 'Offline' }]);
  });

  it('a web user goes straight to Offline; devices cannot be registered from Web', async () => {
    const user = uniqueId();
    const web = await connect(stack, user, { platform: 'Web' });
    expect(await web.request('push.register', { Platform: 'FCM', Token: 't' })).toMatchObject({ ErrorCode: 60003 });
    await web.close();
    await eventually(async () => ((await status(user)).QueryResult as Array<{ Status: string }>)[0]!.Status === 'Offline');
    expect((await status(user)).QueryResult).toEqual([{ To_Account: user, Status: 'Offline' }]);
  });

  it('a connection that vanished without $disconnect stops counting as Online after the heartbeat timeout', async () => {
    const user = uniqueId();
    await rest(stack, 'im_open_login_svc/account_import', { UserID: user });
    const services = allServicesFromEnv(process.env);
    const longAgo = Date.now() - 401_000;
    await services.connections.put({ userId: user, connectionId: 'dmFuaXNoZWQ=', platform: 'Android', instance: 'a', connectedAt: longAgo, lastSeen: longAgo });
    expect(((await status(user)).QueryResult as Array<{ Status: string }>)[0]!.Status).toBe('Offline');
  });

  it('connections left by a gateway that died without $disconnect are disconnected when it starts: presence is right at once', async () => {
    const [ghost, live] = [uniqueId(), uniqueId()];
    await rest(stack, 'im_open_login_svc/account_import', { UserID: ghost });
    const services = allServicesFromEnv(process.env);
    // What a SIGKILLed gateway leaves: a record heard from seconds ago whose socket no longer exists.
    const recently = Date.now() - 5_000;
    await services.connections.put({ userId: ghost, connectionId: 'Z2hvc3Q=', platform: 'Web', instance: 'w', connectedAt: recently, lastSeen: recently });
    const client = await connect(stack, live);
    expect(((await status(ghost)).QueryResult as Array<{ Status: string }>)[0]!.Status).toBe('Online');
    const records = await listConnectionRecords(stack.dynamodbEndpoint, stack.tableNames[connectionsTable.envVar]!);
    expect(records.map((r) => r.userId)).toEqual(expect.arrayContaining([ghost, live]));
    // At start the gateway holds no socket; here it holds `live`'s, which stays.
    expect(await stack.websocket.disconnectLeftovers(records.filter((r) => [ghost, live].includes(r.userId)))).toBe(1);
    expect((await status(ghost)).QueryResult).toEqual([{ To_Account: ghost, Status: 'Offline' }]);
    expect((await services.connections.listByUser(ghost, Date.now()))).toEqual([]);
    expect(((await status(live)).QueryResult as Array<{ Status: string }>)[0]!.Status).toBe('Online');
    expect((await client.request('ping')).ErrorCode).toBe(0);
    await client.close();
  });

  it('lists unknown accounts in ErrorList with 70107 and answers the legacy querystate with State', async () => {
    const user = uniqueId();
    const client = await connect(stack, user, { platform: 'Android' });
    const reply = await rest(stack, 'openim/querystate', { To_Account: [user, 'nobody-here'] });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(reply.QueryResult).toEqual([{ To_Account: user, State: 'Online' }]);
    expect(reply.ErrorList).toEqual([{ To_Account: 'nobody-here', ErrorCode: 70107 }]);
    const none = await rest(stack, 'openim/query_online_status', { To_Account: ['nobody-here'] });
    expect(none).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70107 });
    // Found by the fuzz run: a string no UserID can be (2,000 bytes) is an unknown account, not an internal error.
    const huge = 'x'.repeat(2000);
    const mixed = await rest(stack, 'openim/querystate', { To_Account: [user, huge] });
    expect(mixed).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorList: [{ To_Account: huge, ErrorCode: 70107 }] });
    await client.close();
  });

  it('refuses more than 500 accounts with 90001 and a non-admin with 90009', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `p${i}`);
    expect(await rest(stack, 'openim/query_online_status', { To_Account: many })).toMatchObject({ ErrorCode: 90001 });
    const { officialUserSig } = await import('../support/usersigs.js');
    expect(await rest(stack, 'openim/query_online_status', { To_Account: ['a'] }, { identifier: 'alice', usersig: officialUserSig('alice') }))
      .toMatchObject({ ErrorCode: 90009 });
  });
});
