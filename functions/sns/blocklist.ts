import { ImError } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import { nowSeconds, type RestCaller, type WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { commitFailure, withFailures, type BatchResult, type ResultItem } from './add-friends.js';
import { notifyPairs, type Pair } from './notify.js';
import { afterPairs, SnsCallback } from './sns-callbacks.js';
import { SNS_LIMITS, SnsCode } from './sns-codes.js';
import { commitUnits } from './commit-batch.js';
import type { SnsChange } from './sns-store.js';

const ok = (To_Account: string): ResultItem => ({ To_Account, ResultCode: 0, ResultInfo: '' });
const fail = (To_Account: string, ResultCode: number, ResultInfo: string): ResultItem => ({ To_Account, ResultCode, ResultInfo });

async function requireAccount(services: Pick<ServiceCatalog, 'accounts'>, userId: string): Promise<void> {
  if (!(await services.accounts.getMany([userId])).has(userId)) throw new ImError(SnsCode.AccountMissing, `account ${userId} does not exist`);
}

/**
 * `black_list_add` and `blocklist.add`: per account, one transaction puts the
 * block (at most 1,000, 30013), removes the friendship both ways and drops
 * pending requests between the two.
 */
export async function addToBlocklist(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns' | 'webhooks'>, caller: RestCaller | WsCaller, fromId: string, toIds: readonly string[]): Promise<BatchResult> {
  if (caller.transport === 'rest') await requireAccount(services, fromId);
  const now = services.clock();
  const valid = [...new Set(toIds.filter((t) => userIdProblem(t) === undefined && t !== fromId))];
  const [accounts, pairs] = await Promise.all([services.accounts.getMany(valid), services.sns.pairs(fromId, valid)]);
  const results: ResultItem[] = [];
  const blocked: Pair[] = [];
  const unfriended: Pair[] = [];
  const seen = new Set<string>();
  const ready: Array<{ index: number; to: string; changes: SnsChange[]; gone: Pair[] }> = [];
  for (const to of toIds) {
    const problem = userIdProblem(to) ?? (to === fromId ? 'cannot block oneself' : seen.has(to) ? `${to} is listed twice` : undefined);
    if (problem) { results.push(fail(to, SnsCode.InvalidParam, problem)); continue; }
    seen.add(to);
    if (!accounts.has(to)) { results.push(fail(to, SnsCode.AccountMissing, `account ${to} does not exist`)); continue; }
    const pair = pairs.get(to)!;
    if (pair.ownerBlocksPeer) { results.push(fail(to, SnsCode.InvalidParam, `${to} is already in the blocklist`)); continue; }
    const changes: SnsChange[] = [{ op: 'putBlock', ownerId: fromId, block: { blockedId: to, addedAt: nowSeconds(services.clock) } }];
    const gone: Pair[] = [];
    if (pair.ownerHasPeer) { changes.push({ op: 'deleteFriend', ownerId: fromId, friendId: to }); gone.push({ From_Account: fromId, To_Account: to }); }
    if (pair.peerHasOwner) { changes.push({ op: 'deleteFriend', ownerId: to, friendId: fromId }); gone.push({ From_Account: to, To_Account: fromId }); }
    if (pair.requestToPeer) changes.push({ op: 'deleteRequest', fromId, toId: to });
    if (pair.requestFromPeer) changes.push({ op: 'deleteRequest', fromId: to, toId: fromId });
    ready.push({ index: results.length, to, changes, gone });
    results.push(ok(to));
  }
  const outcomes = await commitUnits(services.sns, ready.map((r) => r.changes), SNS_LIMITS, now);
  ready.forEach((r, i) => {
    const result = outcomes[i]!;
    if (!result.ok) { const f = commitFailure(result, fromId); results[r.index] = fail(r.to, f.code, f.info); return; }
    blocked.push({ From_Account: fromId, To_Account: r.to });
    unfriended.push(...r.gone);
  });
  await notifyPairs(services, 'friend.deleted', unfriended);
  await notifyPairs(services, 'blocklist.added', blocked);
  await afterPairs(services, caller, SnsCallback.FriendDelete, unfriended, { ClientCmd: 'black_list_add' });
  await afterPairs(services, caller, SnsCallback.BlackListAdd, blocked);
  return withFailures(results);
}

/** `black_list_delete` and `blocklist.delete`. */
export async function removeFromBlocklist(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns' | 'webhooks'>, caller: RestCaller | WsCaller, fromId: string, toIds: readonly string[]): Promise<BatchResult> {
  if (caller.transport === 'rest') await requireAccount(services, fromId);
  const now = services.clock();
  const valid = [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))];
  const pairs = await services.sns.pairs(fromId, valid);
  const results: ResultItem[] = [];
  const removed: Pair[] = [];
  const seen = new Set<string>();
  const ready: Array<{ index: number; to: string }> = [];
  for (const to of toIds) {
    const problem = userIdProblem(to) ?? (seen.has(to) ? `${to} is listed twice` : undefined);
    if (problem) { results.push(fail(to, SnsCode.InvalidParam, problem)); continue; }
    seen.add(to);
    if (!pairs.get(to)!.ownerBlocksPeer) { results.push(fail(to, SnsCode.InvalidParam, `${to} is not in the blocklist`)); continue; }
    ready.push({ index: results.length, to });
    results.push(ok(to));
  }
  const outcomes = await commitUnits(services.sns, ready.map((r): SnsChange[] => [{ op: 'deleteBlock', ownerId: fromId, blockedId: r.to }]), SNS_LIMITS, now);
  ready.forEach((r, i) => {
    const result = outcomes[i]!;
    if (result.ok) removed.push({ From_Account: fromId, To_Account: r.to });
    else { const f = commitFailure(result, fromId); results[r.index] = fail(r.to, f.code, f.info); }
  });
  await notifyPairs(services, 'blocklist.deleted', removed);
  await afterPairs(services, caller, SnsCallback.BlackListDelete, removed);
  return withFailures(results);
}

/**
 * `black_list_get` and `blocklist.list`: `MaxLimited` entries from
 * `StartIndex`, ordered by UserID; `StartIndex` in the reply is where the next
 * page starts (0 when done), `CurruentSequence` (sic) the blocklist's version.
 */
export async function getBlocklist(services: Pick<ServiceCatalog, 'accounts' | 'sns'>, fromId: string, startIndex: number, maxLimited: number, checkAccount = true) {
  if (checkAccount) await requireAccount(services, fromId);
  const [blocks, meta] = await Promise.all([services.sns.listBlocks(fromId), services.sns.meta(fromId)]);
  const page = blocks.slice(startIndex, startIndex + maxLimited);
  const next = startIndex + page.length;
  return {
    BlackListItem: page.map((b) => ({ To_Account: b.blockedId, AddBlackTimeStamp: b.addedAt })),
    StartIndex: next >= blocks.length ? 0 : next,
    CurruentSequence: meta.blockSeq,
  };
}

export const BLACK_CHECK_TYPES = ['BlackCheckResult_Type_Single', 'BlackCheckResult_Type_Both'] as const;

/** `black_list_check`: the block relation with each account (one BatchGet). */
export async function checkBlocklist(services: Pick<ServiceCatalog, 'accounts' | 'sns'>, fromId: string, toIds: readonly string[], checkType: (typeof BLACK_CHECK_TYPES)[number]) {
  await requireAccount(services, fromId);
  const pairs = await services.sns.pairs(fromId, [...new Set(toIds.filter((t) => userIdProblem(t) === undefined))]);
  const failed: string[] = [];
  const BlackListCheckItem = toIds.map((To_Account) => {
    const pair = pairs.get(To_Account);
    if (!pair) {
      failed.push(To_Account);
      return { To_Account, Relation: 'BlackCheckResult_Type_NO', ResultCode: SnsCode.InvalidParam, ResultInfo: userIdProblem(To_Account) ?? 'invalid account' };
    }
    const a = pair.ownerBlocksPeer;
    const b = checkType === 'BlackCheckResult_Type_Both' && pair.peerBlocksOwner;
    const Relation = a && b ? 'BlackCheckResult_Type_BothWay' : a ? 'BlackCheckResult_Type_AWithB' : b ? 'BlackCheckResult_Type_BWithA' : 'BlackCheckResult_Type_NO';
    return { To_Account, Relation, ResultCode: 0, ResultInfo: '' };
  });
  return { BlackListCheckItem, ...(failed.length > 0 && { Fail_Account: failed }) };
}
