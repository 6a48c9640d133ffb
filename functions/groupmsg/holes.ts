import type { GroupCounters, GroupMessage } from './groupmsg-store.js';

/**
 * Holes in a group's seqs: a send admits its message (META's seq) and then stores it; one that dies in between leaves a
 * seq with no message. A retry takes over its claim and a new seq, so such a seq stays empty for good; unread counts
 * (last seq − read seq) would count it forever. History reads see the whole seq range of their page, so they find
 * holes for free: a missing seq below a stored message (or above the newest, once META's `lastMsgTime` is old) that is
 * `holeRepairAfterSeconds` old is recorded on META (`holes`), and every unread count leaves recorded holes out
 * (`memberUnread`). No member item changes, so the count is exact for everyone (docs/reliability.md).
 */
export function groupHolesIn(
  found: readonly GroupMessage[], range: { bottom: number; top: number }, group: GroupCounters, nowS: number,
  settings: { graceSeconds: number; retentionDays: number },
): number[] {
  const known = new Set(group.holes);
  const alive = found.filter((m) => m.expiresAt > nowS).sort((a, b) => a.seq - b.seq);
  const holes: number[] = [];
  for (let i = 1; i < alive.length; i++) {
    const [below, above] = [alive[i - 1]!, alive[i]!];
    if (above.seq - below.seq > 1 && nowS - above.time > settings.graceSeconds) for (let s = below.seq + 1; s < above.seq; s++) holes.push(s);
  }
  // Above the newest stored message up to the group's last seq, once the last admission is old (and not expired).
  const newest = alive.at(-1)?.seq;
  const age = nowS - group.lastMsgTime;
  if (newest !== undefined && range.top === group.lastSeq && age > settings.graceSeconds && age < settings.retentionDays * 86400) {
    for (let s = newest + 1; s <= range.top; s++) holes.push(s);
  }
  return holes.filter((s) => s >= range.bottom && s <= range.top && !known.has(s));
}
