import { ImConnectionError, ImRequestError, ImTimeoutError } from '../errors.js';

/**
 * What Tencent's Web SDK rejects with: an Error carrying `code` and `message` (and `data` where the call has one,
 * e.g. `data.message` for a failed send). Apps branch on `code`, so server codes pass through unchanged.
 */
export class ChatError extends Error {
  constructor(readonly code: number, message: string, readonly data?: Record<string, unknown>) {
    super(message);
    this.name = 'ChatError';
  }
}

/** Tencent's client codes used here (its Web SDK error-code table and the native SDKs' `V2TIMErrorCode`). */
export const CODE = {
  /** "The user has not logged in." */
  NOT_LOGGED_IN: 2024,
  /** "Failed to send the message." */
  SEND_FAILED: 2100,
  /** A message instance is required / the message cannot be used for this call. */
  MESSAGE_REQUIRED: 2105,
  /** Native SDKs' ERR_SDK_INTERFACE_NOT_SUPPORT ("this API is not available on your plan"): our "this server does not serve it". */
  NOT_SUPPORTED: 7013,
  /** Native SDKs' ERR_INVALID_PARAMETERS. */
  INVALID_PARAMETERS: 6017,
  /** Native SDKs' ERR_REQUEST_TIME_OUT / ERR_SDK_NET_*: no answer (the connection is retried underneath). */
  TIMEOUT: 6012,
  /** A refused login: the server closes the handshake with 401 and logs the precise 700xx reason (docs/websocket.md). */
  USERSIG_REFUSED: 70001,
} as const;

export const notSupported = (api: string, why = 'this server does not serve it') =>
  new ChatError(CODE.NOT_SUPPORTED, `${api} is not supported: ${why}`);

/** Our client's errors in Tencent's shape. */
export function toChatError(e: unknown, data?: Record<string, unknown>): ChatError {
  if (e instanceof ChatError) return data ? new ChatError(e.code, e.message, { ...e.data, ...data }) : e;
  if (e instanceof ImRequestError) return new ChatError(e.code, e.info, { ...e.data, ...data });
  if (e instanceof ImTimeoutError) return new ChatError(CODE.TIMEOUT, e.message, data);
  if (e instanceof ImConnectionError) return new ChatError(e.status === 401 ? CODE.USERSIG_REFUSED : CODE.TIMEOUT, e.message, data);
  // The client's own argument checks (RangeError, Error): the call was not sent.
  return new ChatError(CODE.INVALID_PARAMETERS, e instanceof Error ? e.message : String(e), data);
}

/** Our calls' failures in Tencent's shape. */
export async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toChatError(e);
  }
}
