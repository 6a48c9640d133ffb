import WebSocket from 'ws';
import type { LocalStack } from '../../local/stack.js';
import { officialUserSig } from './usersigs.js';

export interface Reply {
  reqId?: string;
  action?: string;
  ErrorCode: number;
  ErrorInfo: string;
  data?: Record<string, unknown>;
}

export interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A real `ws` client speaking websocket-protocol.md, with helpers to await replies and events. */
export class TestClient {
  readonly frames: unknown[] = [];
  readonly events: ServerEvent[] = [];
  private readonly waiters: Array<{ match: (f: Record<string, unknown>) => boolean; resolve: (f: unknown) => void }> = [];
  private seq = 0;
  closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      this.frames.push(frame);
      if (typeof frame.event === 'string') this.events.push(frame as unknown as ServerEvent);
      const i = this.waiters.findIndex((w) => w.match(frame));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(frame);
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T>(match: (f: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<T> {
    const seen = this.frames.find((f) => match(f as Record<string, unknown>));
    if (seen) return Promise.resolve(seen as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiters.push({ match, resolve: (f) => { clearTimeout(timer); resolve(f as T); } });
    });
  }

  event(name: string, timeoutMs?: number): Promise<ServerEvent> {
    return this.waitFor<ServerEvent>((f) => f.event === name, timeoutMs);
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  async request(action: string, data: Record<string, unknown> = {}): Promise<Reply> {
    const reqId = `r${++this.seq}`;
    const reply = this.waitFor<Reply>((f) => f.reqId === reqId);
    this.socket.send(JSON.stringify({ action, reqId, data }));
    return reply;
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}

export interface ConnectOptions {
  usersig?: string;
  platform?: string;
  instance?: string;
  sdkappid?: number;
  /** Replaces the whole query string. */
  query?: string;
}

/** Opens a WebSocket as `userId`; rejects with the HTTP status when the upgrade is refused. */
export function connect(stack: LocalStack, userId: string, options: ConnectOptions = {}): Promise<TestClient> {
  const params = new URLSearchParams({
    sdkappid: String(options.sdkappid ?? stack.config.sdkAppId), userid: userId,
    usersig: options.usersig ?? officialUserSig(userId),
    ...(options.platform && { platform: options.platform }), ...(options.instance && { instance: options.instance }),
  });
  const socket = new WebSocket(`${stack.wsUrl}?${options.query ?? params.toString()}`);
  const client = new TestClient(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    socket.once('error', reject);
  });
}
