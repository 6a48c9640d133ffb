import type { CommitResult, SnsChange, SnsLimits, SnsStore } from './sns-store.js';

/** Changes per transaction: at most 2 items each, plus one counter per user touched, stays under DynamoDB's 100 actions. */
const CHANGES_PER_TRANSACTION = 25;

/**
 * Commits independent units (each one peer's changes) several per
 * transaction; a transaction that fails (a limit, a concurrent change) is
 * retried unit by unit, so every unit gets its own exact result.
 */
export async function commitUnits(store: Pick<SnsStore, 'commit'>, units: ReadonlyArray<readonly SnsChange[]>, limits: SnsLimits, now: number): Promise<CommitResult[]> {
  const results: CommitResult[] = new Array<CommitResult>(units.length);
  let start = 0;
  while (start < units.length) {
    let end = start;
    let size = 0;
    while (end < units.length && (end === start || size + units[end]!.length <= CHANGES_PER_TRANSACTION)) size += units[end++]!.length;
    const group = units.slice(start, end);
    const together = await store.commit(group.flat(), limits, now);
    for (let i = 0; i < group.length; i++) {
      results[start + i] = together.ok || group.length === 1 ? together : await store.commit(group[i]!, limits, now);
    }
    start = end;
  }
  return results;
}
