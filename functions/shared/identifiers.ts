import * as z from 'zod/mini';
import { utf8Bytes } from './validation.js';

export const USER_ID_MAX_BYTES = 32;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Why `userId` breaks Tencent's UserID rules (spec §1.6), or undefined when it is fine. */
export function userIdProblem(userId: string): string | undefined {
  if (userId.length === 0) return 'UserID is empty';
  if (utf8Bytes(userId) > USER_ID_MAX_BYTES) return `UserID "${userId}" is longer than ${USER_ID_MAX_BYTES} bytes`;
  if (!PRINTABLE_ASCII.test(userId)) return `UserID "${userId}" has characters outside printable ASCII`;
  return undefined;
}

/** A UserID field: a string that follows the identifier rules. */
export const userIdField = (code: number, what = 'UserID') =>
  z.string().check(z.refine((s) => userIdProblem(s) === undefined, { error: (iss) => `${code}|${what}: ${userIdProblem(String(iss.input))}` }));
