import type { BeforeCallbackResult } from './webhooks.js';

/** Inclusive range of codes the app backend may return to have them passed through to the client. */
export interface CustomCodeRange {
  min: number;
  max: number;
}

/** C2C before-send: 120001-130000 (spec §6.3). */
export const C2C_CUSTOM_CODES: CustomCodeRange = { min: 120001, max: 130000 };
/** Group before-callbacks: 10100-10200 (spec §6.3). */
export const GROUP_CUSTOM_CODES: CustomCodeRange = { min: 10100, max: 10200 };

export type BeforeVerdict =
  /** Go ahead; `replaced` holds a reply with ErrorCode 0 that may carry a new MsgBody/CloudCustomData. */
  | { action: 'allow'; replaced?: Readonly<Record<string, unknown>> }
  /** Refuse. `custom` is the backend's own code and text, to be passed to the caller as they are. */
  | { action: 'refuse'; custom?: { code: number; info: string } }
  /** Pretend success and deliver nothing. */
  | { action: 'drop' };

/**
 * Reads a before-callback the way the message-send callbacks define it
 * (spec §6.3, §6.6): 0 (or no code) allows, 2 drops silently, a code in the
 * custom range refuses with that code, any other code refuses with the
 * feature's own code; a failed callback follows the app's policy.
 * Sns callbacks mean something else by non-zero and do not use this.
 */
export function beforeVerdict(result: BeforeCallbackResult, custom: CustomCodeRange): BeforeVerdict {
  if (result.outcome === 'skipped') return { action: 'allow' };
  if (result.outcome === 'failed') return { action: result.allow ? 'allow' : 'refuse' };
  const code = result.reply.ErrorCode ?? 0;
  if (code === 0) return { action: 'allow', replaced: result.reply };
  if (code === 2) return { action: 'drop' };
  if (typeof code === 'number' && Number.isInteger(code) && code >= custom.min && code <= custom.max) {
    const info = result.reply.ErrorInfo;
    return { action: 'refuse', custom: { code, info: typeof info === 'string' ? info : '' } };
  }
  return { action: 'refuse' };
}
