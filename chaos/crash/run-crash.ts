import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '../../local/stack.js';
import { signUserSig } from '../../functions/shared/usersig.js';
import { rest } from '../../test/support/rest-client.js';
import { ReconnectingSocket } from '../support/reconnecting-socket.js';
import { Rng } from '../fuzz/random.js';
import { freePort, StackProcess } from '../support/stack-process.js';

/**
 * crash-restart (issue 15): the local stack as `npm start` runs it, on disk, under C2C (WebSocket), group (WebSocket)
 * and REST (`openim/sendmsg`) load; SIGKILL of its whole process group (gateway and DynamoDB Local) mid-load, a restart
 * on the same data, the unacknowledged sends retried with their MsgRandom as the client SDK does; `rounds` times. Then
 * every user reads its conversations as a client would after a reconnect (the list, then history page by page) and the
 * figures compare what was acknowledged with what is stored, and the lists' counts with the stored history.
 */
const SECRET_KEY = 'c0ffee'.repeat(10) + 'beef';
const SDKAPPID = 1400000000;
const ADMIN = 'administrator';

export interface CrashOptions {
  rounds: number; loadMs: number; users: number; seed: number;
  /** `c2c.holeRepairAfterSeconds` of the stack, waited out before the reads (default 2). */
  graceSeconds?: number;
}

export interface CrashFigures {
  rounds: number;
  sends: number;
  acknowledged: number;
  foundAfterRestart: number;
  lost: number;
  duplicated: number;
  seqReused: number;
  retried: number;
  unreadDisagreements: number;
  listDisagreements: number;
  /** Holes (sends killed between their seq and their message) the reads found and repaired: SkippedSeqs in history. */
  holesRepaired: { c2c: number; group: number };
  /** Users shown Online right after a restart, before reconnecting: connections the killed gateway left (goal 0). */
  ghostOnline: number;
  findings: string[];
}

type Kind = 'c2c' | 'group' | 'rest';
interface Send { kind: Kind; from: string; to: string; random: number; acked: boolean; seq?: number }

const messageText = (s: Send) => `crash ${s.kind} ${s.random}`;

export async function runCrashRestart(options: CrashOptions): Promise<CrashFigures> {
  const rng = new Rng(options.seed);
  const graceSeconds = options.graceSeconds ?? 2;
  const dataDir = mkdtempSync(join(tmpdir(), 'im-crash-'));
  const port = await freePort();
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ c2c: { holeRepairAfterSeconds: graceSeconds } }));
  const stackProcess = new StackProcess({
    ...process.env, IM_DATA_DIR: dataDir, PORT: String(port), IM_SECRET_KEY: SECRET_KEY, IM_SDKAPPID: String(SDKAPPID),
    IM_CONFIG: configFile, IM_LOG_LEVEL: 'error', IM_TABLE_PREFIX: 'crash-',
  });
  // What the test helpers need of a stack, for one that runs in another process.
  const stack = {
    url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, config: { sdkAppId: SDKAPPID, admins: [ADMIN] },
    secrets: { secretKey: SECRET_KEY },
    adminUserSig: signUserSig({ sdkAppId: SDKAPPID, secretKey: SECRET_KEY, identifier: ADMIN, expire: 7 * 86400, time: Math.floor(Date.now() / 1000) }),
  } as unknown as LocalStack;
  const findings: string[] = [];
  const sends: Send[] = [];
  let retried = 0;
  let ghostOnline = 0;
  const c2cHoles = new Set<string>();
  const groupHoles = new Set<number>();
  const users = Array.from({ length: options.users }, (_, i) => `crash${options.seed}u${i}`);
  let random = rng.int(1, 1_000_000);

  try {
    await stackProcess.start();
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: users });
    const groupId = (await rest(stack, 'group_open_http_svc/create_group', {
      Owner_Account: users[0], Type: 'Work', Name: 'crash', MemberList: users.slice(1).map((Member_Account) => ({ Member_Account })),
    })).GroupId as string;
    const sockets = new Map(users.map((u) => [u, new ReconnectingSocket(stack, u)]));

    const attempt = async (s: Send): Promise<void> => {
      const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: messageText(s) } }];
      try {
        if (s.kind === 'rest') {
          const reply = await rest(stack, 'openim/sendmsg', { From_Account: s.from, To_Account: s.to, MsgRandom: s.random, MsgBody: body, SyncOtherMachine: 2 });
          if (reply.ErrorCode === 0) { s.acked = true; s.seq = reply.MsgSeq as number; }
          return;
        }
        const socket = sockets.get(s.from)!;
        const reply = s.kind === 'c2c'
          ? await socket.request('c2c.send', { To_Account: s.to, MsgBody: body, MsgRandom: s.random })
          : await socket.request('group.send', { GroupId: s.to, MsgBody: body, Random: s.random });
        if (reply?.ErrorCode === 0) { s.acked = true; s.seq = (reply.data as { MsgSeq: number }).MsgSeq; }
      } catch {
        // The stack is down: not acknowledged.
      }
    };

    // One send of each kind first: the local stack loads a feature's handler on its first call, which would take the
    // first round's load window. Not counted as sends (each is stored and acknowledged before the first kill).
    const warmUp = (kind: Kind, to: string): Send => ({ kind, from: users[0]!, to, random: ++random, acked: false });
    await Promise.all([warmUp('c2c', users[1]!), warmUp('group', groupId), warmUp('rest', users[1]!)].map(attempt));

    for (let round = 0; round < options.rounds; round++) {
      let running = true;
      const worker = async (user: string, i: number) => {
        while (running) {
          const kind: Kind = (['c2c', 'c2c', 'group', 'rest'] as const)[rng.int(0, 3)]!;
          const to = kind === 'group' ? groupId : users[(i + 1 + rng.int(0, users.length - 2)) % users.length]!;
          const s: Send = { kind, from: user, to, random: ++random, acked: false };
          sends.push(s);
          await attempt(s);
          if (!s.acked) await new Promise((r) => setTimeout(r, 50));
        }
      };
      const workers = users.map((u, i) => worker(u, i));
      await new Promise((r) => setTimeout(r, options.loadMs / 2 + rng.int(0, options.loadMs / 2)));
      await stackProcess.kill();
      running = false;
      await Promise.all(workers);
      await stackProcess.start();
      // Every connection died with the kill and none $disconnected: nobody may be Online before reconnecting.
      const presence = await rest(stack, 'openim/query_online_status', { To_Account: users });
      for (const r of presence.QueryResult as Array<{ To_Account: string; Status: string }>) {
        if (r.Status !== 'Offline') { ghostOnline++; findings.push(`round ${round}: ${r.To_Account} is ${r.Status} after the restart`); }
      }
      // Unacknowledged sends are retried with the same MsgRandom, as the client SDK does after a reconnect.
      // Each user's in its order, the users at once.
      await Promise.all(users.map(async (user) => {
        for (const s of sends.filter((x) => !x.acked && x.from === user)) { retried++; await attempt(s); }
      }));
    }
    // Let the holes of the last kill become old enough to be repaired by the reads below.
    await new Promise((r) => setTimeout(r, (graceSeconds + 1.5) * 1000));

    // Every user reads as a reconnecting client: its conversation list, then each conversation's history.
    const storedC2c = new Map<string, Array<{ seq: number; from: string; random: number }>>(); // by "a|b" sorted
    let unreadDisagreements = 0;
    let listDisagreements = 0;
    for (const user of users) {
      const socket = sockets.get(user)!;
      const list = async () => ((await socket.request('conversation.list', { Count: 100 }))?.data as { Conversations: Array<Record<string, unknown>> }).Conversations;
      for (const c of await list()) {
        if (c.Type === 'C2C') {
          const peer = String(c.Peer_Account);
          const all: Array<{ seq: number; from: string; random: number }> = [];
          let before: number | undefined;
          for (let page = 0; page < 200; page++) {
            const h = (await socket.request('history.c2c', { Peer_Account: peer, Count: 100, ...(before && { BeforeMsgSeq: before }) }))?.data as { Messages: Array<{ MsgSeq: number; From_Account: string; MsgRandom: number }>; Complete: number; SkippedSeqs?: number[] };
            for (const seq of h.SkippedSeqs ?? []) c2cHoles.add(`${[user, peer].sort().join('|')}#${seq}`);
            all.push(...h.Messages.map((m) => ({ seq: m.MsgSeq, from: m.From_Account, random: m.MsgRandom })));
            if (h.Complete === 1 || h.Messages.length === 0) break;
            before = h.Messages[0]!.MsgSeq;
          }
          storedC2c.set([user, peer].sort().join('|'), all);
        } else {
          for (let seq: number | undefined, page = 0; page < 500; page++) {
            const h = (await socket.request('history.group', { GroupId: c.GroupId, ReqMsgNumber: 20, ...(seq && { ReqMsgSeq: seq }) }))?.data as { IsFinished: number; RspMsgList: Array<{ MsgSeq: number }>; SkippedSeqs?: number[] };
            for (const skipped of h.SkippedSeqs ?? []) groupHoles.add(skipped);
            if (h.IsFinished !== 0 || h.RspMsgList.length === 0) break;
            seq = Math.min(...h.RspMsgList.map((m) => m.MsgSeq)) - 1;
          }
        }
      }
      // The list after those reads (a client's next resync) must agree with the stored history.
      for (const c of await list()) {
        if (c.Type !== 'C2C') continue;
        const peer = String(c.Peer_Account);
        const stored = storedC2c.get([user, peer].sort().join('|')) ?? [];
        const unread = stored.filter((m) => m.from === peer && m.seq > Number(c.ReadMsgSeq)).length;
        if (unread !== c.UnreadNum) { unreadDisagreements++; findings.push(`${user}/${peer}: UnreadNum ${c.UnreadNum} but ${unread} stored after ReadMsgSeq ${c.ReadMsgSeq}`); }
        const newest = Math.max(0, ...stored.map((m) => m.seq));
        const last = (c.LastMsg as { MsgSeq?: number } | undefined)?.MsgSeq ?? 0;
        if (last !== newest) { listDisagreements++; findings.push(`${user}/${peer}: LastMsg ${last} but the newest stored message is ${newest}`); }
      }
    }
    // Conversations with stored messages must be in both users' lists.
    for (const [key, stored] of storedC2c) {
      if (stored.length === 0) continue;
      const [a, b] = key.split('|') as [string, string];
      for (const [u, p] of [[a, b], [b, a]] as const) {
        const listed = ((await sockets.get(u)!.request('conversation.list', { Count: 100 }))?.data as { Conversations: Array<Record<string, unknown>> }).Conversations.some((c) => c.Peer_Account === p);
        if (!listed) { listDisagreements++; findings.push(`${u} does not list its conversation with ${p} (${stored.length} stored messages)`); }
      }
    }
    const groupHistory: Array<{ MsgSeq: number; From_Account: string; MsgRandom: number; IsPlaceMsg?: number }> = [];
    for (let seq: number | undefined, page = 0; page < 500; page++) {
      const h = await rest(stack, 'group_open_http_svc/group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 20, ...(seq && { ReqMsgSeq: seq }) });
      const items = h.RspMsgList as typeof groupHistory;
      groupHistory.push(...items.filter((m) => m.IsPlaceMsg !== 1));
      if (h.IsFinished !== 0 || items.length === 0) break;
      seq = Math.min(...items.map((m) => m.MsgSeq)) - 1;
    }

    // A pair missing from every list is read by its sender directly, so its messages are not taken for lost.
    for (const s of sends.filter((x) => x.acked && x.kind !== 'group' && !storedC2c.has([x.from, x.to].sort().join('|')))) {
      const h = (await sockets.get(s.from)!.request('history.c2c', { Peer_Account: s.to, Count: 100 }))?.data as { Messages: Array<{ MsgSeq: number; From_Account: string; MsgRandom: number }> };
      storedC2c.set([s.from, s.to].sort().join('|'), h.Messages.map((m) => ({ seq: m.MsgSeq, from: m.From_Account, random: m.MsgRandom })));
    }
    // Acknowledged sends against what is stored: found once, at the seq acknowledged.
    let found = 0;
    let lost = 0;
    let duplicated = 0;
    let seqReused = 0;
    const storedOf = (s: Send) => (s.kind === 'group'
      ? groupHistory.map((m) => ({ seq: m.MsgSeq, from: m.From_Account, random: m.MsgRandom }))
      : storedC2c.get([s.from, s.to].sort().join('|')) ?? []);
    for (const s of sends.filter((x) => x.acked)) {
      const copies = storedOf(s).filter((m) => m.random === s.random && m.from === s.from);
      if (copies.length === 0) { lost++; findings.push(`lost: ${s.kind} ${s.from}→${s.to} random ${s.random} seq ${s.seq}`); continue; }
      found++;
      if (copies.length > 1) { duplicated++; findings.push(`duplicated: ${s.kind} ${s.from}→${s.to} random ${s.random} ×${copies.length}`); }
      if (s.seq !== undefined && s.seq !== 0 && !copies.some((m) => m.seq === s.seq)) findings.push(`acknowledged seq ${s.seq} but stored at ${copies.map((m) => m.seq).join(',')}`);
    }
    for (const stored of [...storedC2c.values(), groupHistory.map((m) => ({ seq: m.MsgSeq, from: m.From_Account, random: m.MsgRandom }))]) {
      const seqs = stored.map((m) => m.seq);
      seqReused += seqs.length - new Set(seqs).size;
    }
    for (const s of sockets.values()) s.close();
    return {
      rounds: options.rounds, sends: sends.length, acknowledged: sends.filter((s) => s.acked).length, foundAfterRestart: found, lost, duplicated, seqReused,
      retried, unreadDisagreements, listDisagreements, holesRepaired: { c2c: c2cHoles.size, group: groupHoles.size }, ghostOnline, findings: findings.slice(0, 50),
    };
  } finally {
    await stackProcess.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
