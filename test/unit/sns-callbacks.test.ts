import { describe, expect, it } from 'vitest';
import { snsRefusals } from '../../functions/sns/sns-callbacks.js';

const targets = ['a', 'b', 'c'];

describe('snsRefusals (spec §6.3, Sns before-callbacks)', () => {
  it('lets everything through when the callback is off', () => {
    expect(snsRefusals({ outcome: 'skipped' }, targets).size).toBe(0);
  });

  it('follows the app policy when the callback fails: fail-open passes, fail-closed refuses every target with 30006', () => {
    expect(snsRefusals({ outcome: 'failed', allow: true, reason: 'timeout' }, targets).size).toBe(0);
    const refused = snsRefusals({ outcome: 'failed', allow: false, reason: 'http-status' }, targets);
    expect([...refused.keys()]).toEqual(targets);
    expect(refused.get('a')).toMatchObject({ code: 30006 });
  });

  it('treats a non-zero ErrorCode as a backend failure that passes, even with a ResultItem', () => {
    const reply = { ErrorCode: 1, ResultItem: [{ To_Account: 'a', ResultCode: 38001 }] };
    expect(snsRefusals({ outcome: 'replied', reply }, targets).size).toBe(0);
  });

  it('refuses single targets from ResultItem: 38000-39000 pass through, other codes become 30540, others and strangers are ignored', () => {
    const reply = { ErrorCode: 0, ResultItem: [
      { To_Account: 'a', ResultCode: 38000, ResultInfo: 'low' },
      { To_Account: 'b', ResultCode: 39001, ResultInfo: 'out of range' },
      { To_Account: 'c', ResultCode: 0 },
      { To_Account: 'z', ResultCode: 38500 },
      { To_Account: 'c', ResultCode: '38500' },
      'junk',
    ] };
    const refused = snsRefusals({ outcome: 'replied', reply }, targets);
    expect(Object.fromEntries(refused)).toEqual({ a: { code: 38000, info: 'low' }, b: { code: 30540, info: 'out of range' } });
  });

  it('ignores a ResultItem that is not a list', () => {
    expect(snsRefusals({ outcome: 'replied', reply: { ErrorCode: 0, ResultItem: { To_Account: 'a', ResultCode: 38001 } } }, targets).size).toBe(0);
  });
});
