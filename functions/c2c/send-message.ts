import type { AppConfig } from '../shared/config.js';
import { ensureListed } from './holes.js';
import { ImError, isImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { deliverToConnections } from '../connections/deliver.js';
import { eventFrame } from '../shared/ws/frames.js';
import { beforeVerdict, C2C_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { c2cConversationId, msgKeyOf, sideOf } from './c2c-keys.js';
import { unreadOf, type ConversationState, type StoredMessage } from './c2c-store.js';
import { C2cCode } from './c2c-codes.js';
import { checkDirtyWords, validateMsgBody, type MsgElement } from './message-body.js';
import { messageView } from './c2c-events.js';
import { queueOfflinePushes } from '../push/offline-push.js';
import type { OfflinePushInfo } from '../push/notification.js';
import { deliverToRecipient, readDeliveryPresence, type DeliveryPresence } from './delivery-presence.js';
import { proveHttpSession } from '../connections/http-session.js';
import type { Platform } from '../shared/config.js';

export type C2cServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'relationships' | 'accounts' | 'connections' | 'gateway' | 'webhooks' | 'pushQueue'>;

export const BEFORE_SEND = 'C2C.CallbackBeforeSendMsg';
export const AFTER_SEND = 'C2C.CallbackAfterSendMsg';
/** A repeated MsgRandom is a retry only this long after the first send (and among the conversation's latest sends: docs/data-model.md). */
const DEDUPE_SECONDS = 300;
/** A `since` no slot's time reaches: the key is never taken for a repeat. */
const NEVER_A_REPEAT = Number.MAX_SAFE_INTEGER;

export interface SendRequest {
  from: string;
  to: string;
  body: unknown;
  random: number;
  cloudCustomData?: string;
  needReceipt: boolean;
  /** `SupportMessageExtension: 1`. */
  extensible?: boolean;
  /** `user`: a WebSocket client (friend, blocklist and mute checks); `admin`: the REST API (no checks). */
  by: 'user' | 'admin';
  /** Sender's devices that also get the event: `others` (all but `exceptConnectionId`), `all`, or `none`. */
  syncToSender: 'others' | 'all' | 'none';
  exceptConnectionId?: string;
  /**
   * The sending device of a call over HTTPS (`WsCaller.overHttp`): proven by its live connection before anything
   * happens, and that connection is the one `others` leaves out.
   */
  senderSession?: { platform: Platform; instance: string };
  /** Delivered to online connections only; nothing stored, no MsgSeq. */
  onlineOnly: boolean;
  noUnread: boolean;
  noLastMsg: boolean;
  /** Whether to fire the before/after callbacks (false for batchsendmsg and ForbidCallbackControl). */
  beforeCallback: boolean;
  afterCallback: boolean;
  meta: CallbackMeta;
  /** The calling admin; it may send as itself without being imported. */
  adminId?: string;
  /** Accounts already known to exist (batch sends check them once). */
  accountsChecked?: boolean;
  /** Overrides of the offline push (spec §8); `PushFlag` 1 means no push. */
  offlinePushInfo?: OfflinePushInfo;
  /** MsgTime (unix s) chosen by the caller: a batch's one time, so that (MsgRandom, MsgTime) names its message for every recipient. */
  time?: number;
}

export interface SendReply {
  MsgSeq: number;
  MsgTime: number;
  MsgKey: string;
}

const replyOf = (seq: number, random: number, time: number): SendReply => ({ MsgSeq: seq, MsgTime: time, MsgKey: msgKeyOf(seq, random, time) });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Refusals of a user's send by the friend check (rest-api.md §5.6). */
function friendRefusal(senderHasRecipient: boolean, recipientHasSender: boolean): ImError | undefined {
  if (!senderHasRecipient && !recipientHasSender) return new ImError(C2cCode.NotFriends, 'you are not friends; this app only delivers messages between friends');
  if (!recipientHasSender) return new ImError(C2cCode.NotPeersFriend, 'you are not in the peer\'s friend list');
  if (!senderHasRecipient) return new ImError(C2cCode.PeerNotMyFriend, 'the peer is not in your friend list');
  return undefined;
}

/** Applies a before-callback reply with ErrorCode 0 that replaces MsgBody and/or CloudCustomData. */
function applyReplacement(reply: Readonly<Record<string, unknown>> | undefined, body: MsgElement[], cloud: string | undefined, config: AppConfig) {
  if (!reply) return { body, cloud };
  let nextBody = body;
  if (reply.MsgBody !== undefined) {
    try {
      nextBody = validateMsgBody(reply.MsgBody, config.dirtyWords);
    } catch (error) {
      logger.warn('before-callback MsgBody ignored', { error });
    }
  }
  const nextCloud = typeof reply.CloudCustomData === 'string' ? reply.CloudCustomData : cloud;
  return { body: nextBody, cloud: nextCloud };
}

/**
 * Sends one C2C message: validation, permissions, the before-callback,
 * SEQ with de-duplication, storage (durable before the reply), delivery and the
 * after-callback. See docs/data-model.md for what each step costs.
 */
export async function sendC2cMessage(services: C2cServices, config: AppConfig, req: SendRequest): Promise<SendReply> {
  // The format first (a malformed request is no send); the dirty words are a refusal of a send, reported below.
  let body = validateMsgBody(req.body);
  let cloud = req.cloudCustomData;
  const now = services.clock();
  const time = req.time ?? Math.floor(now / 1000);
  const refuse = async (error: ImError): Promise<never> => {
    await afterRefusal(services, req, { body, cloud, time }, error.code, error.message);
    throw error;
  };

  // One Query (sender's profile + mute) and, for users, one BatchGetItem (recipient account, blocklist, friends).
  const friendship = req.by === 'user' && config.c2c.friendCheck === 'both';
  // An HTTPS call's session is proven beside them, by the Query of the sender's connections delivery needs anyway.
  const [sender, checks, accounts, session] = await Promise.all([
    services.c2c.senderFacts(req.from),
    req.by === 'user' ? services.relationships.sendChecks(req.from, req.to, { friendship }) : undefined,
    req.by === 'admin' && !req.accountsChecked ? services.accounts.getMany([req.from, req.to]) : undefined,
    req.senderSession ? proveHttpSession(services.connections, req.from, req.senderSession, now) : undefined,
  ]);
  if (session) req = { ...req, exceptConnectionId: session.connectionId };
  const senderConnections = session?.connections;
  if (accounts) {
    if (!accounts.has(req.to)) throw new ImError(C2cCode.ToAccountNotRegistered, `To_Account "${req.to}" is not imported`);
    if (!accounts.has(req.from) && req.from !== req.adminId) {
      throw new ImError(C2cCode.FromAccountInvalid, `From_Account "${req.from}" is not imported`);
    }
  }
  if (checks && !checks.recipientExists) throw new ImError(C2cCode.AccountInvalid, `To_Account "${req.to}" does not exist`);
  try {
    checkDirtyWords(body, config.dirtyWords);
  } catch (error) {
    if (isImError(error)) await refuse(error);
    throw error;
  }
  if (checks) {
    if (sender.mute.c2cUntil > time) await refuse(new ImError(C2cCode.Muted, 'you are muted and cannot send one-to-one messages'));
    if (friendship) {
      const refusal = friendRefusal(checks.senderHasRecipient, checks.recipientHasSender);
      if (refusal) await refuse(refusal);
    }
    // Seed behaviour: a blocked sender sees success and the message goes nowhere; the app backend learns why.
    if (checks.blocked) {
      await afterRefusal(services, req, { body, cloud, time }, C2cCode.Blocked, 'the sender is in the recipient\'s blocklist');
      return replyOf(0, req.random, time);
    }
  }

  if (req.beforeCallback) {
    const result = await services.webhooks.before(BEFORE_SEND, {
      // The seq is assigned after the verdict: MsgSeq 0, and a key that names the message by MsgRandom and MsgTime once stored.
      From_Account: req.from, To_Account: req.to, MsgSeq: 0, MsgRandom: req.random, MsgTime: time, MsgKey: msgKeyOf(0, req.random, time),
      OnlineOnlyFlag: req.onlineOnly ? 1 : 0, MsgBody: body, ...(cloud !== undefined && { CloudCustomData: cloud }),
    }, req.meta);
    const verdict = beforeVerdict(result, C2C_CUSTOM_CODES);
    if (verdict.action === 'refuse') {
      // Fail-closed apps: the callback itself failed (Tencent answers 90992 when the app's callback server does not answer correctly).
      if (result.outcome === 'failed') throw new ImError(C2cCode.CallbackFailed, 'the app backend did not answer C2C.CallbackBeforeSendMsg correctly');
      if (verdict.custom) throw new ImError(verdict.custom.code, verdict.custom.info);
      throw new ImError(C2cCode.RefusedByCallback, 'the app backend refused this message (C2C.CallbackBeforeSendMsg)');
    }
    if (verdict.action === 'drop') return replyOf(0, req.random, time);
    ({ body, cloud } = applyReplacement(isObject(verdict.replaced) ? verdict.replaced : undefined, body, cloud, config));
  }

  const conversationId = c2cConversationId(req.from, req.to);
  const draft: StoredMessage = {
    conversationId, from: req.from, to: req.to, seq: 0, random: req.random, time, body,
    ...(cloud !== undefined && { cloudCustomData: cloud }),
    ...(sender.nick !== undefined && { nick: sender.nick }),
    ...(sender.faceUrl !== undefined && { faceUrl: sender.faceUrl }),
    needReceipt: req.needReceipt, ...(req.extensible && { extensible: true }), noUnread: req.noUnread, recalled: false,
    expiresAt: time + config.retentionDays * 86400,
  };

  if (req.onlineOnly) {
    await deliverAndReport(services, req, draft, -1, config, senderConnections && readDeliveryPresence(services, req.from, req.to, req.syncToSender, senderConnections));
    return replyOf(0, req.random, time);
  }

  const allocate = (since: number) => services.c2c.allocateSend({
    conversationId, sender: req.from, recipient: req.to, time, at: now,
    noUnread: req.noUnread, noLastMsg: req.noLastMsg, needReceipt: req.needReceipt, senderReads: true,
  }, { random: req.random, since });
  const allocation = await allocate(time - DEDUPE_SECONDS);
  let { state } = allocation;
  let message: StoredMessage = allocation.repeated
    ? { ...draft, seq: allocation.seq, time: allocation.time, expiresAt: allocation.time + config.retentionDays * 86400 }
    : { ...draft, seq: state.seq };
  // A retry of a stored send: the first reply, nothing new.
  if (allocation.repeated && await services.c2c.getMessage(conversationId, message.seq, now)) return replyOf(message.seq, message.random, message.time);
  // Not stored: the first attempt died between its two writes (or is still between them), so the retry stores it.
  // Whichever of the two stores the message delivers it; the other only replies.
  // Delivery's Connections reads run beside the message's write, so delivery waits for no read (docs/data-model.md). Not
  // earlier: a send refused by the checks or the before-callback, or a retry already stored, reads nothing, and a
  // connection opened after the read and synced before the write misses the live event for one write's time only.
  const presence = readDeliveryPresence(services, req.from, req.to, req.syncToSender, senderConnections);
  const relisted = relistIfLost(services, state, now);
  let put = await services.c2c.putMessage(message);
  if (put === 'hole') {
    // The seq this send (or the attempt it retries) took was given up as a hole long after: the message gets a new one.
    ({ state } = await allocate(NEVER_A_REPEAT));
    message = { ...draft, seq: state.seq };
    put = await services.c2c.putMessage(message);
    await ensureListed(services, state);
  }
  await relisted;
  if (put !== 'stored') return replyOf(message.seq, message.random, message.time);
  await listIfNeeded(services, state, message, now);

  await deliverAndReport(services, { ...req, recipientOpt: state.sides[sideOf(req.to, req.from)].receiveOpt }, message, unreadOf(state, sideOf(req.to, req.from)), config, presence);
  return replyOf(message.seq, message.random, message.time);
}

/**
 * Delivery and the after-callback together: the after-callback is only queued
 * (never throws), and Tencent promises the app backend no order between it
 * and the recipients' events, so neither waits for the other.
 */
async function deliverAndReport(
  services: C2cServices, req: SendRequest & Pick<DeliveryOptions, 'recipientOpt'>, message: StoredMessage, unread: number, config: AppConfig, presence?: DeliveryPresence,
): Promise<void> {
  await Promise.all([
    deliver(services, message, { ...req, heartbeatTimeoutMs: config.heartbeatTimeoutSeconds * 1000 }, presence),
    afterSend(services, req, message, unread),
  ]);
}

const sidesOf = (state: ConversationState) => (state.userA === state.userB ? (['A'] as const) : (['A', 'B'] as const)).map((side) => ({
  side, user: side === 'A' ? state.userA : state.userB, entry: { type: 'C2C' as const, peer: side === 'A' ? state.userB : state.userA, conversationId: state.conversationId },
}));

/** Writes the conversation-list entries of the sides a send (re-)listed the conversation for (`listed` 1). */
export async function listIfNeeded(services: Pick<C2cServices, 'c2c'>, state: ConversationState, message: StoredMessage, now: number): Promise<void> {
  void message;
  await Promise.all(sidesOf(state).filter((s) => state.sides[s.side].listed === 1).map((s) => services.c2c.putEntry(s.user, { ...s.entry, createdAt: now })));
}

/**
 * The next listed send (`listed` 2) writes the entries again where they are missing, beside its message: the first send
 * may have died between its writes, and the conversation would otherwise stay out of both lists for good.
 */
function relistIfLost(services: Pick<C2cServices, 'c2c'>, state: ConversationState, now: number): Promise<unknown> {
  return Promise.all(sidesOf(state).filter((s) => state.sides[s.side].listed === 2).map((s) => services.c2c.ensureEntry(s.user, { ...s.entry, createdAt: now })));
}

/** How a delivery decides on the recipient's offline push (functions/push/offline-push.ts). */
interface DeliveryOptions extends Pick<SendRequest, 'syncToSender' | 'exceptConnectionId'> {
  heartbeatTimeoutMs: number;
  offlinePushInfo?: OfflinePushInfo;
  /** Online-only messages are never pushed. */
  onlineOnly?: boolean;
  /** The recipient's receive option for the sender (c2c.receiveOpt.set): AcceptNotNotify no push, Discard no delivery either. */
  recipientOpt?: string;
}

/**
 * `c2c.message` to the recipient's connections and, as asked, the sender's;
 * a PushOnline recipient's push is queued (never awaited on SNS). Failures
 * (a failed Connections read included) are logged: the message is already stored.
 * `presence`: the reads a send started early; read here when not given.
 */
async function deliver(
  services: C2cServices, message: StoredMessage, req: DeliveryOptions,
  presence: DeliveryPresence = readDeliveryPresence(services, message.from, message.to, req.syncToSender),
): Promise<void> {
  const frame = eventFrame('c2c.message', messageView(message));
  const { readAt } = presence;
  const jobs: Promise<unknown>[] = [];
  if (req.recipientOpt !== 'Discard') {
    const toRecipient = presence.recipient.then((p) => deliverToRecipient(services, p, readAt, frame, req.heartbeatTimeoutMs));
    jobs.push(req.recipientOpt === 'AcceptNotNotify' ? toRecipient : toRecipient.then((d) => queueOfflinePushes(services, {
      kind: 'C2C', msgBody: message.body, sender: { userId: message.from, ...(message.nick !== undefined && { nick: message.nick }) },
      onlineOnly: req.onlineOnly ?? false, recipients: [{ userId: message.to, devices: d.pushTargets }],
      ...(req.offlinePushInfo && { offlinePushInfo: req.offlinePushInfo }),
      message: { msgKey: msgKeyOf(message.seq, message.random, message.time), msgSeq: message.seq, msgRandom: message.random, msgTime: message.time },
    })));
  }
  if (presence.sender) {
    const except = req.syncToSender === 'others' ? req.exceptConnectionId : undefined;
    jobs.push(presence.sender.then((connections) => deliverToConnections(services, connections.filter((c) => c.connectionId !== except), frame)));
  }
  const results = await Promise.allSettled(jobs);
  for (const r of results) if (r.status === 'rejected') logger.error('c2c delivery failed', { error: r.reason, seq: message.seq });
}

async function afterSend(services: C2cServices, req: SendRequest, message: StoredMessage, unread: number): Promise<void> {
  if (!req.afterCallback) return;
  await services.webhooks.after(AFTER_SEND, {
    From_Account: message.from, To_Account: message.to, MsgSeq: message.seq, MsgRandom: message.random, MsgTime: message.time,
    MsgKey: msgKeyOf(message.seq, message.random, message.time), OnlineOnlyFlag: req.onlineOnly ? 1 : 0,
    SendMsgResult: 0, ErrorInfo: 'send msg succeed', UnreadMsgNum: unread,
    MsgBody: message.body, ...(message.cloudCustomData !== undefined && { CloudCustomData: message.cloudCustomData }),
    EventTime: services.clock(),
  }, req.meta);
}

/**
 * The after-callback of a send refused after validation (dirty words, mute, friend check) or dropped by the blocklist:
 * spec §6.2 reports these too, with the refusal's code as `SendMsgResult` and `UnreadMsgNum` -1. Nothing was stored:
 * MsgSeq 0 and the key `0_<MsgRandom>_<MsgTime>` (the before-callback's).
 */
async function afterRefusal(
  services: C2cServices, req: SendRequest, message: { body: MsgElement[]; cloud: string | undefined; time: number }, code: number, info: string,
): Promise<void> {
  if (!req.afterCallback) return;
  await services.webhooks.after(AFTER_SEND, {
    From_Account: req.from, To_Account: req.to, MsgSeq: 0, MsgRandom: req.random, MsgTime: message.time,
    MsgKey: msgKeyOf(0, req.random, message.time), OnlineOnlyFlag: req.onlineOnly ? 1 : 0,
    SendMsgResult: code, ErrorInfo: info, UnreadMsgNum: -1,
    MsgBody: message.body, ...(message.cloud !== undefined && { CloudCustomData: message.cloud }),
    EventTime: services.clock(),
  }, req.meta);
}

/** Delivers a stored message without sending it again (used by importmsg in real-time mode). */
export { deliver as deliverC2cMessage };
