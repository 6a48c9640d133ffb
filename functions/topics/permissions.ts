import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { GroupContext } from '../groups/group-context.js';
import type { GroupRecord } from '../groups/group-store.js';
import { rulesOf, ranksAtLeast, type ActorRank, type GroupTypeRules, type MinRank, type MemberRole } from '../groups/group-types.js';
import { actorInGroup, requireRight } from '../groups/group-access.js';
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

type PermissionServices = Pick<ServiceCatalog, 'permissionGroups' | 'topics'>;

/**
 * A member's effective bits: the Community's DefaultPermission, united with each of its permission groups'
 * permission; in a topic, also united with the topic's DefaultPermission and those groups' permissions for that
 * topic. Cost: one GetItem (the member's groups) beside, in a topic, one BatchGetItem of the topic's item (not when
 * `group` is the topic's view, as on a send: it carries the default); then one
 * BatchGetItem of those groups (and their topic entries) when it has any.
 */
export async function effectiveBits(services: PermissionServices, group: GroupRecord, communityId: string, userId: string, topicId?: string) {
  const known = topicId !== undefined && group.groupId === topicId ? group.topicDefaultPermission : undefined;
  const [ids, topicDefault] = await Promise.all([
    services.permissionGroups.groupsOf(communityId, userId),
    topicId && known === undefined
      ? services.topics.getTopics([topicId]).then((found) => { const t = found.get(topicId); return t?.groupId === communityId ? t.defaultPermission : 0; })
      : Promise.resolve(known ?? 0),
  ]);
  let community = group.defaultPermission ?? 0;
  let topic = topicDefault;
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

/**
 * The rank that decides a role-ruled right in a Community with permission groups (seed 002: there the Admin role
 * gives nothing; bits do): the owner and the app admin keep theirs; any other member ranks Admin when its effective
 * bits allow `bit` (in the topic, when given), Member otherwise. Elsewhere, and for non-members, the rank is kept.
 * Costs what `effectiveBits` costs, and nothing outside permission-group Communities.
 */
export async function rankByPermission(
  services: PermissionServices, group: GroupRecord, rank: ActorRank, userId: string, bit: number, topicId?: string,
): Promise<ActorRank> {
  if (!usesPermissionGroups(group) || rank === 'Owner' || rank === 'AppAdmin' || rank === 'NotMember') return rank;
  const bits = await effectiveBits(services, group, group.groupId, userId, topicId);
  return allows(bits, bit, topicId !== undefined) ? 'Admin' : 'Member';
}

/** A target member's rank where permission groups rule: the owner stays the owner, everyone else is a member. */
export const targetRank = (group: GroupRecord, role: MemberRole): MemberRole =>
  usesPermissionGroups(group) && role === 'Admin' ? 'Member' : role;

export type CommunityBit = keyof typeof COMMUNITY_BITS;

/**
 * `requireRight` for a rank that rankByPermission granted from `own`: refused in a permission-group Community, the
 * error names the bit the actor lacks rather than a role.
 */
export function requireGrantedRight(
  group: GroupRecord, own: ActorRank, rank: ActorRank, right: keyof GroupTypeRules, bit: CommunityBit, what: string, topicId?: string,
): void {
  if (usesPermissionGroups(group) && (own === 'Admin' || own === 'Member') && !ranksAtLeast(rank, rulesOf(group.type)[right] as MinRank)) {
    throw new ImError(TopicCode.NoPermission, `${what} needs the ${bit} permission in ${topicId ? `topic ${topicId}` : `group ${group.groupId}`}`);
  }
  requireRight(group, rank, right, what);
}

/** `requireRight` where a permission bit stands in for the role (rankByPermission); returns the rank it was granted at. */
export async function requireGroupRight(
  ctx: Pick<GroupContext, 'services' | 'actor'>, group: GroupRecord, right: keyof GroupTypeRules, bit: CommunityBit, what: string, topicId?: string,
): Promise<ActorRank> {
  const { rank: own } = await actorInGroup(ctx.services.groups, group, ctx.actor);
  const rank = await rankByPermission(ctx.services, group, own, ctx.actor.id, COMMUNITY_BITS[bit], topicId);
  requireGrantedRight(group, own, rank, right, bit, what, topicId);
  return rank;
}

type ContainerServices = Pick<ServiceCatalog, 'groups' | 'permissionGroups' | 'topics'>;

/**
 * Whether a member other than the owner holds `bit` (a Community bit; its topic bit in a topic) for a message
 * container: the Community or one of its topics. `undefined` where permission groups do not rule (roles decide).
 * One GetItem of the group, then effectiveBits' reads in a permission-group Community.
 */
export async function holdsInContainer(services: ContainerServices, containerId: string, userId: string, bit: number): Promise<boolean | undefined> {
  const group = await services.groups.getGroup(containerId);
  if (!group || !usesPermissionGroups(group)) return undefined;
  const topicId = isTopicId(containerId) ? containerId : undefined;
  return allows(await effectiveBits(services, group, communityOf(containerId), userId, topicId), bit, topicId !== undefined);
}

const JOIN_SCAN = 1000;

/**
 * The newest seq a member may not read in a permission-group Community without GetGroupHistoryMessage
 * (GetTopicHistoryMessage in a topic): the last message before it joined (seed 002: 拉取入群前的历史消息权限).
 * 0 when it may read everything.
 */
export async function preJoinHistoryFloor(
  services: ContainerServices & Pick<ServiceCatalog, 'topics'>, containerId: string, member: { userId: string; role: string; joinTime: number; joinSeq: number },
): Promise<number> {
  if (member.role === 'Owner') return 0;
  const held = await holdsInContainer(services, containerId, member.userId, COMMUNITY_BITS.GetGroupHistoryMessage);
  if (held !== false) return 0;
  // A topic counts its own seqs; the member's joinSeq is the Community's.
  return isTopicId(containerId) ? services.topics.seqAtTime(containerId, member.joinTime, JOIN_SCAN) : member.joinSeq;
}

/** The topic bits a member's effective bits hold in a topic: its topic bits and those its Community bits imply. */
const heldTopicBits = (bits: { community: number; topic: number }): number =>
  Object.entries(TOPIC_BIT_OF).reduce((held, [community, topic]) => ((bits.community & Number(community)) !== 0 ? held | topic! : held), bits.topic);

/**
 * 10007 unless the actor holds every bit it grants: a member managing permission groups may hand out, or join
 * others to, only what it holds itself, so ManagePermissionGroupInfo/Member cannot raise anyone above the granter
 * (ours: Tencent documents no rule). The owner and the app admin grant anything; without permission groups the
 * roles rule and nothing is checked. `topicId`: `permission` is a set of topic bits for that topic (`asTopicBits`
 * without `topicId`: topic bits for a topic being created, held through the Community bits that imply them).
 */
export async function requireGrantable(
  ctx: Pick<GroupContext, 'services' | 'actor'>, group: GroupRecord, permission: number, topicId?: string, asTopicBits = topicId !== undefined,
): Promise<void> {
  if (ctx.actor.appAdmin || !usesPermissionGroups(group)) return;
  const member = await ctx.services.groups.getMember(group.groupId, ctx.actor.id);
  if (!member || member.role === 'Owner') return;
  const bits = await effectiveBits(ctx.services, group, group.groupId, ctx.actor.id, topicId);
  const held = asTopicBits ? heldTopicBits(bits) : bits.community;
  const extra = permission & ~held;
  if (extra !== 0) throw new ImError(TopicCode.NoPermission, `you may grant only permissions you hold yourself; you lack bits ${extra} ${topicId ? `in topic ${topicId}` : `in group ${group.groupId}`}`);
}
