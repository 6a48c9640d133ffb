import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { c2cConversationId, msgKeyOf, parseMsgKey, type ParsedMsgKey } from './c2c-keys.js';
import { C2cCode } from './c2c-codes.js';
import type { C2cStore, StoredMessage } from './c2c-store.js';
import { messageView } from './c2c-events.js';
import { MsgCode, validateMsgBody } from './message-body.js';
import type { EditOutcome } from './modify-edit.js';
import { conflictError, ModifyCode, requireChange, requireEditable } from './modify-rules.js';

type ModifyServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'connections' | 'gateway' | 'webhooks'>;

export const AFTER_MODIFY = 'C2C.CallbackAfterModifyMsg';

export interface C2cModifyRequest {
  /** The conversation's two users: the caller and `Peer_Account`, or REST's From_Account and To_Account. */
  user: string;
  peer: string;
  /** REST names the sender (From_Account); a user may edit either side's messages. */
  from?: string;
  msgKey: string;
  body?: unknown;
  cloudCustomData?: string;
  expectedVersion?: number;
  /** `user`: only editable element types; `admin`: any valid body (Tencent's REST page). */
  by: 'user' | 'admin';
  /** Who edited: the user, or the REST admin (events' and the callback's Operator_Account). */
  operator: string;
  meta: CallbackMeta;
  exceptConnectionId?: string;
}

/** The message a key names in the conversation (its seq is a hint: findSeq looks it up by MsgRandom and MsgTime otherwise). */
async function messageOfKey(store: C2cStore, conversationId: string, key: ParsedMsgKey, now: number): Promise<StoredMessage | undefined> {
  const named = key.seq > 0 ? await store.getMessage(conversationId, key.seq, now) : undefined;
  if (named && named.random === key.random && named.time === key.time) return named;
  const seq = await store.findSeq(conversationId, { random: key.random, time: key.time }, now);
  return seq === undefined || seq === key.seq ? undefined : store.getMessage(conversationId, seq, now);
}

/**
 * Edits a C2C message in place (`msg.modify`, `modify_c2c_msg`): one conditional UpdateItem bumps its version, so
 * history answers the new body and two edits of one version cannot both win. A user's edit of a new body first reads
 * the message (its elements must be editable). Both users' online connections get `message.modified`; fires
 * `C2C.CallbackAfterModifyMsg`. Returns the message as edited, with its MsgVersion.
 */
export async function modifyC2cMessage(services: ModifyServices, config: AppConfig, req: C2cModifyRequest): Promise<Record<string, unknown>> {
  const key = parseMsgKey(req.msgKey);
  if (!key) throw new ImError(C2cCode.BadMsgKey, `MsgKey "${req.msgKey}" is not a valid MsgKey (<MsgSeq>_<MsgRandom>_<MsgTime>)`);
  requireChange(req.body, req.cloudCustomData, C2cCode.InvalidParam);
  const body = req.body === undefined ? undefined : validateMsgBody(req.body, config.dirtyWords);
  if (body && req.by === 'user') requireEditable(body, 'new MsgBody', MsgCode.FormatInvalid);
  const now = services.clock();
  const conversationId = c2cConversationId(req.user, req.peer);
  const edit = { ...(body && { body }), ...(req.cloudCustomData !== undefined && { cloudCustomData: req.cloudCustomData }), expectedVersion: req.expectedVersion };
  const match = { ...(req.from !== undefined && { from: req.from }), random: key.random, time: key.time };
  const notFound = () => new ImError(ModifyCode.NotFound, `no message ${req.msgKey} between ${req.user} and ${req.peer} (not stored, expired, or online-only)`);

  let outcome: EditOutcome<StoredMessage>;
  if (body && req.by === 'user') {
    // The stored elements decide too: an image message stays an image message.
    const original = await messageOfKey(services.c2c, conversationId, key, now);
    if (!original) throw notFound();
    if (original.recalled) throw new ImError(ModifyCode.Recalled, `message ${req.msgKey} was recalled and cannot be modified`);
    requireEditable(original.body, 'message', MsgCode.FormatInvalid);
    outcome = await services.c2c.modify(conversationId, original.seq, match, edit, now);
  } else {
    // The key's own seq first (one conditional write); a key whose seq names another message (or none) is looked up.
    outcome = key.seq > 0 ? await services.c2c.modify(conversationId, key.seq, match, edit, now) : { outcome: 'missing' };
    if (outcome.outcome === 'missing') {
      const found = await services.c2c.findSeq(conversationId, match, now);
      if (found !== undefined && found !== key.seq) outcome = await services.c2c.modify(conversationId, found, match, edit, now);
    }
  }
  if (outcome.outcome === 'missing') throw notFound();
  if (outcome.outcome === 'recalled') throw new ImError(ModifyCode.Recalled, `message ${req.msgKey} was recalled and cannot be modified`);
  if (outcome.outcome === 'conflict') throw conflictError(outcome.current.version ?? 0, req.expectedVersion ?? 0, messageView(outcome.current));

  const message = outcome.message;
  const view = messageView(message);
  await announce(services, message, { ...view, Operator_Account: req.operator }, req);
  await services.webhooks.after(AFTER_MODIFY, {
    ...(message.cloudCustomData !== undefined && { CloudCustomData: message.cloudCustomData }), MsgBody: message.body,
    Operator_Account: req.operator, From_Account: message.from, To_Account: message.to, MsgRandom: message.random, MsgSeq: message.seq,
    MsgTime: message.time, MsgKey: msgKeyOf(message.seq, message.random, message.time), EventTime: services.clock(),
  }, req.meta);
  return view;
}

/** `message.modified` to every connection of both users but the editing one (a conversation with oneself: once). */
async function announce(services: ModifyServices, message: StoredMessage, data: Record<string, unknown>, req: C2cModifyRequest): Promise<void> {
  const frame = eventFrame('message.modified', data);
  const users = [...new Set([message.from, message.to])];
  const jobs = users.map((u) => deliverToUser(services, u, frame, req.exceptConnectionId));
  for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') logger.error('message.modified delivery failed', { error: r.reason });
}
