import type * as z from 'zod/mini';
import type { LocalStack } from '../../local/stack.js';
import { routes } from '../../functions/routes.js';
import { restPath, type RestRoute, type WsRoute } from '../../functions/shared/route.js';
import { AWS_WEBSOCKET_LIMITS } from '../../local/gateway/websocket-api.js';
import { rest } from '../../test/support/rest-client.js';
import { ReconnectingSocket } from '../support/reconnecting-socket.js';
import { userSigFor } from '../support/usersig.js';
import { canarySnapshot, plantCanary } from './canary.js';
import { mutate, serialize, type Mutated } from './mutations.js';
import { Rng } from './random.js';
import { sample, type SamplePool } from './samples.js';

export interface FuzzOptions {
  restInputs: number;
  wsFrames: number;
  seed: number;
  /** Requests in flight at once (REST) and connections used (WebSocket). */
  concurrency: number;
}

/** One input that broke a rule: enough to replay it. */
export interface FuzzFinding { kind: 'rest' | 'ws'; target: string; problem: string; input: string }

export interface FuzzFigures {
  seed: number;
  restInputs: number;
  wsFrames: number;
  /** Answers that were well-formed successes (ErrorCode 0): how much of the run reached the domain code. */
  accepted: number;
  http5xx: number;
  /** 70500 / internal-error answers and error lines in the log: a handler that failed instead of refusing. */
  unexpectedFailures: number;
  loggedErrors: number;
  unhandledRejections: number;
  withoutEnvelope: number;
  leakyErrorInfo: number;
  canaryChanged: number;
  /** Of the WebSocket frames, those sent as `POST /im/{action}` (actions declared overHttp), and of them, accepted. */
  overHttp: number;
  overHttpAccepted: number;
  /** WebSocket reconnects refused at `$connect` (an account a frame had kicked); a high number means frames were not sent. */
  reconnectsRefused: number;
  findings: FuzzFinding[];
}

const LEAK = /(\s+at\s+\S+\s+\(|\/work\/|node_modules|\.ts:\d+|\.js:\d+|TypeError|ReferenceError|ValidationException|Dynamo)/;
const INTERNAL_CODES = new Set([70500, 90994, 10002]);
const clip = (v: string | Buffer) => (typeof v === 'string' ? v : `<${v.length} bytes>`).slice(0, 600);

async function pool(stack: LocalStack, rng: Rng): Promise<SamplePool> {
  const users = Array.from({ length: 12 }, (_, i) => `fuzz-u${i}`);
  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: users });
  const groups: string[] = [];
  for (const Type of ['Public', 'Work', 'Meeting', 'AVChatRoom', 'Community']) {
    const reply = await rest(stack, 'group_open_http_svc/create_group', {
      Owner_Account: users[0], Type, Name: `fuzz ${Type}`, ...(Type !== 'AVChatRoom' && { MemberList: users.slice(1, 6).map((Member_Account) => ({ Member_Account })) }),
    });
    if (typeof reply.GroupId === 'string') groups.push(reply.GroupId);
  }
  const msgKeys: string[] = [];
  for (let i = 0; i < 4; i++) {
    const reply = await rest(stack, 'openim/sendmsg', { From_Account: users[i], To_Account: users[i + 1], MsgRandom: rng.int(1, 1e9), MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'seed' } }] });
    if (typeof reply.MsgKey === 'string') msgKeys.push(reply.MsgKey);
  }
  for (const GroupId of groups) {
    await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId, From_Account: users[0], Random: rng.int(1, 1e9), MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'seed' } }] });
  }
  return { users, groups, msgKeys: msgKeys.length ? msgKeys : ['1_1_1'] };
}

/** Watches the log and the process while the run lasts. */
function watchProcess() {
  let loggedErrors = 0;
  let unhandled = 0;
  const lines: string[] = [];
  const original = console.error;
  console.error = (...parts: unknown[]) => {
    const text = parts.map(String).join(' ');
    if (text.startsWith('{"level":"error"')) { loggedErrors++; if (lines.length < 5) lines.push(text.slice(0, 1500)); }
    else original(...parts);
  };
  const onUnhandled = () => { unhandled++; };
  process.on('unhandledRejection', onUnhandled);
  return {
    stop: () => { console.error = original; process.off('unhandledRejection', onUnhandled); return { loggedErrors, unhandled, lines }; },
  };
}

function judge(figures: FuzzFigures, kind: 'rest' | 'ws', target: string, input: string | Buffer, reply: Record<string, unknown> | undefined, problem?: string) {
  const find = (p: string) => { if (figures.findings.length < 50) figures.findings.push({ kind, target, problem: p, input: clip(input) }); };
  if (problem) { find(problem); return; }
  if (!reply || typeof reply.ErrorCode !== 'number' || typeof reply.ErrorInfo !== 'string' || (kind === 'rest' && typeof reply.ActionStatus !== 'string')) {
    figures.withoutEnvelope++;
    find(`no Tencent envelope: ${JSON.stringify(reply)?.slice(0, 200)}`);
    return;
  }
  if (reply.ErrorCode === 0) figures.accepted++;
  if (INTERNAL_CODES.has(reply.ErrorCode)) { figures.unexpectedFailures++; find(`internal failure ${reply.ErrorCode}: ${reply.ErrorInfo}`); }
  if (LEAK.test(reply.ErrorInfo)) { figures.leakyErrorInfo++; find(`ErrorInfo leaks internals: ${reply.ErrorInfo.slice(0, 200)}`); }
}

/** POSTs one input and judges the answer: a 5xx, a failed request or a body that is not JSON are findings. */
async function postAndJudge(figures: FuzzFigures, kind: 'rest' | 'ws', target: string, url: string, body: string | Buffer) {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body as never });
    const text = await res.text();
    if (res.status >= 500) { figures.http5xx++; judge(figures, kind, target, body, undefined, `HTTP ${res.status}: ${text.slice(0, 200)}`); return; }
    let reply: Record<string, unknown> | undefined;
    try { reply = JSON.parse(text) as Record<string, unknown>; } catch { reply = undefined; }
    judge(figures, kind, target, body, reply);
  } catch (e) {
    judge(figures, kind, target, body, undefined, `request failed: ${(e as Error).message}`);
  }
}

async function fuzzRest(stack: LocalStack, figures: FuzzFigures, samplePool: SamplePool, options: FuzzOptions, rng: Rng) {
  const restRoutes = routes.filter((r): r is RestRoute => r.transport === 'rest');
  let next = 0;
  const one = async (i: number) => {
    const route = restRoutes[i % restRoutes.length]!;
    const valid = sample(route.input as never, '', samplePool, rng);
    const input: Mutated = rng.chance(0.1) ? { json: valid } : mutate(valid, rng);
    const body = serialize(input);
    const base = `sdkappid=${stack.config.sdkAppId}&identifier=${encodeURIComponent(stack.config.admins[0]!)}&usersig=${stack.adminUserSig}&random=${rng.int(0, 2 ** 32 - 1)}&contenttype=json`;
    const query = rng.chance(0.05) ? rng.pick([base.replace(/usersig=[^&]*/, 'usersig=forged'), base.replace(/sdkappid=\d+/, 'sdkappid=1'), `${base}&x=${'y'.repeat(5000)}`, '', base.replace('contenttype=json', 'contenttype=xml'), `${base}&__proto__=1`]) : base;
    const path = rng.chance(0.02) ? `${route.service}/${rng.pick(['', 'nope', '..', '%00', route.command.toUpperCase()])}` : restPath(route);
    await postAndJudge(figures, 'rest', path, `${stack.url}/v4/${path}?${query}`, body);
  };
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (next < options.restInputs) await one(next++);
  }));
}

async function fuzzWebSocket(stack: LocalStack, figures: FuzzFigures, samplePool: SamplePool, options: FuzzOptions, rng: Rng) {
  const wsRoutes = routes.filter((r): r is WsRoute => r.transport === 'ws');
  // REST inputs may have deleted the pool's accounts (account_delete is a command like any other).
  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: samplePool.users });
  const sockets = Array.from({ length: options.concurrency }, (_, i) => new ReconnectingSocket(stack, samplePool.users[i % samplePool.users.length]!));
  let next = 0;
  await Promise.all(sockets.map(async (socket) => {
    while (next < options.wsFrames) {
      const i = next++;
      const route = wsRoutes[i % wsRoutes.length]!;
      const action = rng.chance(0.02) ? rng.pick(['', 'nope', '$default', '__proto__', route.action.toUpperCase()]) : route.action;
      const data = sample(route.input as z.ZodMiniType as never, '', samplePool, rng);
      const reqId = `f${i}`;
      const roll = rng.next();
      let payload: string | Buffer;
      let expectReply = true;
      if (roll < 0.03) { payload = serialize(mutate({}, rng)); expectReply = false; }
      else if (roll < 0.04) { payload = JSON.stringify({ action, reqId, data: 'x'.repeat(40_000) }); }
      else {
        const input = rng.chance(0.1) ? { json: data } : mutate(data, rng);
        const frame = rng.chance(0.05) ? { action, reqId, data: 'raw' in input ? String(input.raw) : input.json, extra: 1 } : { action, reqId, data: 'raw' in input ? String(input.raw) : input.json };
        payload = JSON.stringify(frame);
      }
      // An action also served over HTTPS gets half its frames there, from the socket's user (its session is the socket).
      if (route.overHttp !== undefined && expectReply && rng.chance(0.5)) {
        await fuzzOverHttp(stack, figures, socket.userId, route.action, payload, rng);
        continue;
      }
      let reply: Awaited<ReturnType<ReconnectingSocket['send']>>;
      try {
        reply = await socket.send(payload, expectReply ? reqId : undefined);
      } catch {
        // Refused at $connect: a frame deleted or kicked this account; import it again and go on.
        figures.reconnectsRefused++;
        await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [socket.userId] });
        continue;
      }
      if (!expectReply) continue;
      if (reply === 'closed') {
        // API Gateway closes the connection (1009) on a message over 128 KB: documented, not a failure.
        if (Buffer.byteLength(payload) <= AWS_WEBSOCKET_LIMITS.maxMessageBytes) judge(figures, 'ws', action, payload, undefined, `connection closed instead of a reply (${socket.lastClose})`);
        continue;
      }
      judge(figures, 'ws', action, payload, reply, reply ? undefined : 'no reply within 5 s');
    }
  }));
  sockets.forEach((s) => s.close());
}

/** One frame as `POST /im/{action}`: the login query, now and then forged or mangled; the reply is a frame (kind `ws`). */
async function fuzzOverHttp(stack: LocalStack, figures: FuzzFigures, userId: string, action: string, payload: string | Buffer, rng: Rng) {
  const login = new URLSearchParams({ sdkappid: String(stack.config.sdkAppId), userid: userId, usersig: userSigFor(stack, userId) }).toString();
  const query = rng.chance(0.1)
    ? rng.pick([login.replace(/usersig=[^&]*/, 'usersig=forged'), login.replace(/sdkappid=\d+/, 'sdkappid=1'), `${login}&platform=Toaster`, `${login}&instance=${'i'.repeat(200)}`, `${login}&__proto__=1`, ''])
    : login;
  figures.overHttp++;
  const accepted = figures.accepted;
  await postAndJudge(figures, 'ws', `http:${action}`, `${stack.url}/im/${action}?${query}`, payload);
  figures.overHttpAccepted += figures.accepted - accepted;
}

/**
 * Generated REST bodies and query strings for every served command, and WebSocket frames for every action,
 * against a running stack; reports what broke a rule (docs/reliability.md, "fuzz").
 */
export async function runFuzz(stack: LocalStack, options: FuzzOptions): Promise<FuzzFigures> {
  const rng = new Rng(options.seed);
  const figures: FuzzFigures = {
    seed: options.seed, restInputs: options.restInputs, wsFrames: options.wsFrames, accepted: 0, http5xx: 0, unexpectedFailures: 0,
    loggedErrors: 0, unhandledRejections: 0, withoutEnvelope: 0, leakyErrorInfo: 0, canaryChanged: 0, reconnectsRefused: 0, overHttp: 0, overHttpAccepted: 0, findings: [],
  };
  const canaryGroup = await plantCanary(stack);
  const before = await canarySnapshot(stack, canaryGroup);
  const samplePool = await pool(stack, rng);
  const watch = watchProcess();
  try {
    await fuzzRest(stack, figures, samplePool, options, rng);
    await fuzzWebSocket(stack, figures, samplePool, options, rng);
    // Deliveries and callbacks finish after the replies.
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    const seen = watch.stop();
    figures.loggedErrors = seen.loggedErrors;
    figures.unhandledRejections = seen.unhandled;
    for (const line of seen.lines) figures.findings.push({ kind: 'ws', target: 'log', problem: 'error logged', input: line });
  }
  const after = await canarySnapshot(stack, canaryGroup);
  if (after !== before) {
    figures.canaryChanged = 1;
    figures.findings.push({ kind: 'rest', target: 'canary', problem: 'the canary data changed', input: `${before.slice(0, 300)} → ${after.slice(0, 300)}` });
  }
  return figures;
}
