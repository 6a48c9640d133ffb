import { logger } from '../shared/logger.js';
import type { ServiceCatalog, Uses } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import type { GroupRecord } from './group-store.js';
import type { NoticeLevel } from './group-types.js';
import { deliverGroupTip } from '../groupmsg/online-index.js';
import { containerFields } from '../topics/topic-ids.js';

/** A group tip (`group.tip`): what changed in a group, seen by its members. */
export interface GroupTip {
  TipType: 'MemberJoin' | 'MemberQuit' | 'MemberKicked' | 'MemberInvited' | 'SetAdmin' | 'CancelAdmin'
    | 'MemberMuted' | 'GroupInfoChanged' | 'OwnerChanged'
    /** Community topics (functions/topics): pushed to online members, never stored. */
    | 'TopicCreated' | 'TopicDeleted' | 'TopicInfoChanged';
  Operator_Account?: string;
  [field: string]: unknown;
}

/** A system notification (`group.system`) to particular users. */
export interface GroupSystemNotice {
  Type: 'Created' | 'Invited' | 'Kicked' | 'Quit' | 'Destroyed' | 'JoinApplication' | 'ApplicationHandled' | 'Banned';
  Operator_Account?: string;
  [field: string]: unknown;
}

export type TipServices = Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock' | 'groupFanOut'> & Uses<'groupMessages', 'storeTip' | 'online' | 'unindexConnections'>;

/**
 * The one place group tips are written. `level` comes from the type's rules
 * (GROUP_RULES): `off` sends nothing; `pushed` reaches online members only;
 * `stored` also takes a group SEQ and is stored in the group's history
 * (`GroupMessageStore.storeTip`: one UpdateItem on META and one PutItem).
 *
 * Cost: one Query of the group's online index (functions/groupmsg/online-index.ts)
 * and one PostToConnection per online connection (AVChatRoom: combined per
 * connection within `groupMessages.avBatchMs`). AVChatRoom members leave the
 * room when their last connection closes (`unindexClosedConnection`).
 */
export async function emitGroupTip(
  services: TipServices,
  group: Pick<GroupRecord, 'groupId' | 'type'>,
  tip: GroupTip,
  level: NoticeLevel,
  extraRecipients: readonly string[] = [],
): Promise<void> {
  if (level === 'off') return;
  const tipTime = Math.floor(services.clock() / 1000);
  // A stored tip takes the group's next SEQ and appears in history (functions/groupmsg); AVChatRoom stores nothing.
  const seq = level === 'stored' && group.type !== 'AVChatRoom'
    ? await services.groupMessages.storeTip(group.groupId, tip.Operator_Account ?? '', { ...tip }, tipTime)
    : undefined;
  const data = { ...containerFields(group.groupId), Type: group.type, ...tip, TipTime: tipTime, ...(seq !== undefined && { MsgSeq: seq }) };
  // Online members through the group's online index (never the member list; AVChatRoom: combined per connection);
  // extra recipients (e.g. who just left) one by one.
  await deliverGroupTip(services, group.groupId, group.type, data);
  const frame = eventFrame('group.tip', data);
  await Promise.all([...new Set(extraRecipients)].map((u) => deliverToUser(services, u, frame)));
}

/**
 * A system notification to each user: pushed to its live connections and kept (one item per user, for the retention
 * days), so a user who was offline reads it with `group.system.list` after login. Keeping it is best effort: a failed
 * write is logged, the push goes out all the same.
 */
export async function emitGroupSystem(
  services: Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock' | 'groupMessages'>,
  group: Pick<GroupRecord, 'groupId' | 'type'>,
  userIds: readonly string[],
  notice: GroupSystemNotice,
  retentionDays = 7,
): Promise<void> {
  const now = services.clock();
  const data = { ...containerFields(group.groupId), GroupType: group.type, ...notice, NoticeTime: Math.floor(now / 1000) };
  const frame = eventFrame('group.system', data);
  const users = [...new Set(userIds)];
  await Promise.all([
    ...users.map((u) => deliverToUser(services, u, frame)),
    services.groupMessages.putSystemNotices(users, data, now, Math.floor(now / 1000) + retentionDays * 86400)
      .catch((error: unknown) => logger.error('group.system notice not kept', { error, groupId: group.groupId })),
  ]);
}
