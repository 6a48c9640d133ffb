import * as z from 'zod/mini';
import { ImError } from './errors.js';
import { lenient } from './leniency.js';

/**
 * zod carries only messages, so a field-specific Tencent code travels as a
 * "<code>|<info>" message; `parseInput` turns it back into an ImError.
 */
export const coded = (code: number, info: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${code}|${info}` : `${code}|${info}; got ${received(issue.input)}`),
});

/** What an ErrorInfo shows of the value received: short, and lists by their length. */
const received = (v: unknown): string => (Array.isArray(v) ? `${v.length} items` : shown(v));

const CODED = /^(\d{4,6})\|([\s\S]*)$/;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A string of at most `max` UTF-8 bytes (Tencent counts bytes, not characters). */
export const maxBytes = (max: number, code?: number, what = 'value') =>
  z.refine<string>((s) => utf8Bytes(s) <= max, {
    error: (issue) => {
      const info = `${what} is ${utf8Bytes(String(issue.input))} bytes; it must be at most ${max} bytes`;
      return code === undefined ? info : `${code}|${info}`;
    },
  });

const describePath = (path: PropertyKey[]): string =>
  path.length === 0 ? 'body' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');

interface IssueLike {
  code?: string;
  message: string;
  expected?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
  origin?: unknown;
  values?: unknown[];
  input?: unknown;
  format?: string;
}

/** The value received, short enough for an ErrorInfo. */
const shown = (v: unknown): string => {
  const text = typeof v === 'bigint' ? String(v) : JSON.stringify(v);
  if (text === undefined) return String(v);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
};

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

const EXPECTED: Record<string, string> = {
  int: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean', array: 'an array', object: 'an object', bigint: 'an integer',
};

const sizeOf = (issue: IssueLike): string => {
  if (issue.origin === 'string' && typeof issue.input === 'string') return `has ${issue.input.length} characters`;
  if (issue.origin === 'array' && Array.isArray(issue.input)) return `has ${issue.input.length} items`;
  return `is ${shown(issue.input)}`;
};

const bound = (issue: IssueLike, side: 'min' | 'max'): string => {
  const limit = String(side === 'min' ? issue.minimum : issue.maximum);
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  if (issue.inclusive === false) return `${side === 'min' ? 'more' : 'less'} than ${limit}${unit}`;
  return `${side === 'min' ? 'at least' : 'at most'} ${limit}${unit}`;
};

/**
 * zod/mini ships no message locale, so the common issues are described here: the field,
 * the value received and what is allowed (Tencent's ErrorInfo names all three).
 */
function describeIssue(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = EXPECTED[String(issue.expected)] ?? String(issue.expected);
      return `must be ${expected}, got ${kindOf(issue.input)} ${shown(issue.input)}`;
    }
    case 'too_big': return `${sizeOf(issue)}; it must be ${bound(issue, 'max')}`;
    case 'too_small': return `${sizeOf(issue)}; it must be ${bound(issue, 'min')}`;
    case 'invalid_value': return `is ${shown(issue.input)}; it must be one of ${(issue.values ?? []).map((v) => shown(v)).join(', ')}`;
    case 'invalid_format': return `is ${shown(issue.input)}, which is not ${issue.format ? `a valid ${issue.format}` : 'in the expected format'}`;
    case 'invalid_union': return `is ${shown(issue.input)}, which matches none of the allowed forms`;
    default: return issue.input === undefined ? issue.message : `is ${shown(issue.input)}: ${issue.message}`;
  }
}

/**
 * Validates `data` as Tencent reads it (`lenient`: null and unusable zero values are "not given",
 * legacy names are today's); a failure becomes an ImError naming the offending field.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, data: unknown, invalidCode: number): z.infer<S> {
  const result = schema.safeParse(lenient(schema, data), { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const match = CODED.exec(issue.message);
  if (match) throw new ImError(Number(match[1]), match[2]!);
  const where = describePath(issue.path);
  throw new ImError(invalidCode, `${where} ${describeIssue(issue as IssueLike)}`);
}
