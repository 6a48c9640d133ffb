import { backoffDelay } from './backoff.js';
import { Emitter } from './emitter.js';
import { ImConnectionError, ImGatewayError, ImRequestError, ImTimeoutError } from './errors.js';
import { PendingRequests, type ReplyFrame } from './pending-requests.js';
import { defaultSocketFactory, OPEN, type SocketFactory, type SocketLike } from './socket.js';
import { MemorySyncStorage, type SyncStorage } from './sync-storage.js';

export type Platform = 'Android' | 'iOS' | 'iPad' | 'Windows' | 'Mac' | 'Web' | 'Linux';

export interface ImConnectionOptions {
  /** The WebSocket endpoint, e.g. `ws://127.0.0.1:9000/ws` or `wss://<api>.execute-api.<region>.amazonaws.com/prod`. */
  url: string;
  sdkAppId: number;
  platform?: Platform;
  /** Identifies this device; a reconnect with the same instance replaces the old connection silently. */
  instance?: string;
  socketFactory?: SocketFactory;
  storage?: SyncStorage;
  requestTimeoutMs?: number;
  /** `ping` interval: below API Gateway's 10-minute idle limit and Tencent's 400 s presence timeout. */
  heartbeatMs?: number;
  /** Reconnect before API Gateway's 2-hour connection limit. */
  connectionLifetimeMs?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** Retries of a request the server refused busy (60018), with jittered exponential pauses from base to max. */
  busyRetries?: number;
  busyRetryBaseMs?: number;
  busyRetryMaxMs?: number;
  /**
   * The HTTP API's base URL (the REST endpoint, e.g. `https://<api>.execute-api.<region>.amazonaws.com`): the actions
   * in `httpActions` are sent there as `POST /im/{action}` while this device is logged in (docs/websocket.md,
   * "Actions over HTTPS"): one billed HTTP request instead of two WebSocket messages, same replies and retries.
   */
  httpUrl?: string;
  /** The actions sent over HTTPS when `httpUrl` is set; default `['c2c.send']` (the ones the server serves so). */
  httpActions?: readonly string[];
}

/** The server's "not logged in": an HTTPS call that found no live session of this device (it is sent over the socket instead). */
const NOT_LOGGED_IN_CODE = 6014;

/** The server's "too frequent, retry later": refused at once for want of capacity (docs/websocket.md, "Busy"). */
export const BUSY_CODE = 60018;
/** The server's "service timeout": admitted, not finished in time, perhaps done: retried as a timeout is. */
export const DEADLINE_CODE = 60008;

/**
 * API Gateway's error frames (`{"message":...,"connectionId":...,"requestId":...}`, no `reqId`) worth a retry: the
 * integration was throttled (reserved concurrency reached) or failed before answering.
 */
const GATEWAY_RETRIABLE = new Set(['Internal server error']);

/**
 * Actions a second execution would change twice (a counter step; a create without a client-given id makes a second
 * object). They are sent again only when the server refused them unrun (60018 busy). Not on API Gateway's error
 * frame (it may be about another request: they wait for their own reply), nor after a timeout, a 60008 or a lost
 * connection (the first one may have run): those reject, and the app reads the state to know.
 */
const NOT_REPEATABLE = new Set(['group.counters.increase', 'group.counters.decrease', 'group.create', 'topic.create', 'permission.create', 'conversation.createGroup']);

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'kicked' | 'closed';

export interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
}

export type ConnectionEvents = {
  /** Every (re)connect, after the socket opened. */
  connected: [{ reconnect: boolean }];
  disconnected: [{ code: number; reason: string }];
  /** Pushed out by the multi-device policy, an admin kick or account deletion; the client stays offline. */
  kicked: [Record<string, unknown>];
  /** Every server event as it arrives (`c2c.message`, `group.tip`, ...). */
  event: [ServerEvent];
  state: [ConnectionState];
};

const DEFAULTS = {
  requestTimeoutMs: 10_000,
  heartbeatMs: 120_000,
  connectionLifetimeMs: 115 * 60_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 30_000,
  busyRetries: 6,
  busyRetryBaseMs: 200,
  busyRetryMaxMs: 3000,
  httpUrl: '',
  httpActions: ['c2c.send'] as readonly string[],
};

/**
 * The WebSocket connection: login, requests with reqId and timeouts, heartbeat,
 * reconnect with backoff and jitter, and a seamless switch to a fresh
 * connection before API Gateway's 2-hour limit. `ImClient` adds the chat API on top.
 */
export class ImConnection<Events extends ConnectionEvents = ConnectionEvents> extends Emitter<Events> {
  readonly storage: SyncStorage;
  protected readonly options: Required<Omit<ImConnectionOptions, 'storage' | 'socketFactory' | 'instance'>> & { instance: string; socketFactory: SocketFactory };
  private readonly pending = new PendingRequests();
  private socket: SocketLike | undefined;
  private credentials: { userId: string; userSig: string } | undefined;
  private attempts = 0;
  private timers: Array<ReturnType<typeof setTimeout>> = [];
  /** A lifetime refresh is opening the replacement connection. */
  private refreshing = false;
  /** How the replaced connection closed while its replacement was still opening. */
  private lostWhileRefreshing: { code: number; reason: string } | undefined;
  private waitingForOpen: Array<() => void> = [];
  state: ConnectionState = 'idle';

  constructor(options: ImConnectionOptions) {
    super();
    const platform = options.platform ?? 'Web';
    this.options = {
      ...DEFAULTS, platform, instance: options.instance ?? `${platform}-${Math.random().toString(36).slice(2, 10)}`,
      socketFactory: options.socketFactory ?? defaultSocketFactory, ...stripUndefined(options),
    } as ImConnection['options'];
    this.storage = options.storage ?? new MemorySyncStorage();
  }

  get userId(): string | undefined {
    return this.credentials?.userId;
  }

  /** Opens the connection; rejects with ImConnectionError when the server refuses the login. */
  async login(userId: string, userSig: string): Promise<void> {
    this.credentials = { userId, userSig };
    this.setState('connecting');
    await this.open(false);
  }

  /** Signs this device out (no more pushes) and closes the connection; no reconnect. */
  async logout(): Promise<void> {
    if (this.socket?.readyState === OPEN) await this.request('logout', {}, { retry: false }).catch(() => undefined);
    this.shutdown('closed');
  }

  /** Closes without signing out (the device stays PushOnline if it registered for push). */
  close(): void {
    this.shutdown('closed');
  }

  /**
   * Sends a request and resolves with the reply's `data`. A request whose
   * connection drops is sent again once reconnected (within three request
   * timeouts), one that times out (or that the server answers 60008, service timeout) is sent again twice, one
   * refused busy (60018) is sent again after jittered pauses, and so is every one in flight when API Gateway answers
   * its own error frame without a `reqId` (a throttled or failed integration: it cannot tell which request it was for):
   * sends carry their MsgRandom/Random, so the server stores them once; reads are idempotent. Counter steps and
   * creates without a client-given id (NOT_REPEATABLE) are sent again only after a busy refusal.
   */
  async request(action: string, data: Record<string, unknown> = {}, opts: { retry?: boolean; timeoutMs?: number } = {}): Promise<Record<string, unknown>> {
    const repeatable = opts.retry !== false && !NOT_REPEATABLE.has(action);
    const retries = repeatable ? 2 : 0;
    const timeoutMs = opts.timeoutMs ?? this.options.requestTimeoutMs;
    // A dropped connection does not use up an attempt, but the whole request stays within this budget.
    const deadline = Date.now() + timeoutMs * (retries + 1);
    let busy = 0;
    for (let attempt = 0; ; attempt++) {
      await this.whenOpen(Math.max(1, Math.min(timeoutMs, deadline - Date.now())), action);
      try {
        return await (this.options.httpUrl && this.options.httpActions.includes(action)
          ? this.requestOverHttp(action, data, timeoutMs, repeatable)
          : this.requestOverSocket(action, data, timeoutMs, repeatable));
      } catch (e) {
        if (opts.retry === false || this.state === 'kicked' || this.state === 'closed') throw e;
        if (e instanceof ImGatewayError || (e instanceof ImRequestError && e.code === BUSY_CODE)) {
          // The server refused at once for want of capacity, or the gateway answered a throttled integration for this
          // request or another one in flight: the same frame again after a jittered pause (a send's MsgRandom/Random
          // makes it stored once), while the request's budget lasts.
          const pause = backoffDelay(busy++, this.options.busyRetryBaseMs, this.options.busyRetryMaxMs);
          if (busy > this.options.busyRetries || Date.now() + pause >= deadline) throw e;
          await new Promise((resolve) => setTimeout(resolve, pause));
          attempt--;
          continue;
        }
        if (e instanceof ImRequestError && e.code === DEADLINE_CODE) {
          if (attempt >= retries) throw e;
          continue;
        }
        if (!(e instanceof ImTimeoutError)) throw e;
        const connectionLost = e.timeoutMs === 0;
        if (!repeatable || (connectionLost ? Date.now() >= deadline : attempt >= retries)) throw e;
        if (connectionLost) attempt--;
      }
    }
  }

  private requestOverSocket(action: string, data: Record<string, unknown>, timeoutMs: number, repeatable: boolean): Promise<Record<string, unknown>> {
    const { reqId, reply } = this.pending.open(action, timeoutMs, repeatable);
    this.socket!.send(JSON.stringify({ action, reqId, data }));
    return reply;
  }

  /**
   * One attempt over HTTPS, failing as the socket's attempts fail (so `request` retries it the same way): no answer
   * in time is a timeout, a gateway refusal (429, 5xx without a reply frame) a gateway error. A 6014 (the server did
   * not find this device's session yet) goes over the socket instead.
   */
  private async requestOverHttp(action: string, data: Record<string, unknown>, timeoutMs: number, repeatable: boolean): Promise<Record<string, unknown>> {
    const { userId, userSig } = this.credentials!;
    const query = new URLSearchParams({
      sdkappid: String(this.options.sdkAppId), userid: userId, usersig: userSig, platform: this.options.platform, instance: this.options.instance,
    });
    let res: Response;
    try {
      res = await fetch(`${this.options.httpUrl.replace(/\/+$/, '')}/im/${action}?${query.toString()}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }), signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ImTimeoutError(action, timeoutMs);
    }
    const frame = await res.json().catch(() => undefined) as { ErrorCode?: unknown; ErrorInfo?: unknown; data?: Record<string, unknown>; message?: unknown } | undefined;
    if (typeof frame?.ErrorCode !== 'number') throw new ImGatewayError(action, typeof frame?.message === 'string' ? frame.message : `HTTP ${res.status}`);
    if (frame.ErrorCode === 0) return frame.data ?? {};
    if (frame.ErrorCode === NOT_LOGGED_IN_CODE) return this.requestOverSocket(action, data, timeoutMs, repeatable);
    throw new ImRequestError(action, frame.ErrorCode, String(frame.ErrorInfo ?? ''), frame.data);
  }

  private whenOpen(timeoutMs: number, action: string): Promise<void> {
    if (this.socket?.readyState === OPEN && this.state === 'connected') return Promise.resolve();
    if (this.state === 'kicked' || this.state === 'closed' || this.state === 'idle') {
      return Promise.reject(new ImConnectionError(`not connected (${this.state}); call login() first`));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ImTimeoutError(action, timeoutMs)), timeoutMs);
      this.waitingForOpen.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  private buildUrl(): string {
    const { userId, userSig } = this.credentials!;
    const query = new URLSearchParams({
      sdkappid: String(this.options.sdkAppId), userid: userId, usersig: userSig,
      platform: this.options.platform, instance: this.options.instance,
    });
    return `${this.options.url}${this.options.url.includes('?') ? '&' : '?'}${query.toString()}`;
  }

  private open(reconnect: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      void Promise.resolve(this.options.socketFactory(this.buildUrl())).then((socket) => {
        let opened = false;
        socket.onopen = () => {
          opened = true;
          this.refreshing = false;
          this.lostWhileRefreshing = undefined;
          const previous = this.socket;
          this.socket = socket;
          this.attempts = 0;
          // The server closes the replaced connection itself; its close must not trigger a reconnect.
          if (previous && previous !== socket) previous.close(1000, 'replaced');
          this.setState('connected');
          this.startTimers();
          this.waitingForOpen.splice(0).forEach((go) => go());
          this.fire('connected', { reconnect });
          resolve();
        };
        socket.onmessage = (ev) => this.onFrame(String(ev.data));
        let refusedStatus: number | undefined;
        // `ws` reports a refused upgrade as "Unexpected server response: 401" (bad UserSig); browsers tell nothing.
        socket.onerror = (ev) => {
          const match = /Unexpected server response: (\d+)/.exec(String((ev as { message?: unknown })?.message ?? ''));
          if (match) refusedStatus = Number(match[1]);
        };
        socket.onclose = (ev) => {
          if (!opened) {
            reject(new ImConnectionError(refusedStatus ? `login refused with HTTP ${refusedStatus}` : `connection failed (${ev.code})`, refusedStatus));
            const lost = this.refreshing ? this.lostWhileRefreshing : undefined;
            this.refreshing = false;
            this.lostWhileRefreshing = undefined;
            // The replacement failed after the server had already closed the old connection: that loss counts now.
            if (lost) this.onClosed(lost.code, lost.reason);
            else if (reconnect) this.scheduleReconnect();
            return;
          }
          if (socket !== this.socket) return;
          if (this.refreshing) {
            // The server closes the connection a same-instance replacement takes over, sometimes before the
            // replacement's open reaches us: its requests retry on the replacement, and the app sees nothing.
            this.socket = undefined;
            this.lostWhileRefreshing = { code: ev.code, reason: ev.reason };
            this.pending.failAll((action) => new ImTimeoutError(action, 0));
            return;
          }
          this.onClosed(ev.code, ev.reason);
        };
      }, reject);
    });
  }

  private onFrame(text: string): void {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof frame.event === 'string') {
      const event = { event: frame.event, data: (frame.data ?? {}) as Record<string, unknown> };
      if (event.event === 'kicked') {
        this.fire('kicked', event.data);
        this.shutdown('kicked');
        return;
      }
      this.fire('event', event);
      return;
    }
    if (frame.reqId === undefined && typeof frame.message === 'string' && GATEWAY_RETRIABLE.has(frame.message)) {
      // API Gateway's own answer for a throttled or failed integration: no reqId, so every request in flight retries.
      const message = frame.message;
      this.pending.failRetriable((action) => new ImGatewayError(action, message));
      return;
    }
    this.pending.settle(frame as unknown as ReplyFrame);
  }

  private onClosed(code: number, reason: string): void {
    this.clearTimers();
    this.socket = undefined;
    this.fire('disconnected', { code, reason });
    this.pending.failAll((action) => new ImTimeoutError(action, 0));
    if (this.state === 'connected') this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.state === 'kicked' || this.state === 'closed') return;
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempts++, this.options.reconnectBaseMs, this.options.reconnectMaxMs);
    this.timers.push(setTimeout(() => { void this.open(true).catch(() => undefined); }, delay));
  }

  private startTimers(): void {
    this.clearTimers();
    const heartbeat = setInterval(() => {
      void this.request('ping', {}, { retry: false }).catch(() => this.socket?.close(4000, 'heartbeat failed'));
    }, this.options.heartbeatMs);
    // Before API Gateway's 2-hour limit, a fresh connection with the same instance replaces this one.
    const refresh = setTimeout(() => {
      this.refreshing = true;
      void this.open(true).catch(() => undefined);
    }, this.options.connectionLifetimeMs);
    this.timers.push(heartbeat, refresh);
  }

  private clearTimers(): void {
    this.timers.splice(0).forEach((t) => { clearTimeout(t); clearInterval(t); });
  }

  private shutdown(state: 'kicked' | 'closed'): void {
    this.setState(state);
    this.clearTimers();
    this.refreshing = false;
    this.lostWhileRefreshing = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, state);
    this.pending.failAll((action) => new ImConnectionError(`${action}: the client is ${state}`));
  }

  /** Emits a connection event (typed against the base map, whatever `Events` a subclass adds). */
  protected fire<K extends keyof ConnectionEvents>(event: K, ...args: ConnectionEvents[K]): void {
    (this.emit as unknown as (e: K, ...a: ConnectionEvents[K]) => void).call(this, event, ...args);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.fire('state', state);
  }
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
