import { logger } from '../shared/logger.js';
import type { ServiceCatalog, Uses } from '../services.js';
import type { ConversationState, HistoryPage, StoredMessage } from './c2c-store.js';

type HoleServices = Pick<ServiceCatalog, 'clock'> & Uses<'c2c', 'fillHoles' | 'ensureEntry'>;

/**
 * Holes: a send takes its seq (the state item) and then stores its message; one that dies in between (a crash, a
 * timeout) leaves a seq with no message, which unread counts (last seq − read position) and `LastMsgSeq` would count
 * forever. A retry with the same MsgRandom within 5 minutes stores the message at that seq; a seq still empty
 * `holeRepairAfterSeconds` after its allocation is filled with a hole marker that counts as read for both sides
 * (`fillHoles`), and a retry that finds the marker takes a new seq. Reads find holes for free: gaps between the seqs
 * of a history page, and a conversation-list row whose last message is missing (docs/reliability.md).
 */

/** The seqs of (lower, upper] missing from a history page, old enough to be holes. */
export function holesIn(
  page: HistoryPage, range: { lower: number; upper: number }, state: ConversationState, nowMs: number, settings: { graceSeconds: number; retentionDays: number },
): number[] {
  const graceMs = settings.graceSeconds * 1000;
  const present = new Map<number, number>(); // seq → the latest time a send below it can have begun (ms)
  for (const m of page.messages) present.set(m.seq, m.time * 1000);
  for (const h of page.holes) present.set(h, nowMs); // a marker: its own seq was a hole, the gaps below it are older
  const seqs = [...present.keys()].sort((a, b) => a - b);
  const holes: number[] = [];
  // Between stored items: a missing seq was allocated before the item above it was sent.
  for (let i = 1; i < seqs.length; i++) {
    const [below, above] = [seqs[i - 1]!, seqs[i]!];
    if (above - below > 1 && nowMs - present.get(above)! > graceMs) for (let s = below + 1; s < above; s++) holes.push(s);
  }
  // Above the newest stored item up to the last seq (a complete page, or one that reached the top): allocated by `allocAt`.
  const newest = seqs.at(-1) ?? range.lower;
  const top = Math.min(range.upper, state.seq);
  // (Not when the newest seqs may have expired: then nothing above the page tells a hole from an expired message.)
  const fresh = nowMs - state.allocAt < settings.retentionDays * 86_400_000;
  if (newest < top && nowMs - state.allocAt > graceMs && fresh) for (let s = newest + 1; s <= top; s++) holes.push(s);
  return holes.filter((s) => s > range.lower && s <= top);
}

/** Fills the holes (one transaction; on a race the next read tries again). Returns whether the state changed. */
export async function repairHoles(services: HoleServices, state: ConversationState, holes: readonly number[], newestBelow: StoredMessage | undefined, expiresAt: number): Promise<boolean> {
  if (holes.length === 0) return false;
  const done = await services.c2c.fillHoles(state.conversationId, {
    holes: holes.slice(0, HOLES_PER_REPAIR), state, expiresAt, ...(newestBelow && { newLast: { seq: newestBelow.seq, time: newestBelow.time } }),
  });
  if (!done) return false;
  logger.warn('filled C2C holes (sends that died before storing their message)', { conversationId: state.conversationId, holes: holes.length });
  await ensureListed(services, state);
  return true;
}

/** Both users' conversation-list entries, where a send that died never wrote them (keeps existing ones as they are). */
export async function ensureListed(services: HoleServices, state: ConversationState): Promise<void> {
  const users = state.userA === state.userB ? [[state.userA, state.userB]] : [[state.userA, state.userB], [state.userB, state.userA]];
  await Promise.all(users.map(([user, peer]) => services.c2c.ensureEntry(user!, { type: 'C2C', peer: peer!, conversationId: state.conversationId, createdAt: services.clock() })));
}

/** A transaction holds at most 100 items: one state update and the markers. */
const HOLES_PER_REPAIR = 50;
