import type { Message } from './message.js';

/**
 * The messages this SDK has handed out, by ID and by conversation and seq. Tencent's SDK updates the objects it gave
 * the app in place (a revoke sets `isRevoked` on the app's copy), and `nextReqMessageID` names a message from an
 * earlier page: both need the one object per message kept here.
 */
export class MessageStore {
  private readonly byId = new Map<string, Message>();
  private readonly bySeq = new Map<string, string>();

  /** Keeps `m`, or updates the object already kept for its ID and returns that one. */
  put(m: Message): Message {
    const kept = this.byId.get(m.ID);
    // A later copy (history, an edit) has no receipt counts: those kept stay.
    const target = kept ? Object.assign(kept, m, { readReceiptInfo: { ...kept.readReceiptInfo, ...m.readReceiptInfo } }) : m;
    this.byId.set(m.ID, target);
    if (target.sequence > 0) this.bySeq.set(`${target.conversationID}:${target.sequence}`, target.ID);
    return target;
  }

  get(id: string): Message | undefined {
    return this.byId.get(id);
  }

  bySequence(conversationID: string, seq: number): Message | undefined {
    const id = this.bySeq.get(`${conversationID}:${seq}`);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The conversation's messages kept here that match. */
  filter(conversationID: string, test: (m: Message) => boolean): Message[] {
    return [...this.byId.values()].filter((m) => m.conversationID === conversationID && test(m));
  }

  /** Forgets the conversation's messages up to `seq` (its history was cleared: `clearHistoryMessage`, here or elsewhere). */
  drop(conversationID: string, seq: number): void {
    for (const m of this.filter(conversationID, (x) => x.sequence > 0 && x.sequence <= seq)) {
      this.byId.delete(m.ID);
      this.bySeq.delete(`${conversationID}:${m.sequence}`);
    }
  }

  clear(): void {
    this.byId.clear();
    this.bySeq.clear();
  }
}
