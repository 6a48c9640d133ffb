import { ImError } from '../shared/errors.js';
import { nowSeconds } from '../shared/runtime.js';
import type { GroupMessage } from '../groupmsg/groupmsg-store.js';
import { OFFICIAL_LIMITS as L, OfficialCode as C, officialMsgKey, parseOfficialMsgKey } from './official-codes.js';
import { OfficialCallback as CB, OfficialEvent } from './official-callbacks.js';
import { loadAccount, requireManager, type OfficialContext } from './official-context.js';
import { deliverOfficialEvent } from './official-online.js';
import type { OfficialAccount } from './official-store.js';

/** One RspMsgList item (doocs RspMsgItem): IsPlaceMsg 0 normal, 1 expired or missing, 2 recalled. */
function historyItem(account: OfficialAccount, m: GroupMessage | undefined, seq: number, nowS: number): Record<string, unknown> {
  const gone = !m || m.expiresAt <= nowS || m.deleted;
  return {
    From_Account: gone ? '' : account.id, IsPlaceMsg: gone ? 1 : m.recalled ? 2 : 0, IsSystemMsg: 0,
    MsgBody: gone || m.recalled ? [] : m.body, MsgPriority: 2, MsgRandom: gone ? 0 : m.random,
    MsgKey: officialMsgKey(seq, gone ? 0 : m.time), MsgSeq: seq, MsgTimeStamp: gone ? 0 : m.time,
    ...(!gone && !m.recalled && m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
  };
}

/**
 * A page of broadcasts older than `LastMsgKey` (the newest without one), newest first: one Query of the account's
 * message partition. `LastMsgKey` of the reply is the oldest key of the page, for the next call.
 */
export async function historyPage(
  ctx: OfficialContext, accountId: string, options: { lastMsgKey?: string; count?: number; withRecalled: boolean; asSubscriber?: boolean },
) {
  const account = await loadAccount(ctx, accountId);
  if (options.asSubscriber) {
    if (ctx.actor.id !== account.owner && !(await ctx.services.officialAccounts.getSubscriber(accountId, ctx.actor.id))) {
      throw new ImError(C.NotSubscriber, `you do not subscribe to ${accountId}`);
    }
  } else requireManager(ctx, account);
  let below = account.lastSeq + 1;
  if (options.lastMsgKey) {
    const parsed = parseOfficialMsgKey(options.lastMsgKey);
    if (!parsed) throw new ImError(C.InvalidParam, `LastMsgKey "${options.lastMsgKey}" is not a MsgKey this account returned`);
    below = parsed.seq;
  }
  const count = options.count ?? L.historyMax;
  const nowS = nowSeconds(ctx.services.clock);
  const stored = below > 1 ? await ctx.services.groupMessages.range(accountId, 1, below - 1, count) : [];
  const bySeq = new Map(stored.map((m) => [m.seq, m]));
  // Seqs the Query did not return (expired, or a send that died after taking its seq) are placeholders, within the page size.
  const lowest = stored.length === count ? stored[stored.length - 1]!.seq : 1;
  const items: Array<Record<string, unknown>> = [];
  let seq = below - 1;
  for (; seq >= lowest && items.length < count; seq--) {
    const m = bySeq.get(seq);
    if (m?.recalled && !options.withRecalled) continue;
    items.push(historyItem(account, m, seq, nowS));
  }
  return {
    Official_Account: accountId,
    IsFinished: seq < 1 ? 1 : 0,
    RspMsgList: items,
    LastMsgKey: items.length > 0 ? String(items[items.length - 1]!.MsgKey) : options.lastMsgKey ?? '',
  };
}

/** official_account_msg_recall: each key's message is marked recalled for everyone (RetCode 0, or 10030 unknown / expired). */
export async function recallBroadcasts(ctx: OfficialContext, accountId: string, keys: readonly string[]) {
  const account = await loadAccount(ctx, accountId);
  requireManager(ctx, account);
  const nowS = nowSeconds(ctx.services.clock);
  const results = await Promise.all(keys.map(async (key) => {
    const parsed = parseOfficialMsgKey(key);
    if (!parsed || parsed.seq > account.lastSeq) return { MsgKey: key, MsgSeq: parsed?.seq ?? 0, RetCode: C.MsgNotFound, recalled: false };
    const outcome = await ctx.services.groupMessages.mark(accountId, parsed.seq, 'recalled', nowS);
    return { MsgKey: key, MsgSeq: parsed.seq, RetCode: outcome === 'missing' ? C.MsgNotFound : 0, recalled: outcome === 'ok' };
  }));
  const recalled = results.filter((r) => r.recalled);
  if (recalled.length > 0) {
    await Promise.all([
      ...recalled.map((r) => deliverOfficialEvent(ctx.services, accountId, OfficialEvent.Recalled, { Official_Account: accountId, MsgKey: r.MsgKey, MsgSeq: r.MsgSeq })),
      ctx.services.webhooks.after(CB.AfterMsgWithDraw, {
        Official_Account: accountId, WithdrawMsgList: recalled.map((r) => ({ MsgKey: r.MsgKey })), EventTime: ctx.services.clock(),
      }, ctx.callback(CB.AfterMsgWithDraw)),
    ]);
  }
  return { RecallRetList: results.map(({ MsgKey, MsgSeq, RetCode }) => ({ MsgKey, MsgSeq, RetCode })) };
}

/** official.read: the caller's read position moves to `seq` (default: the latest broadcast). */
export async function markRead(ctx: OfficialContext, accountId: string, seq: number | undefined) {
  const account = await loadAccount(ctx, accountId);
  const target = Math.min(seq ?? account.lastSeq, account.lastSeq);
  const sub = await ctx.services.officialAccounts.getSubscriber(accountId, ctx.actor.id);
  if (!sub) throw new ImError(C.NotSubscriber, `you do not subscribe to ${accountId}`);
  if (target > sub.readSeq) await ctx.services.officialAccounts.markRead(accountId, ctx.actor.id, target);
  return { Official_Account: accountId, ReadMsgSeq: Math.max(target, sub.readSeq), UnreadNum: Math.max(0, account.lastSeq - Math.max(target, sub.readSeq)) };
}
