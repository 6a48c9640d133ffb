import { Api } from 'tls-sig-api-v2/TLSSigAPIv2.js';
import { TEST_SDKAPPID, TEST_SECRET_KEY } from './stack.js';

/** UserSigs from Tencent's official generator, so our verifier is tested against the real thing. */
export const officialUserSig = (userId: string, options: { expire?: number; key?: string; sdkAppId?: number } = {}) =>
  new Api(options.sdkAppId ?? TEST_SDKAPPID, options.key ?? TEST_SECRET_KEY).genUserSig(userId, options.expire ?? 86400);
