import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { c2cConversationId, parseMsgKey, sideOf } from './c2c-keys.js';
import { C2cCode } from './c2c-codes.js';
import { seqOfMsgKey } from './msg-key-lookup.js';

type DeleteServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'connections' | 'gateway'>;

/** Messages one call deletes (Tencent's `delete_c2c_msg_ramble` and the Web SDK's `deleteMessage`: 30). */
export const DELETE_MAX_KEYS = 30;

/**
 * One-sided deletion (`openim/delete_c2c_msg_ramble`, `msg.delete`): `user` no longer sees the messages in its history,
 * `admin_getroammsg` and conversation list; the peer still does. Keys that name no stored message are skipped (the call
 * is idempotent); a malformed key refuses the call before anything changes. The user's other connections get `msg.deleted`.
 */
export async function deleteC2cMessagesForUser(
  services: DeleteServices, req: { user: string; peer: string; msgKeys: readonly string[]; exceptConnectionId?: string },
): Promise<void> {
  if (req.msgKeys.length === 0) throw new ImError(C2cCode.InvalidParam, 'MsgKeyList is empty');
  if (req.msgKeys.length > DELETE_MAX_KEYS) throw new ImError(C2cCode.InvalidParam, `MsgKeyList has ${req.msgKeys.length} keys; at most ${DELETE_MAX_KEYS} per call`);
  const keys = req.msgKeys.map((k) => {
    const parsed = parseMsgKey(k);
    if (!parsed) throw new ImError(C2cCode.BadMsgKey, `MsgKey "${k.slice(0, 60)}" is not a valid MsgKey (<MsgSeq>_<MsgRandom>_<MsgTime>)`);
    return parsed;
  });
  const conversationId = c2cConversationId(req.user, req.peer);
  const now = services.clock();
  const seqs = (await Promise.all(keys.map((k) => seqOfMsgKey(services.c2c, conversationId, k, now)))).filter((s): s is number => s !== undefined);
  if (seqs.length === 0) return;
  await services.c2c.deleteFor(conversationId, seqs, sideOf(req.user, req.peer));
  try {
    await deliverToUser(services, req.user, eventFrame('msg.deleted', { Peer_Account: req.peer, MsgKeyList: req.msgKeys }), req.exceptConnectionId);
  } catch (error) {
    logger.error('msg.deleted delivery failed', { error });
  }
}
