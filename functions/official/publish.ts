import { createHash, randomInt } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { OfflinePushInfo } from '../push/notification.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import { validateGroupBody } from '../groupmsg/send.js';
import { enqueueFanOut, enqueuePushPages } from '../groupmsg/fan-out-queue.js';
import type { GroupMessage } from '../groupmsg/groupmsg-store.js';
import type { MsgElement } from '../c2c/message-body.js';
import { OFFICIAL_LIMITS as L, OfficialCode as C, officialMsgKey } from './official-codes.js';
import { OfficialCallback as CB, OfficialEvent } from './official-callbacks.js';
import { loadAccount, requireManager, type OfficialContext } from './official-context.js';
import type { OfficialAccount } from './official-store.js';

export interface PublishRequest {
  accountId: string;
  body: unknown;
  random?: number;
  cloudCustomData?: string;
  onlineOnly: boolean;
  offlinePushInfo?: OfflinePushInfo;
  beforeCallback: boolean;
  afterCallback: boolean;
}

/** `official.message` event data (docs/websocket.md): Tencent's history field names plus the account and MsgKey. */
export function broadcastView(account: Pick<OfficialAccount, 'id' | 'name' | 'faceUrl'>, m: GroupMessage, onlineOnly = false): Record<string, unknown> {
  return {
    Official_Account: account.id, From_Account: account.id, MsgKey: officialMsgKey(m.seq, m.time), MsgSeq: m.seq, MsgRandom: m.random,
    MsgTimeStamp: m.time, MsgBody: m.body, ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
    Nick: account.name, ...(account.faceUrl && { FaceUrl: account.faceUrl }), ...(onlineOnly && { OnlineOnlyFlag: 1 }),
  };
}

const bodyHash = (body: readonly MsgElement[], cloud: string | undefined) => createHash('sha256').update(JSON.stringify([body, cloud ?? null])).digest('base64url').slice(0, 22);

/**
 * send_official_account_msg and official.send: stored once under the account with its own sequence (the groups'
 * message item, partition `C#group:<id>`), delivered to online subscribers through the online index and the group
 * fan-out (combined per connection), offline pushes paged through the subscribers by the fan-out worker (never on
 * this path). Send path: account GetItem, sequence UpdateItem, message PutItem, online-index Query.
 */
export async function publish(ctx: OfficialContext, req: PublishRequest): Promise<{ MsgTime: number; MsgKey: string }> {
  const { services, config } = ctx;
  let body = validateGroupBody(req.body, config.dirtyWords);
  let cloud = req.cloudCustomData;
  const account = await loadAccount(ctx, req.accountId, true);
  requireManager(ctx, account);
  const now = services.clock();
  const time = Math.floor(now / 1000);
  const random = req.random ?? randomInt(0, 2 ** 31);

  // "如果5分钟内两条消息的内容相同，后面的消息将被当做重复消息而丢弃": the first one's key, nothing sent.
  const hash = bodyHash(body, cloud);
  if (account.lastBodyHash === hash && account.lastSeq > 0 && time - account.lastMsgTime < L.duplicateWindowSeconds) {
    return { MsgTime: account.lastMsgTime, MsgKey: officialMsgKey(account.lastSeq, account.lastMsgTime) };
  }
  if (req.beforeCallback) {
    const verdict = beforeVerdict(await services.webhooks.before(CB.BeforeSendMsg, {
      Official_Account: account.id, OnlineOnlyFlag: req.onlineOnly ? 1 : 0, MsgBody: body, ...(cloud !== undefined && { CloudCustomData: cloud }), EventTime: now,
    }, ctx.callback(CB.BeforeSendMsg)), GROUP_CUSTOM_CODES);
    if (verdict.action === 'refuse') {
      if (verdict.custom) throw new ImError(verdict.custom.code, verdict.custom.info);
      throw new ImError(C.RefusedByCallback, 'the app backend refused this message (OfficialAccount.CallbackBeforeSendMsg)');
    }
    if (verdict.action === 'drop') return { MsgTime: time, MsgKey: officialMsgKey(0, time) };
    const replaced = verdict.replaced;
    if (replaced?.MsgBody !== undefined) {
      try { body = validateGroupBody(replaced.MsgBody, config.dirtyWords); } catch (error) { logger.warn('before-callback MsgBody ignored', { error }); }
    }
    if (typeof replaced?.CloudCustomData === 'string') cloud = replaced.CloudCustomData;
  }

  // Online-only broadcasts take no sequence and are not stored (nothing to page, nothing unread).
  let seq = 0;
  if (!req.onlineOnly) {
    const taken = await services.officialAccounts.takeSeq(account.id, { time, perHour: config.officialAccounts.broadcastsPerHour, bodyHash: hash });
    if (taken.outcome === 'gone') throw new ImError(C.NotFound, `official account ${account.id} was destroyed`);
    if (taken.outcome === 'tooFrequent') throw new ImError(C.TooFrequent, `official account ${account.id} may broadcast at most ${L.sendsPerSecond} message a second`);
    if (taken.outcome === 'hourlyLimit') throw new ImError(C.TooFrequent, `official account ${account.id} may broadcast at most ${config.officialAccounts.broadcastsPerHour} messages an hour`);
    seq = taken.seq;
  }
  const message: GroupMessage = {
    groupId: account.id, seq, from: account.id, random, time, body, ...(cloud !== undefined && { cloudCustomData: cloud }),
    nick: account.name, priority: 2, recalled: false, deleted: false, expiresAt: time + config.retentionDays * 86400,
  };
  if (!req.onlineOnly) await services.groupMessages.putMessage(message);

  await deliverBroadcast(ctx, account, message, req.onlineOnly);
  if (!req.onlineOnly) await queueBroadcastPushes(ctx, account, message, req.offlinePushInfo);
  const msgKey = officialMsgKey(seq, time);
  if (req.afterCallback) {
    await services.webhooks.after(CB.AfterSendMsg, {
      Official_Account: account.id, MsgKey: msgKey, MsgTime: time, OnlineOnlyFlag: req.onlineOnly ? 1 : 0, MsgBody: body,
      ...(cloud !== undefined && { CloudCustomData: cloud }), EventTime: services.clock(),
    }, ctx.callback(CB.AfterSendMsg));
  }
  return { MsgTime: time, MsgKey: msgKey };
}

/** Online subscribers (one Query of the online index, Discard skipped) through the group fan-out; the reply does not wait. */
async function deliverBroadcast(ctx: OfficialContext, account: OfficialAccount, message: GroupMessage, onlineOnly: boolean): Promise<void> {
  try {
    const online = (await ctx.services.groupMessages.online(account.id)).filter((c) => c.msgFlag !== 'Discard');
    if (online.length === 0) return;
    await enqueueFanOut(ctx.services, { groupId: account.id, groupType: 'Official', event: OfficialEvent.Message, data: broadcastView(account, message, onlineOnly), connections: online });
  } catch (error) {
    logger.error('official broadcast delivery failed', { error, accountId: account.id, seq: message.seq });
  }
}

/**
 * Offline pushes: the group push pages (functions/groupmsg/push-pages.ts) walk the subscriber items in pages, off the
 * send path; only AcceptAndNotify subscribers with no live connection and a push device are pushed.
 */
async function queueBroadcastPushes(ctx: OfficialContext, account: OfficialAccount, message: GroupMessage, offlinePushInfo: OfflinePushInfo | undefined): Promise<void> {
  try {
    await enqueuePushPages(ctx.services, ctx.config, {
      kind: 'PushPage', groupId: account.id, groupName: account.name, msgBody: message.body, sender: { userId: account.id, nick: account.name },
      ...(offlinePushInfo && { offlinePushInfo }), message: { msgSeq: message.seq, msgTime: message.time }, atAll: false, atAccounts: [], enqueuedAt: ctx.services.clock(),
    });
  } catch (error) {
    logger.error('official offline push failed', { error, accountId: account.id });
  }
}
