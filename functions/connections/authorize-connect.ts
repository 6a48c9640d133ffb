import { ImError, SigCode } from '../shared/errors.js';
import { verifyLoginQuery, type LoginQuery, type VerifiedLogin } from '../shared/login-query.js';
import { nowSeconds, type AppRuntime } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { AccountCode } from '../accounts/account-codes.js';

export type ConnectQuery = LoginQuery;

export interface AuthorizedLogin extends VerifiedLogin {
  /** Whether the account already exists, so `$connect` writes it only at first login. */
  accountExists: boolean;
}

/** What the `$connect` authorizer builds (connections/services-aws.ts): the clock and the accounts. */
export type AuthorizerServices = Pick<ServiceCatalog, 'accounts' | 'clock'>;

/**
 * The `$connect` check: a valid UserSig for this app and user, not issued
 * before a kick, for an account that was not deleted.
 */
export async function authorizeConnect(app: AppRuntime<AuthorizerServices>, query: ConnectQuery): Promise<AuthorizedLogin> {
  const { config, secrets, services } = app;
  const login = verifyLoginQuery({ sdkAppId: config.sdkAppId, secretKey: secrets.secretKey, nowSeconds: nowSeconds(services.clock) }, query);
  const account = await services.accounts.get(login.userId);
  if (account?.deletedAt !== undefined) throw new ImError(AccountCode.NotFound, 'the account was deleted');
  if (account?.sigNotBefore !== undefined && login.sigTime < account.sigNotBefore) {
    throw new ImError(SigCode.Invalidated, 'UserSig was invalidated by a kick; generate a new one');
  }
  return { ...login, accountExists: account !== undefined };
}
