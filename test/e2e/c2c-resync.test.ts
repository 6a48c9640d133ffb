import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type ServerEvent, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

interface Msg { From_Account: string; To_Account: string; MsgSeq: number; MsgKey: string }

/** A device that keeps, per peer, the messages it holds by MsgSeq, as a client SDK would. */
class Device {
  client?: TestClient;
  readonly held = new Map<string, Map<number, string>>();
  duplicates = 0;
  constructor(readonly userId: string) {}

  private record(m: Msg, fromEvent: boolean) {
    const peer = m.From_Account === this.userId ? m.To_Account : m.From_Account;
    const conv = this.held.get(peer) ?? new Map<number, string>();
    this.held.set(peer, conv);
    const had = conv.get(m.MsgSeq);
    if (had !== undefined && had !== m.MsgKey) throw new Error(`two messages with MsgSeq ${m.MsgSeq} between ${this.userId} and ${peer}`);
    if (had !== undefined && fromEvent) this.duplicates += 1;
    conv.set(m.MsgSeq, m.MsgKey);
  }

  recordSent(to: string, reply: { MsgSeq: number; MsgKey: string }) {
    this.record({ From_Account: this.userId, To_Account: to, MsgSeq: reply.MsgSeq, MsgKey: reply.MsgKey }, false);
  }

  async connect() {
    this.client = await connect(stack, this.userId);
    this.client.socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as ServerEvent;
      if (frame.event === 'c2c.message') this.record(frame.data as unknown as Msg, true);
    });
    await this.resync();
  }

  /** The only resync path: conversation.list, then history.c2c back to the first seq this device lacks. */
  async resync() {
    const list = (await this.client!.request('conversation.list', { Count: 100 })).data!.Conversations as Array<{ Peer_Account: string; LastMsgSeq: number }>;
    for (const conv of list) {
      const have = this.held.get(conv.Peer_Account) ?? new Map<number, string>();
      let contiguous = 0;
      while (have.has(contiguous + 1)) contiguous += 1;
      let before: number | undefined;
      while (contiguous < conv.LastMsgSeq) {
        const page = (await this.client!.request('history.c2c', { Peer_Account: conv.Peer_Account, Count: 20, ...(before && { BeforeMsgSeq: before }) })).data as { Messages: Msg[]; Complete: number };
        page.Messages.forEach((m) => this.record(m, false));
        if (page.Complete === 1 || page.Messages.length === 0 || page.Messages[0]!.MsgSeq <= contiguous + 1) break;
        before = page.Messages[0]!.MsgSeq;
      }
    }
  }

  async drop(abrupt: boolean) {
    const client = this.client!;
    this.client = undefined;
    if (abrupt) { client.socket.terminate(); await client.closed; } else await client.close();
  }
}

describe('resync after random disconnects', () => {
  it('3 users, 60 messages, random disconnects: every device ends with every message of its conversations, no gap, no duplicate', async () => {
    const random = prng(20261122);
    const ids = [uniqueId('r'), uniqueId('r'), uniqueId('r')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
    const devices = ids.map((id) => new Device(id));
    await Promise.all(devices.map((d) => d.connect()));
    const sent = new Map<string, Map<number, string>>();
    for (let i = 0; i < 60; i++) {
      const from = devices[Math.floor(random() * 3)]!;
      const others = devices.filter((d) => d !== from);
      const to = others[Math.floor(random() * 2)]!;
      const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }];
      let reply: { MsgSeq: number; MsgKey: string };
      if (from.client) {
        const r = await from.client.request('c2c.send', { To_Account: to.userId, MsgBody: body, MsgRandom: i + 1 });
        expect(r.ErrorCode).toBe(0);
        reply = r.data as typeof reply;
      } else {
        // The sender's device is offline: its app backend sends for it.
        const r = await rest(stack, 'openim/sendmsg', { From_Account: from.userId, To_Account: to.userId, MsgRandom: i + 1, MsgBody: body });
        expect(r.ErrorCode).toBe(0);
        reply = { MsgSeq: Number(String(r.MsgKey).split('_')[0]), MsgKey: String(r.MsgKey) };
      }
      from.recordSent(to.userId, reply);
      const pairKey = [from.userId, to.userId].sort().join('|');
      const conv = sent.get(pairKey) ?? new Map<number, string>();
      sent.set(pairKey, conv);
      conv.set(reply.MsgSeq, reply.MsgKey);
      if (random() < 0.2) {
        const victim = devices[Math.floor(random() * 3)]!;
        if (victim.client) await victim.drop(random() < 0.5);
        else await victim.connect();
      }
    }
    for (const d of devices) if (!d.client) await d.connect();
    await Promise.all(devices.map((d) => d.resync()));
    for (const d of devices) {
      for (const other of devices.filter((o) => o !== d)) {
        const expected = sent.get([d.userId, other.userId].sort().join('|')) ?? new Map<number, string>();
        const seqs = [...expected.keys()].sort((x, y) => x - y);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        expect(new Map([...(d.held.get(other.userId) ?? new Map<number, string>())].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...expected].sort((x, y) => x[0] - y[0])));
      }
      expect(d.duplicates).toBe(0);
    }
    await Promise.all(devices.map((d) => d.drop(false)));
  });
});
