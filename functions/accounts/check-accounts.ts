import { isLive, type AccountStore } from './account-store.js';
import { userIdProblem } from '../shared/identifiers.js';
import { AccountCode } from './account-codes.js';

export interface AccountCheckItem {
  UserID: string;
  ResultCode: number;
  ResultInfo: string;
  AccountStatus?: 'Imported' | 'NotImported';
}

/** `account_check`: whether each account exists (one BatchGet). */
export async function checkAccounts(store: AccountStore, userIds: readonly string[]): Promise<{ ResultItem: AccountCheckItem[] }> {
  const wellFormed = userIds.filter((id) => userIdProblem(id) === undefined);
  const found = await store.getMany(wellFormed);
  return {
    ResultItem: userIds.map((UserID): AccountCheckItem => {
      const problem = userIdProblem(UserID);
      if (problem) return { UserID, ResultCode: AccountCode.InvalidParam, ResultInfo: problem };
      return { UserID, ResultCode: 0, ResultInfo: '', AccountStatus: isLive(found.get(UserID)) ? 'Imported' : 'NotImported' };
    }),
  };
}
