import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { routes } from '../../functions/routes.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { officialUserSig } from '../support/usersigs.js';
import { ImClient } from '../../client/src/index.js';

/**
 * Client actions over HTTPS (docs/websocket.md, "Actions over HTTPS"): `POST /im/{action}` through the local
 * gateway's HTTP API, the same request and reply frames as over WebSocket, the login's query parameters, and a
 * session proven by a live connection of the calling device.
 */
let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

interface Device { userId: string; platform?: string; instance?: string; usersig?: string; sdkappid?: string }

async function callOverHttp(action: string, device: Device, body: unknown): Promise<{ status: number; frame: Record<string, unknown> }> {
  const query = new URLSearchParams({
    sdkappid: device.sdkappid ?? String(stack.config.sdkAppId), userid: device.userId, usersig: device.usersig ?? officialUserSig(device.userId),
    ...(device.platform && { platform: device.platform }), ...(device.instance && { instance: device.instance }),
  });
  const res = await fetch(`${stack.url}/im/${action}?${query.toString()}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, frame: (await res.json()) as Record<string, unknown> };
}

const text = (Text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text } }];
const messagesOf = (c: TestClient, random: number) => c.events.filter((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === random);
const importUsers = async (...ids: string[]) => {
  expect(await rest(stack, 'im_open_login_svc/multiaccount_import', { AccountList: ids.map((UserID) => ({ UserID })) })).toMatchObject({ ErrorCode: 0 });
};
const historyCount = async (viewer: TestClient, peer: string) =>
  ((await viewer.request('history.c2c', { Peer_Account: peer })).data!.Messages as unknown[]).length;

/** A valid request of each action served over HTTPS: a new one without a sample fails here. */
const SAMPLES: Record<string, (peer: string) => Record<string, unknown>> = {
  'c2c.send': (peer) => ({ To_Account: peer, MsgRandom: 99, MsgBody: text('sample') }),
  'history.c2c': (peer) => ({ Peer_Account: peer }),
};

describe('actions over HTTPS', () => {
  it('answers the WebSocket reply frame; the peer and the sender\'s other devices get the message, the calling device does not', async () => {
    const [a, b] = [uniqueId('ha'), uniqueId('hb')];
    await importUsers(a, b);
    const tab = await connect(stack, a, { platform: 'Web', instance: 'tab1' });
    const phone = await connect(stack, a, { platform: 'Android', instance: 'phone' });
    const peer = await connect(stack, b);

    const { status, frame } = await callOverHttp('c2c.send', { userId: a, platform: 'Web', instance: 'tab1' }, { reqId: 'r1', data: { To_Account: b, MsgRandom: 7, MsgBody: text('over https') } });
    expect(status).toBe(200);
    expect(frame).toEqual({ reqId: 'r1', action: 'c2c.send', ErrorCode: 0, ErrorInfo: '', data: { MsgSeq: 1, MsgTime: expect.any(Number), MsgKey: expect.stringMatching(/^1_7_\d+$/) } });
    const got = await peer.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === 7);
    expect(got.data).toMatchObject({ From_Account: a, To_Account: b, MsgSeq: 1, MsgBody: text('over https') });
    await phone.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === 7);

    // A retry with the same MsgRandom (the action named in the body too) is the same message, stored and delivered once.
    const again = await callOverHttp('c2c.send', { userId: a, platform: 'Web', instance: 'tab1' }, { action: 'c2c.send', data: { To_Account: b, MsgRandom: 7, MsgBody: text('over https') } });
    expect(again.frame).toMatchObject({ ErrorCode: 0, data: frame.data });
    // Then a WebSocket send on the same conversation follows in SEQ order.
    expect((await tab.request('c2c.send', { To_Account: b, MsgRandom: 8, MsgBody: text('over ws') })).data).toMatchObject({ MsgSeq: 2 });
    await peer.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === 8);
    expect(messagesOf(peer, 7)).toHaveLength(1);
    expect(messagesOf(tab, 7)).toEqual([]);
    expect(await historyCount(peer, a)).toBe(2);
    // A read over HTTPS (the stack proves the session first): the same reply as over the socket.
    const overHttps = await callOverHttp('history.c2c', { userId: a, platform: 'Web', instance: 'tab1' }, { reqId: 'h', data: { Peer_Account: b } });
    expect(overHttps.frame).toEqual({ reqId: 'h', action: 'history.c2c', ErrorCode: 0, ErrorInfo: '', data: (await tab.request('history.c2c', { Peer_Account: b })).data });
    await Promise.all([tab.close(), phone.close(), peer.close()]);
  });

  it('needs a live session of the calling device: none, another instance, logged out, kicked or deleted get 6014 and nothing is sent', async () => {
    const [a, b, gone] = [uniqueId('ha'), uniqueId('hb'), uniqueId('hg')];
    await importUsers(a, b, gone);
    const peer = await connect(stack, b);
    const send = (device: Device, random: number) => callOverHttp('c2c.send', device, { data: { To_Account: b, MsgRandom: random, MsgBody: text('x') } });

    expect((await send({ userId: a }, 1)).frame).toMatchObject({ ErrorCode: 6014, ErrorInfo: expect.stringContaining('logged in') });
    const tab = await connect(stack, a, { platform: 'Web', instance: 'tab1' });
    expect((await send({ userId: a, platform: 'Web', instance: 'tab2' }, 2)).frame).toMatchObject({ ErrorCode: 6014 });
    expect((await send({ userId: a, platform: 'iOS', instance: 'tab1' }, 3)).frame).toMatchObject({ ErrorCode: 6014 });
    expect((await send({ userId: a, platform: 'Web', instance: 'tab1' }, 4)).frame).toMatchObject({ ErrorCode: 0 });
    await tab.close();
    await expect.poll(async () => (await send({ userId: a, platform: 'Web', instance: 'tab1' }, 5)).frame.ErrorCode, { timeout: 5000 }).toBe(6014);

    // A kick closes the session: the old UserSig's HTTPS sends stop with it.
    const again = await connect(stack, a, { platform: 'Web', instance: 'tab1' });
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: a })).toMatchObject({ ErrorCode: 0 });
    await again.closed;
    expect((await send({ userId: a, platform: 'Web', instance: 'tab1' }, 6)).frame).toMatchObject({ ErrorCode: 6014 });

    const doomed = await connect(stack, gone, { platform: 'Web', instance: 'tab1' });
    expect(await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: gone }] })).toMatchObject({ ErrorCode: 0 });
    await doomed.closed;
    expect((await callOverHttp('c2c.send', { userId: gone, platform: 'Web', instance: 'tab1' }, { data: { To_Account: b, MsgRandom: 1, MsgBody: text('x') } })).frame).toMatchObject({ ErrorCode: 6014 });

    // Only MsgRandom 4 was sent.
    await peer.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgRandom?: number }).MsgRandom === 4);
    expect(peer.events.filter((f) => f.event === 'c2c.message').map((f) => (f.data as { MsgRandom: number }).MsgRandom)).toEqual([4]);
    expect(await historyCount(peer, a)).toBe(1);
    await peer.close();
  });

  it('refuses a bad login or frame with the WebSocket protocol\'s codes and sends nothing', async () => {
    const [a, b, c] = [uniqueId('ha'), uniqueId('hb'), uniqueId('hc')];
    await importUsers(a, b, c);
    const tab = await connect(stack, a, { platform: 'Web', instance: 'tab1' });
    const peer = await connect(stack, b);
    const device = { userId: a, platform: 'Web', instance: 'tab1' };
    const data = { To_Account: b, MsgRandom: 1, MsgBody: text('x') };
    const cases: Array<[string, Promise<{ frame: Record<string, unknown> }>, number]> = [
      ['no usersig', callOverHttp('c2c.send', { ...device, usersig: '' }, { data }), 70002],
      ['a UserSig of another user', callOverHttp('c2c.send', { ...device, usersig: officialUserSig(c) }, { data }), 70013],
      ['a UserSig signed with another key', callOverHttp('c2c.send', { ...device, usersig: officialUserSig(a, { key: 'not-the-key' }) }, { data }), 70009],
      ['an expired UserSig', callOverHttp('c2c.send', { ...device, usersig: officialUserSig(a, { expire: -10 }) }, { data }), 70001],
      ['another app', callOverHttp('c2c.send', { ...device, sdkappid: '1400000001' }, { data }), 70020],
      ['an unknown platform', callOverHttp('c2c.send', { ...device, platform: 'Toaster' }, { data }), 70402],
      ['not JSON', callOverHttp('c2c.send', device, '{"data":'), 60003],
      ['another action in the body', callOverHttp('c2c.send', device, { action: 'group.send', data }), 60009],
      ['data not an object', callOverHttp('c2c.send', device, { data: [data] }), 90001],
      ['no MsgBody', callOverHttp('c2c.send', device, { data: { To_Account: b, MsgRandom: 1 } }), 90007],
      ['too long', callOverHttp('c2c.send', device, { data: { ...data, MsgBody: text('x'.repeat(40_000)) } }), 93000],
    ];
    for (const [name, call, code] of cases) expect({ name, code: (await call).frame.ErrorCode }).toEqual({ name, code });
    const reqIdKept = await callOverHttp('c2c.send', { ...device, usersig: 'garbage' }, { reqId: 'mine', data });
    expect(reqIdKept.frame).toMatchObject({ reqId: 'mine', action: 'c2c.send', ErrorCode: 70003 });

    expect(await historyCount(peer, a)).toBe(0);
    await Promise.all([tab.close(), peer.close()]);
  });

  it('serves only the actions declared overHttp; every one of them proves the session (a sample each)', async () => {
    const [a, b] = [uniqueId('ha'), uniqueId('hb')];
    await importUsers(a, b);
    const declared = routes.filter((r) => r.transport === 'ws' && r.overHttp !== undefined).map((r) => r.transport === 'ws' ? r.action : '');
    expect(declared.sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const action of declared) {
      expect({ action, reply: (await callOverHttp(action, { userId: a }, { data: SAMPLES[action]!(b) })).frame }).toMatchObject({ action, reply: { ErrorCode: 6014 } });
    }
    // An action without the declaration has no HTTP route: the HTTP API's catch-all answers Tencent's 60009.
    const undeclared = await callOverHttp('msg.delete', { userId: a }, { data: { Peer_Account: b, MsgKeyList: ['1_1_1'] } });
    expect(undeclared.frame).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60009 });
  });
});

describe('the client SDK with httpUrl', () => {
  it('sends c2c.send over HTTPS: one HTTP request and the peer\'s copy, no inbound frame and no reply frame', async () => {
    const [a, b] = [uniqueId('ha'), uniqueId('hb')];
    await importUsers(a, b);
    const peer = await connect(stack, b);
    const sender = new ImClient({ url: stack.wsUrl, httpUrl: stack.url, sdkAppId: stack.config.sdkAppId, platform: 'Web', instance: 'tab1' });
    const synced = new Promise((resolve) => sender.on('synced', resolve));
    await sender.login(a, officialUserSig(a));
    await synced;
    // Bring the c2c Lambda up first: its cold start is not the send's cost.
    await sender.sendC2C(b, text('warm'));

    stack.cost.reset();
    const reply = await sender.sendC2C(b, text('cheaper'));
    expect(reply).toMatchObject({ MsgSeq: 2 });
    await peer.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgSeq?: number }).MsgSeq === 2);
    expect(stack.cost.snapshot().usage).toMatchObject({ httpRequests: 1, websocketMessagesIn: 0, websocketMessagesOut: 1, lambdaInvocations: 1 });
    // The same over the socket: the frame in, the reply and the copy out.
    const overSocket = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, platform: 'Android', instance: 'phone' });
    await overSocket.login(a, officialUserSig(a));
    await new Promise((r) => setTimeout(r, 300));
    stack.cost.reset();
    await overSocket.sendC2C(b, text('dearer'));
    await peer.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgSeq?: number }).MsgSeq === 3);
    await new Promise((r) => setTimeout(r, 100));
    // Besides: the copy to the HTTPS sender's tab (its other device now).
    expect(stack.cost.snapshot().usage).toMatchObject({ httpRequests: 0, websocketMessagesIn: 1, websocketMessagesOut: 3 });
    sender.close();
    overSocket.close();
    await peer.close();
  });
});
