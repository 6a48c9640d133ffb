import * as z from 'zod/mini';
import { userIdField } from '../shared/identifiers.js';
import { coded, maxBytes } from '../shared/validation.js';
import { OfficialCode as C, officialIdProblem } from './official-codes.js';

/** Field rules of the official account schemas (schemas.ts; private-schemas.ts, which the c2c Lambda builds without the rest). */
const U32 = 4294967295;
export const uint = (what: string, min = 0, max = U32) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max, coded(C.InvalidParam, `${what} must be an integer from ${min} to ${max}`));
export const flag = (what: string) => z.custom<0 | 1>((v) => v === 0 || v === 1, coded(C.InvalidParam, `${what} must be 0 or 1`));
export const account = (what: string) => userIdField(C.InvalidParam, what);
export const text = (max: number, what: string) => z.optional(z.string().check(maxBytes(max, C.InvalidParam, what)));
export const stringList = (what: string) => z.optional(z.custom<string[]>((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), coded(C.InvalidParam, `${what} must be an array of strings`)));

/** An official account id: `@TOA#_` followed by up to 48 bytes in all of printable ASCII (10015 otherwise). */
export const officialIdField = z.string().check(z.refine((id) => officialIdProblem(id) === undefined, { error: (iss) => `${C.InvalidId}|${officialIdProblem(String(iss.input))}` }));
