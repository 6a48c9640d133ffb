import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { c2cConversationId, parseMsgKey, sideOf } from './c2c-keys.js';
import { C2cCode } from './c2c-codes.js';
import { messageView } from './c2c-events.js';
import { seqOfMsgKey } from './msg-key-lookup.js';
import { holesIn, repairHoles } from './holes.js';
import { unreadOf } from './c2c-store.js';
import type { AppConfig } from '../shared/config.js';

type HistoryServices = Pick<ServiceCatalog, 'clock' | 'c2c'>;

export const HISTORY_MAX = 100;

/**
 * `history.c2c`: up to `count` messages before `beforeSeq` (default: the newest), oldest first. Seqs of the page with
 * nothing to show (deleted by the caller for itself, hole markers, and holes this read finds and fills) come as
 * `SkippedSeqs`, so a gap-free client passes over them at once; `UnreadNum` is the caller's after any repair.
 */
export async function c2cHistory(services: HistoryServices, config: AppConfig, userId: string, peerId: string, options: { beforeSeq?: number; count: number }) {
  const conversationId = c2cConversationId(userId, peerId);
  const now = services.clock();
  let state = await services.c2c.getState(conversationId);
  if (!state) return { Messages: [], Complete: 1, UnreadNum: 0 };
  const side = sideOf(userId, peerId);
  const page = await services.c2c.history(conversationId, { beforeSeq: options.beforeSeq, afterSeq: state.sides[side].cleared, count: options.count, now });
  const upper = options.beforeSeq === undefined ? state.seq : options.beforeSeq - 1;
  const found = holesIn(page, { lower: state.sides[side].cleared, upper }, state, now, { graceSeconds: config.c2c.holeRepairAfterSeconds, retentionDays: config.retentionDays });
  if (found.length > 0) {
    const newestBelow = [...page.messages].reverse().find((m) => m.seq < Math.min(...found));
    if (await repairHoles(services, state, found, newestBelow, Math.floor(now / 1000) + config.retentionDays * 86400)) state = (await services.c2c.getState(conversationId)) ?? state;
  }
  const peerRead = state.sides[sideOf(peerId, userId)].read;
  const deleted = (m: { deletedFor?: string[] }) => m.deletedFor?.includes(side) === true;
  const skipped = [...new Set([...page.holes, ...found, ...page.messages.filter(deleted).map((m) => m.seq)])].sort((a, b) => a - b);
  return {
    Messages: page.messages.filter((m) => !deleted(m)).map((m) => ({ ...messageView(m), IsPeerRead: m.from === userId && m.seq <= peerRead ? 1 : 0 })),
    Complete: page.complete ? 1 : 0,
    ...(skipped.length > 0 && { SkippedSeqs: skipped }),
    UnreadNum: unreadOf(state, side),
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
