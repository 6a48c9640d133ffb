import type * as z from 'zod/mini';

/**
 * Tencent's server takes what its typed server SDKs (Go, Java, C#, PHP) send: every struct field
 * serialized, so an optional field the caller never set arrives as `null` or as its type's zero
 * value (`0`, `""`, `false`, `{}`, a nil list as `null`), and old field names still work. This is the one place
 * that decides that leniency, before any schema sees the body, so no schema patches it per field:
 *
 * - `null` means "not given", for every field (a required one then reads as missing);
 * - the zero value of an optional field that its own schema refuses (a `CreateTime` of 0, a
 *   `MsgPriority` of 0 where a name is expected, an empty `GroupId`) means "not given"; a zero the
 *   field accepts (`""` to clear an introduction, `0` for "no mute") keeps its meaning;
 * - a legacy name declared with `legacyNames` stands for today's name when today's is absent.
 *
 * The walk follows the schema, so new routes get the same treatment without anyone listing them.
 */

type AnySchema = z.ZodMiniType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  in?: AnySchema;
  valueType?: AnySchema;
  getter?: () => AnySchema;
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const legacy = new WeakMap<AnySchema, ReadonlyArray<readonly [current: string, old: string]>>();

/**
 * Declares the older names Tencent still serves for fields of this object schema
 * (`{ UserID: ['Identifier'] }`): a body that carries only the old name is read as today's.
 */
export function legacyNames<S extends AnySchema>(schema: S, names: Record<string, readonly string[]>): S {
  legacy.set(schema, Object.entries(names).flatMap(([current, olds]) => olds.map((old) => [current, old] as const)));
  return schema;
}

/** Every declared legacy name, for docs and tests: `[schema, current, old]`. */
export const legacyNamesOf = (schema: AnySchema) => legacy.get(schema) ?? [];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Scalars' zero values and the empty struct. An empty list is not among them: it means "nothing", and
 * the field's own schema answers it (an empty batch gets the command's documented code).
 */
const isZeroValue = (v: unknown): boolean =>
  v === 0 || v === '' || v === false || (isPlainObject(v) && Object.keys(v).length === 0);

/** Wrappers that only change optionality or add a default: the value is checked by what they wrap. */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema that describes the value's structure (the input side of pipes, the inside of wrappers). */
function structural(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in && defOf(def.in).type !== 'transform') s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else return s;
  }
  return s;
}

/** Whether leaving the field out is allowed (optional, or filled in by a default). */
const mayBeAbsent = (schema: AnySchema): boolean =>
  (schema as unknown as { _zod: { optin?: string } })._zod.optin !== undefined;

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Returns `data` as Tencent reads it for `schema`: null and unusable zero values dropped, legacy names mapped. */
export function lenient(schema: AnySchema, data: unknown, depth = 0): unknown {
  if (depth > 32) return data;
  const s = structural(schema);
  const def = defOf(s);
  if (def.type === 'object' && def.shape && isPlainObject(data)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      if (!DANGEROUS_KEYS.has(key)) out[key] = value;
    }
    for (const [current, old] of legacy.get(s) ?? legacy.get(schema) ?? []) {
      if ((out[current] === undefined || out[current] === null) && out[old] !== undefined && out[old] !== null) out[current] = out[old];
      if (old in def.shape) continue;
      delete out[old];
    }
    for (const [key, field] of Object.entries(def.shape)) {
      const value = out[key];
      if (value === undefined) continue;
      if (value === null) { delete out[key]; continue; }
      if (isZeroValue(value) && mayBeAbsent(field) && !field.safeParse(value).success) { delete out[key]; continue; }
      out[key] = lenient(field, value, depth + 1);
    }
    return out;
  }
  if (def.type === 'array' && def.element && Array.isArray(data)) {
    return data.map((item) => lenient(def.element!, item, depth + 1));
  }
  if (def.type === 'record' && def.valueType && isPlainObject(data)) {
    return Object.fromEntries(Object.entries(data).filter(([k]) => !DANGEROUS_KEYS.has(k)).map(([k, v]) => [k, lenient(def.valueType!, v, depth + 1)]));
  }
  return data;
}
