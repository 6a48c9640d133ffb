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

/**
 * API Gateway answered a frame with its own error (`{"message":"Internal server error","connectionId":...,"requestId":...}`:
 * a throttled or failed integration) that names no `reqId`: this request may or may not be the one it was for.
 */
export class ImGatewayError extends ImTimeoutError {
  constructor(action: string, readonly gatewayMessage: string) {
    super(action, 0);
    this.message = `${action}: the gateway answered "${gatewayMessage}" for one of the requests in flight`;
    this.name = 'ImGatewayError';
  }
}

/** The WebSocket could not be opened (HTTP 401 means the UserSig was refused). */
export class ImConnectionError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ImConnectionError';
  }
}
