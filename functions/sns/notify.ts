import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';

export interface Pair {
  From_Account: string;
  To_Account: string;
}

/**
 * One event with the pairs that changed to every user named in them
 * (`friend.added`, `friend.deleted`, `blocklist.added`, `blocklist.deleted`).
 */
export async function notifyPairs(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway'>, event: string, pairs: readonly Pair[]): Promise<void> {
  if (pairs.length === 0) return;
  const users = new Set(pairs.flatMap((p) => [p.From_Account, p.To_Account]));
  await Promise.all([...users].map((u) => {
    const mine = pairs.filter((p) => p.From_Account === u || p.To_Account === u);
    return deliverToUser(services, u, eventFrame(event, { PairList: mine }));
  }));
}

export async function notifyUser(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway'>, userId: string, event: string, data: Record<string, unknown>): Promise<void> {
  await deliverToUser(services, userId, eventFrame(event, data));
}

/**
 * `friend.groups.changed` to every connection of `userId` once `work` succeeded: the user's friend lists (names or
 * members) may have changed (`friend.groups.change`, `friend.update` with `GroupName`, REST group_add / group_delete /
 * friend_update). The client reads `friend.groups` again.
 */
export async function afterFriendListsChange<T>(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway'>, userId: string, work: Promise<T>): Promise<T> {
  const result = await work;
  await notifyUser(services, userId, 'friend.groups.changed', {});
  return result;
}

/**
 * After friend_update / `friend.update`: `friend.updated` with the friends whose fields changed to every connection of
 * `userId` (its other devices re-read them), and `friend.groups.changed` too when friend lists were given.
 */
export async function afterFriendsUpdate<T extends { ResultItem: ReadonlyArray<{ To_Account: string; ResultCode: number }> }>(
  services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway'>, userId: string, work: Promise<T>, listsGiven: boolean,
): Promise<T> {
  const result = await work;
  const updated = [...new Set(result.ResultItem.filter((r) => r.ResultCode === 0).map((r) => r.To_Account))];
  if (updated.length === 0) return result;
  await Promise.all([
    notifyUser(services, userId, 'friend.updated', { To_Account: updated }),
    listsGiven && notifyUser(services, userId, 'friend.groups.changed', {}),
  ]);
  return result;
}
