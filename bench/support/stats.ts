/** Latency statistics for the benchmark report. */

/** Nearest-rank percentile of an unsorted list (0 when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Millisecond histogram for many samples (millions of delivered copies): constant memory,
 * percentiles exact to 1 ms.
 */
export class LatencyHistogram {
  private readonly buckets: Uint32Array;
  count = 0;
  max = 0;
  constructor(private readonly maxMs = 120_000) { this.buckets = new Uint32Array(maxMs + 1); }

  add(ms: number): void {
    const b = Math.min(this.maxMs, Math.max(0, Math.round(ms)));
    this.buckets[b]! += 1;
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= rank) return ms;
    }
    return this.maxMs;
  }
}
