import type { MsgElement } from './elements.js';
import type { ConversationId, GroupAtInfo } from './protocol.js';
import type { SyncStorage } from './sync-storage.js';

/** A message as the app sees it: one ordered stream per conversation (`im.on('message', ...)`). */
export interface ImMessage {
  ConversationID: ConversationId;
  Type: 'C2C' | 'Group';
  /** C2C: the other user of the conversation. */
  Peer_Account?: string;
  GroupId?: string;
  /** A Community topic's message: the topic (the conversation is `GROUP<TopicId>`; `GroupId` is the Community). */
  TopicId?: string;
  From_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTimeStamp: number;
  /** C2C only: `<MsgSeq>_<MsgRandom>_<MsgTimeStamp>`, what `recall` takes. */
  MsgKey?: string;
  MsgBody: MsgElement[];
  /** 8 = recalled. */
  MsgFlagBits: number;
  CloudCustomData?: string;
  Nick?: string;
  NameCard?: string;
  FaceUrl?: string;
  IsNeedReadReceipt?: 1;
  /** Edits so far (`modifyMessage`, `message.modified`); absent: never edited. */
  MsgVersion?: number;
  /** Group messages that @-mention someone, as the live event carries them. */
  GroupAtInfo?: GroupAtInfo[];
  /** C2C, this user's own messages in `history`/`historyPage`: the peer has read it. */
  IsPeerRead?: 1;
  /** Sent by this user (from this device or another one). */
  IsSelf: boolean;
}

/** A fetched range: the messages (ascending) and the seqs that exist but are not to be shown (deleted, expired). */
export interface FetchedRange { messages: ImMessage[]; placeholders: number[] }

export interface MessageSyncOptions {
  storage: SyncStorage;
  /** Storage key prefix, per app and user. */
  keyPrefix: () => string;
  /** Messages with seq in (after, upTo], ascending (pages `history.*` as needed). */
  fetchRange: (conversationId: ConversationId, after: number, upTo: number) => Promise<FetchedRange>;
  deliver: (message: ImMessage) => void;
  /** Delays before fetching a range again when seqs in it are missing (a send may be between SEQ and store). */
  holeRetryMs: readonly number[];
  onError: (error: unknown) => void;
  /**
   * The server's read position of a conversation the latest conversation list named: where a conversation never
   * synced on this device starts, also when a live message reaches it first. Undefined: the list did not name it.
   */
  listedReadSeq?: (conversationId: ConversationId) => number | undefined;
  /** Whether the client is still signed in (failed work is retried only then). */
  active: () => boolean;
}

const RETRY_MS = 1000;
/** Thrown inside queued work once the client closed: it stops without delivering, storing or reporting anything. */
const STOPPED = Symbol('stopped');

interface ConversationCursor {
  /** Last MsgSeq delivered to the app; undefined until loaded from storage. */
  last: number | undefined;
  /** Live messages waiting for their turn, by seq. */
  waiting: Map<number, ImMessage>;
  /** Serialises the work on one conversation. */
  chain: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per conversation, the last MsgSeq delivered, and the machinery that keeps the
 * app's stream gap-free and duplicate-free: messages wait until every seq
 * before them was delivered (fetched from history when missing), and a
 * catch-up after a (re)connect runs before any newer live message.
 */
export class MessageSync {
  private readonly cursors = new Map<ConversationId, ConversationCursor>();
  /** Live work waits for this (the conversation list of a (re)connect, until it is applied). */
  private gate: Promise<void> = Promise.resolve();
  private releaseGate: (() => void) | undefined;

  constructor(private readonly options: MessageSyncOptions) {}

  /**
   * Holds live delivery until the returned function is called (the resync applied its conversation list) or a
   * newer hold replaces this one (work waiting on this hold then waits on the newer). A failed list keeps it held,
   * so that a live message does not start a conversation the list would have placed (its read position).
   */
  hold(): () => void {
    this.releaseGate?.();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    this.gate = gate;
    this.releaseGate = release;
    return () => {
      if (this.gate === gate) this.releaseGate = undefined;
      release();
    };
  }

  private async gateOpen(): Promise<void> {
    for (;;) {
      const gate = this.gate;
      await gate;
      if (gate === this.gate) return;
    }
  }

  /** A message from a live event or this device's own send: delivered in order, exactly once. */
  offer(message: ImMessage): void {
    if (message.MsgSeq <= 0) return;
    const cursor = this.cursor(message.ConversationID);
    if (cursor.last !== undefined && message.MsgSeq <= cursor.last) return;
    cursor.waiting.set(message.MsgSeq, message);
    this.enqueue(message.ConversationID, cursor, () => this.pump(message.ConversationID, cursor));
  }

  /**
   * After a (re)connect: delivers everything up to `lastSeq` that was not
   * delivered yet. With no stored position, starts after `baseline` (the read position).
   */
  catchUp(conversationId: ConversationId, lastSeq: number, baseline: number): Promise<void> {
    const cursor = this.cursor(conversationId);
    const work = async () => {
      await this.load(conversationId, cursor, baseline);
      if (lastSeq > cursor.last!) await this.fill(conversationId, cursor, lastSeq, false);
      await this.pump(conversationId, cursor);
    };
    // A failed catch-up (a history fetch timed out under load) is tried again: no later live message may come to
    // pull the missed ones in (found by CI on a loaded machine: a topic's missed messages never arrived).
    return this.enqueue(conversationId, cursor, work, () => cursor.last === undefined || lastSeq > cursor.last);
  }

  /** The last MsgSeq delivered in a conversation (undefined when never synced). */
  async lastDelivered(conversationId: ConversationId): Promise<number | undefined> {
    const cursor = this.cursors.get(conversationId);
    if (cursor?.last !== undefined) return cursor.last;
    const stored = await this.options.storage.get(this.key(conversationId));
    return stored === null ? undefined : Number(stored);
  }

  /** Resolves once the work queued so far (on every conversation) is done. */
  async idle(): Promise<void> {
    await this.gateOpen();
    await Promise.all([...this.cursors.values()].map((c) => c.chain));
  }

  private cursor(conversationId: ConversationId): ConversationCursor {
    let cursor = this.cursors.get(conversationId);
    if (!cursor) this.cursors.set(conversationId, (cursor = { last: undefined, waiting: new Map(), chain: Promise.resolve() }));
    return cursor;
  }

  /** Runs `work` after the conversation's earlier work; on failure, again after RETRY_MS while `unfinished()` and signed in. */
  private enqueue(conversationId: ConversationId, cursor: ConversationCursor, work: () => Promise<void>, unfinished = () => cursor.waiting.size > 0): Promise<void> {
    const run = cursor.chain.then(() => this.gateOpen()).then(work).catch((e: unknown) => {
      if (e === STOPPED) return;
      this.options.onError(e);
      setTimeout(() => {
        if (unfinished() && this.options.active()) void this.enqueue(conversationId, cursor, work, unfinished);
      }, RETRY_MS);
    });
    cursor.chain = run;
    return run;
  }

  private key(conversationId: ConversationId): string {
    return `${this.options.keyPrefix()}:seq:${conversationId}`;
  }

  private async load(conversationId: ConversationId, cursor: ConversationCursor, baseline: number): Promise<void> {
    if (cursor.last !== undefined) return;
    const stored = await this.options.storage.get(this.key(conversationId));
    cursor.last = stored === null || !Number.isFinite(Number(stored)) ? baseline : Number(stored);
  }

  private async pump(conversationId: ConversationId, cursor: ConversationCursor): Promise<void> {
    while (cursor.waiting.size > 0) {
      const seq = Math.min(...cursor.waiting.keys());
      // A live message in a conversation never synced on this device: start after the read position the conversation
      // list gave (the messages before it since then come from history; found by the reconnect soak: a live message
      // that overtook its conversation's catch-up made the messages before it go missing), else with this message.
      await this.load(conversationId, cursor, Math.min(seq - 1, this.options.listedReadSeq?.(conversationId) ?? seq - 1));
      const message = cursor.waiting.get(seq)!;
      if (seq <= cursor.last!) { cursor.waiting.delete(seq); continue; }
      if (seq > cursor.last! + 1) await this.fill(conversationId, cursor, seq - 1, true);
      cursor.waiting.delete(seq);
      if (seq > cursor.last!) await this.advance(conversationId, cursor, message);
    }
  }

  /**
   * Fetches (last, upTo] from history and delivers it in order. Seqs missing
   * from history are fetched again after short delays (a send can sit between
   * its SEQ and its write); then a missing seq below a present one is taken as
   * a failed send and passed over. With `acceptTail` (a newer message is
   * waiting) missing seqs at the end are passed over too.
   */
  private async fill(conversationId: ConversationId, cursor: ConversationCursor, upTo: number, acceptTail: boolean): Promise<void> {
    const after = cursor.last!;
    let range = await this.options.fetchRange(conversationId, after, upTo);
    for (const delay of this.options.holeRetryMs) {
      const present = new Set([...range.messages.map((m) => m.MsgSeq), ...range.placeholders]);
      if (present.size >= upTo - after) break;
      await sleep(delay);
      range = await this.options.fetchRange(conversationId, after, upTo);
    }
    // Live messages that arrived meanwhile fill in what history did not have yet.
    const bySeq = new Map<number, ImMessage | null>();
    for (const seq of range.placeholders) bySeq.set(seq, null);
    for (const m of range.messages) bySeq.set(m.MsgSeq, m);
    for (const [seq, m] of cursor.waiting) if (seq <= upTo && !bySeq.get(seq)) bySeq.set(seq, m);
    for (const seq of [...bySeq.keys()].sort((a, b) => a - b)) {
      if (seq <= cursor.last!) continue;
      cursor.waiting.delete(seq);
      const m = bySeq.get(seq);
      if (m) await this.advance(conversationId, cursor, m);
      else await this.store(conversationId, cursor, seq);
    }
    if (acceptTail && upTo > cursor.last!) await this.store(conversationId, cursor, upTo);
  }

  private async advance(conversationId: ConversationId, cursor: ConversationCursor, message: ImMessage): Promise<void> {
    // A closed client delivers nothing more: the app stopped listening, and a stored cursor moved past a message it
    // never saw would make the next client on the same storage skip it (found by the reconnect soak's re-logins).
    if (!this.options.active()) throw STOPPED;
    await this.store(conversationId, cursor, message.MsgSeq);
    this.options.deliver(message);
  }

  private async store(conversationId: ConversationId, cursor: ConversationCursor, seq: number): Promise<void> {
    if (!this.options.active()) throw STOPPED;
    cursor.last = seq;
    await this.options.storage.set(this.key(conversationId), String(seq));
  }
}
