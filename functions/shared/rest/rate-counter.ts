/** What a claim on a per-second counter got. */
export interface RateClaim {
  /** Calls granted to the claimer, 0 to `want`; 0 means the second is full. */
  granted: number;
  /** The counter after the claim (or as found, when nothing was granted). */
  count: number;
}

/** App-wide per-second call counters shared by every Lambda container (spec §1.5 limits). */
export interface RateCounter {
  /**
   * Takes up to `want` of the `limit` calls `key` may make in unix second `second`: one conditional
   * UpdateItem, and a second one for what is left when fewer than `want` remain.
   */
  take(key: string, second: number, want: number, limit: number): Promise<RateClaim>;
}
