import type { ServiceCatalog } from '../services.js';
import { SNS_LIMITS } from './sns-codes.js';
import type { SnsChange } from './sns-store.js';

/**
 * Before `account_delete` purges the user's partition: removes what other
 * users hold about the user (their friend items `F#<user>`, with their
 * counters, the markers of the user's own friendships, and friend requests
 * both ways), so no one keeps a deleted friend.
 * Blocks others hold on the user are kept (they are harmless and cheap).
 */
export async function removeRelationshipsOf(services: Pick<ServiceCatalog, 'sns' | 'clock'>, userId: string): Promise<void> {
  const now = services.clock();
  const [friends, friendedBy, incoming, outgoing] = await Promise.all([
    services.sns.listFriends(userId), services.sns.listFriendedBy(userId), services.sns.listRequests(userId, 'in'), services.sns.listRequests(userId, 'out'),
  ]);
  // Each change touches another user's counter, so they run in parallel (25 at a time); a peer that changed meanwhile
  // does not hold up the others. The user's own outgoing requests share the user's counter and go one by one.
  const peerSide: SnsChange[] = [
    ...friendedBy.map((ownerId): SnsChange => ({ op: 'deleteFriend', ownerId, friendId: userId })),
    ...incoming.map((r): SnsChange => ({ op: 'deleteRequest', fromId: r.fromId, toId: userId })),
    ...friends.map((f): SnsChange => ({ op: 'deleteFriendedBy', ownerId: f.friendId, peerId: userId })),
  ];
  for (let i = 0; i < peerSide.length; i += 25) {
    await Promise.all(peerSide.slice(i, i + 25).map((c) => services.sns.commit([c], SNS_LIMITS, now)));
  }
  for (const r of outgoing) await services.sns.commit([{ op: 'deleteRequest', fromId: userId, toId: r.toId }], SNS_LIMITS, now);
}
