import { PLATFORMS, type Platform } from './config.js';
import { ImError, SigCode } from './errors.js';
import { userIdProblem } from './identifiers.js';
import { verifyUserSig } from './usersig.js';

/** What a client names when it logs in (`$connect`) or calls an action over HTTPS. */
export interface LoginQuery {
  sdkappid?: string;
  userid?: string;
  usersig?: string;
  platform?: string;
  instance?: string;
}

export interface VerifiedLogin {
  userId: string;
  platform: Platform;
  instance: string;
  /** TLS.time of the UserSig, so later checks can compare it to a kick. */
  sigTime: number;
}

/** im_open_login_svc's invalid-parameter code (spec §5.2). */
const INVALID_LOGIN_PARAM = 70402;

const isPlatform = (p: string): p is Platform => (PLATFORMS as readonly string[]).includes(p);

/**
 * The checks that need no read: this app's sdkappid, a well-formed UserID, a known platform and instance, and a
 * UserSig valid for that user now. Whether the account was deleted or the UserSig invalidated by a kick is the
 * caller's next step (a read of the account, or of the session's connection).
 */
export function verifyLoginQuery(app: { sdkAppId: number; secretKey: string; nowSeconds: number }, query: LoginQuery): VerifiedLogin {
  if (query.sdkappid === undefined || Number(query.sdkappid) !== app.sdkAppId) {
    throw new ImError(SigCode.SdkAppIdNotFound, `unknown sdkappid "${query.sdkappid ?? ''}"`);
  }
  const userId = query.userid ?? '';
  const problem = userIdProblem(userId);
  if (problem) throw new ImError(INVALID_LOGIN_PARAM, problem);
  const platform = query.platform ?? 'Web';
  if (!isPlatform(platform)) throw new ImError(INVALID_LOGIN_PARAM, `platform must be one of ${PLATFORMS.join(', ')}`);
  const instance = query.instance ?? platform;
  if (instance.length === 0 || instance.length > 128) throw new ImError(INVALID_LOGIN_PARAM, 'instance must be 1 to 128 characters');
  const sig = verifyUserSig({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, identifier: userId, userSig: query.usersig, now: app.nowSeconds });
  return { userId, platform, instance, sigTime: sig.time };
}
