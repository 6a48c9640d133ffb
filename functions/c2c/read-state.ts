import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { notifyReadElsewhere } from '../connections/read-elsewhere.js';
import { logger } from '../shared/logger.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { c2cConversationId, sideOf } from './c2c-keys.js';
import { unreadOf, type ConversationState } from './c2c-store.js';
import { C2cCode } from './c2c-codes.js';

type ReadServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'connections' | 'gateway' | 'webhooks' | 'accounts'>;

/**
 * Moves `reader`'s read position in the conversation with `peer` up to
 * `seq` (capped at the newest message). The sender gets `c2c.receipt` when a
 * message it asked a receipt for is now read, `c2c.read` for any other read that moved. Returns the unread count after and the last seq it counts up to (a client
 * that delivered newer messages meanwhile adds those).
 */
export async function markC2cRead(
  services: ReadServices, reader: string, peer: string, seq: number | 'latest', meta: CallbackMeta,
  /** The reader's connection that asked (it has the reply); every other one gets `conversation.read`. */
  readerConnectionId?: string,
): Promise<{ unread: number; lastSeq: number }> {
  const conversationId = c2cConversationId(reader, peer);
  const now = services.clock();
  const state = await services.c2c.getState(conversationId);
  if (!state) return { unread: 0, lastSeq: 0 };
  const side = sideOf(reader, peer);
  const target = seq === 'latest' ? state.seq : Math.min(seq, state.seq);
  if (target <= state.sides[side].read) return { unread: unreadOf(state, side), lastSeq: state.seq };
  // NoUnread messages up to the new position no longer count; those after it still will.
  const skippedAfter = target >= state.seq ? 0 : await services.c2c.countSkippedAfter(conversationId, reader, target, now);
  const before = await services.c2c.markRead(conversationId, side, target, state.sides[side].skipped - skippedAfter);
  if (!before) {
    const current = await services.c2c.getState(conversationId);
    return { unread: unreadOf(current, side), lastSeq: current?.seq ?? state.seq };
  }
  const receipt = before.sides[side].receiptSeq;
  const after: ConversationState = {
    ...before, sides: { ...before.sides, [side]: { ...before.sides[side], read: target, skippedAtRead: state.sides[side].skipped - skippedAfter } },
  };
  const unread = unreadOf(after, side);
  // The peer learns of every read that moved: `c2c.receipt` when it covers a message that asked for a receipt, else
  // `c2c.read`; the reader's other connections get `conversation.read`.
  const toPeer = async () => {
    if (reader === peer) return;
    const asked = receipt > before.sides[side].read && receipt <= target;
    try {
      await deliverToUser(services, peer, eventFrame(asked ? 'c2c.receipt' : 'c2c.read', { Peer_Account: reader, MsgSeq: target, ReadTime: Math.floor(now / 1000) }));
    } catch (error) {
      logger.error('read receipt delivery failed', { error });
    }
  };
  await Promise.all([
    toPeer(),
    notifyReadElsewhere(services, reader, { ConversationID: `C2C${peer}`, ReadMsgSeq: target, UnreadNum: unread, LastMsgSeq: before.seq }, readerConnectionId),
  ]);
  await services.webhooks.after('C2C.CallbackAfterMsgReport', {
    Report_Account: reader, Peer_Account: peer, LastReadTime: Math.floor(now / 1000), UnreadMsgNum: unread, EventTime: now,
  }, meta);
  return { unread, lastSeq: before.seq };
}

/** `admin_set_msg_read`: everything sent up to `readTime` (unix s, default now) is read. */
export async function setC2cReadByTime(services: ReadServices, reader: string, peer: string, readTime: number | undefined, meta: CallbackMeta): Promise<void> {
  const accounts = await services.accounts.getMany([reader, peer]);
  if (!accounts.has(reader)) throw new ImError(C2cCode.NoSuchAccount, `Report_Account "${reader}" is not imported`);
  if (!accounts.has(peer)) throw new ImError(C2cCode.NoSuchAccount, `Peer_Account "${peer}" is not imported`);
  const now = services.clock();
  if (readTime === undefined || readTime >= Math.floor(now / 1000)) {
    await markC2cRead(services, reader, peer, 'latest', meta);
    return;
  }
  const seq = await services.c2c.seqAtTime(c2cConversationId(reader, peer), readTime, now);
  if (seq > 0) await markC2cRead(services, reader, peer, seq, meta);
}

/** `get_c2c_unread_msg_num`: the total over the user's conversations and, when asked, per peer. */
export async function c2cUnreadCounts(services: ReadServices, userId: string, peers: readonly string[] | undefined) {
  const accounts = await services.accounts.getMany([userId, ...(peers ?? [])]);
  if (!accounts.has(userId)) throw new ImError(C2cCode.NoSuchAccount, `To_Account "${userId}" is not imported`);
  const entries = (await services.c2c.listEntries(userId)).filter((e) => e.type === 'C2C' && e.peer !== undefined);
  const peerIds = [...new Set([...entries.map((e) => e.peer!), ...(peers ?? []).filter((p) => accounts.has(p))])];
  const states = await services.c2c.getStates(peerIds.map((p) => c2cConversationId(userId, p)));
  const unreadWith = (peer: string) => unreadOf(states.get(c2cConversationId(userId, peer)), sideOf(userId, peer));
  const listed = new Set(entries.map((e) => e.peer!));
  const all = [...listed].reduce((total, p) => total + unreadWith(p), 0);
  if (!peers) return { AllC2CUnreadMsgNum: all };
  return {
    AllC2CUnreadMsgNum: all,
    C2CUnreadMsgNumList: peers.filter((p) => accounts.has(p)).map((p) => ({ Peer_Account: p, C2CUnreadMsgNum: unreadWith(p) })),
    ...(peers.some((p) => !accounts.has(p)) && { ErrorList: peers.filter((p) => !accounts.has(p)).map((p) => ({ Peer_Account: p, ErrorCode: C2cCode.NoSuchAccount })) }),
  };
}
