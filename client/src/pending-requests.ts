import { ImRequestError, ImTimeoutError } from './errors.js';

interface Pending {
  action: string;
  /** Safe to send again (idempotent): a gateway error that names no request fails it so that it is retried. */
  retriable: boolean;
  resolve: (data: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface ReplyFrame {
  reqId?: string;
  action?: string;
  ErrorCode: number;
  ErrorInfo: string;
  data?: Record<string, unknown>;
}

/** Requests waiting for their reply, matched by `reqId`. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private next = 0;

  constructor(private readonly prefix = 'c') {}

  open(action: string, timeoutMs: number, retriable = true): { reqId: string; reply: Promise<Record<string, unknown>> } {
    const reqId = `${this.prefix}-${++this.next}`;
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        reject(new ImTimeoutError(action, timeoutMs));
      }, timeoutMs);
      this.pending.set(reqId, { action, retriable, resolve, reject, timer });
    });
    return { reqId, reply };
  }

  /** True when the frame was a reply to one of ours. */
  settle(frame: ReplyFrame): boolean {
    const entry = frame.reqId === undefined ? undefined : this.pending.get(frame.reqId);
    if (!entry) return false;
    this.pending.delete(frame.reqId!);
    clearTimeout(entry.timer);
    if (frame.ErrorCode === 0) entry.resolve(frame.data ?? {});
    else entry.reject(new ImRequestError(entry.action, frame.ErrorCode, frame.ErrorInfo, frame.data));
    return true;
  }

  /**
   * Fails every waiting retriable request: API Gateway's error frame carries no `reqId`, so any of them may be the
   * one it was for. The others (sent with `retry: false`) wait for their reply or timeout. Returns how many.
   */
  failRetriable(error: (action: string) => Error): number {
    let failed = 0;
    for (const [reqId, entry] of this.pending) {
      if (!entry.retriable) continue;
      clearTimeout(entry.timer);
      entry.reject(error(entry.action));
      this.pending.delete(reqId);
      failed++;
    }
    return failed;
  }

  /** Fails every waiting request (the connection is gone; a send may be retried with the same MsgRandom). */
  failAll(error: (action: string) => Error): void {
    for (const [reqId, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(error(entry.action));
      this.pending.delete(reqId);
    }
  }
}
