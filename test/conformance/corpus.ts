import type { LocalStack } from '../../local/stack.js';
import type { TencentReply } from '../support/rest-client.js';

/**
 * The JSON type a server SDK's reply struct decodes a field into. Go's encoding/json, Jackson and
 * Json.NET refuse a number where a string is declared (and the reverse), so the corpus records the
 * type each SDK declares; `?` marks a field Tencent may leave out.
 */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'any';
export type ReplyShape = JsonType | `${JsonType}?` | readonly [ReplyShape] | { readonly [field: string]: ReplyShape } | OptionalShape;
export interface OptionalShape { readonly optional: ReplyShape }
export const optional = (shape: ReplyShape): OptionalShape => ({ optional: shape });

/** What a case may use to prepare its request: fresh accounts, groups, and REST calls as the app admin. */
export interface CorpusContext {
  stack: LocalStack;
  /** Imports `n` fresh accounts and returns their UserIDs. */
  users(n: number, prefix?: string): Promise<string[]>;
  /** Calls `/v4/<path>` as the app admin; throws unless it answers OK (for set-up steps). */
  ok(path: string, body: unknown): Promise<TencentReply>;
  /** Calls `/v4/<path>` as the app admin and returns whatever it answers. */
  rest(path: string, body: unknown): Promise<TencentReply>;
  /** Values a case's `prepare` computed, for `request` and `after`. */
  vars: Record<string, unknown>;
}

export interface CorpusCase {
  /** `service/command`. */
  command: string;
  /** Where the request and reply shapes come from: repository, file and function, e.g. `dobyte/tencent-im group/api.go CreateGroup`. */
  source: string;
  /** What the case shows, when the command has several. */
  title?: string;
  prepare?(ctx: CorpusContext): Promise<void>;
  /** The body exactly as the SDK serializes it: every field it sends, zero values and nulls included. */
  request(ctx: CorpusContext): Record<string, unknown>;
  /** The reply fields and the types the SDK's reply struct declares. */
  reply: { readonly [field: string]: ReplyShape };
  /** Tencent's answer when it is not OK (e.g. a partial-failure code the SDK handles). */
  expectCode?: number;
  /** Further checks: that the command did what it says. */
  after?(ctx: CorpusContext, reply: TencentReply): Promise<void> | void;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every place where `value` does not decode into `shape`, as `path: expected X, got Y`. */
export function shapeMismatches(value: unknown, shape: ReplyShape, path = ''): string[] {
  if (typeof shape === 'object' && 'optional' in shape && !Array.isArray(shape)) {
    return value === undefined ? [] : shapeMismatches(value, (shape as OptionalShape).optional, path);
  }
  if (typeof shape === 'string') {
    const optionalField = shape.endsWith('?');
    const base = (optionalField ? shape.slice(0, -1) : shape) as JsonType;
    if (value === undefined) return optionalField ? [] : [`${path || 'reply'}: missing (expected ${base})`];
    if (value === null) return [`${path}: null (Tencent omits a field rather than sending null)`];
    const got = typeOf(value);
    switch (base) {
      case 'any': return [];
      case 'integer': return Number.isInteger(value) ? [] : [`${path}: expected integer, got ${got} ${JSON.stringify(value)}`];
      case 'number': return got === 'number' ? [] : [`${path}: expected number, got ${got} ${JSON.stringify(value)}`];
      default: return got === base ? [] : [`${path}: expected ${base}, got ${got} ${JSON.stringify(value)}`];
    }
  }
  if (value === undefined) return [`${path || 'reply'}: missing`];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected array, got ${typeOf(value)}`];
    return value.flatMap((item, i) => shapeMismatches(item, shape[0] as ReplyShape, `${path}[${i}]`));
  }
  if (typeOf(value) !== 'object') return [`${path}: expected object, got ${typeOf(value)}`];
  return Object.entries(shape as Record<string, ReplyShape>).flatMap(([field, fieldShape]) =>
    shapeMismatches((value as Record<string, unknown>)[field], fieldShape, path ? `${path}.${field}` : field));
}

/** Paths of `null` anywhere in a reply: Tencent leaves fields out instead. */
export function nullsIn(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullsIn(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => nullsIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** The envelope every reply carries, in Tencent's types. */
export const ENVELOPE = { ActionStatus: 'string', ErrorCode: 'integer', ErrorInfo: 'string' } as const;

/** Every way the received callbacks miss their SDK struct shapes, or carry a `null`: `command (struct) path: problem`. */
export function callbackProblems(
  byCommand: ReadonlyMap<string, ReadonlyArray<{ body: unknown }>>,
  shapes: Readonly<Record<string, { shape: ReplyShape; label: string }>>,
): string[] {
  return [...byCommand].flatMap(([command, requests]) => {
    const expected = shapes[command];
    if (!expected) return [];
    return requests.flatMap((r) => [
      ...shapeMismatches(r.body, expected.shape).map((m) => `${command} (${expected.label}) ${m}`),
      ...nullsIn(r.body).map((p) => `${command}: null at ${p}`),
    ]);
  });
}
