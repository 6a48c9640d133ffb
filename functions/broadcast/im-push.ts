import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { validateMsgBody } from '../c2c/message-body.js';
import type { OfflinePushInfo } from '../push/notification.js';
import type { BroadcastTask, PushCondition } from './broadcast-store.js';
import { hasCondition, matchesCondition } from './push-condition.js';
import { INVALID, PushLimits } from './push-attrs.js';

/** `im_push`: 100 calls a day, more than 1 s apart (spec §1.5, §3.9). */
export const IM_PUSH_PER_DAY = 100;
export const IM_PUSH_GAP_MS = 1000;
/** Codes for the two limits (spec §1.5 lists 60007 for the REST frequency and 60018 for "too frequent"). */
export const DAILY_LIMIT_CODE = 60007;
export const TOO_SOON_CODE = 60018;

export type BroadcastServices = Pick<ServiceCatalog, 'broadcast' | 'accounts' | 'pushQueue' | 'clock' | 'c2c'>;

export interface ImPushRequest {
  from: string;
  adminId: string;
  body: unknown;
  random: number;
  lifeTime: number;
  offlinePushInfo?: OfflinePushInfo;
  condition?: PushCondition;
}

/** Tencent-style task id: send time and random bytes in hex. */
const newTaskId = (now: number) => `${Math.floor(now / 1000).toString(16)}_${randomBytes(4).toString('hex')}_${randomBytes(4).toString('hex')}`;

async function checkCondition(services: BroadcastServices, condition: PushCondition | undefined): Promise<void> {
  if (!hasCondition(condition)) return;
  const c = condition!;
  const tags = c.TagsOr !== undefined || c.TagsAnd !== undefined;
  const attrs = c.AttrsOr !== undefined || c.AttrsAnd !== undefined;
  if (tags && attrs) throw new ImError(INVALID, 'Condition: tags (TagsOr, TagsAnd) and attributes (AttrsOr, AttrsAnd) cannot be combined');
  for (const key of ['TagsOr', 'TagsAnd'] as const) {
    const list = c[key];
    if (list && (list.length === 0 || list.length > PushLimits.conditionTags)) throw new ImError(INVALID, `Condition.${key} must list 1 to ${PushLimits.conditionTags} tags`);
  }
  if (attrs) {
    const defined = new Set(Object.values(await services.broadcast.getAttrNames()));
    const named = [...Object.keys(c.AttrsOr ?? {}), ...Object.keys(c.AttrsAnd ?? {})];
    if (named.length === 0) throw new ImError(INVALID, 'Condition.AttrsOr / AttrsAnd must name at least one attribute');
    const unknown = named.find((n) => !defined.has(n));
    if (unknown !== undefined) throw new ImError(INVALID, `Condition names attribute "${unknown}", which im_set_attr_name has not defined`);
  }
}

/**
 * `im_push`: validates everything first (nothing changes on bad input), takes
 * one of the day's calls, stores the broadcast for its MsgLifeTime (offline
 * users read it on their next sync), and queues the fan-out's first page for
 * the push worker. Answers the TaskId at once; delivery is asynchronous.
 */
export async function imPush(services: BroadcastServices, config: AppConfig, req: ImPushRequest): Promise<{ TaskId: string }> {
  const body = validateMsgBody(req.body, config.dirtyWords);
  await checkCondition(services, req.condition);
  if (req.from !== req.adminId) {
    const found = await services.accounts.getMany([req.from]);
    if (!found.has(req.from)) throw new ImError(90008, `From_Account "${req.from}" is not imported`);
  }
  const now = services.clock();
  const slot = await services.broadcast.claimPushSlot(now, IM_PUSH_PER_DAY, IM_PUSH_GAP_MS);
  if (slot === 'daily-limit') throw new ImError(DAILY_LIMIT_CODE, `im_push is limited to ${IM_PUSH_PER_DAY} calls a day; try again tomorrow (UTC)`);
  if (slot === 'too-soon') throw new ImError(TOO_SOON_CODE, 'im_push calls must be more than 1 second apart; retry later');
  const { nick } = await services.c2c.senderFacts(req.from);
  const task: BroadcastTask = {
    taskId: newTaskId(now), from: req.from, body, random: req.random, sentAt: now, lifeTime: req.lifeTime,
    ...(nick !== undefined && { nick }),
    ...(req.offlinePushInfo && { offlinePushInfo: req.offlinePushInfo }),
    ...(hasCondition(req.condition) && { condition: req.condition }),
  };
  if (task.lifeTime > 0) await services.broadcast.putTask(task);
  try {
    await services.pushQueue.enqueue([{ kind: 'BroadcastPage', task: task as unknown as Record<string, unknown>, enqueuedAt: now }]);
  } catch (error) {
    // Stored broadcasts still reach users on their next sync.
    logger.error('broadcast fan-out not queued', { error, taskId: task.taskId });
  }
  return { TaskId: task.taskId };
}

/** The frame online users receive and what sync answers, per broadcast. */
export const broadcastView = (task: BroadcastTask): Record<string, unknown> => ({
  TaskId: task.taskId, From_Account: task.from, MsgRandom: task.random, MsgTime: Math.floor(task.sentAt / 1000), MsgBody: task.body,
  ...(task.nick !== undefined && { Nick: task.nick }),
});

/**
 * `broadcast.sync`: the broadcasts sent after `Cursor` (ms; 0 for all) that are
 * still within their lifetime and target this user. One Query on the
 * broadcasts partition (at most 100 a day) and, with conditions, one GetItem.
 */
export async function syncBroadcasts(services: Pick<ServiceCatalog, 'broadcast' | 'clock'>, userId: string, cursor: number) {
  const now = services.clock();
  const tasks = await services.broadcast.tasksSince(cursor, now);
  const data = tasks.some((t) => hasCondition(t.condition)) ? (await services.broadcast.getUserPushData([userId])).get(userId) : undefined;
  const mine = tasks.filter((t) => matchesCondition(t.condition, data));
  return { Messages: mine.map(broadcastView), Cursor: tasks.length > 0 ? tasks[tasks.length - 1]!.sentAt : cursor };
}
