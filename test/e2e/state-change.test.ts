import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from '../support/webhook-receiver.js';

const TOKEN = 'state-change-token';
let receiver: WebhookReceiver;
let stack: LocalStack;
let stopped = false;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  process.env.IM_CALLBACK_TOKEN = TOKEN;
  stack = await startTestStack(
    { webhook: { url: `${receiver.url}/im`, commands: ['State.StateChange'] }, multiDevice: { policy: 'dual', maxInstancesPerPlatform: {} } },
    { idleTimeoutMs: 1200 },
  );
});
afterAll(async () => {
  if (!stopped) await stack?.stop();
  await receiver?.close();
  delete process.env.IM_CALLBACK_TOKEN;
});

/** The StateChange callbacks received so far for one user, waiting until `count` have arrived. */
async function changesOf(userId: string, count: number): Promise<ReceivedCallback[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await stack.sqs.idle();
    const mine = receiver.requests.filter((r) => (r.body as { Info?: { To_Account?: string } }).Info?.To_Account === userId);
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 30));
  }
}
const info = (r: ReceivedCallback) => (r.body as { Info: unknown }).Info;

describe('State.StateChange', () => {
  it('reports Login with Register, signed, with the client platform as OptPlatform', async () => {
    const user = uniqueId();
    const client = await connect(stack, user, { platform: 'iOS' });
    const [login] = await changesOf(user, 1);
    expect(info(login!)).toEqual({ Action: 'Login', Reason: 'Register', To_Account: user });
    expect(login!.query).toMatchObject({ CallbackCommand: 'State.StateChange', SdkAppid: String(stack.config.sdkAppId), OptPlatform: 'IOS', contenttype: 'json' });
    expect(login!.query.Sign).toBe(createHash('sha256').update(TOKEN + login!.query.RequestTime).digest('hex'));
    expect((login!.body as { CallbackCommand: string; EventTime: number }).EventTime).toBeGreaterThan(Date.now() - 10_000);
    await client.close();
  });

  it('reports Disconnect with LinkClose when the client closes the socket', async () => {
    const user = uniqueId();
    await (await connect(stack, user)).close();
    const changes = await changesOf(user, 2);
    expect(changes.map(info)).toEqual([
      { Action: 'Login', Reason: 'Register', To_Account: user },
      { Action: 'Disconnect', Reason: 'LinkClose', To_Account: user },
    ]);
  });

  it('reports Disconnect with TimeOut when API Gateway closes an idle connection', async () => {
    const user = uniqueId();
    const client = await connect(stack, user);
    expect((await client.closed).code).toBe(1001);
    expect((await changesOf(user, 2)).map(info)[1]).toEqual({ Action: 'Disconnect', Reason: 'TimeOut', To_Account: user });
  });

  it('lists the devices a login pushed out in KickedDevice, and reports nothing more for the kicked connection', async () => {
    const user = uniqueId();
    const android = await connect(stack, user, { platform: 'Android' });
    const ios = await connect(stack, user, { platform: 'iOS' });
    await android.closed;
    const changes = await changesOf(user, 2);
    expect(changes[1]!.body).toMatchObject({ Info: { Action: 'Login' }, KickedDevice: [{ Platform: 'Android' }] });
    await ios.close();
    const all = await changesOf(user, 3);
    expect(all.map((r) => (info(r) as { Action: string }).Action)).toEqual(['Login', 'Login', 'Disconnect']);
  });

  it('reports Logout with Unregister for the logout action, and no Disconnect after it', async () => {
    const user = uniqueId();
    const client = await connect(stack, user);
    expect((await client.request('logout')).ErrorCode).toBe(0);
    await client.close();
    await new Promise((r) => setTimeout(r, 100));
    expect((await changesOf(user, 2)).map(info)).toEqual([
      { Action: 'Login', Reason: 'Register', To_Account: user },
      { Action: 'Logout', Reason: 'Unregister', To_Account: user },
    ]);
  });

  it('reports an admin kick as Logout with the kicked platforms, from RESTAPI', async () => {
    const user = uniqueId();
    const client = await connect(stack, user, { platform: 'Web' });
    await rest(stack, 'im_open_login_svc/kick', { UserID: user });
    await client.closed;
    const changes = await changesOf(user, 2);
    expect(changes[1]!.body).toMatchObject({ Info: { Action: 'Logout', Reason: 'Unregister' }, KickedDevice: [{ Platform: 'Web' }] });
    expect(changes[1]!.query.OptPlatform).toBe('RESTAPI');
  });

  // Last: it stops the file's stack.
  it('reports Disconnect for every connection open at a clean stop, and the stop logs no error', async () => {
    const users = [uniqueId(), uniqueId(), uniqueId()];
    const clients = await Promise.all(users.map((u) => connect(stack, u)));
    await Promise.all(users.map((u) => changesOf(u, 1)));
    // Heard from just now, so the 1.2 s idle timeout of this file does not close them first.
    await Promise.all(clients.map((c) => c.request('ping')));
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
    try {
      stopped = true;
      await stack.stop();
    } finally {
      spy.mockRestore();
    }
    // The port used to close first: each of these callbacks logged "after-callback not queued ... ECONNREFUSED".
    expect(errors).toEqual([]);
    expect((await Promise.all(clients.map((c) => c.closed))).map((c) => c.code)).toEqual([1001, 1001, 1001]);
    for (const user of users) {
      const actions = receiver.requests.filter((r) => (info(r) as { To_Account?: string }).To_Account === user).map((r) => (info(r) as { Action: string }).Action);
      expect(actions).toEqual(['Login', 'Disconnect']);
    }
  });
});
