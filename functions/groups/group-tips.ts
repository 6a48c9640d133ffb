import type { Services } from '../shared/runtime.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import type { GroupRecord } from './group-store.js';
import type { NoticeLevel } from './group-types.js';

/** A group tip (`group.tip`): what changed in a group, seen by its members. */
export interface GroupTip {
  TipType: 'MemberJoin' | 'MemberQuit' | 'MemberKicked' | 'MemberInvited' | 'SetAdmin' | 'CancelAdmin'
    | 'MemberMuted' | 'GroupInfoChanged' | 'OwnerChanged';
  Operator_Account?: string;
  [field: string]: unknown;
}

/** A system notification (`group.system`) to particular users. */
export interface GroupSystemNotice {
  Type: 'Created' | 'Invited' | 'Kicked' | 'Quit' | 'Destroyed' | 'JoinApplication' | 'ApplicationHandled' | 'Banned';
  Operator_Account?: string;
  [field: string]: unknown;
}

type TipServices = Pick<Services, 'gateway' | 'connections' | 'clock' | 'groups'>;

/**
 * The one place group tips are written. `level` comes from the type's rules
 * (GROUP_RULES): `off` sends nothing; `pushed` reaches online members only;
 * `stored` will also take a group SEQ and be stored once group messages exist
 * (the group-messages feature extends this function); today it is pushed like `pushed`.
 *
 * Cost: one Query of the member list plus one deliverToUser (a Query on
 * Connections) per member; the group-messages issue adds an online-connection index.
 * In an AVChatRoom, members found without a live connection are removed
 * (one conditional DeleteItem and one counter update each), which keeps its
 * member set to the users who are online.
 */
export async function emitGroupTip(
  services: TipServices,
  group: Pick<GroupRecord, 'groupId' | 'type'>,
  tip: GroupTip,
  level: NoticeLevel,
  extraRecipients: readonly string[] = [],
): Promise<void> {
  if (level === 'off') return;
  const members = await services.groups.listMembers(group.groupId);
  const recipients = [...new Set([...members.map((m) => m.userId), ...extraRecipients])];
  const frame = eventFrame('group.tip', { GroupId: group.groupId, Type: group.type, ...tip, TipTime: Math.floor(services.clock() / 1000) });
  const reports = await Promise.all(recipients.map((u) => deliverToUser(services, u, frame)));
  if (group.type === 'AVChatRoom') {
    // An AVChatRoom keeps only members who are online: whoever no longer has a connection leaves silently.
    const offline = members.filter((m, i) => m.role !== 'Owner' && reports[i]!.sent === 0);
    await Promise.all(offline.map((m) => services.groups.removeMember(group.groupId, m.userId, false)));
  }
}

/** Pushes a system notification to each user's live connections (never stored). */
export async function emitGroupSystem(
  services: Pick<Services, 'gateway' | 'connections' | 'clock'>,
  group: Pick<GroupRecord, 'groupId' | 'type'>,
  userIds: readonly string[],
  notice: GroupSystemNotice,
): Promise<void> {
  const frame = eventFrame('group.system', { GroupId: group.groupId, GroupType: group.type, ...notice, NoticeTime: Math.floor(services.clock() / 1000) });
  await Promise.all([...new Set(userIds)].map((u) => deliverToUser(services, u, frame)));
}
