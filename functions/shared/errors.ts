/**
 * A deliberate, caller-visible failure with Tencent's numbering.
 * Anything else that is thrown is an internal error and is never shown to callers.
 */
export class ImError extends Error {
  constructor(
    readonly code: number,
    readonly info: string,
    /** What a WebSocket error reply carries as `data` (e.g. the current message of an edit conflict); REST replies never show it. */
    readonly data?: Record<string, unknown>,
  ) {
    super(`${code}: ${info}`);
    this.name = 'ImError';
  }
}

export const isImError = (e: unknown): e is ImError => e instanceof ImError;

/** Generic code returned for unexpected failures (Tencent's "internal server error" family). */
export const INTERNAL_ERROR_CODE = 70500;

/** REST common codes (spec §5.1). */
export const RestCode = {
  HttpParse: 60002,
  JsonParse: 60003,
  BadSignatureInUrl: 60004,
  ServiceTimeoutOrBadRequest: 60008,
  UnknownResource: 60009,
  NeedsAdmin: 60010,
  SdkAppIdMissing: 60012,
  WrongAccountType: 60015,
} as const;

/** UserSig verification codes (spec §2.7). */
export const SigCode = {
  Expired: 70001,
  Empty: 70002,
  Unparsable: 70003,
  HmacMismatch: 70009,
  IdentifierMismatch: 70013,
  SdkAppIdMismatch: 70014,
  SdkAppIdNotFound: 70020,
  Invalidated: 70052,
} as const;

/** Raised when a WebSocket frame exceeds the 32 KB protocol limit (Tencent's "JSON packet too long"). */
export const FRAME_TOO_LONG_CODE = 93000;
