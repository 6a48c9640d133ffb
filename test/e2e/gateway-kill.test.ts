import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { signUserSig } from '../../functions/shared/usersig.js';
import { freePort, StackProcess } from '../../chaos/support/stack-process.js';
import { listConnectionRecords } from '../../local/leftover-connections.js';
import { settingsFromEnv } from '../../local/settings.js';
import { startLocalStack } from '../../local/stack.js';
import { TEST_SDKAPPID, TEST_SECRET_KEY, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

/**
 * The lost `$disconnect` for real: the gateway as `npm start` runs it, in a process of its own, SIGKILLed with users
 * connected (no shutdown code runs, no `$disconnect` is sent), then started again on the same tables (the suite's
 * DynamoDB Local, which is not killed), in this process (a second child would cost its start again). Right after the restart, before anyone reconnects, nobody may show Online and
 * no connection record may be left. The chaos crash-restart scenario does the same under load, with DynamoDB Local killed too.
 */
const ADMIN = 'administrator';
const prefix = `k${randomBytes(4).toString('hex')}-`;
let stackProcess: StackProcess | undefined;
let restarted: LocalStack | undefined;
afterAll(async () => {
  await stackProcess?.stop();
  await restarted?.stop();
});

describe('a SIGKILLed gateway', () => {
  it('leaves no ghost Online presence and no connection record after its restart', async () => {
    const port = await freePort();
    stackProcess = new StackProcess({
      ...process.env, IM_MEMORY: '1', IM_DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), IM_TABLE_PREFIX: prefix, PORT: String(port),
      IM_SECRET_KEY: TEST_SECRET_KEY, IM_SDKAPPID: String(TEST_SDKAPPID), IM_ADMIN: ADMIN, IM_LOG_LEVEL: 'error',
    });
    // What the helpers need of a stack that runs in another process.
    const stack = {
      url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws`, config: { sdkAppId: TEST_SDKAPPID, admins: [ADMIN] },
      adminUserSig: signUserSig({ sdkAppId: TEST_SDKAPPID, secretKey: TEST_SECRET_KEY, identifier: ADMIN, expire: 3600, time: Math.floor(Date.now() / 1000) }),
    } as unknown as LocalStack;
    const users = [uniqueId('kill'), uniqueId('kill')];
    const statuses = async () => ((await rest(stack, 'openim/query_online_status', { To_Account: users })).QueryResult as Array<{ Status: string }>).map((r) => r.Status);
    const records = async () => (await listConnectionRecords(inject('dynamodbEndpoint'), `${prefix}Connections`)).filter((r) => users.includes(r.userId));

    await stackProcess.start();
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: users });
    const clients = await Promise.all(users.map((u) => connect(stack, u, { platform: 'Web' })));
    expect(await statuses()).toEqual(['Online', 'Online']);
    expect(await records()).toHaveLength(2);

    await stackProcess.kill();
    await Promise.all(clients.map((c) => c.closed));
    // Nothing ran at the kill: the records the dead gateway left still say the users are connected.
    expect(await records()).toHaveLength(2);

    restarted = await startLocalStack(settingsFromEnv({
      IM_MEMORY: '1', IM_DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), IM_TABLE_PREFIX: prefix, PORT: String(port),
      IM_SECRET_KEY: TEST_SECRET_KEY, IM_SDKAPPID: String(TEST_SDKAPPID), IM_ADMIN: ADMIN,
    }));
    expect(restarted.leftoverConnections).toBe(2);
    expect(await statuses()).toEqual(['Offline', 'Offline']);
    expect(await records()).toEqual([]);
  });
});
