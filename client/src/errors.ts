/** The server answered a request with a non-zero ErrorCode (same numbers as Tencent's REST API). */
export class ImRequestError extends Error {
  /** `data`: what the error reply carried, e.g. `Message`, the current message of a `msg.modify` conflict (2480). */
  constructor(readonly action: string, readonly code: number, readonly info: string, readonly data?: Record<string, unknown>) {
    super(`${action} failed with ${code}: ${info}`);
    this.name = 'ImRequestError';
  }
}

/** No reply in time, or the connection went away before the reply came. */
export class ImTimeoutError extends Error {
  constructor(readonly action: string, readonly timeoutMs: number) {
    super(`${action} got no reply within ${timeoutMs} ms`);
    this.name = 'ImTimeoutError';
  }
}

/** The WebSocket could not be opened (HTTP 401 means the UserSig was refused). */
export class ImConnectionError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ImConnectionError';
  }
}
