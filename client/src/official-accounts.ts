/**
 * Official accounts for subscribers and owners (docs/websocket.md, "Official accounts"): `im.official.subscribe(id)`,
 * `im.official.list()`, `im.official.history(id)`, `im.official.on('message', ...)`. The conversations it reports use
 * Tencent's conversation id for an official account, `C2C<Official_Account>` (native SDKs: `c2c_<id>`). After each
 * (re)connect the client hands it the `Type: 'Official'` rows of `conversation.list`; it fetches every broadcast newer
 * than the last one it reported, so a client that was offline misses nothing.
 */
import type * as z from 'zod/mini';
import type * as official from '../../functions/official/schemas.js';
import type * as officialPrivate from '../../functions/official/private-schemas.js';
import type { OfficialConversationItem } from '../../functions/official/official-conversations.js';
import type { historyPage, markRead } from '../../functions/official/history.js';
import { Emitter } from './emitter.js';
import type { MsgElement } from './elements.js';

type Reply<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type OfficialConversation = OfficialConversationItem;
export interface OfficialMessage {
  Official_Account: string; From_Account: string; MsgKey: string; MsgSeq: number; MsgRandom: number; MsgTimeStamp: number;
  MsgBody: MsgElement[]; CloudCustomData?: string; Nick?: string; FaceUrl?: string; OnlineOnlyFlag?: 1;
}
export type OfficialHistoryReply = Reply<typeof historyPage>;
export type OfficialReadReply = Reply<typeof markRead>;
export type OfficialSubscribeInput = z.input<typeof official.wsSubscribeInput>;
export type OfficialSendInput = Omit<z.input<typeof official.wsSendInput>, 'MsgBody'> & { MsgBody: MsgElement[] };
export type OfficialPrivateInput = Omit<z.input<typeof officialPrivate.wsPrivateInput>, 'MsgBody'> & { MsgBody: MsgElement[] };

export interface OfficialEvents extends Record<string, unknown[]> {
  /** A broadcast (live, or caught up after a reconnect), once per MsgSeq. */
  message: [OfficialMessage];
  recalled: [{ Official_Account: string; MsgKey: string; MsgSeq: number }];
  /** The account's profile changed (Tencent's onOfficialAccountInfoChanged). */
  changed: [Record<string, unknown> & { Official_Account: string }];
  /** The account was destroyed (onOfficialAccountDeleted). */
  deleted: [{ Official_Account: string }];
  /** To the owner: a subscriber's private message to the account. */
  private: [Record<string, unknown> & { Official_Account: string; From_Account: string }];
  conversation: [OfficialConversation];
}

type Call = <T>(action: string, data: Record<string, unknown>) => Promise<T>;

export class OfficialAccounts extends Emitter<OfficialEvents> {
  /** The highest MsgSeq reported per account (live or caught up): resync fetches what lies above it. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly call: Call) { super(); }

  subscribe(input: OfficialSubscribeInput) { return this.call<{ Official_Account: string; SubscribeTime: number; MsgFlag: string }>('official.subscribe', input); }
  unsubscribe(officialAccount: string) { return this.call<{ Official_Account: string }>('official.unsubscribe', { Official_Account: officialAccount }); }
  /** Every subscribed account with its unread count and last broadcast. */
  async list(): Promise<OfficialConversation[]> { return (await this.call<{ OfficialAccounts: OfficialConversation[] }>('official.list', {})).OfficialAccounts; }
  history(officialAccount: string, lastMsgKey?: string, count?: number) {
    return this.call<OfficialHistoryReply>('official.history', { Official_Account: officialAccount, ...(lastMsgKey && { LastMsgKey: lastMsgKey }), ...(count && { ReqMsgNumber: count }) });
  }
  markRead(officialAccount: string, msgSeq?: number) { return this.call<OfficialReadReply>('official.read', { Official_Account: officialAccount, ...(msgSeq && { MsgSeq: msgSeq }) }); }
  /** The owner broadcasts (anyone else: 10007). */
  send(input: OfficialSendInput) { return this.call<{ MsgTime: number; MsgKey: string }>('official.send', input); }
  /** A subscriber writes to the account; the owner answers one subscriber with `To_Account`. */
  sendPrivate(input: OfficialPrivateInput) { return this.call<{ MsgSeq: number; MsgTime: number; MsgKey: string }>('official.message', input); }

  /** Server events `official.*` (the client routes them here). */
  onEvent(event: string, data: Record<string, unknown>): void {
    if (event === 'official.message') this.offer(data as unknown as OfficialMessage);
    else if (event === 'official.messages') {
      const batch = data as { Official_Account: string; Messages: OfficialMessage[] };
      for (const m of batch.Messages) this.offer({ ...m, Official_Account: m.Official_Account ?? batch.Official_Account });
    } else if (event === 'official.recalled') this.emit('recalled', data as OfficialEvents['recalled'][0]);
    else if (event === 'official.changed') this.emit('changed', data as OfficialEvents['changed'][0]);
    else if (event === 'official.deleted') this.emit('deleted', data as OfficialEvents['deleted'][0]);
    else if (event === 'official.private') this.emit('private', data as OfficialEvents['private'][0]);
  }

  /** After a (re)connect: each conversation is reported, and broadcasts above the last seen one are fetched (newest pages first). */
  async resync(conversations: readonly OfficialConversation[]): Promise<void> {
    for (const conv of conversations) {
      this.emit('conversation', conv);
      const seen = this.seen.get(conv.Official_Account);
      // First sight: the list's last message is the starting point (history is there on demand).
      if (seen === undefined) { this.seen.set(conv.Official_Account, conv.LastMsgSeq); continue; }
      const missed: OfficialMessage[] = [];
      let key: string | undefined;
      for (let page = 0; page < 50 && conv.LastMsgSeq > seen; page++) {
        const reply = await this.history(conv.Official_Account, key);
        const items = reply.RspMsgList as unknown as Array<OfficialMessage & { IsPlaceMsg: number }>;
        missed.push(...items.filter((m) => m.MsgSeq > seen && m.IsPlaceMsg === 0).map((m) => ({ ...m, Official_Account: conv.Official_Account })));
        if (reply.IsFinished === 1 || items.length === 0 || items[items.length - 1]!.MsgSeq <= seen + 1) break;
        key = reply.LastMsgKey;
      }
      for (const m of missed.sort((a, b) => a.MsgSeq - b.MsgSeq)) this.offer(m);
    }
  }

  private offer(m: OfficialMessage): void {
    if (m.MsgSeq > 0 && m.MsgSeq <= (this.seen.get(m.Official_Account) ?? 0)) return;
    if (m.MsgSeq > 0) this.seen.set(m.Official_Account, m.MsgSeq);
    this.emit('message', m);
  }
}
