import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { GroupRecord, GroupStore } from '../groups/group-store.js';
import type { GroupCounters, GroupMessageStore, SenderStanding } from '../groupmsg/groupmsg-store.js';
import { communityOf, isTopicId } from './topic-ids.js';
import type { TopicReadState, TopicRecord, TopicStore } from './topic-store.js';
import { TopicCode } from './topic-codes.js';

/** How far back a first read in a topic looks for the member's join position (messages). */
const BASELINE_SCAN = 1000;

type ScopeServices = Pick<ServiceCatalog, 'groupMessages' | 'groups' | 'topics'>;

/** A message container: a group, or a topic of a Community together with its Community. */
export interface MessageScope<S> {
  /** The id the group-message code works on: the GroupId, or the TopicId. */
  containerId: string;
  community?: GroupRecord;
  topic?: TopicRecord;
  services: S;
}

/**
 * The container a group-message command addresses: `GroupId` alone is the group; `GroupId` with a `TopicId` (or a
 * `GroupId` that is itself a topic id, as conversation ids `GROUP<TopicId>` give it) is the topic. For a topic the
 * services are the same stores seen through the topic (`topicView`): the group-message code then runs unchanged
 * with the TopicId as its group id: SEQ, history, mutes and read positions are the topic's, members, roles and the
 * online index the Community's. Unknown topic, or a TopicId of another group: the topic codes.
 */
export async function messageScope<S extends ScopeServices>(services: S, groupId: string, topicId?: string): Promise<MessageScope<S>> {
  const id = topicId ? topicId : groupId;
  if (!isTopicId(id)) return { containerId: groupId, services };
  const parent = communityOf(id);
  if (topicId && groupId !== parent) throw new ImError(TopicCode.InvalidParam, `TopicId ${topicId} is not a topic of group ${groupId}`);
  const [community, topic] = await Promise.all([services.groups.getGroup(parent), services.topics.getTopics([id]).then((m) => m.get(id))]);
  if (!community) throw new ImError(TopicCode.GroupNotFound, `group ${parent} does not exist or was dissolved`);
  if (!topic) throw new ImError(TopicCode.TopicNotFound, `topic ${id} does not exist in group ${parent}`);
  return { containerId: id, community, topic, services: topicView(services, community, topic) };
}

/** The topic as the group record the group-message code expects: the topic's profile and counters, the Community's people. */
export const topicAsGroup = (community: GroupRecord, topic: TopicRecord): GroupRecord => ({
  ...community, groupId: topic.topicId, name: topic.name, introduction: topic.introduction, notification: topic.notification,
  faceUrl: topic.faceUrl, createTime: topic.createTime, infoSeq: topic.infoSeq, lastInfoTime: topic.lastInfoTime,
  nextMsgSeq: topic.nextMsgSeq, lastMsgTime: topic.lastMsgTime, muteAllMember: topic.muteAllMember || community.muteAllMember,
  appDefinedData: {}, extension: undefined, supportTopic: false, topicNum: 0, topicDefaultPermission: topic.defaultPermission,
});

/** Redirects every call of `store` whose first argument is the topic id, or entries naming it, to the Community. */
function redirect<T extends object>(store: T, topicId: string, groupId: string, methods: readonly (keyof T)[], overrides: Partial<T>): T {
  const toCommunity = (v: unknown) => (v === topicId ? groupId : v);
  const mapEntries = (v: unknown) => Array.isArray(v) ? v.map((e) => (e && typeof e === 'object' && (e as { groupId?: unknown }).groupId === topicId ? { ...e, groupId } : e)) : toCommunity(v);
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof T];
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (methods.includes(prop as keyof T)) return (first: unknown, ...rest: unknown[]) => (value as (...a: unknown[]) => unknown).call(target, mapEntries(first), ...rest);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

const GROUP_METHODS_ON_COMMUNITY: ReadonlyArray<keyof GroupStore> = [
  'getMember', 'getMembers', 'listMembers', 'pageMembers', 'addMember', 'removeMember', 'updateMember', 'inList', 'listOf', 'stampPushRegistered',
];
const MESSAGE_METHODS_ON_COMMUNITY: ReadonlyArray<keyof GroupMessageStore> = [
  'touchLastSend', 'memberPage', 'pushCandidatePage', 'markNoPushDevice', 'online', 'indexConnections', 'unindexConnections', 'unindexMember', 'setIndexedFlag',
];

/** The stores seen through one topic (messageScope). */
export function topicView<S extends ScopeServices>(services: S, community: GroupRecord, topic: TopicRecord): S {
  const topicId = topic.topicId;
  const groupId = community.groupId;
  const asGroup = topicAsGroup(community, topic);
  const groups = redirect(services.groups, topicId, groupId, GROUP_METHODS_ON_COMMUNITY, {
    getGroup: async (id: string) => (id === topicId ? asGroup : services.groups.getGroup(id)),
    getGroups: async (ids: readonly string[]) => {
      const others = await services.groups.getGroups(ids.filter((i) => i !== topicId));
      if (ids.includes(topicId)) others.set(topicId, asGroup);
      return others;
    },
    markActivated: async () => undefined,
  } as Partial<GroupStore>);
  const base = services.groupMessages;
  const messages = redirect(base, topicId, groupId, MESSAGE_METHODS_ON_COMMUNITY, {
    standing: async (id: string, userId: string, withWhitelist: boolean): Promise<SenderStanding> => {
      if (id !== topicId) return base.standing(id, userId, withWhitelist);
      const [inCommunity, inTopic] = await Promise.all([base.standing(groupId, userId, withWhitelist), base.standing(topicId, userId, false)]);
      if (!inCommunity.member) return { ...inCommunity, mutedUntil: Math.max(inCommunity.mutedUntil, inTopic.mutedUntil) };
      const read = await topicReadState(services, topic, userId, inCommunity.member.joinTime);
      return {
        member: { ...inCommunity.member, msgSeq: read.msgSeq, skipRead: read.skipRead, clearedSeq: 0 },
        mutedUntil: Math.max(inCommunity.mutedUntil, inTopic.mutedUntil), whitelisted: inCommunity.whitelisted,
      };
    },
    setRead: async (id: string, userId: string, seq: number, skippedAtRead: number, forward: boolean) => {
      if (id !== topicId) return base.setRead(id, userId, seq, skippedAtRead, forward);
      if (!(await services.groups.getMember(groupId, userId))) return false;
      await services.topics.setReadState(topicId, userId, { msgSeq: seq, skipRead: skippedAtRead }, forward);
      return true;
    },
    counters: async (ids: readonly string[], consistent?: boolean) => {
      const found = await base.counters(ids, consistent);
      const c = found.get(topicId);
      if (c) found.set(topicId, { ...c, type: community.type, name: topic.name, memberNum: community.memberNum } satisfies GroupCounters);
      return found;
    },
  } as Partial<GroupMessageStore>);
  return { ...services, groups, groupMessages: messages };
}

/**
 * A member's read position in a topic. Until the member first reads there it is where the member joined: the whole
 * topic when the member was in the Community before the topic existed, otherwise the topic's last message sent
 * before the join (found once, then stored, so later reads pay one item).
 */
export async function topicReadState(
  services: { topics: Pick<TopicStore, 'readStates' | 'seqAtTime' | 'setReadState'>; groupMessages: Pick<GroupMessageStore, 'counters'> }, topic: TopicRecord, userId: string, joinTime: number,
): Promise<TopicReadState> {
  const stored = (await services.topics.readStates(userId, [topic.topicId])).get(topic.topicId);
  if (stored) return stored;
  if (joinTime <= topic.createTime) return { msgSeq: 0, skipRead: 0 };
  const msgSeq = await services.topics.seqAtTime(topic.topicId, joinTime, BASELINE_SCAN);
  // The NoUnread count at that position is not kept per message: the count now (at most those NoUnread messages since join count as unread).
  const skipRead = (await services.groupMessages.counters([topic.topicId])).get(topic.topicId)?.skipped ?? 0;
  const baseline = { msgSeq, skipRead: msgSeq === 0 ? 0 : skipRead };
  await services.topics.setReadState(topic.topicId, userId, baseline, true);
  return baseline;
}
