import type { RateCounter } from './rate-counter.js';

/** What this container knows about one command in the current second. */
interface Window {
  second: number;
  /** Calls already counted in the shared counter that this container has not used yet. */
  left: number;
  /** The shared counter said the second is full: refuse without writing until it ends. */
  full: boolean;
  /** Calls this container let through in this second. */
  served: number;
  /** ...and in the second before, which sizes the next claim. */
  servedBefore: number;
}

export type CallVerdict =
  | { allowed: true }
  /** `firstRefusal`: the first refusal of this command in this second by this container. */
  | { allowed: false; count: number; firstRefusal: boolean };

/** At most this share of the limit is claimed at once, so idle containers strand little of it. */
const MAX_CLAIM_SHARE = 10;

/**
 * The app-wide per-second limit of each command, counted in a shared counter (`RateCounter`) but not
 * one write per call: a container claims calls in blocks sized by its own traffic in the previous
 * second (half of it, at most a tenth of the limit) and spends them from memory. The limit is never
 * exceeded across containers. The cost of that: calls claimed by a container that then gets no more
 * traffic in that second are lost to the others, so a busy app may be refused slightly before the
 * limit (by less than one block per container). A container at ≤ 2 calls/s of a command still writes
 * once per call; once the second is full it refuses from memory, writing nothing.
 */
export class CallLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly counter: RateCounter) {}

  async take(key: string, limit: number, nowMs: number): Promise<CallVerdict> {
    const second = Math.floor(nowMs / 1000);
    const window = this.windowOf(key, second);
    if (window.left > 0) return this.spend(window);
    if (window.full) return { allowed: false, count: limit, firstRefusal: false };
    const want = Math.max(1, Math.min(Math.ceil(window.servedBefore / 2), Math.floor(limit / MAX_CLAIM_SHARE)));
    const claim = await this.counter.take(key, second, want, limit);
    if (claim.granted > 0) {
      window.left += claim.granted;
      return this.spend(window);
    }
    const firstRefusal = !window.full;
    window.full = true;
    return { allowed: false, count: claim.count, firstRefusal };
  }

  private spend(window: Window): CallVerdict {
    window.left--;
    window.served++;
    return { allowed: true };
  }

  private windowOf(key: string, second: number): Window {
    const current = this.windows.get(key);
    if (current?.second === second) return current;
    const window: Window = { second, left: 0, full: false, served: 0, servedBefore: current?.second === second - 1 ? current.served : 0 };
    this.windows.set(key, window);
    return window;
  }
}
