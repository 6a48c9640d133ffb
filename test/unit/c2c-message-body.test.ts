import { describe, expect, it } from 'vitest';
import { MsgCode, validateMsgBody } from '../../functions/c2c/message-body.js';
import { isImError } from '../../functions/shared/errors.js';

/** Deterministic PRNG so a failing input can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const TYPES = ['TIMTextElem', 'TIMCustomElem', 'TIMImageElem', 'TIMRelayElem', 'TIMLocationElem', 'TIMFaceElem', 'Nope'];
const KEYS = ['Text', 'Data', 'ImageInfoArray', 'MsgList', 'MsgBody', 'Latitude', 'Longitude', 'Index', 'AbstractList', 'Type'];

function junk(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 5 : 8));
  switch (pick) {
    case 0: return null;
    case 1: return Math.floor(random() * 10) - 3;
    case 2: return random() < 0.5 ? 'badword' : 'ok';
    case 3: return random() < 0.5;
    case 4: return undefined;
    case 5: return Array.from({ length: Math.floor(random() * 3) }, () => junk(random, depth + 1));
    case 6: return { MsgType: TYPES[Math.floor(random() * TYPES.length)], MsgContent: junk(random, depth + 1) };
    default: return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [KEYS[Math.floor(random() * KEYS.length)], junk(random, depth + 1)]));
  }
}

describe('validateMsgBody', () => {
  it('never fails with anything but a Tencent code, whatever the input (fuzzed, seeded)', () => {
    const random = prng(7);
    for (let i = 0; i < 3000; i++) {
      const body = random() < 0.7 ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => junk(random, 1)) : junk(random);
      try {
        validateMsgBody(body, ['badword']);
      } catch (e) {
        expect(isImError(e), `${String(e)} for ${JSON.stringify(body)}`).toBe(true);
        expect([80001, 90002, 90007, 90010, 93000]).toContain((e as { code: number }).code);
      }
    }
  });

  it('counts the 12 KB limit in UTF-8 bytes of the JSON body', () => {
    const body = (text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
    const overhead = JSON.stringify(body('')).length;
    expect(() => validateMsgBody(body('a'.repeat(12 * 1024 - overhead - 1)))).not.toThrow();
    expect(() => validateMsgBody(body('a'.repeat(12 * 1024 - overhead)))).toThrow(expect.objectContaining({ code: 93000 }));
    expect(() => validateMsgBody(body('é'.repeat(6 * 1024)))).toThrow(expect.objectContaining({ code: 93000 }));
  });
});

describe('bodies the stores can take (found by the fuzz run)', () => {
  it('leaves out empty, __proto__ and constructor keys at any depth', () => {
    const body = JSON.parse('[{"MsgType":"TIMCustomElem","":1,"MsgContent":{"Data":"d","__proto__":{"x":1},"constructor":{}}}]') as unknown;
    const clean = validateMsgBody(body);
    expect(clean).toEqual([{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'd' } }]);
    expect(Object.keys(clean[0]!.MsgContent)).toEqual(['Data']);
  });

  it('refuses a string with an unpaired surrogate with the format code', () => {
    expect(() => validateMsgBody([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'a\ud800b' } }])).toThrow(expect.objectContaining({ code: MsgCode.BodyMalformed }));
    expect(validateMsgBody([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'ok 😀' } }])).toHaveLength(1);
  });
});
