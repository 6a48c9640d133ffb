import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, textElem, type Conversation } from '../../client/src/index.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';
import { connect, type TestClient } from '../support/ws-client.js';

/** A read on one of a user's devices reaches the others (`conversation.read`, docs/websocket.md). */
let stack: LocalStack;
// Two Web devices of one user at once (`multi` alone keeps one per platform).
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: { Web: 4 } } }); });
afterAll(async () => { await stack?.stop(); });

const open: Array<{ close(): void }> = [];
afterEach(() => { open.splice(0).forEach((c) => c.close()); });

const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const ok = async (path: string, body: unknown) => {
  const reply = await rest(stack, path, body);
  expect(reply, path).toMatchObject({ ErrorCode: 0 });
  return reply;
};
const users = async (): Promise<[string, string]> => {
  const ids: [string, string] = [uniqueId('ra'), uniqueId('rb')];
  await ok('im_open_login_svc/multiaccount_import', { Accounts: ids });
  return ids;
};
const c2cSend = (from: string, to: string, text: string) =>
  ok('openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: Math.floor(Math.random() * 2 ** 31), MsgBody: [textElem(text)] });
const device = async (user: string, options: { requestTimeoutMs?: number } = {}) => {
  const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, requestTimeoutMs: options.requestTimeoutMs ?? 4000 });
  open.push(im);
  im.on('error', () => undefined);
  await im.login(user, officialUserSig(user));
  await im.whenSynced();
  return im;
};
const raw = async (user: string, instance: string) => {
  const c = await connect(stack, user, { instance });
  open.push({ close: () => c.close() });
  return c;
};
const conv = (im: ImClient, id: string): Conversation | undefined => im.conversations().find((c) => c.ConversationID === id);

describe('conversation.read', () => {
  it("C2C: the reader's other connections get the new read position and count, the reading one only its reply", async () => {
    const [a, b] = await users();
    for (const t of ['1', '2', '3']) await c2cSend(a, b, t);
    const [reading, other] = [await raw(b, 'phone'), await raw(b, 'web')];
    const reply = await reading.request('msg.read', { Peer_Account: a, MsgSeq: 2 });
    expect(reply).toMatchObject({ ErrorCode: 0, data: { UnreadNum: 1, LastMsgSeq: 3 } });
    const event = await other.event('conversation.read');
    expect(event.data).toEqual({ ConversationID: `C2C${a}`, ReadMsgSeq: 2, UnreadNum: 1, LastMsgSeq: 3 });
    // A read that moves nothing tells nobody; the reading connection never gets its own read as an event.
    await reading.request('msg.read', { Peer_Account: a, MsgSeq: 1 });
    await reading.request('msg.read', { Peer_Account: a, MsgSeq: 3 });
    await other.waitFor((f) => f.event === 'conversation.read' && (f.data as { ReadMsgSeq: number }).ReadMsgSeq === 3);
    expect(other.frames.filter((f) => (f as { event?: string }).event === 'conversation.read')).toHaveLength(2);
    expect(reading.frames.some((f) => (f as { event?: string }).event === 'conversation.read')).toBe(false);
  });

  it('REST admin_set_msg_read reaches every connection of the reader', async () => {
    const [a, b] = await users();
    await c2cSend(a, b, 'x');
    const phone = await raw(b, 'phone');
    await ok('openim/admin_set_msg_read', { Report_Account: b, Peer_Account: a });
    expect((await phone.event('conversation.read')).data).toEqual({ ConversationID: `C2C${a}`, ReadMsgSeq: 1, UnreadNum: 0, LastMsgSeq: 1 });
  });

  it("client: a read on one device clears the other's unread count, C2C and group", async () => {
    const [a, b] = await users();
    const GroupId = String((await ok('group_open_http_svc/create_group', { Owner_Account: a, Type: 'Public', Name: 'reads', MemberList: [{ Member_Account: b }] })).GroupId);
    for (const t of ['1', '2']) {
      await c2cSend(a, b, t);
      await ok('group_open_http_svc/send_group_msg', { GroupId, From_Account: a, Random: Math.floor(Math.random() * 2 ** 31), MsgBody: [textElem(t)] });
    }
    const [phone, web] = [await device(b), await device(b)];
    expect(conv(web, `C2C${a}`)?.UnreadNum).toBe(2);
    const groupUnread = conv(web, `GROUP${GroupId}`)!.UnreadNum;
    expect(groupUnread).toBeGreaterThan(0);
    await phone.markRead(`C2C${a}`);
    await phone.markRead(`GROUP${GroupId}`);
    await until(() => conv(web, `C2C${a}`)?.UnreadNum === 0 && conv(web, `GROUP${GroupId}`)?.UnreadNum === 0);
    expect(conv(web, `C2C${a}`)?.ReadMsgSeq).toBe(2);
    // New messages count again on both.
    await c2cSend(a, b, '3');
    await until(() => conv(web, `C2C${a}`)?.UnreadNum === 1 && conv(phone, `C2C${a}`)?.UnreadNum === 1);
  });

  it("client: a read that lands after a reconnecting device's conversation list was read still clears its count", async () => {
    const [a, b] = await users();
    for (const t of ['1', '2', '3']) await c2cSend(a, b, t);
    const phone = await device(b);
    // The web device's list is read before the phone's read, and answered after it (the soak's re-login race).
    stack.websocket.routeFaults.set('conversation.list', { failNext: 1, delayReplyMs: 800 });
    try {
      const web = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, requestTimeoutMs: 4000 });
      open.push(web);
      const login = web.login(b, officialUserSig(b)).then(() => web.whenSynced());
      await until(() => stack.websocket.routeFaults.get('conversation.list')!.failNext === 0);
      await new Promise((r) => setTimeout(r, 100));
      await phone.markRead(`C2C${a}`);
      await login;
      await until(() => conv(web, `C2C${a}`)?.UnreadNum === 0);
      expect(conv(web, `C2C${a}`)).toMatchObject({ ReadMsgSeq: 3, UnreadNum: 0 });
    } finally {
      stack.websocket.routeFaults.clear();
    }
  });
});
