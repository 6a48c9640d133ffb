import { randomBytes } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import { metaFor, nowS, type GroupContext } from '../groups/group-context.js';
import type { GroupRecord } from '../groups/group-store.js';
import { emitGroupTip } from '../groups/group-tips.js';
import { TopicCode } from './topic-codes.js';
import { customTopicIdProblem, generatedTopicId } from './topic-ids.js';
import type { TopicProfile, TopicRecord } from './topic-store.js';
import { topicReadState } from './topic-scope.js';
import { memberUnread } from '../groupmsg/read-state.js';
import { requireCommunityPermission, requireGrantable, COMMUNITY_BITS } from './permissions.js';

export const BEFORE_CREATE_TOPIC = 'Group.CallbackBeforeCreateTopic';
export const AFTER_CREATE_TOPIC = 'Group.CallbackAfterCreateTopic';
export const AFTER_TOPIC_DESTROYED = 'Group.CallbackAfterTopicDestroyed';
export const AFTER_TOPIC_INFO_CHANGED = 'Group.CallbackAfterTopicInfoChanged';

export interface CreateTopicInput {
  GroupId: string;
  TopicId?: string;
  TopicName: string;
  From_Account?: string;
  CustomString?: string;
  FaceUrl?: string;
  Notification?: string;
  Introduction?: string;
  DefaultPermission?: number;
  /** import_topic only. */
  CreateTime?: number;
}

/** The Community of a topic command: 10010 unknown, 11000 not a Community with topics (Tencent's destroy_topic page). */
export async function loadTopicCommunity(ctx: Pick<GroupContext, 'services'>, groupId: string): Promise<GroupRecord> {
  const group = await ctx.services.groups.getGroup(groupId);
  if (!group) throw new ImError(TopicCode.GroupNotFound, `group ${groupId} does not exist or was dissolved`);
  if (group.type !== 'Community' || !group.supportTopic) {
    throw new ImError(TopicCode.TopicsUnsupported, `group ${groupId} does not support topics (a Community created with SupportTopic: 1)`);
  }
  return group;
}

/** `create_topic` and `import_topic` (no callbacks, no notice, its own CreateTime), and `topic.create` over the WebSocket. */
export async function createTopic(ctx: GroupContext, input: CreateTopicInput, mode: 'create' | 'import' = 'create'): Promise<{ TopicId: string }> {
  const group = await loadTopicCommunity(ctx, input.GroupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManageTopic, 'creating topics');
  if (input.DefaultPermission) {
    await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'setting a topic\'s default permissions');
    await requireGrantable(ctx, group, input.DefaultPermission, undefined, true);
  }
  if (input.TopicId === '') input = { ...input, TopicId: undefined };
  if (input.TopicId !== undefined) {
    const problem = customTopicIdProblem(group.groupId, input.TopicId);
    if (problem) throw new ImError(TopicCode.InvalidId, problem);
  }
  if (input.From_Account !== undefined && input.From_Account !== '' && !(await ctx.services.accounts.get(input.From_Account))) {
    throw new ImError(TopicCode.UserNotFound, `From_Account ${input.From_Account} is not an imported account`);
  }
  const operator = ctx.caller.transport === 'ws' ? ctx.actor.id : input.From_Account || ctx.actor.id;
  if (mode === 'create') {
    const before = await ctx.services.webhooks.before(BEFORE_CREATE_TOPIC, { Operator_Account: operator, Type: group.type, Name: input.TopicName }, metaFor(ctx, BEFORE_CREATE_TOPIC));
    const verdict = beforeVerdict(before, GROUP_CUSTOM_CODES);
    if (verdict.action !== 'allow') {
      throw verdict.action === 'refuse' && verdict.custom
        ? new ImError(verdict.custom.code, verdict.custom.info)
        : new ImError(TopicCode.RefusedByCallback, 'the app backend refused to create the topic (Group.CallbackBeforeCreateTopic)');
    }
  }
  const now = nowS(ctx);
  const createTime = mode === 'import' && input.CreateTime ? input.CreateTime : now;
  const topic: TopicRecord = {
    topicId: input.TopicId ?? generatedTopicId(group.groupId, randomBytes), groupId: group.groupId, name: input.TopicName,
    introduction: input.Introduction ?? '', notification: input.Notification ?? '', faceUrl: input.FaceUrl ?? '', customString: input.CustomString ?? '',
    fromAccount: input.From_Account ?? '', createTime, muteAllMember: false, defaultPermission: input.DefaultPermission ?? 0, infoSeq: 0, lastInfoTime: createTime, nextMsgSeq: 1, lastMsgTime: 0,
  };
  const outcome = await ctx.services.topics.createTopic(topic, ctx.config.groups.maxTopicsPerCommunity);
  if (outcome === 'exists') throw new ImError(TopicCode.IdTaken, `topic ${topic.topicId} already exists`);
  if (outcome === 'limit') throw new ImError(TopicCode.TooManyTopics, `group ${group.groupId} already holds ${ctx.config.groups.maxTopicsPerCommunity} topics`);
  if (outcome === 'noTopics') throw new ImError(TopicCode.TopicsUnsupported, `group ${group.groupId} does not support topics`);
  if (mode === 'create') {
    await Promise.all([
      emitGroupTip(ctx.services, group, { TipType: 'TopicCreated', Operator_Account: operator, TopicId: topic.topicId, TopicName: topic.name }, 'pushed')
        .catch((error: unknown) => logger.warn('topic created notice not sent', { error, topicId: topic.topicId })),
      ctx.services.webhooks.after(AFTER_CREATE_TOPIC, {
        GroupId: group.groupId, TopicId: topic.topicId, Operator_Account: operator, Owner_Account: group.ownerAccount ?? '', Type: group.type,
        Name: topic.name, UserDefinedDataList: [], EventTime: ctx.services.clock(),
      }, metaFor(ctx, AFTER_CREATE_TOPIC)),
    ]);
  }
  return { TopicId: topic.topicId };
}

/** Tencent's `TopicInfo` (doocs TopicInfo; `GroupID` with a capital D is Tencent's spelling). */
export const topicInfoView = (t: TopicRecord): Record<string, unknown> => ({
  TopicName: t.name, GroupID: t.groupId, FaceUrl: t.faceUrl, TopicId: t.topicId, NextMsgSeq: t.nextMsgSeq, Notification: t.notification,
  Introduction: t.introduction, CreateTime: t.createTime, LastMsgTime: t.lastMsgTime, ShutUpAllFlag: t.muteAllMember ? 1 : 0, CustomString: t.customString,
  // Ours (docs/rest.md): only once set, so a topic without one reads as Tencent's TopicInfo.
  ...(t.defaultPermission !== 0 && { DefaultPermission: t.defaultPermission }),
});

/**
 * `get_topic` (and `topic.list`): the Community's topics (all, or `TopicIdList` in the order asked, unknown ones with
 * their own code), each with the `From_Account` member's SelfInfo (mute, read position, MsgFlag); over the WebSocket
 * also the member's `UnreadNum`.
 */
export async function getTopics(
  ctx: GroupContext, input: { GroupId: string; From_Account?: string; TopicIdList?: readonly string[]; ResponseFilter?: readonly string[] }, withUnread = false,
): Promise<{ TopicAndSelfInfo: Array<Record<string, unknown>> }> {
  const group = await loadTopicCommunity(ctx, input.GroupId);
  const reader = ctx.caller.transport === 'ws' ? ctx.actor.id : input.From_Account || undefined;
  const member = reader === undefined ? undefined : await ctx.services.groups.getMember(group.groupId, reader);
  if (ctx.caller.transport === 'ws' && !member && !ctx.actor.appAdmin) throw new ImError(TopicCode.NoPermission, `you are not a member of group ${group.groupId}`);
  const ids = input.TopicIdList?.length ? [...new Set(input.TopicIdList)] : await ctx.services.topics.listTopicIds(group.groupId);
  const found = await ctx.services.topics.getTopics(ids);
  const filter = input.ResponseFilter?.length ? new Set(input.ResponseFilter) : undefined;
  const counters = withUnread && member ? await ctx.services.groupMessages.counters([...found.keys()]) : undefined;
  // One BatchGetItem of the member's read positions; a topic it never read there derives its join position once.
  const [reads, mutes] = member ? await Promise.all([
    ctx.services.topics.readStates(member.userId, [...found.keys()]),
    ctx.services.groupMessages.listMutesOf(member.userId, [...found.keys()]),
  ]) : [new Map(), new Map()];
  const items = await Promise.all(ids.map(async (id) => {
    const topic = found.get(id);
    if (!topic || topic.groupId !== group.groupId) return { ErrorCode: TopicCode.TopicNotFound, ErrorInfo: `topic ${id} does not exist in group ${group.groupId}`, TopicId: id };
    const info = topicInfoView(topic);
    const TopicInfo = filter ? Object.fromEntries(Object.entries(info).filter(([k]) => k === 'TopicId' || filter.has(k))) : info;
    if (!member) return { ErrorCode: 0, ErrorInfo: '', TopicInfo };
    const read = reads.get(id) ?? await topicReadState(ctx.services, topic, member.userId, member.joinTime);
    const SelfInfo = { ShutUpTime: Math.max(member.muteUntil, mutes.get(id) ?? 0), MsgSeq: read.msgSeq, MsgFlag: member.msgFlag };
    const c = counters?.get(id);
    return {
      ErrorCode: 0, ErrorInfo: '', TopicInfo, SelfInfo,
      ...(c && { UnreadNum: memberUnread(c, read.msgSeq, read.skipRead), LastMsgSeq: c.lastSeq }),
    };
  }));
  return { TopicAndSelfInfo: items };
}

export interface ModifyTopicInput {
  GroupId: string;
  TopicId: string;
  TopicName?: string;
  From_Account?: string;
  CustomString?: string;
  FaceUrl?: string;
  Notification?: string;
  Introduction?: string;
  MuteAllMember?: 'On' | 'Off';
  DefaultPermission?: number;
}

/** `modify_topic`: profile fields and mute-all; `Group.CallbackAfterTopicInfoChanged` for name, introduction, notification, face. */
export async function modifyTopic(ctx: GroupContext, input: ModifyTopicInput): Promise<void> {
  const group = await loadTopicCommunity(ctx, input.GroupId);
  const [topic] = [...(await ctx.services.topics.getTopics([input.TopicId])).values()];
  if (!topic || topic.groupId !== group.groupId) throw new ImError(TopicCode.TopicNotFound, `topic ${input.TopicId} does not exist in group ${group.groupId}`);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManageTopic, 'modifying topics', topic.topicId);
  if (input.DefaultPermission !== undefined && input.DefaultPermission !== topic.defaultPermission) {
    // The topic's permission settings: ManagePermissionGroupInfo, or ManagePermissionTopicInfo in this topic; and only bits the caller holds there.
    await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManagePermissionGroupInfo, 'changing a topic\'s default permissions', topic.topicId);
    await requireGrantable(ctx, group, input.DefaultPermission, topic.topicId);
  }
  const changes: Partial<TopicProfile> = {
    ...(input.TopicName !== undefined && { name: input.TopicName }),
    ...(input.Introduction !== undefined && { introduction: input.Introduction }),
    ...(input.Notification !== undefined && { notification: input.Notification }),
    ...(input.FaceUrl !== undefined && { faceUrl: input.FaceUrl }),
    ...(input.CustomString !== undefined && { customString: input.CustomString }),
    ...(input.MuteAllMember !== undefined && { muteAllMember: input.MuteAllMember === 'On' }),
    ...(input.DefaultPermission !== undefined && input.DefaultPermission !== topic.defaultPermission && { defaultPermission: input.DefaultPermission }),
  };
  if (Object.keys(changes).length === 0) return;
  const updated = await ctx.services.topics.updateTopic(topic.topicId, changes, nowS(ctx));
  if (!updated) throw new ImError(TopicCode.TopicNotFound, `topic ${input.TopicId} was destroyed`);
  const operator = ctx.caller.transport === 'ws' ? ctx.actor.id : input.From_Account || ctx.actor.id;
  await emitGroupTip(ctx.services, group, {
    TipType: 'TopicInfoChanged', Operator_Account: operator, TopicId: topic.topicId,
    ...(changes.name !== undefined && { TopicName: updated.name }), ...(changes.introduction !== undefined && { Introduction: updated.introduction }),
    ...(changes.notification !== undefined && { Notification: updated.notification }), ...(changes.faceUrl !== undefined && { FaceUrl: updated.faceUrl }),
    ...(changes.customString !== undefined && { CustomString: updated.customString }), ...(changes.muteAllMember !== undefined && { ShutUpAllFlag: updated.muteAllMember ? 1 : 0 }),
  }, 'pushed').catch((error: unknown) => logger.warn('topic change notice not sent', { error, topicId: topic.topicId }));
  const profileChanged = ['name', 'introduction', 'notification', 'faceUrl'].some((k) => k in changes);
  if (profileChanged) {
    await ctx.services.webhooks.after(AFTER_TOPIC_INFO_CHANGED, {
      GroupId: group.groupId, TopicId: topic.topicId, Type: group.type, Operator_Account: operator, Name: updated.name,
      Introduction: updated.introduction, Notification: updated.notification, FaceUrl: updated.faceUrl, EventTime: ctx.services.clock(),
    }, metaFor(ctx, AFTER_TOPIC_INFO_CHANGED));
  }
}

/** `destroy_topic`: each topic with its own result (`DestroyResultItem`); one callback and one notice for those destroyed. */
export async function destroyTopics(ctx: GroupContext, groupId: string, topicIds: readonly string[] | undefined): Promise<{ DestroyResultItem: Array<Record<string, unknown>> }> {
  const group = await loadTopicCommunity(ctx, groupId);
  await requireCommunityPermission(ctx, group, COMMUNITY_BITS.ManageTopic, 'destroying topics');
  const ids = topicIds?.length ? [...new Set(topicIds)] : await ctx.services.topics.listTopicIds(group.groupId);
  const results = await Promise.all(ids.map(async (TopicId) => {
    if (!TopicId.startsWith(`${group.groupId}@TOPIC#_`)) return { ErrorCode: TopicCode.InvalidParam, ErrorInfo: `${TopicId} is not a topic of group ${group.groupId}`, TopicId };
    const gone = await ctx.services.topics.destroyTopic(group.groupId, TopicId);
    return gone ? { ErrorCode: 0, ErrorInfo: 'ok', TopicId } : { ErrorCode: TopicCode.TopicAlreadyDestroyed, ErrorInfo: `topic ${TopicId} does not exist or was already destroyed`, TopicId };
  }));
  const destroyed = results.filter((r) => r.ErrorCode === 0).map((r) => r.TopicId);
  if (destroyed.length > 0) {
    await emitGroupTip(ctx.services, group, { TipType: 'TopicDeleted', Operator_Account: ctx.actor.id, TopicIdList: destroyed }, 'pushed')
      .catch((error: unknown) => logger.warn('topic deleted notice not sent', { error, groupId }));
    await ctx.services.webhooks.after(AFTER_TOPIC_DESTROYED, { GroupId: group.groupId, Type: group.type, TopicIdList: destroyed, EventTime: ctx.services.clock() },
      metaFor(ctx, AFTER_TOPIC_DESTROYED));
  }
  return { DestroyResultItem: results };
}

/** destroy_group of a Community: its topics go with it (their messages expire by retention). */
export async function destroyCommunityTopics(services: GroupContext['services'], groupId: string): Promise<void> {
  const ids = await services.topics.listTopicIds(groupId);
  await Promise.all(ids.map((id) => services.topics.destroyTopic(groupId, id)));
}
