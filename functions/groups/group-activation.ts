import type { ServiceCatalog } from '../services.js';
import type { GroupRecord } from './group-store.js';

/** Stored messages read per Query while looking for the first real message of a Work group. */
const PAGE = 50;

/**
 * Whether a group is active. Seed 003 "Differences in Basic Group Capabilities": a Work group must be activated
 * by a message; before that it is invisible to its members except the owner. Other types are active at once.
 *
 * A Work group is active once its history holds a message that is not a tip (tips take SEQs too, so
 * `NextMsgSeq` alone cannot tell). The first time that is seen, `activated` is written to META, so the check
 * costs one Query of the newest stored messages (0.5 RCU per 4 KB) only while a group is still inactive.
 * A Work group whose SEQs were taken but whose history has expired counts as active.
 */
export async function isActive(
  services: Pick<ServiceCatalog, 'groups' | 'groupMessages' | 'clock'>, group: GroupRecord, retentionDays: number,
): Promise<boolean> {
  if (group.type !== 'Work' || group.activated) return true;
  const expired = Math.floor(services.clock() / 1000) - group.lastMsgTime > retentionDays * 86_400;
  let hi = group.nextMsgSeq - 1;
  while (hi >= 1) {
    const page = await services.groupMessages.range(group.groupId, 1, hi, PAGE);
    // SEQs taken but nothing stored any more because the whole history is older than the retention: the group
    // counts as active (a group of tips only is a young one). A tip just written but not yet readable does not.
    if ((page.length === 0 && expired) || page.some((m) => m.tip === undefined)) {
      await services.groups.markActivated(group.groupId);
      return true;
    }
    if (page.length === 0) break;
    hi = Math.min(...page.map((m) => m.seq)) - 1;
  }
  return false;
}
