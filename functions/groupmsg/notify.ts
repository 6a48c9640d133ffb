import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { GroupMsgCode, LIMITS } from './groupmsg-codes.js';
import { loadGroupOr10010 } from './send.js';
import { deliverToGroup } from './fan-out.js';
import { containerFields } from '../topics/topic-ids.js';

type NotifyServices = Pick<ServiceCatalog, 'clock' | 'groups' | 'groupMessages' | 'connections' | 'gateway'>;

/**
 * `send_group_system_notification`: `group.system` with `Type` `Notification` and `Content` to online members
 * (all, or those named), through the online index. Never stored, no SEQ, no frequency control.
 */
export async function sendSystemNotification(
  services: NotifyServices, config: AppConfig, groupId: string, content: string, toMembers: readonly string[] | undefined, operator: string,
): Promise<void> {
  const group = await loadGroupOr10010(services, groupId);
  if (toMembers && toMembers.length > LIMITS.notifyMembers) throw new ImError(GroupMsgCode.TooMany, `ToMembers_Account has more than ${LIMITS.notifyMembers} accounts`);
  const frame = eventFrame('group.system', {
    ...containerFields(groupId), GroupType: group.type, Type: 'Notification', Operator_Account: operator, Content: content, NoticeTime: Math.floor(services.clock() / 1000),
  });
  await deliverToGroup(services, config, { groupId, frame, honourDiscard: false, ...(toMembers?.length && { onlyUsers: new Set(toMembers) }) });
}

/** `get_online_member_num`: distinct users in the group's online index (one Query). */
export async function onlineMemberNum(services: NotifyServices, groupId: string): Promise<number> {
  await loadGroupOr10010(services, groupId);
  return new Set((await services.groupMessages.online(groupId)).map((c) => c.userId)).size;
}
