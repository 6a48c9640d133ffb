import type { StoredMessage } from './c2c-store.js';
import { msgKeyOf } from './c2c-keys.js';

/**
 * How a message looks in events, history and callbacks (Tencent's field names). `MsgVersion` (ours: the number of
 * edits) only on a message edited at least once; REST replies leave it out (Tencent has no such field).
 */
export function messageView(m: StoredMessage): Record<string, unknown> {
  return {
    From_Account: m.from,
    To_Account: m.to,
    MsgSeq: m.seq,
    MsgRandom: m.random,
    MsgTimeStamp: m.time,
    MsgKey: msgKeyOf(m.seq, m.random, m.time),
    MsgFlagBits: m.recalled ? 8 : 0,
    MsgBody: m.body,
    ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
    ...(m.nick !== undefined && { Nick: m.nick }),
    ...(m.faceUrl !== undefined && { FaceUrl: m.faceUrl }),
    ...(m.needReceipt && { IsNeedReadReceipt: 1 }),
    ...(m.version && { MsgVersion: m.version }),
  };
}
