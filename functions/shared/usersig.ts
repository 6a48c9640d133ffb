import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { ImError, SigCode } from './errors.js';

/** What a verified TLSSigAPIv2 UserSig tells us (spec §2). */
export interface VerifiedUserSig {
  identifier: string;
  sdkAppId: number;
  /** Unix seconds at signing. */
  time: number;
  /** Lifetime in seconds from `time`. */
  expire: number;
}

export interface VerifyUserSigInput {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  userSig: string | undefined;
  /** Unix seconds. */
  now: number;
}

interface SigDocument {
  'TLS.ver'?: unknown;
  'TLS.identifier'?: unknown;
  'TLS.sdkappid'?: unknown;
  'TLS.time'?: unknown;
  'TLS.expire'?: unknown;
  'TLS.sig'?: unknown;
  'TLS.userbuf'?: unknown;
}

/** Reverses Tencent's base64 variant (`*`→`+`, `-`→`/`, `_`→`=`); tolerates a URL-encoded `*`. */
function unescapeUserSig(sig: string): Buffer {
  const standard = sig.replace(/%2A/gi, '*').replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  const padded = standard.replace(/=+$/, '');
  const withPad = padded + '='.repeat((4 - (padded.length % 4)) % 4);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(withPad)) throw new ImError(SigCode.Unparsable, 'UserSig is not valid: bad characters');
  return Buffer.from(withPad, 'base64');
}

function decodeDocument(userSig: string): SigDocument {
  try {
    const json = inflateSync(unescapeUserSig(userSig)).toString('utf8');
    const doc: unknown = JSON.parse(json);
    if (typeof doc !== 'object' || doc === null) throw new Error('not an object');
    return doc as SigDocument;
  } catch (e) {
    if (e instanceof ImError) throw e;
    throw new ImError(SigCode.Unparsable, 'UserSig is not valid: it cannot be decoded (truncated or corrupted?)');
  }
}

const signedString = (identifier: string, sdkAppId: number, time: number, expire: number, userbuf?: string) =>
  `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n` +
  (userbuf === undefined ? '' : `TLS.userbuf:${userbuf}\n`);

export function hmacUserSig(secretKey: string, identifier: string, sdkAppId: number, time: number, expire: number, userbuf?: string): Buffer {
  return createHmac('sha256', secretKey).update(signedString(identifier, sdkAppId, time, expire, userbuf)).digest();
}

/**
 * Verifies a TLSSigAPIv2 UserSig the way Tencent's Go verifier does:
 * app id, identifier, expiry, then the HMAC over the fields as signed.
 */
export function verifyUserSig(input: VerifyUserSigInput): VerifiedUserSig {
  const { userSig } = input;
  if (userSig === undefined || userSig.length === 0) throw new ImError(SigCode.Empty, 'UserSig is empty');
  const doc = decodeDocument(userSig);
  const sdkAppId = doc['TLS.sdkappid'];
  const identifier = doc['TLS.identifier'];
  const time = doc['TLS.time'];
  const expire = doc['TLS.expire'];
  const sig = doc['TLS.sig'];
  const userbuf = doc['TLS.userbuf'];
  if (typeof sdkAppId !== 'number' || typeof identifier !== 'string' || typeof time !== 'number' ||
      typeof expire !== 'number' || typeof sig !== 'string' || (userbuf !== undefined && typeof userbuf !== 'string')) {
    throw new ImError(SigCode.Unparsable, 'UserSig is not valid: a TLS field is missing or has the wrong type');
  }
  if (sdkAppId !== input.sdkAppId) throw new ImError(SigCode.SdkAppIdMismatch, 'UserSig was generated for another SDKAppID');
  if (identifier !== input.identifier) throw new ImError(SigCode.IdentifierMismatch, 'UserSig was generated for another UserID');
  if (input.now > time + expire) throw new ImError(SigCode.Expired, 'UserSig has expired; generate a new one');
  const expected = hmacUserSig(input.secretKey, identifier, sdkAppId, time, expire, userbuf);
  const given = Buffer.from(sig, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ImError(SigCode.HmacMismatch, 'UserSig verification failed: it was not signed with this app\'s key');
  }
  return { identifier, sdkAppId, time, expire };
}

/**
 * Makes a TLSSigAPIv2 UserSig, byte-compatible in meaning with Tencent's
 * generators (the local stack's ready-made admin sig, dev tools, tests).
 */
export function signUserSig(input: { sdkAppId: number; secretKey: string; identifier: string; expire: number; time: number }): string {
  const sig = hmacUserSig(input.secretKey, input.identifier, input.sdkAppId, input.time, input.expire).toString('base64');
  const doc = {
    'TLS.ver': '2.0', 'TLS.identifier': input.identifier, 'TLS.sdkappid': input.sdkAppId,
    'TLS.time': input.time, 'TLS.expire': input.expire, 'TLS.sig': sig,
  };
  return deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}
