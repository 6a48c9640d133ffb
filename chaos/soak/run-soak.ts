import WebSocket from 'ws';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, MemorySyncStorage, textElem, type ImMessage, type SocketLike } from '../../client/src/index.js';
import { rest } from '../../test/support/rest-client.js';
import { userSigFor } from '../support/usersig.js';
import { Rng } from '../fuzz/random.js';

/**
 * reconnect-soak (issue 15): receivers are client-SDK `ImClient`s on real `ws` sockets; senders send C2C (WebSocket and
 * REST `openim/sendmsg`), group and Community topic (WebSocket `group.send` and REST `send_group_msg`) messages to them
 * while their connections are
 * closed at random moments: by the gateway (abruptly, or with 1001 as at API Gateway's limits), by the client, right after
 * a reconnect while its resync runs, and by a re-login (a new client on the same stored cursors, as a page reload).
 * After each completed resync the client's unread counts are recorded; at the end every receiver's delivered stream and
 * every recorded count are compared with the stored history. Each topic is a conversation of its own (`GROUP<TopicId>`),
 * with its own SEQ, history and read position, in one Community of everyone.
 */
export interface SoakOptions {
  receivers: number;
  senders: number;
  groups: number;
  /** Topics of one Community of everyone (0: no Community); topic sends are a share of the load beside C2C and group ones. */
  topics: number;
  /** Forced disconnects in all (a mid-resync one counts once per close). */
  disconnects: number;
  /** Mean pause between two disconnects (each of a random receiver). */
  disconnectEveryMs: number;
  /** Pause between two sends of one sender. */
  sendPauseMs: number;
  seed: number;
  /** Stops forcing disconnects after this long, whatever the count. */
  maxSeconds: number;
  log?: (line: string) => void;
}

export type DisconnectKind = 'gatewayTerminate' | 'gatewayClose' | 'clientClose' | 'clientTerminate' | 'relogin';

export interface SoakFigures {
  receivers: number;
  senders: number;
  groups: number;
  topics: number;
  disconnects: number;
  byKind: Record<DisconnectKind, number>;
  /** Disconnects that fell between a reconnect and the end of its resync. */
  midResync: number;
  reconnects: number;
  resyncs: number;
  resyncMs: { p50: number; p95: number; max: number };
  sends: number;
  sendsByKind: Partial<Record<SendKind, number>>;
  acknowledged: number;
  /** Acknowledged sends not in history at their seq (goal 0). */
  lost: number;
  /** Stored messages each receiver should have got: its conversations' whole history. */
  expected: number;
  delivered: number;
  missing: number;
  duplicated: number;
  outOfOrder: number;
  /** Delivered messages that are not in history (goal 0). */
  phantom: number;
  unreadChecks: number;
  unreadDisagreements: number;
  /** At the end: the client's, the server's list and the history's counts of every conversation (goal 0). */
  finalUnreadDisagreements: number;
  clientErrors: number;
  seconds: number;
  findings: string[];
}

interface Snapshot { receiver: string; conv: string; last: number; read: number; unread: number; after: DisconnectKind | 'login' }
type SendKind = 'c2c' | 'group' | 'restC2c' | 'restGroup' | 'topic' | 'restTopic';
interface SendRecord { kind: SendKind; from: string; conv: string; random: number; acked: boolean; seq?: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** One receiver: its current client, what it delivered (across clients), its sockets. */
class Receiver {
  im!: ImClient;
  socket?: WebSocket;
  readonly storage = new MemorySyncStorage();
  readonly delivered = new Map<string, number[]>();
  /** Per conversation, the client generation (1 + re-logins so far) that delivered each message, for findings. */
  readonly generation = new Map<string, number[]>();
  clients = 0;
  /** Connected but the resync of this connection has not finished. */
  resyncing = false;
  connectedAt = 0;
  lastKind: DisconnectKind | 'login' = 'login';
  /** The next connect gets closed again while it resyncs. */
  closeDuringResync = false;
  constructor(readonly userId: string) {}
}

export async function runReconnectSoak(stack: LocalStack, options: SoakOptions): Promise<SoakFigures> {
  const t0 = Date.now();
  const rng = new Rng(options.seed);
  const run = `s${options.seed.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const receivers = Array.from({ length: options.receivers }, (_, i) => new Receiver(`${run}r${i}`));
  const senderIds = Array.from({ length: options.senders }, (_, i) => `${run}s${i}`);
  const findings: string[] = [];
  const snapshots: Snapshot[] = [];
  const resyncTimes: number[] = [];
  const byKind: Record<DisconnectKind, number> = { gatewayTerminate: 0, gatewayClose: 0, clientClose: 0, clientTerminate: 0, relogin: 0 };
  let disconnects = 0;
  let midResync = 0;
  let reconnects = 0;
  let clientErrors = 0;

  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [...receivers.map((r) => r.userId), ...senderIds] });
  const groupIds: string[] = [];
  for (let g = 0; g < options.groups; g++) {
    const reply = await rest(stack, 'group_open_http_svc/create_group', {
      Owner_Account: senderIds[0], Type: 'Work', Name: `soak ${g}`,
      MemberList: [...senderIds.slice(1), ...receivers.map((r) => r.userId)].map((Member_Account) => ({ Member_Account })),
    });
    if (reply.ErrorCode !== 0) throw new Error(`create_group: ${reply.ErrorCode} ${reply.ErrorInfo}`);
    groupIds.push(reply.GroupId as string);
  }
  const topicIds: string[] = [];
  /** The Community itself: nothing is sent to it, but what it stores (its tips) counts in its unread. */
  const quiet: string[] = [];
  if (options.topics > 0) {
    const community = await rest(stack, 'group_open_http_svc/create_group', {
      Owner_Account: senderIds[0], Type: 'Community', SupportTopic: 1, Name: 'soak topics',
      MemberList: [...senderIds.slice(1), ...receivers.map((r) => r.userId)].map((Member_Account) => ({ Member_Account })),
    });
    if (community.ErrorCode !== 0) throw new Error(`create_group (Community): ${community.ErrorCode} ${community.ErrorInfo}`);
    quiet.push(`GROUP${community.GroupId as string}`);
    for (let t = 0; t < options.topics; t++) {
      const reply = await rest(stack, 'million_group_open_http_svc/create_topic', { GroupId: community.GroupId, TopicName: `topic ${t}` });
      if (reply.ErrorCode !== 0) throw new Error(`create_topic: ${reply.ErrorCode} ${reply.ErrorInfo}`);
      topicIds.push(reply.TopicId as string);
    }
  }
  /** Every conversation the load writes to: each sender's C2C one (seen from a receiver), each group, each topic. */
  const conversations = [...senderIds.map((id) => `C2C${id}`), ...groupIds.map((g) => `GROUP${g}`), ...topicIds.map((t) => `GROUP${t}`)];
  const communityOf = (topicId: string) => topicId.slice(0, topicId.indexOf('@TOPIC#_'));

  const newClient = (onSocket?: (s: WebSocket) => void, storage?: MemorySyncStorage) => new ImClient({
    url: stack.wsUrl, ...(storage && { storage }), sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 20, reconnectMaxMs: 200, requestTimeoutMs: 8000,
    socketFactory: (url) => { const s = new WebSocket(url); onSocket?.(s); return s as unknown as SocketLike; },
  });

  const attach = (r: Receiver, im: ImClient) => {
    r.im = im;
    const generation = ++r.clients;
    im.on('message', (m: ImMessage) => {
      if (r.im !== im) return;
      const list = r.delivered.get(m.ConversationID) ?? [];
      list.push(m.MsgSeq);
      r.delivered.set(m.ConversationID, list);
      r.generation.set(m.ConversationID, [...(r.generation.get(m.ConversationID) ?? []), generation]);
    });
    im.on('connected', ({ reconnect }) => {
      if (r.im !== im) return;
      if (reconnect) reconnects++;
      r.resyncing = true;
      r.connectedAt = Date.now();
      if (r.closeDuringResync) {
        r.closeDuringResync = false;
        setTimeout(() => { if (r.im === im) void forceDisconnect(r, rng.pick(['gatewayTerminate', 'clientClose', 'clientTerminate'] as const)); }, rng.int(0, 30));
      }
    });
    im.on('synced', () => {
      if (r.im !== im) return;
      if (r.resyncing) resyncTimes.push(Date.now() - r.connectedAt);
      r.resyncing = false;
      for (const c of im.conversations()) {
        snapshots.push({ receiver: r.userId, conv: c.ConversationID, last: c.LastMsgSeq, read: c.ReadMsgSeq, unread: c.UnreadNum, after: r.lastKind });
      }
    });
    im.on('error', () => { clientErrors++; });
  };

  const login = async (r: Receiver) => {
    const im = newClient((s) => { if (r.im === im) r.socket = s; }, r.storage);
    attach(r, im);
    for (let attempt = 1; ; attempt++) {
      try {
        await im.login(r.userId, userSigFor(stack, r.userId));
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        await sleep(200 * attempt);
      }
    }
  };

  async function forceDisconnect(r: Receiver, kind: DisconnectKind): Promise<void> {
    const gatewaySide = [...stack.websocket.connections.values()].filter((c) => c.authorizer.userId === r.userId);
    if (kind === 'gatewayTerminate' || kind === 'gatewayClose') {
      if (gatewaySide.length === 0) return;
      for (const c of gatewaySide) if (kind === 'gatewayTerminate') c.socket.terminate(); else c.socket.close(1001, 'Going away');
    } else if (kind === 'relogin') {
      if (r.im.state !== 'connected') return;
      r.im.close();
    } else {
      const s = r.socket;
      if (!s || s.readyState !== WebSocket.OPEN) return;
      if (kind === 'clientClose') s.close(1000, 'client close'); else s.terminate();
    }
    disconnects++;
    byKind[kind]++;
    if (r.resyncing) midResync++;
    r.lastKind = kind;
    if (kind === 'relogin') await login(r).catch((e: unknown) => { findings.push(`re-login of ${r.userId} failed: ${String(e)}`); });
  }

  for (const r of receivers) await login(r);
  const senders: ImClient[] = [];
  for (const id of senderIds) {
    const im = newClient();
    await im.login(id, userSigFor(stack, id));
    senders.push(im);
  }
  await Promise.all(receivers.map((r) => r.im.whenSynced()));

  // ---- load ----
  const sends: SendRecord[] = [];
  let sending = true;
  let random = rng.int(1, 1_000_000);
  const attempt = async (s: SendRecord, im: ImClient): Promise<void> => {
    const body = [textElem(`soak ${s.kind} ${s.random}`)];
    try {
      if (s.kind === 'c2c') {
        const reply = await im.sendC2C(s.conv.slice(3), body, { MsgRandom: s.random });
        s.acked = true; s.seq = reply.MsgSeq;
      } else if (s.kind === 'group' || s.kind === 'topic') {
        // A topic is addressed by its TopicId as the GroupId, as the SDK's conversation id gives it.
        const reply = await im.sendGroup(s.conv.slice(5), body, { Random: s.random });
        s.acked = true; s.seq = reply.MsgSeq;
      } else if (s.kind === 'restC2c') {
        const reply = await rest(stack, 'openim/sendmsg', { From_Account: s.from, To_Account: s.conv.slice(3), MsgRandom: s.random, MsgBody: body, SyncOtherMachine: 2 });
        // Tencent's reply has no MsgSeq; the MsgKey begins with it.
        if (reply.ErrorCode === 0) { s.acked = true; s.seq = Number(String(reply.MsgKey).split('_')[0]); }
      } else if (s.kind === 'restTopic') {
        const topicId = s.conv.slice(5);
        const reply = await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: communityOf(topicId), TopicId: topicId, From_Account: s.from, Random: s.random, MsgBody: body });
        if (reply.ErrorCode === 0) { s.acked = true; s.seq = reply.MsgSeq as number; }
      } else {
        const reply = await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: s.conv.slice(5), From_Account: s.from, Random: s.random, MsgBody: body });
        if (reply.ErrorCode === 0) { s.acked = true; s.seq = reply.MsgSeq as number; }
      }
    } catch (e) {
      if (findings.length < 40) findings.push(`send ${s.kind} ${s.from}→${s.conv} failed once: ${String(e)}`);
    }
  };
  const kinds: SendKind[] = ['c2c', 'c2c', 'group', 'restC2c', 'restGroup', ...(topicIds.length > 0 ? ['topic', 'restTopic'] as const : [])];
  const senderLoop = async (im: ImClient, from: string) => {
    while (sending) {
      const kind = rng.pick(kinds);
      const conv = kind === 'c2c' || kind === 'restC2c' ? `C2C${rng.pick(receivers).userId}`
        : kind === 'topic' || kind === 'restTopic' ? `GROUP${rng.pick(topicIds)}` : `GROUP${rng.pick(groupIds)}`;
      const s: SendRecord = { kind, from, conv, random: ++random, acked: false };
      sends.push(s);
      for (let i = 0; i < 5 && !s.acked; i++) await attempt(s, im);
      await sleep(options.sendPauseMs);
    }
  };
  const receiverReads = async () => {
    while (sending) {
      await sleep(rng.int(100, 600));
      const r = rng.pick(receivers);
      const convs = r.im.conversations();
      if (convs.length === 0 || r.im.state !== 'connected') continue;
      await r.im.markRead(rng.pick(convs).ConversationID).catch(() => undefined);
    }
  };
  const load = [...senders.map((im, i) => senderLoop(im, senderIds[i]!)), receiverReads()];

  // ---- disconnects ----
  const disconnectKinds: DisconnectKind[] = ['gatewayTerminate', 'gatewayTerminate', 'gatewayClose', 'clientClose', 'clientTerminate', 'relogin'];
  const stopAt = t0 + options.maxSeconds * 1000;
  while (disconnects < options.disconnects && Date.now() < stopAt) {
    await sleep(rng.int(0, 2 * options.disconnectEveryMs));
    const r = rng.pick(receivers);
    if (rng.chance(0.2)) r.closeDuringResync = true;
    await forceDisconnect(r, rng.pick(disconnectKinds));
    if (options.log && disconnects % 100 === 0 && disconnects > 0) options.log(`${disconnects} disconnects, ${sends.length} sends, ${reconnects} reconnects`);
  }
  for (const r of receivers) r.closeDuringResync = false;
  sending = false;
  await Promise.all(load);
  for (const s of sends.filter((x) => !x.acked)) for (let i = 0; i < 5 && !s.acked; i++) await attempt(s, senders[senderIds.indexOf(s.from)]!);

  // ---- quiesce: every receiver connected, synced, nothing more arriving ----
  const deadline = Date.now() + 60_000;
  for (const r of receivers) {
    while (r.im.state !== 'connected' && Date.now() < deadline) await sleep(50);
  }
  let settledAt = Date.now();
  let lastCount = -1;
  while (Date.now() < deadline) {
    await Promise.all(receivers.map((r) => r.im.whenSynced()));
    const count = receivers.reduce((n, r) => n + [...r.delivered.values()].reduce((m, l) => m + l.length, 0), 0);
    if (count !== lastCount) { lastCount = count; settledAt = Date.now(); } else if (Date.now() - settledAt > 1500) break;
    await sleep(200);
  }

  // ---- the stored history of every conversation, as each receiver reads it ----
  const history = new Map<string, Array<{ seq: number; from: string; random: number }>>(); // "<receiver>|<conv>"
  for (const r of receivers) {
    for (const conv of [...conversations, ...quiet]) {
      const stored: Array<{ seq: number; from: string; random: number }> = [];
      if (conv.startsWith('C2C')) {
        let before: number | undefined;
        for (let page = 0; page < 500; page++) {
          const h = await r.im.c2cHistory({ Peer_Account: conv.slice(3), Count: 100, ...(before !== undefined && { BeforeMsgSeq: before }) });
          stored.push(...h.Messages.map((m) => ({ seq: m.MsgSeq, from: m.From_Account, random: m.MsgRandom })));
          if (h.Complete === 1 || h.Messages.length === 0) break;
          before = h.Messages[0]!.MsgSeq;
        }
      } else {
        let seq: number | undefined;
        for (let page = 0; page < 2000; page++) {
          const h = await r.im.groupHistory({ GroupId: conv.slice(5), ReqMsgNumber: 20, ...(seq !== undefined && { ReqMsgSeq: seq }) });
          stored.push(...h.RspMsgList.filter((m) => m.IsPlaceMsg !== 1).map((m) => ({ seq: m.MsgSeq, from: m.From_Account, random: m.MsgRandom })));
          if (h.IsFinished !== 0 || h.RspMsgList.length === 0) break;
          seq = Math.min(...h.RspMsgList.map((m) => m.MsgSeq)) - 1;
        }
      }
      history.set(`${r.userId}|${conv}`, stored.sort((a, b) => a.seq - b.seq));
    }
  }

  // Acknowledged sends: in history once, at their seq (C2C histories are read by the receiver of the conversation).
  let lost = 0;
  for (const s of sends.filter((x) => x.acked)) {
    const key = s.conv.startsWith('C2C') ? `${s.conv.slice(3)}|C2C${s.from}` : `${receivers[0]!.userId}|${s.conv}`;
    const copies = (history.get(key) ?? []).filter((m) => m.random === s.random && m.from === s.from);
    if (copies.length !== 1 || copies[0]!.seq !== s.seq) { lost++; findings.push(`acknowledged ${s.kind} ${s.from}→${s.conv} seq ${s.seq}: stored ${copies.map((m) => m.seq).join(',') || 'nowhere'}`); }
  }

  // Every receiver's stream against the history: each stored message exactly once, in seq order.
  let expected = 0, delivered = 0, missing = 0, duplicated = 0, outOfOrder = 0, phantom = 0;
  for (const r of receivers) {
    for (const conv of conversations) {
      const stored = history.get(`${r.userId}|${conv}`)!.map((m) => m.seq);
      const got = r.delivered.get(conv) ?? [];
      expected += stored.length;
      delivered += got.length;
      const storedSet = new Set(stored);
      const gotSet = new Set(got);
      const miss = stored.filter((q) => !gotSet.has(q));
      const dup = got.length - gotSet.size;
      let order = 0;
      for (let i = 1; i < got.length; i++) if (got[i]! < got[i - 1]!) order++;
      const ghost = got.filter((q) => !storedSet.has(q)).length;
      missing += miss.length; duplicated += dup; outOfOrder += order; phantom += ghost;
      if (miss.length || dup || order || ghost) {
        const gens = r.generation.get(conv) ?? [];
        const around = miss.slice(0, 3).map((q) => {
          const i = got.findIndex((x) => x > q);
          return `${q} (around it: ${got.slice(Math.max(0, i - 2), i + 2).join(',')} by clients ${gens.slice(Math.max(0, i - 2), i + 2).join(',')})`;
        });
        findings.push(`${r.userId} ${conv}: ${around.join('; ')}; missing ${miss.slice(0, 10).join(',')}${miss.length > 10 ? '…' : ''} duplicated ${dup} out of order ${order} phantom ${ghost} (delivered ${got.slice(0, 5).join(',')}…${got.slice(-5).join(',')})`);
      }
    }
  }

  // Unread counts recorded after each resync, against the history: messages from others after the read position,
  // up to the last seq the client knew.
  const unreadTruth = (receiver: string, conv: string, read: number, last: number) =>
    (history.get(`${receiver}|${conv}`) ?? []).filter((m) => m.from !== receiver && m.seq > read && m.seq <= last).length;
  let unreadDisagreements = 0;
  for (const s of snapshots) {
    const truth = unreadTruth(s.receiver, s.conv, s.read, s.last);
    if (truth !== s.unread) {
      unreadDisagreements++;
      if (unreadDisagreements <= 20) findings.push(`after ${s.after}: ${s.receiver} ${s.conv} UnreadNum ${s.unread} but ${truth} stored from others in (${s.read}, ${s.last}]`);
    }
  }
  // At the end: the client, the server's list and the history agree.
  let finalUnreadDisagreements = 0;
  for (const r of receivers) {
    const listed = new Map<string, { UnreadNum: number; ReadMsgSeq: number; LastMsgSeq: number }>();
    for (let cursor: string | undefined, page = 0; page < 20; page++) {
      const reply = await r.im.conversationList({ Count: 100, ...(cursor && { Cursor: cursor }) });
      for (const c of reply.Conversations) if (c.Type !== 'Official') listed.set(c.Type === 'C2C' ? `C2C${c.Peer_Account}` : `GROUP${c.TopicId ?? c.GroupId}`, c);
      if (reply.Complete === 1 || !reply.Cursor) break;
      cursor = reply.Cursor;
    }
    const mine = new Map(r.im.conversations().map((c) => [c.ConversationID, c]));
    for (const conv of [...conversations, ...quiet]) {
      const server = listed.get(conv);
      const client = mine.get(conv as `C2C${string}`);
      if (!server && !client) continue;
      const truth = server ? unreadTruth(r.userId, conv, server.ReadMsgSeq, Number.MAX_SAFE_INTEGER) : -1;
      if (!server || !client || server.UnreadNum !== truth || client.UnreadNum !== truth) {
        finalUnreadDisagreements++;
        findings.push(`final: ${r.userId} ${conv} client ${client?.UnreadNum} (read ${client?.ReadMsgSeq}) server ${server?.UnreadNum} (read ${server?.ReadMsgSeq}) history ${truth}`);
      }
    }
  }

  for (const r of receivers) r.im.close();
  for (const im of senders) im.close();
  return {
    receivers: options.receivers, senders: options.senders, groups: options.groups, topics: options.topics,
    disconnects, byKind, midResync, reconnects, resyncs: resyncTimes.length,
    resyncMs: { p50: percentile(resyncTimes, 50), p95: percentile(resyncTimes, 95), max: Math.max(0, ...resyncTimes) },
    sends: sends.length, sendsByKind: Object.fromEntries(kinds.map((k) => [k, sends.filter((x) => x.kind === k).length])),
    acknowledged: sends.filter((s) => s.acked).length, lost,
    expected, delivered, missing, duplicated, outOfOrder, phantom,
    unreadChecks: snapshots.length, unreadDisagreements, finalUnreadDisagreements, clientErrors,
    seconds: Math.round((Date.now() - t0) / 1000), findings: findings.slice(0, 60),
  };
}
