/** A group's custom attributes, read as one item with its version. */
export interface AttributeSnapshot {
  attrs: Record<string, string>;
  /** 0 before the first write. */
  version: number;
  /** The second of the latest user writes and how many there were in it (the per-group rate). */
  rateSecond: number;
  rateCount: number;
}

export type AttributeWrite =
  | { kind: 'written' }
  /** Someone else wrote since the snapshot: read again and retry. */
  | { kind: 'conflict' };

export type CounterMode = 'Set' | 'Increase' | 'Decrease';

export type CounterUpdate =
  | { kind: 'updated'; values: Record<string, number> }
  /** The keys this update adds would pass the limit: `existing` is what the group holds now. */
  | { kind: 'tooManyKeys'; existing: readonly string[] }
  /** An increase or decrease would leave the exact integer range. */
  | { kind: 'outOfRange'; key: string };

/** Group attributes and counters in the Groups table (docs/data-model.md, "Group attributes and counters"). */
export interface GroupAttributeStore {
  getAttributes(groupId: string): Promise<AttributeSnapshot>;
  /**
   * Replaces the attributes if the version is still `snapshot.version`; `rate` records a user write in
   * the given second. One conditional write.
   */
  putAttributes(groupId: string, snapshot: AttributeSnapshot, attrs: Record<string, string>, rate?: { second: number }): Promise<AttributeWrite>;
  getCounters(groupId: string): Promise<Record<string, number>>;
  /** Atomic: concurrent increments never lose an update; at most `maxKeys` counters per group. */
  updateCounters(groupId: string, mode: CounterMode, values: Readonly<Record<string, number>>, maxKeys: number): Promise<CounterUpdate>;
  /** Deletes the named counters, or all of them. */
  deleteCounters(groupId: string, keys?: readonly string[]): Promise<void>;
}
