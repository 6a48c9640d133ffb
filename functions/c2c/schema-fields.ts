import * as z from 'zod/mini';
import { userIdProblem } from '../shared/identifiers.js';
import { C2cCode } from './c2c-codes.js';

/**
 * The field rules the C2C schemas share (schemas.ts, action-schemas.ts, conversation-schemas.ts): each file of
 * schemas is built whole in every Lambda that imports it, so the schemas are split by the Lambda that uses them.
 */
/** The value received, short enough for an ErrorInfo (Tencent's names the field, the value and what is allowed). */
export const got = (v: unknown): string => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
};
/** A coded error whose info ends with the value received. */
export const codedGot = (code: number, info: string) => ({ error: (iss: { input?: unknown }) => `${code}|${info}, got ${got(iss.input)}` });

const U32 = 4294967295;

export const int = (code: number, what: string, min = 0, max = U32) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
    codedGot(code, `${what} must be an integer from ${min} to ${max}`));

export const account = (code: number, what: string) =>
  z.custom<string>((v) => typeof v === 'string' && userIdProblem(v) === undefined,
    { error: (iss) => `${code}|${what}: ${typeof iss.input === 'string' ? userIdProblem(iss.input) : `must be a UserID string, got ${got(iss.input)}`}` });

export const flag = (code: number, what: string) => z.custom<0 | 1>((v) => v === 0 || v === 1, codedGot(code, `${what} must be 0 or 1`));

export const cloudCustomData = z.custom<string>((v) => typeof v === 'string' && Buffer.byteLength(v) <= 8192,
  codedGot(C2cCode.InvalidParam, 'CloudCustomData must be a string of at most 8192 bytes'));

export const stringList = (code: number, what: string, allowed: readonly string[]) =>
  z.custom<string[]>((v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && allowed.includes(s)),
    codedGot(code, `${what} must be an array of ${allowed.map((a) => `"${a}"`).join(', ')}`));

export const msgBody = z.optional(z.unknown());
export const offlinePushInfo = z.optional(z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  codedGot(C2cCode.InvalidParam, 'OfflinePushInfo must be an object')));

export const msgKeyString = (what: string) => z.custom<string>((v) => typeof v === 'string', codedGot(C2cCode.BadMsgKey, `${what} must be a MsgKey string`));
