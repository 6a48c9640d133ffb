import WebSocket from 'ws';
import type { LocalStack } from '../../local/stack.js';
import { AWS_WEBSOCKET_LIMITS } from '../../local/gateway/websocket-api.js';
import { userSigFor } from './usersig.js';

/** One connection of a chaos run: each frame awaited by its reqId (several may be in flight); reopened when the server closes it. */
export class ReconnectingSocket {
  private socket?: WebSocket;
  private opening?: Promise<WebSocket>;
  private readonly waiting = new Map<string, (f: Record<string, unknown> | undefined) => void>();
  /** How the server closed the last connection, for findings. */
  lastClose = '';
  constructor(private readonly stack: LocalStack, readonly userId: string) {}

  private open(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    // Callers at once share one connection attempt, or each would open (and orphan) its own.
    if (this.opening) return this.opening;
    const q = new URLSearchParams({ sdkappid: String(this.stack.config.sdkAppId), userid: this.userId, usersig: userSigFor(this.stack, this.userId) });
    const socket = new WebSocket(`${this.stack.wsUrl}?${q}`);
    this.socket = socket;
    socket.on('message', (data) => {
      let frame: Record<string, unknown>;
      try { frame = JSON.parse(data.toString()) as Record<string, unknown>; } catch { return; }
      const resolve = typeof frame.reqId === 'string' ? this.waiting.get(frame.reqId) : undefined;
      if (resolve) { this.waiting.delete(frame.reqId as string); resolve(frame); }
    });
    socket.on('close', (code, reason) => {
      this.lastClose = `${code} ${reason.toString()}`;
      // Only this socket's requests: a newer socket may already carry others.
      if (this.socket !== socket) return;
      const pending = [...this.waiting.values()];
      this.waiting.clear();
      for (const resolve of pending) resolve(undefined);
    });
    this.opening = new Promise<WebSocket>((resolve, reject) => { socket.once('open', () => resolve(socket)); socket.once('error', reject); })
      .finally(() => { this.opening = undefined; });
    return this.opening;
  }

  async send(payload: string | Buffer, reqId: string | undefined, timeoutMs = 5000): Promise<Record<string, unknown> | undefined | 'closed'> {
    const socket = await this.open();
    if (!reqId) {
      socket.send(payload);
      // An oversize message makes the server close the connection: wait for it, so the next frame does not see it.
      if (Buffer.byteLength(payload) > AWS_WEBSOCKET_LIMITS.maxMessageBytes) await new Promise((r) => { socket.once('close', r); setTimeout(r, 2000); });
      return undefined;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.waiting.delete(reqId); resolve(undefined); }, timeoutMs);
      this.waiting.set(reqId, (f) => { clearTimeout(timer); resolve(f ?? 'closed'); });
      socket.send(payload);
    });
  }

  private requests = 0;
  /** One action, awaited: its reply, or undefined when none came (connection closed, timed out). Throws when `$connect` refuses. */
  async request(action: string, data: unknown): Promise<Record<string, unknown> | undefined> {
    const reqId = `q${++this.requests}`;
    const reply = await this.send(JSON.stringify({ action, reqId, data }), reqId);
    return reply === 'closed' ? undefined : reply;
  }

  close() { this.socket?.close(); }
}
