import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { Api } from 'tls-sig-api-v2/TLSSigAPIv2.js';
import { signUserSig, verifyUserSig } from '../../functions/shared/usersig.js';
import { ImError } from '../../functions/shared/errors.js';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const APP = 1400000000;
const official = new Api(APP, KEY);
const now = () => Math.floor(Date.now() / 1000);

const codeOf = (f: () => unknown): number | undefined => {
  try { f(); } catch (e) { return e instanceof ImError ? e.code : -1; }
  return undefined;
};
const verify = (userSig: string | undefined, over: Partial<Parameters<typeof verifyUserSig>[0]> = {}) =>
  verifyUserSig({ sdkAppId: APP, secretKey: KEY, identifier: 'xiaojun', userSig, now: now(), ...over });

describe('verifyUserSig against the official tls-sig-api-v2 generator', () => {
  it('accepts a valid UserSig and reports its time and lifetime', () => {
    const sig = official.genUserSig('xiaojun', 86400);
    const verified = verify(sig);
    expect(verified).toMatchObject({ identifier: 'xiaojun', sdkAppId: APP, expire: 86400 });
    expect(Math.abs(verified.time - now())).toBeLessThan(5);
  });

  it('accepts the spec test vector (Python zlib output, different bytes)', () => {
    const vector = 'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamAkXNUUVTKwoyi4DiFmYmMKHizHSgscF*biZuuWHOAaXJ*RHFTv4FSWFuxmluzmmm5l4BuQapVVGGWalhnj45Ycm2SrUAGRkxcA__';
    expect(verify(vector, { now: 1700000000 + 100 })).toMatchObject({ time: 1700000000, expire: 86400 });
    expect(codeOf(() => verify(vector, { now: 1700000000 + 86401 }))).toBe(70001);
  });

  it('refuses an expired UserSig with 70001', () => {
    const sig = official.genUserSig('xiaojun', 10);
    expect(codeOf(() => verify(sig, { now: now() + 11 }))).toBe(70001);
    expect(codeOf(() => verify(sig, { now: now() + 5 }))).toBeUndefined();
  });

  it('refuses a UserSig signed with another key with 70009', () => {
    const sig = new Api(APP, 'another-key').genUserSig('xiaojun', 86400);
    expect(codeOf(() => verify(sig))).toBe(70009);
  });

  it('refuses a UserSig made for another user with 70013', () => {
    expect(codeOf(() => verify(official.genUserSig('someone-else', 86400)))).toBe(70013);
  });

  it('refuses a UserSig made for another SDKAppID with 70014', () => {
    expect(codeOf(() => verify(new Api(1400000001, KEY).genUserSig('xiaojun', 86400)))).toBe(70014);
  });

  it('refuses empty, truncated and garbage UserSigs', () => {
    const sig = official.genUserSig('xiaojun', 86400);
    expect(codeOf(() => verify(''))).toBe(70002);
    expect(codeOf(() => verify(undefined))).toBe(70002);
    expect(codeOf(() => verify(sig.slice(0, sig.length - 12)))).toBe(70003);
    expect(codeOf(() => verify('not a usersig at all!'))).toBe(70003);
    expect(codeOf(() => verify('eJyrVgrxCdYrSy1S'))).toBe(70003);
  });

  it('refuses a well-formed document whose fields have the wrong types', () => {
    const doc = { 'TLS.ver': '2.0', 'TLS.identifier': 'xiaojun', 'TLS.sdkappid': String(APP), 'TLS.time': now(), 'TLS.expire': 100, 'TLS.sig': 'x' };
    const sig = deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
    expect(codeOf(() => verify(sig))).toBe(70003);
  });

  it('accepts a URL-encoded `*` and missing padding', () => {
    let sig = official.genUserSig('xiaojun', 86400);
    for (let i = 0; !sig.includes('*') && i < 50; i++) sig = official.genUserSig(`xiaojun`, 86400 + i);
    expect(verify(sig.replace(/\*/g, '%2A'))).toMatchObject({ identifier: 'xiaojun' });
    expect(verify(sig.replace(/_+$/, ''))).toMatchObject({ identifier: 'xiaojun' });
  });

  it('signUserSig makes UserSigs the verifier accepts, with the official layout', () => {
    const sig = signUserSig({ sdkAppId: APP, secretKey: KEY, identifier: 'xiaojun', expire: 86400, time: 1700000000 });
    expect(verify(sig, { now: 1700000001 })).toMatchObject({ time: 1700000000 });
    expect(sig).toMatch(/^[A-Za-z0-9*\-_]+$/);
  });
});
