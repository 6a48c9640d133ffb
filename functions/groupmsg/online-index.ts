import type { ServiceCatalog, Uses } from '../services.js';
import { logger } from '../shared/logger.js';
import { CONNECTION_MAX_AGE_MS } from '../connections/connection-store.js';
import { enqueueFanOut, type GroupEventName } from './fan-out-queue.js';
import { postToConnections } from './fan-out.js';
import { eventFrame } from '../shared/ws/frames.js';
import { afterMemberStateChange, CONNECTION_CLOSED_META } from '../groups/member-state.js';
import type { OnlineConnection } from './groupmsg-store.js';

type IndexServices = Pick<ServiceCatalog, 'connections' | 'clock' | 'webhooks'> & Uses<'groupMessages', 'indexConnections' | 'unindexConnections'>
  & Uses<'groups', 'joinedGroups' | 'removeMember'>;

/** An index entry expires with its connection (API Gateway's 2-hour limit), like the connection record. */
const ttlOf = (connectedAt: number) => Math.ceil((connectedAt + CONNECTION_MAX_AGE_MS) / 1000) + 60;

/**
 * `$connect`: the new connection joins the online index of each group the user is in (one Query on the byMember
 * index, then one item per group). Users in no group pay the Query only. Failures are logged: the login goes on.
 */
export async function indexOpenedConnection(services: IndexServices, userId: string, connectionId: string): Promise<void> {
  try {
    const memberships = await services.groups.joinedGroups(userId);
    if (memberships.length === 0) return;
    const ttl = ttlOf(services.clock());
    await services.groupMessages.indexConnections(memberships.map((m) => ({ groupId: m.groupId, userId, connectionId, msgFlag: m.msgFlag, ttl })));
  } catch (error) {
    logger.error('online index: connection not indexed', { error, userId });
  }
}

/**
 * `$disconnect` (also of kicked or replaced connections): the connection leaves every group's online index. An
 * AVChatRoom keeps only members who are online: a member (not the owner) whose last connection closed leaves it,
 * with `Group.CallbackOnMemberStateChange` Offline.
 */
export async function unindexClosedConnection(services: IndexServices, userId: string, connectionId: string): Promise<void> {
  try {
    const memberships = await services.groups.joinedGroups(userId);
    if (memberships.length === 0) return;
    await services.groupMessages.unindexConnections(memberships.map((m) => ({ groupId: m.groupId, userId, connectionId })));
    const rooms = memberships.filter((m) => m.groupType === 'AVChatRoom' && m.role !== 'Owner');
    if (rooms.length > 0) {
      const others = (await services.connections.listByUser(userId, services.clock())).filter((c) => c.connectionId !== connectionId);
      if (others.length === 0) {
        // The removal's own answer says whether this close made the member leave (no extra read for the callback).
        await Promise.all(rooms.map(async (m) => {
          if (await services.groups.removeMember(m.groupId, userId, false)) await afterMemberStateChange(services, m.groupId, 'Offline', [userId], CONNECTION_CLOSED_META);
        }));
      }
    }
  } catch (error) {
    logger.error('online index: connection not removed', { error, userId });
  }
}

/** Members who joined while online: their live connections join the group's index (one Query per user). */
export async function indexNewMembers(services: Pick<ServiceCatalog, 'connections' | 'clock'> & Uses<'groupMessages', 'indexConnections'>, groupId: string, userIds: readonly string[], msgFlag: string): Promise<void> {
  try {
    const now = services.clock();
    const entries = (await Promise.all(userIds.map(async (userId) => (await services.connections.listByUser(userId, now))
      .map((c) => ({ groupId, userId, connectionId: c.connectionId, msgFlag, ttl: ttlOf(c.connectedAt) }))))).flat();
    if (entries.length > 0) await services.groupMessages.indexConnections(entries);
  } catch (error) {
    logger.error('online index: new members not indexed', { error, groupId });
  }
}

/** Members who left: their entries leave the group's index (one Query on the index per user). */
export async function unindexLeftMembers(services: Uses<'groupMessages', 'unindexMember'>, groupId: string, userIds: readonly string[]): Promise<void> {
  try {
    await Promise.all(userIds.map((u) => services.groupMessages.unindexMember(groupId, u)));
  } catch (error) {
    logger.error('online index: left members not removed', { error, groupId });
  }
}

/**
 * A group tip to the group's online connections: one Query of the index, then posts in parallel batches; above
 * `asyncFanoutAbove` connections through the fan-out (the caller does not wait). Tips are not combined per
 * connection (clients get one `group.tip` each). Never reads the member list.
 */
export async function deliverGroupTip(
  services: Pick<ServiceCatalog, 'groupFanOut' | 'gateway' | 'connections' | 'clock'> & Uses<'groupMessages', 'online' | 'unindexConnections'>, groupId: string, groupType: string, data: Record<string, unknown>,
): Promise<void> {
  await deliverGroupEvent(services, groupId, groupType, 'group.tip', data);
}

/** An event to the group's online members, through its online index (never the member list); large groups by the fan-out queue. */
export async function deliverGroupEvent(
  services: Pick<ServiceCatalog, 'groupFanOut' | 'gateway' | 'connections' | 'clock'> & Uses<'groupMessages', 'online' | 'unindexConnections'>, groupId: string, groupType: string,
  event: GroupEventName, data: Record<string, unknown>,
  /** Which of the online connections get it (default: all). */
  keep: (c: OnlineConnection) => boolean = () => true,
): Promise<void> {
  const connections = (await services.groupMessages.online(groupId)).filter(keep);
  const { settings } = services.groupFanOut;
  if (connections.length > settings.asyncFanoutAbove) {
    await enqueueFanOut(services, { groupId, groupType, event, data, connections });
    return;
  }
  await postToConnections(services, groupId, connections, eventFrame(event, data), settings.fanoutBatch);
}
