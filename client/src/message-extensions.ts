import type { MessageExtension, MessageExtensionResult, ServerEvents } from './protocol.js';
import type { ImMessage } from './message-sync.js';

/** What names a message to the extension actions: a C2C message by peer and MsgKey, a group message by GroupId and MsgSeq. */
export type ExtensibleMessage = Pick<ImMessage, 'Type' | 'Peer_Account' | 'GroupId' | 'MsgKey' | 'MsgSeq'>;

export const messageRef = (m: ExtensibleMessage) =>
  (m.Type === 'C2C' ? { Peer_Account: m.Peer_Account!, MsgKey: m.MsgKey! } : { GroupId: m.GroupId!, MsgSeq: m.MsgSeq });

const cacheKey = (m: ExtensibleMessage) => (m.Type === 'C2C' ? `C2C${m.Peer_Account}:${m.MsgKey}` : `GROUP${(m as { TopicId?: string }).TopicId ?? m.GroupId}:${m.MsgSeq}`);

/**
 * The Seq of every extension key this client has seen, per message: the server checks the Seq a user sends (a key
 * changed since answers 23001 with its current value), so a set or delete sends the Seq last seen, 0 for a key never
 * seen. Fed by replies, by `get` pages and by `message.extensions.changed`.
 */
export class ExtensionSeqs {
  private readonly seqs = new Map<string, Map<string, number>>();

  /** The pairs to send: each key with the Seq last seen. */
  withSeqs(m: ExtensibleMessage, pairs: ReadonlyArray<{ Key: string; Value?: string }>) {
    const known = this.seqs.get(cacheKey(m));
    return pairs.map((p) => ({ ...p, Seq: known?.get(p.Key) ?? 0 }));
  }

  /** Results and pages: a refused pair carries the current value too, so both teach the current Seq. */
  learn(m: ExtensibleMessage, pairs: ReadonlyArray<MessageExtension | MessageExtensionResult>, operation: 1 | 2 = 1): void {
    const known = this.forMessage(cacheKey(m));
    for (const item of pairs) {
      const e = 'Extension' in item ? item.Extension : item;
      const removed = 'Extension' in item && item.ErrorCode === 0 ? operation === 2 : e.Seq === 0;
      if (removed) known.delete(e.Key);
      else known.set(e.Key, e.Seq);
    }
  }

  clear(m: ExtensibleMessage): void {
    this.seqs.delete(cacheKey(m));
  }

  /** `message.extensions.changed` from another device or user. */
  onChanged(event: ServerEvents['message.extensions.changed'], self: string | undefined): void {
    const m: ExtensibleMessage = 'GroupId' in event
      ? { Type: 'Group', GroupId: event.GroupId, MsgSeq: event.MsgSeq }
      : { Type: 'C2C', Peer_Account: event.From_Account === self ? event.To_Account : event.From_Account, MsgKey: event.MsgKey, MsgSeq: 0 };
    if (event.OperateType === 3) return this.clear(m);
    const known = this.forMessage(cacheKey(m));
    for (const e of event.ExtensionList) {
      if (event.OperateType === 2) known.delete(e.Key);
      else known.set(e.Key, e.Seq);
    }
  }

  private forMessage(key: string): Map<string, number> {
    let known = this.seqs.get(key);
    if (!known) this.seqs.set(key, (known = new Map()));
    return known;
  }
}
