import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { GroupContext } from '../groups/group-context.js';
import type { GroupRecord } from '../groups/group-store.js';
import { TopicCode } from './topic-codes.js';
import { communityOf, isTopicId } from './topic-ids.js';

/** Community permission bits (seed 002 权限组中的权限含义介绍). */
export const COMMUNITY_BITS = {
  ManageGroupInfo: 1 << 0,
  ManageGroupMember: 1 << 1,
  ManagePermissionGroupInfo: 1 << 2,
  ManagePermissionGroupMember: 1 << 3,
  ManageTopic: 1 << 4,
  GroupMuteMember: 1 << 5,
  SendGroupMessage: 1 << 6,
  GroupAtAll: 1 << 7,
  GetGroupHistoryMessage: 1 << 8,
  RevokeOtherMemberGroupMessage: 1 << 9,
  BanMemberGroupMessage: 1 << 10,
} as const;

/** Topic permission bits (seed 002 针对话题的权限介绍). */
export const TOPIC_BITS = {
  ManageTopicInfo: 1 << 0,
  ManagePermissionTopicInfo: 1 << 1,
  TopicMuteMember: 1 << 2,
  SendTopicMessage: 1 << 3,
  GetTopicHistoryMessage: 1 << 4,
  RevokeOtherMemberTopicMessage: 1 << 5,
  TopicAtAll: 1 << 6,
} as const;

/** A Community bit that holds "in every topic", and the topic bit that holds it in one topic. */
const TOPIC_BIT_OF: Partial<Record<number, number>> = {
  [COMMUNITY_BITS.ManageTopic]: TOPIC_BITS.ManageTopicInfo,
  [COMMUNITY_BITS.ManagePermissionGroupInfo]: TOPIC_BITS.ManagePermissionTopicInfo,
  [COMMUNITY_BITS.GroupMuteMember]: TOPIC_BITS.TopicMuteMember,
  [COMMUNITY_BITS.SendGroupMessage]: TOPIC_BITS.SendTopicMessage,
  [COMMUNITY_BITS.GetGroupHistoryMessage]: TOPIC_BITS.GetTopicHistoryMessage,
  [COMMUNITY_BITS.RevokeOtherMemberGroupMessage]: TOPIC_BITS.RevokeOtherMemberTopicMessage,
  [COMMUNITY_BITS.GroupAtAll]: TOPIC_BITS.TopicAtAll,
};

/** Whether permission groups decide what members may do (a Community created or modified with EnablePermission 1). */
export const usesPermissionGroups = (group: Pick<GroupRecord, 'type' | 'enablePermission'>): boolean => group.type === 'Community' && group.enablePermission === true;

type PermissionServices = Pick<ServiceCatalog, 'permissionGroups'>;

/**
 * A member's effective bits: the Community's DefaultPermission, united with each of its permission groups'
 * permission; in a topic, also united with those groups' permissions for that topic. Cost: one GetItem (the member's
 * groups), then one BatchGetItem of those groups (and their topic entries) when it has any.
 */
export async function effectiveBits(services: PermissionServices, group: GroupRecord, communityId: string, userId: string, topicId?: string) {
  const ids = await services.permissionGroups.groupsOf(communityId, userId);
  let community = group.defaultPermission ?? 0;
  let topic = 0;
  if (ids.length > 0) {
    const [groups, topicBits] = await Promise.all([
      services.permissionGroups.get(communityId, ids),
      topicId ? services.permissionGroups.topicPermissionsOf(communityId, ids, topicId) : Promise.resolve([]),
    ]);
    for (const g of groups.values()) community |= g.permission;
    for (const bits of topicBits) topic |= bits;
  }
  return { community, topic };
}

/** Whether the bits allow `bit` (a Community bit), in the topic when one is given. */
export const allows = (bits: { community: number; topic: number }, bit: number, inTopic: boolean): boolean =>
  (bits.community & bit) !== 0 || (inTopic && (bits.topic & (TOPIC_BIT_OF[bit] ?? 0)) !== 0);

/**
 * 10007 unless the actor may do `what`: the app admin and the owner always; without permission groups an admin
 * (a Community's managing role); with them, the member's effective bits (seed 002: admins then act as members).
 */
export async function requireCommunityPermission(
  ctx: Pick<GroupContext, 'services' | 'actor'>, group: GroupRecord, bit: number, what: string, topicId?: string,
): Promise<void> {
  if (ctx.actor.appAdmin) return;
  const member = await ctx.services.groups.getMember(group.groupId, ctx.actor.id);
  if (!member) throw new ImError(TopicCode.NoPermission, `you are not a member of group ${group.groupId}`);
  if (member.role === 'Owner') return;
  if (!usesPermissionGroups(group)) {
    if (member.role === 'Admin') return;
    throw new ImError(TopicCode.NoPermission, `${what} needs the owner or an admin of group ${group.groupId}`);
  }
  const bits = await effectiveBits(ctx.services, group, group.groupId, ctx.actor.id, topicId);
  if (!allows(bits, bit, topicId !== undefined)) throw new ImError(TopicCode.NoPermission, `${what} needs a permission you do not hold in group ${group.groupId} (permission bit ${bit})`);
}

/**
 * A member's send in a Community with permission groups (group or topic): SendGroupMessage (or SendTopicMessage in
 * that topic), and GroupAtAll / TopicAtAll for an @all. The owner is never checked; without permission groups nothing is.
 */
export async function requireSendPermission(
  services: PermissionServices, group: GroupRecord, role: string, userId: string, atAll: boolean,
): Promise<void> {
  if (!usesPermissionGroups(group) || role === 'Owner') return;
  const topicId = isTopicId(group.groupId) ? group.groupId : undefined;
  const communityId = communityOf(group.groupId);
  const bits = await effectiveBits(services, group, communityId, userId, topicId);
  if (!allows(bits, COMMUNITY_BITS.SendGroupMessage, topicId !== undefined)) {
    throw new ImError(TopicCode.NoPermission, `you may not send messages in ${topicId ? `topic ${topicId}` : `group ${group.groupId}`} (SendGroupMessage / SendTopicMessage)`);
  }
  if (atAll && !allows(bits, COMMUNITY_BITS.GroupAtAll, topicId !== undefined)) {
    throw new ImError(TopicCode.NoPermission, 'you may not mention everyone (@all) here (GroupAtAll / TopicAtAll)');
  }
}
