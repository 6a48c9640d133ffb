import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { legacyNames, lenient } from '../../functions/shared/leniency.js';
import { parseInput } from '../../functions/shared/validation.js';
import { ImError } from '../../functions/shared/errors.js';

const schema = legacyNames(z.object({
  UserID: z.string(),
  CreateTime: z.optional(z.int().check(z.positive())),
  MuteTime: z.optional(z.int().check(z.gte(0))),
  Introduction: z.optional(z.string()),
  GroupId: z.optional(z.string().check(z.minLength(1))),
  Priority: z.optional(z.enum(['High', 'Normal'])),
  Limit: z._default(z.int().check(z.gte(1)), 20),
  Filter: z.optional(z.array(z.string())),
  Members: z.optional(z.array(z.object({ Account: z.string(), Role: z.optional(z.enum(['Admin', 'Member'])) }))),
}), { UserID: ['Identifier'] });

const parse = (data: unknown) => parseInput(schema, data, 10004);
const errorOf = (data: unknown): { code: number; message: string } => {
  try { parse(data); } catch (e) { return { code: (e as ImError).code, message: (e as ImError).info }; }
  throw new Error('expected a refusal');
};

describe('lenient parsing (what typed server SDKs send)', () => {
  it('reads null as "not given", at any depth', () => {
    expect(parse({ UserID: 'a', CreateTime: null, Filter: null, Members: [{ Account: 'b', Role: null }] }))
      .toEqual({ UserID: 'a', Limit: 20, Members: [{ Account: 'b' }] });
  });

  it('reads a zero value the field refuses as "not given", and keeps a zero the field accepts', () => {
    expect(parse({ UserID: 'a', CreateTime: 0, GroupId: '', Priority: 0, Limit: 0, MuteTime: 0, Introduction: '', Filter: [] }))
      .toEqual({ UserID: 'a', MuteTime: 0, Introduction: '', Limit: 20, Filter: [] });
  });

  it('still refuses a non-zero value the field refuses, and a missing required field', () => {
    expect(errorOf({ UserID: 'a', CreateTime: -5 })).toMatchObject({ code: 10004, message: 'CreateTime is -5; it must be more than 0' });
    expect(errorOf({ UserID: 'a', Priority: 'Urgent' })).toMatchObject({ message: 'Priority is "Urgent"; it must be one of "High", "Normal"' });
    expect(errorOf({ UserID: null })).toMatchObject({ message: 'UserID is required' });
    expect(errorOf({ UserID: 7 })).toMatchObject({ message: 'UserID must be a string, got a number 7' });
    expect(errorOf({ UserID: 'a', Members: [{ Account: 1 }] })).toMatchObject({ message: 'Members[0].Account must be a string, got a number 1' });
  });

  it('maps a legacy name to today\'s, which wins when both are given', () => {
    expect(parse({ Identifier: 'old' })).toMatchObject({ UserID: 'old' });
    expect(parse({ Identifier: 'old', UserID: 'new' })).toMatchObject({ UserID: 'new' });
    expect(parse({ Identifier: 'old', UserID: null })).toMatchObject({ UserID: 'old' });
  });

  it('never copies prototype keys, and leaves non-object bodies to the schema', () => {
    const data = lenient(schema, JSON.parse('{"UserID":"a","__proto__":{"polluted":1},"constructor":{"x":1}}')) as object;
    expect(Object.keys(data)).toEqual(['UserID']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lenient(schema, 'text')).toBe('text');
  });
});
