import type { Rng } from './random.js';

/** What a mutated input is sent as: a JSON value, or raw text / bytes that are not JSON. */
export type Mutated = { json: unknown } | { raw: string | Buffer };

const deepNest = (depth: number): unknown => { let v: unknown = 'x'; for (let i = 0; i < depth; i++) v = { a: [v] }; return v; };

/** Values of every wrong kind: types, sizes, unicode, prototype keys. */
export function hostileValue(rng: Rng): unknown {
  const pick = rng.int(0, 23);
  switch (pick) {
    case 0: return null;
    case 1: return -1;
    case 2: return 2 ** 63;
    case 3: return 1.5;
    case 4: return Number.MAX_SAFE_INTEGER + 2;
    case 5: return '';
    case 6: return 'x'.repeat(rng.int(1000, 200_000));
    case 7: return '\u0000\uffff\ud83d\ude00 名字 ‮';
    case 8: return '\ud800';
    case 9: return [];
    case 10: return {};
    case 11: return Array.from({ length: rng.int(100, 5000) }, (_, i) => `u${i}`);
    case 12: return deepNest(rng.int(20, 400));
    case 13: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    case 14: return true;
    case 15: return '1';
    case 16: return [null];
    case 17: return [{}];
    case 18: return { toString: 'x', valueOf: 1, hasOwnProperty: 'y' };
    case 19: return '../../etc/passwd';
    case 20: return '<script>alert(1)</script>';
    case 21: return "' OR 1=1 --";
    case 22: return -0;
    default: return { nested: { deep: 'x'.repeat(rng.int(10, 40_000)) } };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Changes one place of the value: a field replaced, removed, or added, at any depth. */
function mutateOnce(value: unknown, rng: Rng, depth = 0): unknown {
  if (Array.isArray(value) && value.length > 0 && rng.chance(0.6) && depth < 6) {
    const copy = [...value];
    const i = rng.int(0, copy.length - 1);
    copy[i] = mutateOnce(copy[i], rng, depth + 1);
    return copy;
  }
  if (!isRecord(value)) return hostileValue(rng);
  const copy: Record<string, unknown> = { ...value };
  const keys = Object.keys(copy);
  const op = keys.length === 0 ? 3 : rng.int(0, 4);
  if (op === 0) { delete copy[rng.pick(keys)]; return copy; }
  if (op === 1) { const k = rng.pick(keys); copy[k] = hostileValue(rng); return copy; }
  if (op === 2 && depth < 6) { const k = rng.pick(keys); copy[k] = mutateOnce(copy[k], rng, depth + 1); return copy; }
  if (op === 3) {
    const k = rng.pick(['__proto__', 'constructor', 'prototype', 'extra', 'ActionStatus', 'ErrorCode', '', 'Identifier', 'SdkAppId', 'x'.repeat(300)]);
    Object.defineProperty(copy, k, { value: hostileValue(rng), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return hostileValue(rng);
}

/** A valid input changed in 1–3 places, or replaced by something that is not a JSON object at all. */
export function mutate(valid: unknown, rng: Rng): Mutated {
  const roll = rng.next();
  if (roll < 0.04) return { raw: rng.pick(['', '{', 'null', '[]', '"text"', '{"a":', 'not json', '{"a":1}}', '\u0000\u0001', '{"a":NaN}']) };
  if (roll < 0.06) return { raw: Buffer.from(Array.from({ length: rng.int(1, 2000) }, () => rng.int(0, 255))) };
  if (roll < 0.08) return { json: hostileValue(rng) };
  let value = valid;
  for (let i = rng.int(1, 3); i > 0; i--) value = mutateOnce(value, rng);
  return { json: value };
}

/** JSON text of a value whose own `__proto__` keys survive (JSON.stringify keeps defined own properties). */
export const serialize = (m: Mutated): string | Buffer => ('raw' in m ? m.raw : JSON.stringify(m.json) ?? 'null');
