import { ImError } from '../shared/errors.js';
import { actorInGroup, loadGroup } from '../groups/group-access.js';
import type { GroupContext } from '../groups/group-context.js';
import { rankOrder } from '../groups/group-types.js';
import { forbidSendMsg } from '../groupmsg/mute.js';
import { TopicCode } from './topic-codes.js';
import { COMMUNITY_BITS, rankByPermission, requireGrantedRight, targetRank } from './permissions.js';
import { messageScope } from './topic-scope.js';

export interface ContainerMuteInput {
  GroupId: string;
  TopicId?: string;
  Members_Account: readonly string[];
  MuteTime: number;
}

/**
 * `group.mute` (WebSocket): a member mutes others in a group or in one of its Community's topics, as `forbid_send_msg`
 * does for the app admin. Owners and admins mute ordinary members (the type's `mute` right); in a permission-group
 * Community GroupMuteMember decides (TopicMuteMember in that topic), and only the owner is out of reach.
 */
export async function muteInContainer(ctx: GroupContext, input: ContainerMuteInput): Promise<void> {
  const scope = await messageScope(ctx.services, input.GroupId, input.TopicId);
  const group = scope.community ?? await loadGroup(ctx.services.groups, input.GroupId);
  const { rank: own } = await actorInGroup(ctx.services.groups, group, ctx.actor);
  const rank = await rankByPermission(ctx.services, group, own, ctx.actor.id, COMMUNITY_BITS.GroupMuteMember, input.TopicId);
  requireGrantedRight(group, own, rank, 'mute', 'GroupMuteMember', 'muting members', input.TopicId);
  const targets = await ctx.services.groups.getMembers(group.groupId, input.Members_Account);
  for (const id of input.Members_Account) {
    const m = targets.get(id);
    if (!m) throw new ImError(TopicCode.NoPermission, `${id} is not a member of group ${group.groupId}`);
    if (rankOrder(rank) <= rankOrder(targetRank(group, m.role))) throw new ImError(TopicCode.NoPermission, `a ${rank} cannot mute the ${m.role} ${id}`);
  }
  await forbidSendMsg(scope.services, scope.containerId, input.Members_Account, input.MuteTime, ctx.actor.id);
}
