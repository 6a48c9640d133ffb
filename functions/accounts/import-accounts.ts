import type { AccountStore, ImportedProfile } from './account-store.js';
import type { Clock } from '../shared/runtime.js';
import { userIdProblem } from '../shared/identifiers.js';

export interface AccountToImport extends ImportedProfile {
  userId: string;
}

/** `account_import`: one account, idempotent. The schema has already checked the UserID. */
export async function importAccount(store: AccountStore, clock: Clock, account: AccountToImport): Promise<void> {
  await store.importAccount(account.userId, { nick: account.nick, faceUrl: account.faceUrl }, clock());
}

/**
 * `multiaccount_import`: imports each valid account; those that break the
 * UserID rules are reported in `FailAccounts` and not written.
 */
export async function importAccounts(store: AccountStore, clock: Clock, accounts: readonly AccountToImport[]): Promise<{ FailAccounts: string[] }> {
  const failed: string[] = [];
  const valid: AccountToImport[] = [];
  for (const account of accounts) {
    if (userIdProblem(account.userId)) failed.push(account.userId);
    else valid.push(account);
  }
  const now = clock();
  const results = await Promise.allSettled(valid.map((a) => store.importAccount(a.userId, { nick: a.nick, faceUrl: a.faceUrl }, now)));
  results.forEach((r, i) => { if (r.status === 'rejected') failed.push(valid[i]!.userId); });
  return { FailAccounts: failed };
}
