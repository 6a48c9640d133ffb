import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { logger } from '../shared/logger.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { c2cConversationId, msgKeyOf, parseMsgKey, sideOf } from './c2c-keys.js';
import { seqOfMsgKey } from './msg-key-lookup.js';
import { C2cCode } from './c2c-codes.js';
import { unreadOf } from './c2c-store.js';

type RecallServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'connections' | 'gateway' | 'webhooks'>;

export interface RecallRequest {
  from: string;
  to: string;
  msgKey: string;
  /** Users may recall only within `c2c.recallLimitSeconds`; admins at any time. */
  by: 'user' | 'admin';
  meta: CallbackMeta;
  exceptConnectionId?: string;
}

/**
 * Marks a message recalled (it stays in history with MsgFlagBits 8) and tells
 * both sides' online devices with `msg.recalled`.
 */
export async function recallC2cMessage(services: RecallServices, config: AppConfig, req: RecallRequest): Promise<void> {
  const key = parseMsgKey(req.msgKey);
  if (!key) throw new ImError(C2cCode.BadMsgKey, `MsgKey "${req.msgKey}" is not a valid MsgKey`);
  const now = services.clock();
  const conversationId = c2cConversationId(req.from, req.to);
  const match = { from: req.from, random: key.random, time: key.time };
  const notFound = () => new ImError(C2cCode.RecallNotFound, `no message ${req.msgKey} from ${req.from} to ${req.to}`);
  if (req.by === 'user' && Math.floor(now / 1000) - key.time > config.c2c.recallLimitSeconds) {
    // Checked before any write; the stored time is the one in the key.
    if (await seqOfMsgKey(services.c2c, conversationId, key, now, req.from) === undefined) throw notFound();
    throw new ImError(C2cCode.RecallTooLate, `messages can be recalled within ${config.c2c.recallLimitSeconds} s of sending`);
  }
  // The key's own seq first (one conditional write); a key whose seq names another message (or none) is looked up by random and time.
  let seq = key.seq;
  let outcome = seq > 0 ? await services.c2c.recall(conversationId, seq, match, now) : 'missing';
  if (outcome === 'missing') {
    const found = await services.c2c.findSeq(conversationId, match, now);
    if (found !== undefined && found !== seq) {
      seq = found;
      outcome = await services.c2c.recall(conversationId, seq, match, now);
    }
  }
  if (outcome === 'missing') throw notFound();
  if (outcome === 'already') throw new ImError(C2cCode.AlreadyRecalled, `message ${req.msgKey} was already recalled`);
  // Clients and the after-send callback know the message by its stored key, whichever key named it here.
  const storedKey = msgKeyOf(seq, key.random, key.time);
  const jobs = [
    deliverToUser(services, req.to, eventFrame('msg.recalled', { Peer_Account: req.from, MsgKey: storedKey })),
    deliverToUser(services, req.from, eventFrame('msg.recalled', { Peer_Account: req.to, MsgKey: storedKey }), req.exceptConnectionId),
  ];
  for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') logger.error('recall event failed', { error: r.reason });
  if (!services.webhooks.isEnabled('C2C.CallbackAfterMsgWithDraw')) return;
  const state = await services.c2c.getState(conversationId);
  await services.webhooks.after('C2C.CallbackAfterMsgWithDraw', {
    From_Account: req.from, To_Account: req.to, MsgKey: storedKey, UnreadMsgNum: unreadOf(state, sideOf(req.to, req.from)), EventTime: now,
  }, req.meta);
}
