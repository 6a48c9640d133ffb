/** One callback POST, as the domain hands it to the transport. */
export interface CallbackHttpRequest {
  url: string;
  /** The JSON body, already serialised. */
  body: string;
  /** Whole-exchange budget: connect, request, response and body. */
  timeoutMs: number;
}

export interface CallbackHttpResponse {
  status: number;
  body: string;
}

export type CallbackTransportFailure = 'timeout' | 'network';

/** The POST did not produce a response within the budget, or could not be made at all. */
export class CallbackTransportError extends Error {
  constructor(
    readonly kind: CallbackTransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackTransportError';
  }
}

/** Posts a callback once (never retried); rejects with CallbackTransportError. */
export type CallbackSend = (request: CallbackHttpRequest) => Promise<CallbackHttpResponse>;
