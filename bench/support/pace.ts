/**
 * Calls `fire(i)` at a fixed rate for `durationMs` without waiting for it (an open-loop load:
 * a slow server does not slow the sender down). Ticks are scheduled against the start time, so
 * timer drift does not lower the rate; late ticks fire at once.
 */
export async function paced(ratePerSecond: number, durationMs: number, fire: (i: number) => void): Promise<{ fired: number; elapsedMs: number }> {
  const total = Math.max(1, Math.round((ratePerSecond * durationMs) / 1000));
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  let i = 0;
  while (i < total) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (i < total && start + i * interval <= performance.now()) fire(i++);
  }
  return { fired: total, elapsedMs: performance.now() - start };
}

/** Runs `fn` over `count` items with at most `width` in flight. */
export async function inParallel<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) { const i = next++; out[i] = await fn(i); }
  }));
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `done` until it holds or `timeoutMs` passes; returns whether it held. */
export async function until(done: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}
