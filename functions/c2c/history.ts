import { ImError } from '../shared/errors.js';
import type { Services } from '../shared/runtime.js';
import { c2cConversationId, parseMsgKey, sideOf } from './c2c-keys.js';
import { C2cCode } from './c2c-codes.js';
import { messageView } from './c2c-events.js';
import { seqOfMsgKey } from './msg-key-lookup.js';

type HistoryServices = Pick<Services, 'clock' | 'c2c'>;

export const HISTORY_MAX = 100;

/** `history.c2c`: up to `count` messages before `beforeSeq` (default: the newest), oldest first. */
export async function c2cHistory(services: HistoryServices, userId: string, peerId: string, options: { beforeSeq?: number; count: number }) {
  const conversationId = c2cConversationId(userId, peerId);
  const now = services.clock();
  const state = await services.c2c.getState(conversationId);
  if (!state) return { Messages: [], Complete: 1 };
  const side = sideOf(userId, peerId);
  const page = await services.c2c.history(conversationId, { beforeSeq: options.beforeSeq, afterSeq: state.sides[side].cleared, count: options.count, now });
  const peerRead = state.sides[sideOf(peerId, userId)].read;
  const deleted = (m: { deletedFor?: string[] }) => m.deletedFor?.includes(side) === true;
  return {
    Messages: page.messages.filter((m) => !deleted(m)).map((m) => ({ ...messageView(m), IsPeerRead: m.from === userId && m.seq <= peerRead ? 1 : 0 })),
    Complete: page.complete ? 1 : 0,
    // Seqs of this page the user deleted for itself: a client's gap-free stream passes over them at once.
    ...(page.messages.some(deleted) && { DeletedSeqs: page.messages.filter(deleted).map((m) => m.seq) }),
  };
}

/** Reply size cap of admin_getroammsg (rest-api.md §3.2: "~13 KB, then page"). */
export const ROAM_MAX_BYTES = 13 * 1024;
const ROAM_MAX_MESSAGES = 1000;

export interface RoamQuery {
  operator: string;
  peer: string;
  maxCnt: number;
  minTime: number;
  maxTime: number;
  lastMsgKey?: string;
  /** The legacy From_Account/To_Account form has no IsPeerRead in its items. */
  legacy: boolean;
}

/** `admin_getroammsg`: newest first within [MinTime, MaxTime]; page on with MaxTime = LastMsgTime and LastMsgKey. */
export async function getRoamMessages(services: HistoryServices, q: RoamQuery) {
  const parsed = q.lastMsgKey === undefined || q.lastMsgKey === '' ? undefined : parseMsgKey(q.lastMsgKey);
  if (q.lastMsgKey && !parsed) throw new ImError(C2cCode.InvalidParam, `LastMsgKey "${q.lastMsgKey}" is not a MsgKey`);
  const conversationId = c2cConversationId(q.operator, q.peer);
  const now = services.clock();
  // Our own pages' keys name their message directly; any other key (a batch's, a before-callback's) is looked up.
  const [state, keySeq] = await Promise.all([
    services.c2c.getState(conversationId),
    parsed ? seqOfMsgKey(services.c2c, conversationId, parsed, now) : undefined,
  ]);
  // A key that names no stored message (expired, or not of this conversation) pages below its seq as before.
  const beforeSeq = parsed ? keySeq ?? parsed.seq : undefined;
  const empty = { Complete: 1, MsgCnt: 0, LastMsgTime: 0, LastMsgKey: '', MsgList: [] };
  if (!state) return empty;
  const side = sideOf(q.operator, q.peer);
  const found = await services.c2c.byTime(conversationId, {
    minTime: q.minTime, maxTime: q.maxTime, beforeSeq, afterSeq: state.sides[side].cleared, max: Math.min(q.maxCnt, ROAM_MAX_MESSAGES), now,
  });
  // Tencent caps a reply at about 13 KB of messages; the rest comes with the next page (at least one message per page).
  let bytes = 0;
  const messages = found.messages.filter((m) => !m.deletedFor?.includes(side)).filter((m, i) => {
    bytes += Buffer.byteLength(JSON.stringify(messageView(m)));
    return i === 0 || bytes <= ROAM_MAX_BYTES;
  });
  const more = found.more || messages.length < found.messages.length;
  if (messages.length === 0) return empty;
  const last = messages[messages.length - 1]!;
  const lastView = messageView(last);
  return {
    Complete: more ? 0 : 1,
    MsgCnt: messages.length,
    LastMsgTime: last.time,
    LastMsgKey: lastView.MsgKey,
    MsgList: messages.map((m) => {
      const { Nick: _n, FaceUrl: _f, IsNeedReadReceipt: _r, MsgVersion: _v, ...view } = messageView(m);
      const recipientRead = state.sides[sideOf(m.to, m.from)].read;
      return q.legacy ? view : { ...view, IsPeerRead: m.seq <= recipientRead && m.from !== m.to ? 1 : 0 };
    }),
  };
}
