import WebSocket from 'ws';

export interface Reply {
  reqId?: string;
  ErrorCode: number;
  ErrorInfo: string;
  data?: Record<string, unknown>;
}

/**
 * A lean `ws` client speaking websocket-protocol.md for load: replies resolve by `reqId`, events go to
 * `onEvent`; `onRaw` may take a frame before it is parsed (the 10,000-connection room skips JSON.parse).
 */
export class BenchClient {
  private readonly pending = new Map<string, (reply: Reply) => void>();
  private seq = 0;
  onEvent?: (event: string, data: Record<string, unknown>, at: number) => void;
  /** Return true when the frame was handled. */
  onRaw?: (text: string, at: number) => boolean;

  /** `loginQuery`: the login's query string, which an action over HTTPS carries too. */
  constructor(readonly userId: string, readonly socket: WebSocket, private readonly loginQuery = '') {
    socket.on('message', (raw) => {
      const at = performance.now();
      const text = raw.toString();
      if (this.onRaw?.(text, at)) return;
      const frame = JSON.parse(text) as { reqId?: string; event?: string; data?: Record<string, unknown> } & Reply;
      if (frame.reqId !== undefined) {
        const resolve = this.pending.get(frame.reqId);
        if (resolve) { this.pending.delete(frame.reqId); resolve(frame); }
      } else if (typeof frame.event === 'string') this.onEvent?.(frame.event, frame.data ?? {}, at);
    });
    // A reset connection must not take the benchmark down; its missing deliveries are counted instead.
    socket.on('error', () => undefined);
  }

  request(action: string, data: Record<string, unknown> = {}): Promise<Reply> {
    const reqId = `r${++this.seq}`;
    return new Promise((resolve) => {
      this.pending.set(reqId, resolve);
      this.socket.send(JSON.stringify({ action, reqId, data }));
    });
  }

  /** The action as `POST {httpUrl}/im/{action}` (docs/websocket.md, "Actions over HTTPS"); the reply frame is the response. */
  async requestOverHttp(httpUrl: string, action: string, data: Record<string, unknown> = {}): Promise<Reply> {
    const res = await fetch(`${httpUrl}/im/${action}?${this.loginQuery}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
    return (await res.json()) as Reply;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.terminate();
    });
  }
}

export function connectClient(wsUrl: string, sdkAppId: number, userId: string, userSig: string): Promise<BenchClient> {
  const query = new URLSearchParams({ sdkappid: String(sdkAppId), userid: userId, usersig: userSig, platform: 'Web' });
  const socket = new WebSocket(`${wsUrl}?${query}`, { perMessageDeflate: false });
  const client = new BenchClient(userId, socket, query.toString());
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`connect ${userId}: HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}
