// The window between the `$connect` authorizer's account read and the connection's registration (issue 15, "an
// account kicked or deleted while connected loses its open connections at once"): a kick or an account deletion
// that lands there Queries the connections before this one exists, so only `$connect`'s own re-check can close it.
// Played with the real stores on DynamoDB Local, with the kick placed exactly in the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../functions/connections/open-connection.js';
import type { WsCaller } from '../../functions/shared/runtime.js';
import type { ServiceCatalog } from '../../functions/services.js';
import type { LocalStack } from '../../local/stack.js';
import { startMeteredServices } from '../support/metered-services.js';
import { rest } from '../support/rest-client.js';
import { uniqueId } from '../support/stack.js';

let stack: LocalStack;
let services: ServiceCatalog;
beforeAll(async () => { ({ stack, services } = await startMeteredServices()); });
afterAll(async () => { await stack?.stop(); });

const client = (userId: string): WsCaller => ({
  transport: 'ws', userId, connectionId: uniqueId('conn'), platform: 'Web', instance: 'web', clientIp: '127.0.0.1', requestId: uniqueId('req'),
});
const nowS = () => Math.floor(Date.now() / 1000);
const registered = async (userId: string) => (await services.connections.listByUser(userId, Date.now(), true)).map((c) => c.connectionId);

describe('$connect after a kick that landed behind the authorizer', () => {
  it('refuses the connection and leaves none registered when the UserSig predates the kick', async () => {
    const user = uniqueId('kw');
    expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: user })).toMatchObject({ ErrorCode: 0 });
    const sigTime = nowS() - 5;
    // The authorizer passed (no kick yet); then the admin kicks; then $connect registers.
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: user })).toMatchObject({ ErrorCode: 0 });
    const outcome = await openConnection(services, stack.config, client(user), { accountExists: true, sigTime });
    expect(outcome.refused).toBe(true);
    expect(await registered(user)).toEqual([]);
  });

  it('refuses the connection of an account deleted behind the authorizer', async () => {
    const user = uniqueId('kd');
    expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: user })).toMatchObject({ ErrorCode: 0 });
    expect(await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: user }] })).toMatchObject({ ErrorCode: 0 });
    const outcome = await openConnection(services, stack.config, client(user), { accountExists: true, sigTime: nowS() });
    expect(outcome.refused).toBe(true);
    expect(await registered(user)).toEqual([]);
  });

  it('keeps a connection whose UserSig was made after the kick, and one with no kick at all', async () => {
    const [kicked, plain] = [uniqueId('ka'), uniqueId('kp')];
    for (const UserID of [kicked, plain]) expect(await rest(stack, 'im_open_login_svc/account_import', { UserID })).toMatchObject({ ErrorCode: 0 });
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: kicked })).toMatchObject({ ErrorCode: 0 });
    const fresh = client(kicked);
    expect((await openConnection(services, stack.config, fresh, { accountExists: true, sigTime: nowS() + 1 })).refused).toBeUndefined();
    expect(await registered(kicked)).toEqual([fresh.connectionId]);
    const other = client(plain);
    expect((await openConnection(services, stack.config, other, { accountExists: true, sigTime: nowS() - 100 })).refused).toBeUndefined();
    expect(await registered(plain)).toEqual([other.connectionId]);
  });
});
