import type { RestCaller, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import type { BeforeCallbackResult } from '../webhooks/webhooks.js';
import { SnsCode } from './sns-codes.js';
import type { Pair } from './notify.js';

export const SnsCallback = {
  PrevFriendAdd: 'Sns.CallbackPrevFriendAdd',
  PrevFriendResponse: 'Sns.CallbackPrevFriendResponse',
  FriendAdd: 'Sns.CallbackFriendAdd',
  FriendDelete: 'Sns.CallbackFriendDelete',
  BlackListAdd: 'Sns.CallbackBlackListAdd',
  BlackListDelete: 'Sns.CallbackBlackListDelete',
} as const;

/** Codes an app backend may return per target to have them passed to the client (spec §6.3). */
export const SNS_CUSTOM_CODES = { min: 38000, max: 39000 } as const;

export interface Refusal {
  code: number;
  info: string;
}

/**
 * Reads a Sns before-callback (spec §6.3): `ErrorCode` 0 means the backend
 * handled it, and its `ResultItem[]` may refuse single targets (a code in
 * 38000-39000 is passed through, any other non-zero code becomes 30540); a
 * non-zero `ErrorCode` or a failed callback is a backend failure, which lets
 * the request through unless the app is configured fail-closed.
 */
export function snsRefusals(result: BeforeCallbackResult, targets: readonly string[]): Map<string, Refusal> {
  const refusals = new Map<string, Refusal>();
  const refuseAll = (info: string) => targets.forEach((t) => refusals.set(t, { code: SnsCode.Internal, info }));
  if (result.outcome === 'skipped') return refusals;
  if (result.outcome === 'failed') {
    if (!result.allow) refuseAll('the app backend did not answer the friend callback');
    return refusals;
  }
  const code = result.reply.ErrorCode ?? 0;
  if (code !== 0) return refusals;
  const items = Array.isArray(result.reply.ResultItem) ? (result.reply.ResultItem as unknown[]) : [];
  for (const raw of items) {
    const item = raw as { To_Account?: unknown; ResultCode?: unknown; ResultInfo?: unknown };
    if (typeof item.To_Account !== 'string' || !targets.includes(item.To_Account)) continue;
    const rc = item.ResultCode;
    if (typeof rc !== 'number' || rc === 0) continue;
    const info = typeof item.ResultInfo === 'string' ? item.ResultInfo : '';
    refusals.set(item.To_Account, Number.isInteger(rc) && rc >= SNS_CUSTOM_CODES.min && rc <= SNS_CUSTOM_CODES.max
      ? { code: rc, info }
      : { code: 30540, info: info || 'refused by the app backend' });
  }
  return refusals;
}

/** After-callbacks with a `PairList` (friend add/delete, blocklist add/delete). */
export async function afterPairs(
  services: Pick<ServiceCatalog, 'clock' | 'webhooks'>, caller: RestCaller | WsCaller, command: string, pairs: readonly Pair[], extra: Record<string, unknown> = {},
): Promise<void> {
  if (pairs.length === 0) return;
  await services.webhooks.after(command, { PairList: pairs, ...extra, EventTime: services.clock() }, callbackMetaFor(caller, command));
}
