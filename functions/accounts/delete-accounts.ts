import type { ServiceCatalog } from '../services.js';
import { userIdProblem } from '../shared/identifiers.js';
import { kickConnections } from '../connections/kick-connections.js';
import { AccountCode } from './account-codes.js';
import { removeRelationshipsOf } from '../sns/account-removal.js';
import { removeMembershipsOf, type AccountRemovalServices } from '../groups/account-removal.js';
import { dropUserStatus } from '../connections/user-status.js';

export interface AccountDeleteItem {
  UserID: string;
  ResultCode: number;
  ResultInfo: string;
}

/**
 * `account_delete`: per account, a tombstone that refuses login, the user's
 * own items removed, and open connections closed with `kicked`.
 */
export async function deleteAccounts(services: Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns'> & AccountRemovalServices, userIds: readonly string[]): Promise<{ ResultItem: AccountDeleteItem[] }> {
  const now = services.clock();
  const ResultItem = await Promise.all(userIds.map(async (UserID): Promise<AccountDeleteItem> => {
    const problem = userIdProblem(UserID);
    if (problem) return { UserID, ResultCode: AccountCode.InvalidParam, ResultInfo: problem };
    // Friends' items pointing at the user and friend requests both ways go first; the purge below removes the user's own.
    await removeRelationshipsOf(services, UserID);
    await removeMembershipsOf(services, UserID);
    if (!(await services.accounts.deleteAccount(UserID, now))) {
      return { UserID, ResultCode: AccountCode.NotFound, ResultInfo: `account ${UserID} does not exist` };
    }
    const connections = await services.connections.listByUser(UserID, now, true);
    await kickConnections(services, connections, 'AccountDeleted');
    await dropUserStatus(services, UserID, connections.length > 0);
    return { UserID, ResultCode: 0, ResultInfo: '' };
  }));
  return { ResultItem };
}
