import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { emitGroupTip } from '../groups/group-tips.js';
import { rulesOf } from '../groups/group-types.js';
import { GroupMsgCode, LIMITS } from './groupmsg-codes.js';
import { loadGroupOr10010 } from './send.js';

type MuteServices = Pick<ServiceCatalog, 'clock' | 'groups' | 'groupMessages' | 'connections' | 'gateway' | 'groupFanOut'>;

/** Internally "forever" is the largest safe integer; Tencent shows it as 4294967295. */
const FOREVER_UNTIL = Number.MAX_SAFE_INTEGER;
const shown = (until: number) => (until >= FOREVER_UNTIL ? LIMITS.foreverMute : until);

/**
 * `forbid_send_msg`: mutes (MuteTime s; 4294967295 forever) or unmutes (0) up to 500 users. The mute is its own item
 * in the group's partition, so it survives leaving and rejoining; the member item's MuteUntil follows.
 */
export async function forbidSendMsg(services: MuteServices, groupId: string, userIds: readonly string[], muteTime: number, operator: string): Promise<void> {
  const group = await loadGroupOr10010(services, groupId);
  const users = [...new Set(userIds)];
  if (users.length > LIMITS.muteBatch) throw new ImError(GroupMsgCode.TooMany, `Members_Account has more than ${LIMITS.muteBatch} accounts`);
  const nowS = Math.floor(services.clock() / 1000);
  const until = muteTime === 0 ? 0 : muteTime >= LIMITS.foreverMute ? FOREVER_UNTIL : nowS + muteTime;
  await services.groupMessages.setMute(groupId, users, until);
  await emitGroupTip(services, group, { TipType: 'MemberMuted', Operator_Account: operator, MemberList_Account: users, MuteTime: muteTime }, rulesOf(group.type).memberProfileChangeNotice);
}

/** `get_group_muted_account` (and the legacy `get_group_shutted_uin`): users muted now, with the time their mute ends. */
export async function mutedAccounts(services: MuteServices, groupId: string): Promise<Array<{ userId: string; until: number }>> {
  await loadGroupOr10010(services, groupId);
  const nowS = Math.floor(services.clock() / 1000);
  const [mutes, members] = await Promise.all([services.groupMessages.listMutes(groupId, nowS), services.groups.listMembers(groupId)]);
  const out = new Map(mutes.map((m) => [m.userId, m.until]));
  // Mutes set with modify_group_member_info live on the member item only.
  for (const m of members) if (m.muteUntil > nowS) out.set(m.userId, Math.max(out.get(m.userId) ?? 0, m.muteUntil));
  return [...out].map(([userId, until]) => ({ userId, until: shown(until) }));
}
