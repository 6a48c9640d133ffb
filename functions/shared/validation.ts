import * as z from 'zod/mini';
import { ImError } from './errors.js';

/**
 * zod carries only messages, so a field-specific Tencent code travels as a
 * "<code>|<info>" message; `parseInput` turns it back into an ImError.
 */
export const coded = (code: number, info: string) => ({ error: `${code}|${info}` });

const CODED = /^(\d{4,6})\|([\s\S]*)$/;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A string of at most `max` UTF-8 bytes (Tencent counts bytes, not characters). */
export const maxBytes = (max: number, code?: number, what = 'value') =>
  z.refine<string>((s) => utf8Bytes(s) <= max, code === undefined
    ? { error: `${what} is longer than ${max} bytes` }
    : coded(code, `${what} is longer than ${max} bytes`));

const describePath = (path: PropertyKey[]): string =>
  path.length === 0 ? 'body' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');

/** Validates `data`; a failure becomes an ImError naming the offending field. */
export function parseInput<S extends z.ZodMiniType>(schema: S, data: unknown, invalidCode: number): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const match = CODED.exec(issue.message);
  if (match) throw new ImError(Number(match[1]), match[2]!);
  const where = describePath(issue.path);
  throw new ImError(invalidCode, `invalid ${where}: ${issue.message}`);
}
