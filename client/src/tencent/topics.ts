import type { ServerEvents, TopicAndSelfInfo, TopicModifyInput } from '../protocol.js';
import { EVENT, TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { need } from './group-admin.js';
import { readGroups } from './profiles-and-groups.js';

/** Community topics (`topic.list`, `topic.create`, `topic.modify`, `topic.destroy`) and their `group.tip`s as TOPIC_* events. */

/** Tencent's `Topic`. */
export interface Topic {
  topicID: string;
  topicName: string;
  avatar: string;
  introduction: string;
  notification: string;
  unreadCount: number;
  muteAllMembers: boolean;
  customData: string;
  groupAtInfoList: unknown[];
  lastMessage: Record<string, unknown>;
  nextMessageSeq: number;
  /** `readedSequence` (sic, Tencent's name): the caller's read position. */
  selfInfo: { muteTime: number; readedSequence: number; messageRemindType: string };
}

function toTopic(item: TopicAndSelfInfo): Topic {
  const t = item.TopicInfo!;
  return {
    topicID: t.TopicId, topicName: t.TopicName, avatar: t.FaceUrl ?? '', introduction: t.Introduction ?? '', notification: t.Notification ?? '',
    unreadCount: item.UnreadNum ?? 0, muteAllMembers: t.ShutUpAllFlag === 1, customData: t.CustomString ?? '', groupAtInfoList: [],
    lastMessage: { lastSequence: item.LastMsgSeq ?? 0, lastTime: t.LastMsgTime ?? 0 }, nextMessageSeq: t.NextMsgSeq ?? 0,
    selfInfo: { muteTime: item.SelfInfo?.ShutUpTime ?? 0, readedSequence: item.SelfInfo?.MsgSeq ?? 0, messageRemindType: item.SelfInfo?.MsgFlag ?? '' },
  };
}

const topicIDs = (list: unknown) => (Array.isArray(list) && list.length > 0 ? (list as string[]) : undefined);

/** The joined Communities that support topics. */
export async function getJoinedCommunityList(ctx: ChatContext) {
  const groups = await readGroups(ctx);
  return ok({ groupList: groups.filter((g) => g.type === TYPES.GRP_COMMUNITY && g.isSupportTopic) });
}

export interface TopicProfileOptions { groupID: string; topicName?: string; avatar?: string; notification?: string; introduction?: string; customData?: string }

const profileFields = (o: TopicProfileOptions) => ({
  ...(o.topicName !== undefined && { TopicName: o.topicName }), ...(o.avatar !== undefined && { FaceUrl: o.avatar }),
  ...(o.notification !== undefined && { Notification: o.notification }), ...(o.introduction !== undefined && { Introduction: o.introduction }),
  ...(o.customData !== undefined && { CustomString: o.customData }),
});

/** Resolves `{ topicID }`. */
export async function createTopicInCommunity(ctx: ChatContext, options: TopicProfileOptions & { topicName: string; topicID?: string }) {
  need(options?.groupID, 'createTopicInCommunity', { topicName: options?.topicName });
  const { TopicId } = await call(() => ctx.im().createTopic({
    GroupId: options.groupID, ...(options.topicID && { TopicId: options.topicID }), ...profileFields(options), TopicName: options.topicName,
  }));
  return ok({ topicID: TopicId });
}

/** `topicIDList` absent: every topic. Resolves `{ successTopicList: [{ topicID }], failureTopicList: [{ topicID, code, message }] }`. */
export async function deleteTopicFromCommunity(ctx: ChatContext, options: { groupID: string; topicIDList?: string[] }) {
  need(options?.groupID, 'deleteTopicFromCommunity');
  const ids = topicIDs(options.topicIDList);
  const reply = await call(() => ctx.im().destroyTopics({ GroupId: options.groupID, ...(ids && { TopicIdList: ids }) }));
  const items = reply.DestroyResultItem ?? [];
  return ok({
    successTopicList: items.filter((i) => i.ErrorCode === 0).map((i) => ({ topicID: i.TopicId })),
    failureTopicList: items.filter((i) => i.ErrorCode !== 0).map((i) => ({ topicID: i.TopicId, code: i.ErrorCode, message: i.ErrorInfo })),
  });
}

async function readTopics(ctx: ChatContext, groupID: string, ids?: string[]) {
  const reply = await call(() => ctx.im().getTopicList({ GroupId: groupID, ...(ids && { TopicIdList: ids }) }));
  const items = reply.TopicAndSelfInfo ?? [];
  return {
    successTopicList: items.filter((i) => i.ErrorCode === 0 && i.TopicInfo).map(toTopic),
    failureTopicList: items.filter((i) => i.ErrorCode !== 0 || !i.TopicInfo).map((i) => ({ topicID: i.TopicId ?? '', code: i.ErrorCode, message: i.ErrorInfo })),
  };
}

/** `topicIDList` absent: every topic of the Community. */
export async function getTopicList(ctx: ChatContext, options: { groupID: string; topicIDList?: string[] }) {
  need(options?.groupID, 'getTopicList');
  return ok(await readTopics(ctx, options.groupID, topicIDs(options.topicIDList)));
}

async function readTopic(ctx: ChatContext, groupID: string, topicID: string): Promise<Topic> {
  const { successTopicList, failureTopicList } = await readTopics(ctx, groupID, [topicID]);
  const topic = successTopicList[0];
  if (!topic) throw new ChatError(failureTopicList[0]?.code ?? 10010, failureTopicList[0]?.message ?? `no topic ${topicID}`);
  return topic;
}

/** Resolves `{ topic }` as read after the change. */
export async function updateTopicProfile(ctx: ChatContext, options: TopicProfileOptions & { topicID: string; muteAllMembers?: boolean }) {
  need(options?.groupID, 'updateTopicProfile', { topicID: options?.topicID });
  const input: TopicModifyInput = {
    GroupId: options.groupID, TopicId: options.topicID, ...profileFields(options),
    ...(options.muteAllMembers !== undefined && { MuteAllMember: options.muteAllMembers ? 'On' : 'Off' }),
  };
  if (Object.keys(input).length === 2) throw new ChatError(CODE.INVALID_PARAMETERS, 'updateTopicProfile needs a field to change');
  await call(() => ctx.im().modifyTopic(input));
  return ok({ topic: await readTopic(ctx, options.groupID, options.topicID) });
}

/** The server's topic tips (pushed to the Community's online members) as TOPIC_CREATED, TOPIC_DELETED and TOPIC_UPDATED. */
export async function onTopicTip(ctx: ChatContext, tip: ServerEvents['group.tip'], ready: () => boolean): Promise<void> {
  const groupID = tip.GroupId;
  if (tip.TipType === 'TopicCreated') {
    if (ready()) ctx.emit(EVENT.TOPIC_CREATED, { groupID, topicID: String(tip.TopicId) });
  } else if (tip.TipType === 'TopicDeleted') {
    if (ready()) ctx.emit(EVENT.TOPIC_DELETED, { groupID, topicIDList: (tip.TopicIdList as string[] | undefined) ?? [] });
  } else if (tip.TipType === 'TopicInfoChanged') {
    const topic = await readTopic(ctx, groupID, String(tip.TopicId)).catch(() => undefined);
    if (topic && ready()) ctx.emit(EVENT.TOPIC_UPDATED, { groupID, topic });
  }
}
