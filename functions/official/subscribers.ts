import { ImError } from '../shared/errors.js';
import { nowSeconds } from '../shared/runtime.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import { indexNewMembers, unindexLeftMembers } from '../groupmsg/online-index.js';
import { MSG_FLAG_NUMBER, OFFICIAL_LIMITS as L, OfficialCode as C, type OfficialMsgFlag } from './official-codes.js';
import { OfficialCallback as CB } from './official-callbacks.js';
import { loadAccount, operatorOf, requireManager, type OfficialContext } from './official-context.js';
import type { OfficialAccount } from './official-store.js';
import { accountView, filtered, selfInfoView } from './account-view.js';

/** add_subscriber Result: 0 failed (not imported, or the account filled up meanwhile), 1 added, 2 already subscribed (as add_group_member). */
const Result = { Failed: 0, Added: 1, Already: 2 } as const;
const listOf = (users: readonly string[]) => users.map((u) => ({ Subscriber_Account: u }));

/**
 * Subscribes users: live accounts only; more new subscribers than the room left is refused whole (10014, nothing
 * changed); the before-callback may refuse (10016). Each subscription is one transaction (subscriber item + count).
 */
export async function addSubscribers(ctx: OfficialContext, accountId: string, users: readonly string[], msgFlag: OfficialMsgFlag = 'AcceptAndNotify') {
  const { services } = ctx;
  const account = await loadAccount(ctx, accountId, true);
  if (ctx.actor.kind === 'admin' || users.some((u) => u !== ctx.actor.id)) requireManager(ctx, account);
  const unique = [...new Set(users)];
  const live = new Set<string>();
  for (let i = 0; i < unique.length; i += 100) for (const id of (await services.accounts.getMany(unique.slice(i, i + 100))).keys()) live.add(id);
  const existing = new Set((await Promise.all(unique.filter((u) => live.has(u)).map((u) => services.officialAccounts.getSubscriber(accountId, u)))).flatMap((s) => (s ? [s.userId] : [])));
  const fresh = unique.filter((u) => live.has(u) && !existing.has(u));
  if (account.subscriberNum + fresh.length > account.maxSubscriberNum) {
    throw new ImError(C.Full, `official account ${accountId} has ${account.subscriberNum} of ${account.maxSubscriberNum} subscribers; ${fresh.length} more do not fit`);
  }
  if (fresh.length > 0) {
    const verdict = beforeVerdict(await services.webhooks.before(CB.BeforeAddSubscriber, {
      Official_Account: accountId, Operator_Account: operatorOf(ctx), SubscribeAccountList: listOf(fresh), EventTime: services.clock(),
    }, ctx.callback(CB.BeforeAddSubscriber)), GROUP_CUSTOM_CODES);
    if (verdict.action !== 'allow') {
      if (verdict.action === 'refuse' && verdict.custom) throw new ImError(verdict.custom.code, verdict.custom.info);
      throw new ImError(C.RefusedByCallback, 'the app backend refused these subscribers (OfficialAccount.CallbackBeforeAddSubscriber)');
    }
  }
  const now = nowSeconds(services.clock);
  const outcomes = new Map<string, number>();
  let full = false;
  // New subscribers start with nothing unread: their read position is the account's last broadcast.
  await Promise.all(fresh.map(async (userId) => {
    const outcome = await services.officialAccounts.subscribe({ accountId, userId, subscribeTime: now, msgFlag, customString: '', readSeq: account.lastSeq }, account.lastSeq);
    if (outcome === 'gone') throw new ImError(C.NotFound, `official account ${accountId} was destroyed`);
    if (outcome === 'full') full = true;
    outcomes.set(userId, outcome === 'added' ? Result.Added : outcome === 'already' ? Result.Already : Result.Failed);
  }));
  const added = fresh.filter((u) => outcomes.get(u) === Result.Added);
  if (added.length > 0) {
    await indexNewMembers(services, accountId, added, msgFlag);
    await services.webhooks.after(CB.AfterAddSubscriber, {
      Official_Account: accountId, Operator_Account: operatorOf(ctx), SubscribeAccountList: listOf(added), EventTime: services.clock(),
    }, ctx.callback(CB.AfterAddSubscriber));
  }
  if (full || account.subscriberNum + added.length >= account.maxSubscriberNum) {
    await services.webhooks.after(CB.AfterFull, { Official_Account: accountId, EventTime: services.clock() }, ctx.callback(CB.AfterFull));
  }
  return {
    SubscriberList: unique.map((u) => ({
      Subscriber_Account: u, Result: existing.has(u) ? Result.Already : outcomes.get(u) ?? Result.Failed,
    })),
  };
}

/** delete_subscriber: Result 1 removed, 0 was not a subscriber. */
export async function deleteSubscribers(ctx: OfficialContext, accountId: string, users: readonly string[]) {
  const { services } = ctx;
  const account = await loadAccount(ctx, accountId);
  if (ctx.actor.kind === 'admin' || users.some((u) => u !== ctx.actor.id)) requireManager(ctx, account);
  const removed = new Set<string>();
  await Promise.all(users.map(async (u) => { if (await services.officialAccounts.unsubscribe(accountId, u)) removed.add(u); }));
  if (removed.size > 0) {
    await unindexLeftMembers(services, accountId, [...removed]);
    await services.webhooks.after(CB.AfterDeleteSubscriber, {
      Official_Account: accountId, Operator_Account: operatorOf(ctx), SubscribeAccountList: listOf([...removed]), EventTime: services.clock(),
    }, ctx.callback(CB.AfterDeleteSubscriber));
  }
  return { SubscriberList: users.map((u) => ({ Subscriber_Account: u, Result: removed.has(u) ? 1 : 0 })) };
}

/** modify_subscriber_info: the subscriber's CustomString (10007 when not subscribed). */
export async function modifySubscriber(ctx: OfficialContext, accountId: string, userId: string, customString: string): Promise<Record<string, never>> {
  const account = await loadAccount(ctx, accountId);
  requireManager(ctx, account);
  if (!(await ctx.services.officialAccounts.updateSubscriber(accountId, userId, { customString }))) {
    throw new ImError(C.NotSubscriber, `${userId} does not subscribe to ${accountId}`);
  }
  return {};
}

/** get_subscriber_info: a page in UserID order; `Next` is the last UserID of the page ('' on the last page). */
export async function subscriberPage(ctx: OfficialContext, accountId: string, limit: number | undefined, next: string | undefined) {
  const account = await loadAccount(ctx, accountId);
  requireManager(ctx, account);
  const page = await ctx.services.officialAccounts.subscribers(accountId, next || undefined, limit ?? L.subscriberPageDefault);
  return {
    Next: page.next ?? '',
    SubscriberNum: account.subscriberNum,
    SubscriberList: page.subscribers.map((s) => ({
      Subscriber_Account: s.userId, SubscribeTime: s.subscribeTime, CustomString: s.customString, MsgFlag: MSG_FLAG_NUMBER[s.msgFlag], LastSendMsgTime: 0,
    })),
  };
}

/** get_subscribed_official_account_list: one Query of the user's subscriptions, one BatchGetItem of the page's accounts. */
export async function subscribedAccounts(
  ctx: OfficialContext, userId: string, options: { limit?: number; offset?: number; baseFilter?: readonly string[]; selfFilter?: readonly string[] },
) {
  const { services } = ctx;
  const subscriptions = await services.officialAccounts.subscriptions(userId);
  const offset = options.offset ?? 0;
  const page = subscriptions.slice(offset, offset + (options.limit ?? L.subscribedPageDefault));
  const accounts = await services.officialAccounts.getMany(page.map((s) => s.accountId));
  const end = offset + page.length;
  return {
    OfficialAccountInfoList: page.flatMap((s) => {
      const a = accounts.get(s.accountId);
      return a ? [{ ...filtered(accountView(a), options.baseFilter), SelfInfo: filtered(selfInfoView(s), options.selfFilter) }] : [];
    }),
    TotalCount: subscriptions.length,
    CompleteFlag: end >= subscriptions.length ? 1 : 0,
    Next: end >= subscriptions.length ? 0 : end,
  };
}

/** official.subscribe: the caller subscribes (or, already subscribed, changes their MsgFlag). */
export async function subscribeSelf(ctx: OfficialContext, accountId: string, msgFlag: OfficialMsgFlag | undefined) {
  const userId = ctx.actor.id;
  const existing = await ctx.services.officialAccounts.getSubscriber(accountId, userId);
  if (existing) {
    if (msgFlag && msgFlag !== existing.msgFlag) {
      await ctx.services.officialAccounts.updateSubscriber(accountId, userId, { msgFlag });
      await ctx.services.groupMessages.setIndexedFlag(accountId, userId, msgFlag);
    }
    return { Official_Account: accountId, SubscribeTime: existing.subscribeTime, MsgFlag: msgFlag ?? existing.msgFlag };
  }
  const reply = await addSubscribers(ctx, accountId, [userId], msgFlag);
  if (reply.SubscriberList[0]?.Result !== 1) throw new ImError(C.Full, `official account ${accountId} is full`);
  const mine = await ctx.services.officialAccounts.getSubscriber(accountId, userId);
  return { Official_Account: accountId, SubscribeTime: mine?.subscribeTime ?? nowSeconds(ctx.services.clock), MsgFlag: msgFlag ?? 'AcceptAndNotify' };
}

/** official.unsubscribe: the caller leaves (10007 when not subscribed). */
export async function unsubscribeSelf(ctx: OfficialContext, accountId: string) {
  const reply = await deleteSubscribers(ctx, accountId, [ctx.actor.id]);
  if (reply.SubscriberList[0]?.Result !== 1) throw new ImError(C.NotSubscriber, `you do not subscribe to ${accountId}`);
  return { Official_Account: accountId };
}

export type { OfficialAccount };
