import type { LocalStack } from '../../local/stack.js';
import { signUserSig } from '../../functions/shared/usersig.js';

/** A UserSig the stack accepts (signed with its own secret key); `time`/`expire` make expired ones. */
export const userSigFor = (stack: LocalStack, identifier: string, options: { time?: number; expire?: number; sdkAppId?: number } = {}) =>
  signUserSig({
    sdkAppId: options.sdkAppId ?? stack.config.sdkAppId, secretKey: stack.secrets.secretKey, identifier,
    expire: options.expire ?? 86400, time: options.time ?? Math.floor(Date.now() / 1000),
  });
