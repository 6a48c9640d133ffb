import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, ImConnectionError, ImRequestError, ImTimeoutError, type SocketLike } from '../../client/src/index.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'dual', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const client = (options: Partial<ConstructorParameters<typeof ImClient>[0]> = {}) =>
  new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 50, reconnectMaxMs: 200, ...options });
const until = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The connection events an app would see. */
const watch = (im: ImClient) => {
  const disconnects: unknown[] = [];
  const connects: boolean[] = [];
  im.on('disconnected', (d) => disconnects.push(d));
  im.on('connected', ({ reconnect }) => connects.push(reconnect));
  return { disconnects, connects };
};

describe('client SDK core against the local stack', () => {
  it('logs in and answers requests with the reply data', async () => {
    const im = client();
    const user = uniqueId();
    await im.login(user, officialUserSig(user));
    expect(im.state).toBe('connected');
    const pong = await im.request('ping');
    expect(typeof pong.ServerTime).toBe('number');
    im.close();
  });

  it('rejects a refused login with ImConnectionError carrying HTTP 401', async () => {
    const im = client();
    await expect(im.login('someone', officialUserSig('someone', { key: 'wrong' }))).rejects.toMatchObject({ name: 'ImConnectionError', status: 401 });
  });

  it('turns a server error into a typed ImRequestError with ErrorCode and ErrorInfo', async () => {
    const im = client();
    const user = uniqueId();
    await im.login(user, officialUserSig(user));
    const error = await im.request('no.such.action').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImRequestError);
    expect(error).toMatchObject({ code: 60009, action: 'no.such.action' });
    im.close();
  });

  it('reconnects by itself after the server drops the connection, and requests work again', async () => {
    const im = client();
    const user = uniqueId();
    const connects: boolean[] = [];
    im.on('connected', ({ reconnect }) => connects.push(reconnect));
    await im.login(user, officialUserSig(user));
    for (const c of stack.websocket.connections.values()) if (c.authorizer.userId === user) c.socket.terminate();
    await until(() => connects.length === 2);
    expect(connects).toEqual([false, true]);
    expect((await im.request('ping')).ServerTime).toBeTypeOf('number');
    im.close();
  });

  it('a request in flight when the connection drops is sent again after the reconnect', async () => {
    const im = client();
    const user = uniqueId();
    await im.login(user, officialUserSig(user));
    const connection = [...stack.websocket.connections.values()].find((c) => c.authorizer.userId === user)!;
    const reply = im.request('ping', {}, { timeoutMs: 3000 });
    connection.socket.terminate();
    expect((await reply).ServerTime).toBeTypeOf('number');
    im.close();
  });

  it('surfaces kicked and stays offline', async () => {
    const user = uniqueId();
    const first = client({ platform: 'Android' });
    await first.login(user, officialUserSig(user));
    const kicked: Array<Record<string, unknown>> = [];
    first.on('kicked', (data) => kicked.push(data));
    const second = client({ platform: 'iOS' });
    await second.login(user, officialUserSig(user));
    await until(() => kicked.length === 1);
    expect(kicked[0]).toMatchObject({ Reason: 'MultiDeviceLogin', Platform: 'iOS' });
    expect(first.state).toBe('kicked');
    await new Promise((r) => setTimeout(r, 300));
    expect(first.state).toBe('kicked');
    await expect(first.request('ping')).rejects.toBeInstanceOf(ImConnectionError);
    second.close();
  });

  it('is kicked by an admin kick too', async () => {
    const user = uniqueId();
    const im = client();
    await im.login(user, officialUserSig(user));
    const kicked = new Promise((resolve) => im.on('kicked', resolve));
    await rest(stack, 'im_open_login_svc/kick', { UserID: user });
    expect(await kicked).toEqual({ Reason: 'KickedByAdmin' });
  });

  it('times out a request that gets no reply', async () => {
    const im = client({ requestTimeoutMs: 1 });
    const user = uniqueId();
    await im.login(user, officialUserSig(user));
    await expect(im.request('ping', {}, { retry: false })).rejects.toBeInstanceOf(ImTimeoutError);
    im.close();
  });

  it('keeps the connection alive with heartbeats and replaces it before the lifetime limit without the app noticing', async () => {
    const user = uniqueId();
    const im = client({ heartbeatMs: 100, connectionLifetimeMs: 400 });
    const { disconnects, connects } = watch(im);
    await im.login(user, officialUserSig(user));
    await until(() => connects.length >= 2, 3000);
    expect(disconnects).toEqual([]);
    expect(im.state).toBe('connected');
    expect((await im.request('ping')).ServerTime).toBeTypeOf('number');
    const live = [...stack.websocket.connections.values()].filter((c) => c.authorizer.userId === user);
    expect(live).toHaveLength(1);
    im.close();
  });

  it('does not tell the app when the server closes the replaced connection before the replacement reports open', async () => {
    const { default: WebSocket } = await import('ws');
    let created = 0;
    // The second socket (the lifetime refresh) reports its open late, so the server's close of the first wins the race.
    const socketFactory = (url: string): SocketLike => {
      const real = new WebSocket(url) as unknown as SocketLike;
      const delayOpenMs = ++created === 2 ? 300 : 0;
      return {
        get readyState() { return real.readyState; },
        send: (data) => real.send(data),
        close: (code, reason) => real.close(code, reason),
        get onopen() { return real.onopen; },
        set onopen(handler) { real.onopen = handler && ((ev) => { setTimeout(() => handler(ev), delayOpenMs); }); },
        get onmessage() { return real.onmessage; },
        set onmessage(handler) { real.onmessage = handler; },
        get onclose() { return real.onclose; },
        set onclose(handler) { real.onclose = handler; },
        get onerror() { return real.onerror; },
        set onerror(handler) { real.onerror = handler; },
      };
    };
    const user = uniqueId();
    const im = client({ heartbeatMs: 60_000, connectionLifetimeMs: 300, socketFactory });
    const { disconnects, connects } = watch(im);
    await im.login(user, officialUserSig(user));
    await until(() => connects.length >= 2, 3000);
    expect(disconnects).toEqual([]);
    expect(created).toBe(2);
    expect((await im.request('ping')).ServerTime).toBeTypeOf('number');
    im.close();
  });
});
