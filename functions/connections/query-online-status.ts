import { userIdProblem } from '../shared/identifiers.js';
import type { AppConfig } from '../shared/config.js';
import type { ServiceCatalog } from '../services.js';
import { isLive } from '../accounts/account-store.js';
import { AccountCode } from '../accounts/account-codes.js';
import { presenceFrom } from './presence.js';

/** Tencent names iOS devices iPhone in presence details (IPhone in the legacy querystate). */
const tencentPlatform = (platform: string, legacy: boolean) => (platform === 'iOS' ? (legacy ? 'IPhone' : 'iPhone') : platform);

export interface OnlineStatusQuery {
  accounts: readonly string[];
  withDetail: boolean;
  /** `querystate` answers `State` where `query_online_status` answers `Status`. */
  legacy: boolean;
}

/** `query_online_status` / `querystate`: one Query per account plus one BatchGet per 100 accounts. */
export async function queryOnlineStatus(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections'>, config: Pick<AppConfig, 'heartbeatTimeoutSeconds'>, query: OnlineStatusQuery) {
  const now = services.clock();
  const accounts = [...new Set(query.accounts)];
  const known = new Map<string, boolean>();
  // A string that is no UserID (too long, control characters) names no account: it is not looked up (DynamoDB would
  // refuse the key) and is answered as an unknown account.
  const lookedUp = accounts.filter((id) => userIdProblem(id) === undefined);
  for (let i = 0; i < lookedUp.length; i += 100) {
    const found = await services.accounts.getMany(lookedUp.slice(i, i + 100));
    lookedUp.slice(i, i + 100).forEach((id) => known.set(id, isLive(found.get(id))));
  }
  const existing = accounts.filter((id) => known.get(id));
  const presences = await Promise.all(existing.map(async (id) =>
    [id, presenceFrom(await services.connections.presenceOf(id, now), now, config.heartbeatTimeoutSeconds * 1000)] as const));
  const key = query.legacy ? 'State' : 'Status';
  const QueryResult = presences.map(([id, presence]) => ({
    To_Account: id,
    [key]: presence.status,
    ...(query.withDetail && presence.detail.length > 0 && {
      Detail: presence.detail.map((d) => ({ Platform: tencentPlatform(d.platform, query.legacy), Status: d.status })),
    }),
  }));
  const ErrorList = accounts.filter((id) => !known.get(id)).map((id) => ({ To_Account: id, ErrorCode: AccountCode.NotFound }));
  return {
    QueryResult,
    ...(ErrorList.length > 0 && { ErrorList }),
    // Tencent: the top-level code is an error only when every account failed.
    ...(existing.length === 0 && ErrorList.length > 0 && { ActionStatus: 'FAIL', ErrorCode: AccountCode.NotFound, ErrorInfo: 'none of the accounts exist' }),
  };
}
