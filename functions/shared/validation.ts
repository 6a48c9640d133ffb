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

interface IssueLike {
  code?: string;
  message: string;
  expected?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  origin?: unknown;
  values?: unknown[];
  input?: unknown;
}

/** zod/mini ships no message locale, so the common issues are described here. */
function describeIssue(issue: IssueLike): string {
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  switch (issue.code) {
    case 'invalid_type': return issue.input === undefined ? 'is required' : `expected ${String(issue.expected)}`;
    case 'too_big': return `must be at most ${String(issue.maximum)}${unit}`;
    case 'too_small': return `must be at least ${String(issue.minimum)}${unit}`;
    case 'invalid_value': return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format': return 'has the wrong format';
    default: return issue.message;
  }
}

/** Validates `data`; a failure becomes an ImError naming the offending field. */
export function parseInput<S extends z.ZodMiniType>(schema: S, data: unknown, invalidCode: number): z.infer<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const match = CODED.exec(issue.message);
  if (match) throw new ImError(Number(match[1]), match[2]!);
  const where = describePath(issue.path);
  throw new ImError(invalidCode, `${where} ${describeIssue(issue as IssueLike)}`);
}
