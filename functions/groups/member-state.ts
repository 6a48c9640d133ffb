import type { ServiceCatalog } from '../services.js';
import { UNKNOWN_OPT_PLATFORM, type CallbackMeta } from '../shared/callback-meta.js';

export const MEMBER_STATE_CHANGE = 'Group.CallbackOnMemberStateChange';

/** A member leaving because its last connection closed: no client request caused it. */
export const CONNECTION_CLOSED_META: CallbackMeta = { clientIp: '', optPlatform: UNKNOWN_OPT_PLATFORM };

/**
 * `Group.CallbackOnMemberStateChange` (spec §6.5): AVChatRoom members only, whose membership is their presence in
 * the room: `Online` when they join, `Offline` when they quit, are removed, or their last connection closes.
 */
export async function afterMemberStateChange(
  services: Pick<ServiceCatalog, 'webhooks' | 'clock'>, groupId: string, eventType: 'Online' | 'Offline', userIds: readonly string[], meta: CallbackMeta,
): Promise<void> {
  if (userIds.length === 0) return;
  await services.webhooks.after(MEMBER_STATE_CHANGE, {
    GroupId: groupId, EventType: eventType, MemberList: userIds.map((Member_Account) => ({ Member_Account })), EventTime: services.clock(),
  }, meta);
}
