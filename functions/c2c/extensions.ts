import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { checkExtensionRequest, extensionPage, type ExtensionRequest } from '../msgext/extension-rules.js';
import { operateOnExtensions } from '../msgext/operate.js';
import { c2cConversationId, msgKeyOf, parseMsgKey } from './c2c-keys.js';
import { C2cCode } from './c2c-codes.js';
import type { StoredMessage } from './c2c-store.js';
import { seqOfMsgKey } from './msg-key-lookup.js';
import { ModifyCode } from './modify-rules.js';

type ExtensionServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'messageExtensions' | 'connections' | 'gateway' | 'webhooks'>;

export const AFTER_C2C_EXTENSION = 'C2C.CallbackAfterC2CMsgExtension';

/** The conversation (its two users) and the message's MsgKey. */
export interface C2cMessageRef { user: string; peer: string; msgKey: string }

/** The stored, extensible, not recalled message a key names in the conversation of `user` and `peer`. */
async function extensibleMessage(services: ExtensionServices, ref: C2cMessageRef): Promise<StoredMessage> {
  const key = parseMsgKey(ref.msgKey);
  if (!key) throw new ImError(C2cCode.BadMsgKey, `MsgKey "${ref.msgKey}" is not a valid MsgKey (<MsgSeq>_<MsgRandom>_<MsgTime>)`);
  const now = services.clock();
  const conversationId = c2cConversationId(ref.user, ref.peer);
  const seq = await seqOfMsgKey(services.c2c, conversationId, key, now);
  const message = seq === undefined ? undefined : await services.c2c.getMessage(conversationId, seq, now);
  if (!message) throw new ImError(ModifyCode.NotFound, `no message ${ref.msgKey} between ${ref.user} and ${ref.peer} (not stored, expired, or online-only)`);
  if (message.recalled) throw new ImError(ModifyCode.Recalled, `message ${ref.msgKey} was recalled`);
  if (!message.extensible) throw new ImError(C2cCode.InvalidParam, `message ${ref.msgKey} was not sent with SupportMessageExtension: 1, so it takes no extensions`);
  return message;
}

const targetOf = (m: StoredMessage) => ({ conversationId: m.conversationId, seq: m.seq });

/**
 * `set_key_values` and `msg.extensions.set` / `.delete` for a C2C message: either user of the conversation, or the
 * app admin. Both users' connections (but the caller's) get `message.extensions.changed`; fires
 * `C2C.CallbackAfterC2CMsgExtension` when something changed.
 */
export async function operateC2cExtensions(
  services: ExtensionServices, ref: C2cMessageRef, req: ExtensionRequest,
  how: { operator: string; meta: CallbackMeta; exceptConnectionId?: string },
) {
  checkExtensionRequest(req, C2cCode.InvalidParam);
  const message = await extensibleMessage(services, ref);
  const outcome = await operateOnExtensions(services.messageExtensions, targetOf(message), req, C2cCode.InvalidParam, message.expiresAt);
  if (outcome.changed.length > 0 || req.operation === 3) {
    const MsgKey = msgKeyOf(message.seq, message.random, message.time);
    const change = { From_Account: message.from, To_Account: message.to, MsgKey, OperateType: req.operation, ExtensionList: outcome.changed, Seq: outcome.seq };
    const frame = eventFrame('message.extensions.changed', { ...change, ClearSeq: outcome.clearSeq, Operator_Account: how.operator });
    const jobs = [...new Set([message.from, message.to])].map((u) => deliverToUser(services, u, frame, how.exceptConnectionId));
    for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') logger.error('message.extensions.changed delivery failed', { error: r.reason });
    await services.webhooks.after(AFTER_C2C_EXTENSION, { ...change, EventTime: services.clock() }, how.meta);
  }
  return outcome;
}

/** `get_key_values` and `msg.extensions.get`: pairs with Seq ≥ `startSeq`, 200 per page. */
export async function getC2cExtensions(services: ExtensionServices, ref: C2cMessageRef, startSeq: number) {
  const message = await extensibleMessage(services, ref);
  return extensionPage(await services.messageExtensions.get(targetOf(message)), startSeq);
}
