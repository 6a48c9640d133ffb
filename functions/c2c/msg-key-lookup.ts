import type { C2cStore } from './c2c-store.js';
import type { ParsedMsgKey } from './c2c-keys.js';

/**
 * The seq of the message a MsgKey names in one conversation. A key's seq is
 * only a hint: a batchsendmsg key carries one recipient's seq for all of them,
 * and a before-callback's key is `0_<MsgRandom>_<MsgTime>`, so a key whose seq
 * does not name a message with its random and time is looked up by those two
 * (`findSeq`, a bounded newest-first Query; docs/data-model.md).
 */
export async function seqOfMsgKey(
  store: Pick<C2cStore, 'getMessage' | 'findSeq'>, conversationId: string, key: ParsedMsgKey, now: number, from?: string,
): Promise<number | undefined> {
  if (key.seq > 0) {
    const named = await store.getMessage(conversationId, key.seq, now);
    if (named && named.random === key.random && named.time === key.time && (from === undefined || named.from === from)) return key.seq;
  }
  return store.findSeq(conversationId, { ...(from !== undefined && { from }), random: key.random, time: key.time }, now);
}
