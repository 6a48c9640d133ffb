// The fast version of `npm run chaos -- reconnect-soak` (chaos/soak): client-SDK receivers under C2C and group load,
// their connections closed at random moments (gateway and client side, mid-resync, re-logins); every stored message
// reaches every receiver exactly once in order and the unread counts agree with history. Plus the defects it found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import WebSocket from 'ws';
import { ImClient, MemorySyncStorage, textElem, type ImMessage, type SocketLike } from '../../client/src/index.js';
import { runReconnectSoak } from '../../chaos/soak/run-soak.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('reconnect soak (fast)', () => {
  it('delivers every stored message exactly once in order to every receiver, with unread counts that agree with history', async () => {
    const seed = Number(process.env.SOAK_SEED ?? Date.now() % 100_000);
    const f = await runReconnectSoak(stack, {
      receivers: 4, senders: 2, groups: 1, topics: Number(process.env.SOAK_TOPICS ?? 0), disconnects: 30, disconnectEveryMs: 80, sendPauseMs: 40, seed, maxSeconds: 25,
    });
    const goals = { lost: f.lost, missing: f.missing, duplicated: f.duplicated, outOfOrder: f.outOfOrder, phantom: f.phantom,
      unreadDisagreements: f.unreadDisagreements, finalUnreadDisagreements: f.finalUnreadDisagreements };
    expect({ seed, ...goals, findings: f.findings.slice(0, 10) }).toEqual({ seed, ...Object.fromEntries(Object.keys(goals).map((k) => [k, 0])), findings: [] });
    // The run did what it claims: the disconnects happened, the receivers came back and resynced, messages flowed.
    expect(f.disconnects).toBeGreaterThanOrEqual(30); // a mid-resync close may land after the 30th
    expect(f.reconnects + f.byKind.relogin).toBeGreaterThanOrEqual(25);
    expect(f.resyncs).toBeGreaterThanOrEqual(5); // 10–20 on an idle machine; a loaded one reconnects later and resyncs fewer times
    expect(f.unreadChecks).toBeGreaterThanOrEqual(10); // 20–40 on an idle machine, 14 at load 12
    expect(f.acknowledged).toBe(f.sends);
    expect(f.expected).toBeGreaterThan(30); // about 100 on an idle machine, 45–50 with two CPU burners beside it
    expect(f.delivered).toBe(f.expected);
  }, 90_000);
});

/** A real `ws` socket whose incoming frames a test can hold back (to order a reply after an event, or the other way round). */
class HoldingSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  hold: (frame: Record<string, unknown>, socket: HoldingSocket) => boolean = () => false;
  readonly held: string[] = [];
  /** Outgoing frames to keep back (`releaseSends` sends them) or to drop, as if lost with the connection. */
  holdSend: (frame: Record<string, unknown>) => 'send' | 'hold' | 'drop' = () => 'send';
  readonly heldSends: string[] = [];
  /** reqIds of the frames sent, by action. */
  readonly sent: Array<{ action: string; reqId: string }> = [];
  private readonly ws: WebSocket;
  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.onopen = (e) => this.onopen?.(e);
    this.ws.onerror = (e) => this.onerror?.(e);
    this.ws.onclose = (e) => this.onclose?.({ code: e.code, reason: e.reason });
    this.ws.onmessage = (e) => {
      const text = String(e.data);
      if (this.hold(JSON.parse(text) as Record<string, unknown>, this)) this.held.push(text);
      else this.onmessage?.({ data: text });
    };
  }
  get readyState() { return this.ws.readyState; }
  send(data: string) {
    const frame = JSON.parse(data) as { action: string; reqId: string };
    const verdict = this.holdSend(frame);
    if (verdict === 'drop') return;
    if (verdict === 'hold') return void this.heldSends.push(data);
    this.sent.push({ action: frame.action, reqId: frame.reqId });
    this.ws.send(data);
  }
  releaseSends() { this.holdSend = () => 'send'; for (const data of this.heldSends.splice(0)) this.send(data); }
  close(code?: number, reason?: string) { this.ws.close(code, reason); }
  release() { this.hold = () => false; for (const text of this.held.splice(0)) this.onmessage?.({ data: text }); }
}

describe('found by the soak', () => {
  it('a resync overtaken by a newer one (its connection died, its list request went again later) does not overwrite newer unread counts', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
    const sockets: HoldingSocket[] = [];
    let nextHold: HoldingSocket['hold'] = () => false;
    const bob = new ImClient({
      url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 10, reconnectMaxMs: 30,
      socketFactory: (url) => { const s = new HoldingSocket(url); s.hold = nextHold; sockets.push(s); return s; },
    });
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId });
    await bob.login(b, officialUserSig(b));
    await alice.login(a, officialUserSig(a));
    const seen: number[] = [];
    bob.on('message', (m) => seen.push(m.MsgSeq));
    let synced = 0;
    bob.on('synced', () => { synced++; });
    await alice.sendC2C(b, [textElem('1')]);
    await until(() => seen.length === 1);
    const dropBob = () => { for (const c of stack.websocket.connections.values()) if (c.authorizer.userId === b) c.socket.terminate(); };

    // Second connection: its resync's conversation list never answers before the connection dies.
    nextHold = (f) => f.action === 'conversation.list';
    dropBob();
    await until(() => sockets.length === 2 && sockets[1]!.held.length === 1);
    // Third connection: the old resync's list request goes again (first) beside the new resync's; the old one answers last.
    nextHold = (f, s) => f.action === 'conversation.list' && f.reqId === s.sent.find((x) => x.action === 'conversation.list')?.reqId;
    const syncedBefore = synced;
    dropBob();
    await until(() => sockets.length === 3 && sockets[2]!.held.length === 1 && synced > syncedBefore);
    await alice.sendC2C(b, [textElem('2')]);
    await until(() => seen.length === 2);
    sockets[2]!.release();
    await new Promise((r) => setTimeout(r, 100));
    await bob.whenSynced();
    expect(seen).toEqual([1, 2]);
    expect(bob.conversations().find((c) => c.ConversationID === `C2C${a}`)).toMatchObject({ LastMsgSeq: 2, ReadMsgSeq: 0, UnreadNum: 2 });
    bob.close();
    alice.close();
  });

  it('markRead counts a message delivered while the read was on its way, and not again one the server counted before it arrived', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
    let socket!: HoldingSocket;
    const bob = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, socketFactory: (url) => (socket = new HoldingSocket(url)) });
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId });
    await bob.login(b, officialUserSig(b));
    await alice.login(a, officialUserSig(a));
    const seen: number[] = [];
    bob.on('message', (m) => seen.push(m.MsgSeq));
    const unread = () => bob.conversations().find((c) => c.ConversationID === `C2C${a}`)!.UnreadNum;
    await alice.sendC2C(b, [textElem('1')]);
    await until(() => seen.length === 1);

    // The read's reply (the count up to seq 1: 0) comes after the event of seq 2, which arrived meanwhile.
    socket.hold = (f) => f.action === 'msg.read';
    const read = bob.markRead(`C2C${a}`);
    await until(() => socket.held.length === 1);
    expect(JSON.parse(socket.held[0]!)).toMatchObject({ ErrorCode: 0, data: { UnreadNum: 0, LastMsgSeq: 1 } });
    await alice.sendC2C(b, [textElem('2')]);
    await until(() => seen.length === 2);
    socket.release();
    await read;
    expect(unread()).toBe(1);

    // Seq 3 is stored before the read and its event comes after the reply (the count up to seq 3: 1, seq 3 itself).
    socket.hold = (f) => f.event === 'c2c.message';
    await alice.sendC2C(b, [textElem('3')]);
    await until(() => socket.held.length === 1);
    await bob.markRead(`C2C${a}`, 2);
    socket.release();
    await until(() => seen.length === 3);
    await bob.whenSynced();
    expect(seen).toEqual([1, 2, 3]);
    expect(unread()).toBe(1);
    const listed = (await bob.conversationList()).Conversations.find((c) => c.Type === 'C2C' && c.Peer_Account === a)!;
    expect(listed).toMatchObject({ UnreadNum: 1, ReadMsgSeq: 2 });
    bob.close();
    alice.close();
  });

  it('a read report sent again after a drop is answered before the resync lists conversations: no list from before it sets ReadMsgSeq back', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
    const sockets: HoldingSocket[] = [];
    let configure: (s: HoldingSocket) => void = () => undefined;
    const bob = new ImClient({
      url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 10, reconnectMaxMs: 30,
      socketFactory: (url) => { const s = new HoldingSocket(url); configure(s); sockets.push(s); return s; },
    });
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId });
    await bob.login(b, officialUserSig(b));
    await alice.login(a, officialUserSig(a));
    const seen: number[] = [];
    bob.on('message', (m) => seen.push(m.MsgSeq));
    await alice.sendC2C(b, [textElem('1')]);
    await alice.sendC2C(b, [textElem('2')]);
    await until(() => seen.length === 2);
    await bob.whenSynced();

    // The report is lost with the first connection, so it goes again on the second. There the server answers a
    // conversation list first (read 0) if the client sends one, and the client sees that answer only after the read's.
    sockets[0]!.holdSend = (f) => f.action === 'msg.read' ? 'drop' : 'send';
    configure = (s) => {
      let readAnswered = false;
      s.holdSend = (f) => {
        if (f.action !== 'msg.read') return 'send';
        setTimeout(() => s.releaseSends(), 300); // a client that waits for the read before listing gets it sent anyway
        return 'hold';
      };
      s.hold = (f) => {
        if (f.action === 'msg.read') { readAnswered = true; setTimeout(() => s.release(), 30); }
        if (f.action !== 'conversation.list' || readAnswered) return false;
        s.releaseSends();
        return true;
      };
    };
    const read = bob.markRead(`C2C${a}`);
    await new Promise((r) => setTimeout(r, 50));
    for (const c of stack.websocket.connections.values()) if (c.authorizer.userId === b) c.socket.terminate();
    await read;
    await until(() => sockets.length === 2 && sockets[1]!.held.length === 0 && sockets[1]!.heldSends.length === 0);
    await new Promise((r) => setTimeout(r, 100));
    await bob.whenSynced();
    expect(bob.conversations().find((c) => c.ConversationID === `C2C${a}`)).toMatchObject({ LastMsgSeq: 2, ReadMsgSeq: 2, UnreadNum: 0 });
    bob.close();
    alice.close();
  });

  it('a client closed while a message waits for delivery delivers nothing more, and the next client on its storage delivers it', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
    const storage = new MemorySyncStorage();
    const newBob = () => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, storage, reconnectBaseMs: 20, reconnectMaxMs: 100 });
    const first = newBob();
    await first.login(b, officialUserSig(b));
    await first.whenSynced();
    const afterClose: ImMessage[] = [];
    let closed = false;
    first.on('message', (m) => { if (closed) afterClose.push(m); });
    // The raw event comes before the ordered stream's delivery: closing here leaves the message waiting in the client.
    first.on('c2c.message', () => { closed = true; first.close(); });
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId });
    await alice.login(a, officialUserSig(a));
    await alice.sendC2C(b, [textElem('one')]);
    await until(() => closed);
    await first.whenSynced();
    expect(afterClose).toEqual([]);

    const second = newBob();
    const seen: ImMessage[] = [];
    second.on('message', (m) => seen.push(m));
    await second.login(b, officialUserSig(b));
    await until(() => seen.length >= 1);
    await second.whenSynced();
    expect(seen.map((m) => [m.MsgSeq, (m.MsgBody[0]!.MsgContent as { Text: string }).Text])).toEqual([[1, 'one']]);
    second.close();
    alice.close();
  });
});
