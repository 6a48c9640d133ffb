import { PLATFORMS, type Platform } from '../shared/config.js';
import { ImError, SigCode } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import { verifyUserSig } from '../shared/usersig.js';
import { nowSeconds, type AppRuntime } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { AccountCode } from '../accounts/account-codes.js';

export interface ConnectQuery {
  sdkappid?: string;
  userid?: string;
  usersig?: string;
  platform?: string;
  instance?: string;
}

export interface AuthorizedLogin {
  userId: string;
  platform: Platform;
  instance: string;
  /** TLS.time of the UserSig, so later checks can compare it to a kick. */
  sigTime: number;
  /** Whether the account already exists, so `$connect` writes it only at first login. */
  accountExists: boolean;
}

const isPlatform = (p: string): p is Platform => (PLATFORMS as readonly string[]).includes(p);

/**
 * The `$connect` check: a valid UserSig for this app and user, not issued
 * before a kick, for an account that was not deleted.
 */
/** What the `$connect` authorizer builds (connections/services-aws.ts): the clock and the accounts. */
export type AuthorizerServices = Pick<ServiceCatalog, 'accounts' | 'clock'>;

export async function authorizeConnect(app: AppRuntime<AuthorizerServices>, query: ConnectQuery): Promise<AuthorizedLogin> {
  const { config, secrets, services } = app;
  if (query.sdkappid === undefined || Number(query.sdkappid) !== config.sdkAppId) {
    throw new ImError(SigCode.SdkAppIdNotFound, `unknown sdkappid "${query.sdkappid ?? ''}"`);
  }
  const userId = query.userid ?? '';
  const problem = userIdProblem(userId);
  if (problem) throw new ImError(AccountCode.InvalidParam, problem);
  const platform = query.platform ?? 'Web';
  if (!isPlatform(platform)) throw new ImError(AccountCode.InvalidParam, `platform must be one of ${PLATFORMS.join(', ')}`);
  const instance = query.instance ?? platform;
  if (instance.length === 0 || instance.length > 128) throw new ImError(AccountCode.InvalidParam, 'instance must be 1 to 128 characters');
  const sig = verifyUserSig({
    sdkAppId: config.sdkAppId, secretKey: secrets.secretKey, identifier: userId, userSig: query.usersig, now: nowSeconds(services.clock),
  });
  const account = await services.accounts.get(userId);
  if (account?.deletedAt !== undefined) throw new ImError(AccountCode.NotFound, 'the account was deleted');
  if (account?.sigNotBefore !== undefined && sig.time < account.sigNotBefore) {
    throw new ImError(SigCode.Invalidated, 'UserSig was invalidated by a kick; generate a new one');
  }
  return { userId, platform, instance, sigTime: sig.time, accountExists: account !== undefined };
}
