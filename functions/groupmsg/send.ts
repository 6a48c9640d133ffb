import type { AppConfig } from '../shared/config.js';
import { ImError, isImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { validateMsgBody, MsgCode, type MsgElement } from '../c2c/message-body.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { memberWantsPush, queueOfflinePushes } from '../push/offline-push.js';
import { buildNotification, type OfflinePushInfo } from '../push/notification.js';
import type { GroupRecord } from '../groups/group-store.js';
import { GroupMsgCode, PRIORITY_NUMBER, type MsgPriority } from './groupmsg-codes.js';
import type { GroupMessage, OnlineConnection, PushMember, SenderStanding } from './groupmsg-store.js';
import { groupConversationId } from './group-conversation-reads-dynamo.js';
import { groupMessageView } from './message-view.js';
import { postToConnections, type FanOutReport } from './fan-out.js';
import { enqueueFanOut, enqueuePushPages } from './fan-out-queue.js';
import { pushRecipientsOf } from './push-lookup.js';
import { requireSendPermission } from '../topics/permissions.js';
import { containerFields } from '../topics/topic-ids.js';

export type GroupMsgServices = Pick<ServiceCatalog,
  'clock' | 'groups' | 'groupMessages' | 'c2c' | 'connections' | 'gateway' | 'webhooks' | 'pushQueue' | 'accounts' | 'groupFanOut' | 'permissionGroups' | 'topics'>;

export const BEFORE_SEND = 'Group.CallbackBeforeSendMsg';
export const AFTER_SEND = 'Group.CallbackAfterSendMsg';
const STALE_CLAIM_MS = 30_000;
/** A member's LastSendMsgTime is rewritten only when at least this old (seconds). */
const LAST_SEND_GRANULARITY_S = 60;
const FOREVER_UNTIL = Number.MAX_SAFE_INTEGER;

export interface GroupAt {
  GroupAtAllFlag?: number;
  GroupAt_Account?: string;
}

export interface GroupSendRequest {
  groupId: string;
  /** The sender shown to members: a user, or the calling admin. */
  from: string;
  /** `user`: a member over the WebSocket (membership, mute, priority shares apply); `admin`: REST (none of them). */
  by: 'user' | 'admin';
  /** The REST caller, for `Operator_Account` in callbacks. */
  operator: string;
  body: unknown;
  random: number;
  priority: MsgPriority;
  cloudCustomData?: string;
  /** `NeedReadReceipt: 1` and `SupportMessageExtension: 1`. */
  needReceipt?: boolean;
  extensible?: boolean;
  onlineOnly: boolean;
  noUnread: boolean;
  noLastMsg: boolean;
  beforeCallback: boolean;
  afterCallback: boolean;
  atInfo?: readonly GroupAt[];
  offlinePushInfo?: OfflinePushInfo;
  /** A targeted message (`To_Account`, ≤ 50): only these members and the sender receive and see it. */
  toAccounts?: readonly string[];
  exceptConnectionId?: string;
  meta: CallbackMeta;
}

export interface GroupSendReply {
  MsgSeq: number;
  MsgTime: number;
  MsgDropReason?: 'MsgFreqCtrl';
}

/** The C2C element rules and 12 KB limit, with the group codes: 80002 for size, 10004 for format, 80001 dirty words. */
export function validateGroupBody(body: unknown, dirtyWords: readonly string[]): MsgElement[] {
  try {
    return validateMsgBody(body, dirtyWords);
  } catch (e) {
    if (!isImError(e)) throw e;
    if (e.code === MsgCode.TooLong) throw new ImError(GroupMsgCode.TooLong, e.info);
    if (e.code === MsgCode.DirtyWords) throw e;
    throw new ImError(GroupMsgCode.InvalidParam, e.info);
  }
}

export async function loadGroupOr10010(services: Pick<ServiceCatalog, 'groups'>, groupId: string): Promise<GroupRecord> {
  const group = await services.groups.getGroup(groupId);
  if (!group) throw new ImError(GroupMsgCode.NotFound, `group ${groupId} does not exist or was dissolved`);
  return group;
}

/** Targeted messages (Tencent: not in AVChatRoom or Community, not combined with @-mentions). */
function checkTargeted(group: GroupRecord, req: GroupSendRequest): void {
  if (!req.toAccounts?.length) return;
  if (group.type === 'AVChatRoom' || group.type === 'Community') {
    throw new ImError(GroupMsgCode.NoPermission, `targeted messages (To_Account) are not available in ${group.type} groups`);
  }
  if (req.atInfo?.length) throw new ImError(GroupMsgCode.InvalidParam, 'a targeted message (To_Account) cannot carry GroupAtInfo');
  // Receipts count every member who could read the message: a targeted message is read by a few of them only.
  if (req.needReceipt) throw new ImError(GroupMsgCode.InvalidParam, 'a targeted message (To_Account) cannot ask for read receipts (NeedReadReceipt)');
}

/** 10017 when the sender may not speak: member mute (either kind), global group mute, mute-all for ordinary members. */
function checkMuted(group: GroupRecord, standing: SenderStanding, globalUntil: number, nowS: number): void {
  const m = standing.member!;
  const until = Math.max(m.muteUntil, standing.mutedUntil);
  if (until > nowS) throw new ImError(GroupMsgCode.Muted, `you are muted in group ${group.groupId} until ${until >= 4294967295 ? 'further notice' : until}`);
  if (globalUntil > nowS) throw new ImError(GroupMsgCode.Muted, 'you are muted in all groups (setnospeaking)');
  if (group.muteAllMember && m.role === 'Member' && !standing.whitelisted) throw new ImError(GroupMsgCode.Muted, `everyone but the owner and admins is muted in group ${group.groupId}`);
}

/** Admitted messages in the current second before one of this priority is dropped (seed 003: lower priorities first). */
export function thresholdFor(config: AppConfig, priority: MsgPriority, exempt: boolean): number {
  const { perSecond, priorityShares } = config.groupMessages;
  if (exempt || priority === 'High') return perSecond;
  return Math.max(1, Math.floor(perSecond * priorityShares[priority]));
}

function applyReplacement(reply: Readonly<Record<string, unknown>> | undefined, body: MsgElement[], cloud: string | undefined, config: AppConfig) {
  if (!reply) return { body, cloud };
  let next = body;
  if (reply.MsgBody !== undefined) {
    try {
      next = validateGroupBody(reply.MsgBody, config.dirtyWords);
    } catch (error) {
      logger.warn('before-callback MsgBody ignored', { error });
    }
  }
  return { body: next, cloud: typeof reply.CloudCustomData === 'string' ? reply.CloudCustomData : cloud };
}

const atOf = (atInfo: readonly GroupAt[] | undefined) => ({
  atAll: (atInfo ?? []).some((a) => a.GroupAtAllFlag === 1),
  atAccounts: [...new Set((atInfo ?? []).filter((a) => a.GroupAtAllFlag !== 1 && a.GroupAt_Account).map((a) => a.GroupAt_Account!))],
});

/**
 * Sends one group message: validation, permissions and mute, the before-callback, de-duplication, frequency
 * control and SEQ (one UpdateItem), storage, delivery through the online index, offline push and the
 * after-callback. Costs: docs/data-model.md (Group messages).
 */
export async function sendGroupMessage(services: GroupMsgServices, config: AppConfig, req: GroupSendRequest): Promise<GroupSendReply> {
  let body = validateGroupBody(req.body, config.dirtyWords);
  let cloud = req.cloudCustomData;
  const now = services.clock();
  let time = Math.floor(now / 1000);

  const group = await loadGroupOr10010(services, req.groupId);
  checkTargeted(group, req);
  const avChatRoom = group.type === 'AVChatRoom';
  const targets = req.toAccounts?.length ? [...new Set(req.toAccounts)] : undefined;
  const [standing, sender] = await Promise.all([
    services.groupMessages.standing(req.groupId, req.from, group.muteAllMember),
    services.c2c.senderFacts(req.from),
  ]);
  if (req.by === 'user') {
    if (!standing.member) throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${req.groupId}`);
    checkMuted(group, standing, sender.mute.groupUntil, time);
    await requireSendPermission(services, group, standing.member.role, req.from, atOf(req.atInfo).atAll);
  }
  const exempt = req.by === 'admin' || standing.member?.role === 'Owner' || standing.member?.role === 'Admin';
  const stores = !avChatRoom && !req.onlineOnly;

  if (req.beforeCallback) {
    const result = await services.webhooks.before(BEFORE_SEND, {
      ...containerFields(req.groupId), Type: group.type, From_Account: req.from, Operator_Account: req.by === 'admin' ? req.operator : req.from,
      Random: req.random, OnlineOnlyFlag: req.onlineOnly && !avChatRoom ? 1 : 0, MsgBody: body,
      ...(cloud !== undefined && { CloudCustomData: cloud }), EventTime: now,
    }, req.meta);
    const verdict = beforeVerdict(result, GROUP_CUSTOM_CODES);
    if (verdict.action === 'refuse') {
      if (verdict.custom) throw new ImError(verdict.custom.code, verdict.custom.info);
      throw new ImError(GroupMsgCode.RefusedByCallback, 'the app backend refused this message (Group.CallbackBeforeSendMsg)');
    }
    if (verdict.action === 'drop') return { MsgSeq: 0, MsgTime: time };
    ({ body, cloud } = applyReplacement(verdict.action === 'allow' ? verdict.replaced : undefined, body, cloud, config));
  }

  // Same Random from the same sender within 5 minutes: the first send's reply (C2C's claim items, in the group's partition).
  const conversationId = groupConversationId(req.groupId);
  if (stores) {
    const claim = await services.c2c.claimSend(conversationId, req.from, req.random, now);
    if (!claim.claimed) {
      const first = await services.c2c.findSent(conversationId, req.from, req.random, Math.floor(claim.claimedAt / 1000) - 1, now);
      if (first) return { MsgSeq: first.seq, MsgTime: first.time };
      if (now - claim.claimedAt < STALE_CLAIM_MS || !(await services.c2c.retakeClaim(conversationId, req.from, req.random, claim.claimedAt, now))) {
        throw new ImError(GroupMsgCode.Internal, `a send with Random ${req.random} is still in progress; retry with the same Random`);
      }
    }
  }

  // Targeted messages count as no one's unread and never become the conversation's last message (Tencent's defaults).
  const admitted = await services.groupMessages.admit({
    groupId: req.groupId, time, threshold: thresholdFor(config, req.priority, exempt), takeSeq: stores,
    moveLast: !req.noLastMsg && !targets, noUnread: req.noUnread || targets !== undefined,
  });
  if (admitted.outcome === 'gone') throw new ImError(GroupMsgCode.NotFound, `group ${req.groupId} was dissolved`);
  if (admitted.outcome === 'dropped') {
    if (stores) await services.groupMessages.releaseClaim(req.groupId, req.from, req.random);
    return { MsgSeq: 0, MsgTime: admitted.time, MsgDropReason: 'MsgFreqCtrl' };
  }
  time = admitted.time;

  const message: GroupMessage = {
    groupId: req.groupId, seq: admitted.seq, from: req.from, random: req.random, time, body,
    ...(cloud !== undefined && { cloudCustomData: cloud }),
    ...(sender.nick !== undefined && { nick: sender.nick }),
    ...(sender.faceUrl !== undefined && { faceUrl: sender.faceUrl }),
    ...(standing.member?.nameCard && { nameCard: standing.member.nameCard }),
    priority: PRIORITY_NUMBER[req.priority], ...atOf(req.atInfo), ...(targets && { targets }),
    // Read receipts' UnreadNum counts from the members at send time who are not the sender (docs/data-model.md).
    ...(req.needReceipt && { needReceipt: true, receiptBase: Math.max(0, group.memberNum - (standing.member ? 1 : 0)) }),
    ...(req.extensible && { extensible: true }), recalled: false, deleted: false,
    expiresAt: time + config.retentionDays * 86400,
  };
  // LastSendMsgTime (get_group_member_info): at most one write a minute per member, from the standing already read.
  const touch = !avChatRoom && standing.member && time - standing.member.lastSendMsgTime >= LAST_SEND_GRANULARITY_S
    ? services.groupMessages.touchLastSend(req.groupId, req.from, time).catch((error: unknown) => logger.warn('LastSendMsgTime not updated', { error, groupId: req.groupId }))
    : undefined;
  if (stores) await services.groupMessages.putMessage(message);

  const report = await deliver(services, config, group, message, req);
  if (stores) await queueGroupOfflinePush(services, config, group, message, report, req);
  if (req.afterCallback) {
    await services.webhooks.after(AFTER_SEND, {
      ...containerFields(req.groupId), Type: group.type, From_Account: req.from, Operator_Account: req.by === 'admin' ? req.operator : req.from,
      Random: req.random, MsgSeq: message.seq, MsgTime: time, OnlineOnlyFlag: req.onlineOnly && !avChatRoom ? 1 : 0, MsgBody: body,
      ...(cloud !== undefined && { CloudCustomData: cloud }), EventTime: services.clock(),
    }, req.meta);
  }
  await touch;
  return { MsgSeq: message.seq, MsgTime: time };
}

/** An AVChatRoom's online index, read at most once a second per room and container (joiners may miss up to 1 s). */
const ROOM_INDEX_TTL_MS = 1000;
const roomIndexes = new WeakMap<object, Map<string, { at: number; list: Promise<OnlineConnection[]> }>>();
function roomAudience(services: GroupMsgServices, groupId: string): Promise<OnlineConnection[]> {
  let cache = roomIndexes.get(services.groupMessages);
  if (!cache) roomIndexes.set(services.groupMessages, cache = new Map());
  const now = services.clock();
  const hit = cache.get(groupId);
  if (hit && now - hit.at < ROOM_INDEX_TTL_MS) return hit.list;
  const list = services.groupMessages.online(groupId);
  cache.set(groupId, { at: now, list });
  list.catch(() => cache!.delete(groupId));
  if (cache.size > 1000) for (const [k, v] of cache) if (now - v.at >= ROOM_INDEX_TTL_MS) cache.delete(k);
  return list;
}

/**
 * `group.message` to the group's online connections (one Query of the online index; a targeted message only to its
 * members and the sender's other devices). AVChatRoom messages and groups with more online connections than
 * `asyncFanoutAbove` go through the fan-out queue (the reply does not wait for them); undefined then.
 */
async function deliver(services: GroupMsgServices, config: AppConfig, group: GroupRecord, message: GroupMessage, req: GroupSendRequest): Promise<FanOutReport | undefined> {
  const frameData = groupMessageView(message, { onlineOnly: req.onlineOnly && group.type !== 'AVChatRoom' });
  const only = message.targets ? new Set([...message.targets, message.from]) : undefined;
  try {
    const targets = group.type === 'AVChatRoom' ? await roomAudience(services, group.groupId) : await services.groupMessages.online(group.groupId);
    const eligible = targets.filter((c) => c.connectionId !== req.exceptConnectionId && c.msgFlag !== 'Discard' && (!only || only.has(c.userId)));
    if (group.type === 'AVChatRoom' || eligible.length > config.groupMessages.asyncFanoutAbove) {
      await enqueueFanOut(services, { groupId: group.groupId, groupType: group.type, data: frameData, connections: eligible });
      return undefined;
    }
    return await postToConnections(services, group.groupId, eligible, eventFrame('group.message', frameData), config.groupMessages.fanoutBatch);
  } catch (error) {
    logger.error('group message delivery failed', { error, groupId: group.groupId, seq: message.seq });
    return undefined;
  }
}

/**
 * Offline push for members who were not reached, by their MsgFlag (AcceptNotNotify and Discard never,
 * AcceptNotNotifyExceptAt only when @-mentioned); the job carries the group name and the sender's NameCard/Nick.
 * A targeted message looks its (≤ 50) members up here; so does a group up to `offlinePushMaxMembers` delivered in
 * this call (member Query, presence Query per member not reached and not known to have no push device:
 * push-lookup.ts). Larger groups, and deliveries handed to the fan-out queue, hand the whole look-up to the
 * fan-out worker in pages (push-pages.ts): no member read here.
 */
async function queueGroupOfflinePush(
  services: GroupMsgServices, config: AppConfig, group: GroupRecord, message: GroupMessage, report: FanOutReport | undefined, req: GroupSendRequest,
): Promise<void> {
  const sender = { userId: message.from, ...(message.nick !== undefined && { nick: message.nick }), ...(message.nameCard && { nameCard: message.nameCard }) };
  const source = {
    msgBody: message.body, sender, groupName: group.name, message: { msgSeq: message.seq, msgTime: message.time },
    ...(req.offlinePushInfo && { offlinePushInfo: req.offlinePushInfo }),
  };
  // Nothing to show (PushFlag 1, a custom element without Desc): no member is looked up at all.
  if (!buildNotification({ ...source, unread: 0 })) return;
  const mentioned = (userId: string) => message.atAll === true || (message.atAccounts ?? []).includes(userId);
  try {
    let members: PushMember[];
    if (message.targets) {
      members = [...(await services.groups.getMembers(group.groupId, message.targets)).values()];
    } else if (report && group.memberNum <= config.groupMessages.offlinePushMaxMembers) {
      members = await services.groups.listMembers(group.groupId);
    } else {
      await enqueuePushPages(services, config, {
        kind: 'PushPage', groupId: group.groupId, ...source, atAll: message.atAll === true, atAccounts: message.atAccounts ?? [], enqueuedAt: services.clock(),
      });
      return;
    }
    const offline = members.filter((m) => m.userId !== message.from && !report?.reached.has(m.userId) && memberWantsPush(m.msgFlag, mentioned(m.userId)));
    // Not reached by this call (a delivery handed to the queue): online users are not pushed.
    const recipients = await pushRecipientsOf(services, group.groupId, offline, report ? undefined : config.heartbeatTimeoutSeconds * 1000);
    await queueOfflinePushes(services, { kind: 'Group', ...source, groupId: group.groupId, onlineOnly: req.onlineOnly, recipients });
  } catch (error) {
    logger.error('group offline push failed', { error, groupId: group.groupId });
  }
}

export { FOREVER_UNTIL };
