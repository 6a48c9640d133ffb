import type * as z from 'zod/mini';
import type { LocalStack } from '../../local/stack.js';
import { routes } from '../../functions/routes.js';
import { WS_ACCESS } from '../../functions/access-rules.js';
import { restPath, type RestRoute, type WsRoute } from '../../functions/shared/route.js';
import { REST_SERVICES } from '../../functions/shared/rest-services.js';
import { RestCode, SigCode } from '../../functions/shared/errors.js';
import { signUserSig } from '../../functions/shared/usersig.js';
import { rest } from '../../test/support/rest-client.js';
import { connect } from '../../test/support/ws-client.js';
import { Rng } from '../fuzz/random.js';
import { inParallel } from '../../bench/support/pace.js';
import { sample, type SamplePool } from '../fuzz/samples.js';
import { userSigFor } from '../support/usersig.js';
import { castFor, freshCommunity, freshGroup, victimSnapshot, type Cast } from './cast.js';
import { ACTOR_FIELDS, GROUP_RULE_CALLERS } from './callers.js';

export interface AuthzOptions {
  seed: number;
  /** Generated inputs tried per route until one works for an allowed caller. */
  tries: number;
}

/** One attempt that should have been refused and was not, or a route the matrix could not judge. */
export interface AuthzFinding { target: string; caller: string; problem: string; input: string }

export interface AuthzFigures {
  seed: number;
  /** Attempts by callers that must be refused, over every WebSocket action, REST command and login. */
  attempts: number;
  /** Goal 0. */
  wronglyAllowed: number;
  /** WebSocket actions without a permission rule in functions/access-rules.ts (goal 0), and rules for no action. */
  unruled: string[];
  stale: string[];
  /** Group-rule actions for which some generated input worked for an allowed caller (the refusals prove something). */
  conclusive: number;
  /** Forged `self` / `anyone` frames the server accepted (ErrorCode 0) while acting for the caller: the forgeries reached the domain code. */
  forgedAccepted: number;
  /** Group-rule actions for which no generated input worked for an allowed caller within `tries`. */
  inconclusive: string[];
  /** Replies that were an internal error (a handler threw something it did not mean to): goal 0, each one is a finding. */
  internalErrors: number;
  findings: AuthzFinding[];
}

type Reply = Record<string, unknown> | undefined;
const clip = (v: unknown) => JSON.stringify(v)?.slice(0, 400) ?? String(v);

class Matrix {
  readonly figures: AuthzFigures;
  constructor(seed: number) {
    this.figures = { seed, attempts: 0, wronglyAllowed: 0, unruled: [], stale: [], conclusive: 0, forgedAccepted: 0, inconclusive: [], internalErrors: 0, findings: [] };
  }
  /** An attempt that must be refused: allowed when it answers ErrorCode 0 (or `allowedWhen` says so). */
  refused(target: string, caller: string, input: unknown, reply: Reply, allowedWhen = (r: Reply) => r?.ErrorCode === 0) {
    this.figures.attempts++;
    this.observe(target, caller, input, reply);
    if (!allowedWhen(reply)) return;
    this.figures.wronglyAllowed++;
    this.find(target, caller, `allowed: ${clip(reply)}`, input);
  }
  /** Every reply passes here: a refusal must be a deliberate one, never a crash that happens to look like one. */
  observe(target: string, caller: string, input: unknown, reply: Reply): Reply {
    if (typeof reply?.ErrorInfo === 'string' && reply.ErrorInfo.startsWith('internal server error')) {
      this.figures.internalErrors++;
      this.find(target, caller, `internal error: ${clip(reply)}`, input);
    }
    return reply;
  }
  find(target: string, caller: string, problem: string, input: unknown) {
    if (this.figures.findings.length < 100) this.figures.findings.push({ target, caller, problem, input: clip(input) });
  }
}

const wsRoutes = () => routes.filter((r): r is WsRoute => r.transport === 'ws');
const schemaOf = (route: WsRoute | RestRoute) => route.input as z.ZodMiniType as never;

const SKIP_OPTIONAL = [0.4, 0.85, 0.2, 1];
/** Group-rule actions in flight at once (each in its own group); four halved the fast matrix's time on 2 cores. */
const GROUP_RULE_WIDTH = 4;
/** A generator for one route (FNV-1a of its name, mixed with the seed). */
const routeRng = (seed: number, name: string) => new Rng([...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, (seed ^ 2166136261) >>> 0));

/** Every group-rule action in a fresh Public group: the refused callers first, then the controls, on the same input. */
async function groupRules(stack: LocalStack, cast: Cast, matrix: Matrix, seed: number, tries: number) {
  const groupRouted = wsRoutes().filter((route) => { const rule = WS_ACCESS[route.action]; return rule && rule !== 'self' && rule !== 'anyone'; });
  // Each action has its own group: they run a few at a time, each with a generator of its own, so a seed replays
  // every action's inputs whatever order the others finish in.
  await inParallel(groupRouted.length, GROUP_RULE_WIDTH, async (i) => {
    const route = groupRouted[i]!;
    const rule = WS_ACCESS[route.action]!;
    if (rule === 'self' || rule === 'anyone') return;
    const rng = routeRng(seed, route.action);
    const callers = GROUP_RULE_CALLERS[rule];
    // Topic and permission-group actions work only in a Community with topics: they get the Community cast.
    const community = /^(topic|permission)\./.test(route.action);
    const { GroupId, msgSeqs, topics, permissionGroups } = community ? await freshCommunity(stack, cast) : { ...(await freshGroup(stack, cast)), topics: undefined, permissionGroups: undefined };
    // The target (a member) twice as often as the peer (not one): a sparse input naming the peer fails for every caller.
    const pool: SamplePool = { users: [cast.ids.target, cast.ids.target, cast.ids.peer], groups: [GroupId], msgKeys: ['1_1_1'], msgSeqs, ...(topics && { topics, permissionGroups }) };
    let controlled = false;
    // Until a control succeeds, up to six times `tries`: a refusal proves nothing before the same input worked.
    for (let t = 0; t < tries * 6 && !controlled; t++) {
      // Tries alternate how many optional fields they leave out: one field a caller may not set hides the rest,
      // and some fields the schema leaves optional (MsgBody) the command needs.
      const sampled = sample(schemaOf(route), '', pool, rng, 0, SKIP_OPTIONAL[t % SKIP_OPTIONAL.length]) as Record<string, unknown>;
      // MsgBody is optional in the schemas (the domain answers its own code) but every send needs one: the sparse tries get a text.
      const needsBody = t % SKIP_OPTIONAL.length === SKIP_OPTIONAL.length - 1 && 'MsgBody' in ((route.input as { _zod: { def: { shape?: object } } })._zod.def.shape ?? {});
      const data = { ...sampled, ...(needsBody && !sampled.MsgBody && { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'authz' } }] }), GroupId };
      for (const role of callers.refused) {
        matrix.refused(route.action, role, data, await cast.sockets[role].request(route.action, data));
      }
      for (const role of callers.allowed) {
        if (matrix.observe(route.action, role, data, await cast.sockets[role].request(route.action, data))?.ErrorCode === 0) { controlled = true; break; }
      }
    }
    if (controlled) matrix.figures.conclusive++;
    else matrix.figures.inconclusive.push(route.action);
  });
  matrix.figures.inconclusive.sort();
}

/** `self` and `anyone` actions with the victim's id in every field that could name the actor. */
async function selfRules(stack: LocalStack, cast: Cast, matrix: Matrix, rng: Rng, tries: number) {
  const { GroupId, msgSeqs } = await freshGroup(stack, cast);
  const pool: SamplePool = { users: [cast.ids.peer], groups: [GroupId], msgKeys: ['1_1_1'], msgSeqs };
  // The detector must see a change the victim makes itself, or no forged frame could ever be caught.
  const blind = await victimSnapshot(stack, cast.ids.victim);
  await cast.sockets.victim.request('profile.set', { ProfileItem: [{ Tag: 'Tag_Profile_IM_SelfSignature', Value: `seen ${rng.int(0, 1e9)}` }] });
  let before = await victimSnapshot(stack, cast.ids.victim);
  if (before === blind) matrix.find('victimSnapshot', 'victim', 'the snapshot did not change when the victim changed its own profile', {});
  for (const route of wsRoutes()) {
    const rule = WS_ACCESS[route.action];
    if (rule !== 'self' && rule !== 'anyone') continue;
    for (let t = 0; t < tries; t++) {
      const generated = sample(schemaOf(route), '', pool, rng) as Record<string, unknown>;
      const forged = { ...generated, ...Object.fromEntries(ACTOR_FIELDS.map((f) => [f, cast.ids.victim])) };
      matrix.figures.attempts++;
      if (matrix.observe(route.action, 'outsider', forged, await cast.sockets.outsider.request(route.action, forged))?.ErrorCode === 0) matrix.figures.forgedAccepted++;
      const after = await victimSnapshot(stack, cast.ids.victim);
      if (after !== before) {
        matrix.figures.wronglyAllowed++;
        matrix.find(route.action, 'outsider as victim', `the victim's data changed: ${before.slice(0, 200)} → ${after.slice(0, 200)}`, forged);
        before = after;
      }
    }
  }
}

/** The rows no generated input covers: muted send, blocked send, another member's member fields, a deleted account. */
async function namedRows(stack: LocalStack, cast: Cast, matrix: Matrix) {
  const { ids, sockets } = cast;
  const { GroupId } = await freshGroup(stack, cast);
  const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
  const muted = { GroupId, MsgBody: text('muted'), Random: 7 };
  matrix.refused('group.send', 'muted', muted, await sockets.muted.request('group.send', muted));
  const toVictim = { To_Account: ids.victim, MsgBody: text('blocked'), MsgRandom: 7 };
  // Tencent's blocklist answers the blocked sender with success and delivers nothing: allowed means delivered.
  const blockedReply = await sockets.blocked.request('c2c.send', toVictim);
  const now = Math.floor(Date.now() / 1000);
  const roam = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: ids.victim, Peer_Account: ids.blocked, MaxCnt: 10, MinTime: now - 600, MaxTime: now + 600 });
  matrix.refused('c2c.send', 'blocked', toVictim, blockedReply, () => Number(roam.MsgCnt) > 0 || (roam.MsgList as unknown[] | undefined)?.length !== 0);
  for (const [role, member] of [['member', ids.target], ['member', ids.admin], ['admin', ids.owner], ['outsider', ids.member]] as const) {
    const data = { GroupId, Member_Account: member, NameCard: 'renamed' };
    matrix.refused('group.modifyMember (another member)', role, data, await sockets[role].request('group.modifyMember', data));
  }
  // No-ops must be refused too: a stranger's request that would change nothing once answered success.
  for (const [role, data] of [['member', { GroupId, Member_Account: ids.target, Role: 'Member' }], ['outsider', { GroupId, Member_Account: ids.target, Role: 'Member' }], ['outsider', { GroupId, Member_Account: ids.target }]] as const) {
    matrix.refused('group.modifyMember / group.setRole (no change)', role, data, await sockets[role].request('Role' in data ? 'group.setRole' : 'group.modifyMember', data));
  }
  const own = { GroupId, Member_Account: ids.member, NameCard: 'mine' };
  if ((await sockets.member.request('group.modifyMember', own))?.ErrorCode !== 0) matrix.find('group.modifyMember', 'member', 'control failed: a member could not change its own NameCard', own);

  // A deleted account: its open connection is closed and it cannot sign in again.
  const deleted = `${ids.outsider}-deleted`;
  await rest(stack, 'im_open_login_svc/account_import', { UserID: deleted });
  const client = await connect(stack, deleted, { usersig: userSigFor(stack, deleted) });
  await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: deleted }] });
  const closed = await Promise.race([client.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
  matrix.figures.attempts++;
  if (!closed) {
    const data = { To_Account: ids.peer, MsgBody: text('ghost'), MsgRandom: 8 };
    matrix.refused('c2c.send', 'deleted account', data, await client.request('c2c.send', data).then((r) => ({ ...r }), () => undefined));
    matrix.find('$connect', 'deleted account', 'the connection stayed open after account_delete', {});
    client.socket.close();
  }
  await loginRows(stack, cast, matrix, deleted);
}

/** `$connect` with a UserSig that must be refused. */
async function loginRows(stack: LocalStack, cast: Cast, matrix: Matrix, deleted: string) {
  const user = cast.ids.outsider;
  const now = Math.floor(Date.now() / 1000);
  const foreignApp = stack.config.sdkAppId + 1;
  const attempts: Array<[string, string, { usersig: string; sdkappid?: number }]> = [
    ['foreign SDKAppID', user, { usersig: userSigFor(stack, user, { sdkAppId: foreignApp }), sdkappid: foreignApp }],
    ['UserSig of another SDKAppID', user, { usersig: userSigFor(stack, user, { sdkAppId: foreignApp }) }],
    ['expired UserSig', user, { usersig: userSigFor(stack, user, { time: now - 7200, expire: 3600 }) }],
    ['UserSig signed with another key', user, { usersig: signUserSig({ sdkAppId: stack.config.sdkAppId, secretKey: 'not-the-key', identifier: user, expire: 86400, time: now }) }],
    ['forged UserSig', user, { usersig: 'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwqnJYJ1' }],
    ['empty UserSig', user, { usersig: '' }],
    ["another user's UserSig", user, { usersig: userSigFor(stack, cast.ids.victim) }],
    ['deleted account', deleted, { usersig: userSigFor(stack, deleted) }],
  ];
  for (const [who, id, options] of attempts) {
    let opened = false;
    try { const c = await connect(stack, id, options); opened = true; c.socket.close(); } catch { /* refused, as it must be */ }
    matrix.refused('$connect', who, { id, ...options }, undefined, () => opened);
  }
}

/** Every served REST command with a valid body and credentials that are not an app admin's, or not valid. */
async function restRows(stack: LocalStack, cast: Cast, matrix: Matrix, rng: Rng) {
  const { GroupId, msgSeqs } = await freshGroup(stack, cast);
  const pool: SamplePool = { users: [cast.ids.peer, cast.ids.member], groups: [GroupId], msgKeys: ['1_1_1'], msgSeqs };
  const admin = stack.config.admins[0]!;
  const now = Math.floor(Date.now() / 1000);
  const q = (identifier: string, usersig: string, sdkappid = stack.config.sdkAppId) =>
    `sdkappid=${sdkappid}&identifier=${encodeURIComponent(identifier)}&usersig=${encodeURIComponent(usersig)}&random=${rng.int(0, 2 ** 31)}&contenttype=json`;
  const callers: Array<[string, (route: RestRoute) => string, (route: RestRoute) => Set<number>]> = [
    ['a user, not an app admin', () => q(cast.ids.owner, userSigFor(stack, cast.ids.owner)),
      (route) => new Set([REST_SERVICES[route.service as keyof typeof REST_SERVICES]?.needsAdminCode ?? RestCode.NeedsAdmin])],
    ['expired admin UserSig', () => q(admin, userSigFor(stack, admin, { time: now - 7200, expire: 3600 })), () => new Set([SigCode.Expired])],
    ['admin UserSig signed with another key', () => q(admin, signUserSig({ sdkAppId: stack.config.sdkAppId, secretKey: 'not-the-key', identifier: admin, expire: 86400, time: now })), () => new Set([SigCode.HmacMismatch])],
    ['forged UserSig', () => q(admin, 'forged'), () => new Set([SigCode.Unparsable])],
    ["a user's UserSig under the admin identifier", () => q(admin, userSigFor(stack, cast.ids.owner)), () => new Set([SigCode.IdentifierMismatch])],
    ['foreign SDKAppID', () => q(admin, userSigFor(stack, admin, { sdkAppId: stack.config.sdkAppId + 1 }), stack.config.sdkAppId + 1), () => new Set([SigCode.SdkAppIdNotFound])],
  ];
  for (const route of routes.filter((r): r is RestRoute => r.transport === 'rest')) {
    const body = sample(schemaOf(route), '', pool, rng);
    // Queries first (they draw from rng), then the calls at once: the order of replies changes no figure.
    const tries = callers.map(([who, query, expected]) => ({ who, query: query(route), codes: expected(route) }));
    await Promise.all(tries.map(async ({ who, query, codes }) => {
      const reply = await rest(stack, restPath(route), body, { query });
      matrix.refused(restPath(route), who, body, reply, (r) => !codes.has(Number(r?.ErrorCode)));
    }));
  }
}

/**
 * The authorization matrix (docs/reliability.md): every WebSocket action by each caller its permission rule
 * (functions/access-rules.ts) refuses, `self` and `anyone` actions with forged actor fields, the named rows
 * (muted, blocked, deleted), logins with bad UserSigs, and every REST command with credentials that are not an
 * app admin's. A refused attempt that succeeds is counted in `wronglyAllowed`.
 */
export async function runAuthz(stack: LocalStack, options: AuthzOptions): Promise<AuthzFigures> {
  const rng = new Rng(options.seed);
  const matrix = new Matrix(options.seed);
  const actions = wsRoutes().map((r) => r.action);
  matrix.figures.unruled = actions.filter((a) => !(a in WS_ACCESS));
  matrix.figures.stale = Object.keys(WS_ACCESS).filter((a) => !actions.includes(a));
  const cast = await castFor(stack, `${options.seed.toString(36)}${rng.int(0, 1e6).toString(36)}`);
  try {
    await groupRules(stack, cast, matrix, options.seed, options.tries);
    await selfRules(stack, cast, matrix, rng, Math.max(2, Math.ceil(options.tries / 3)));
    await namedRows(stack, cast, matrix);
    await restRows(stack, cast, matrix, rng);
  } finally {
    cast.close();
  }
  return matrix.figures;
}

