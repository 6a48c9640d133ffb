import type { ImClient } from '../im-client.js';
import type { ConversationId, ServerEvents } from '../protocol.js';
import type { ImMessage } from '../message-sync.js';
import { EVENT } from './constants.js';
import type { ChatContext } from './context.js';
import { fromImMessage, type Message } from './message.js';
import { applyProfileItems, blankProfile } from './profile.js';

const seqOfKey = (msgKey: string) => Number(msgKey.split('_')[0]);

/**
 * Our server's events as Tencent's: recalls, edits, peer reads, conversation settings and profile changes. Each
 * updates the message objects already handed to the app (Tencent's SDK does so in place) before it is emitted.
 */
export function wireServerEvents(im: ImClient, ctx: ChatContext, ready: () => boolean): void {
  im.on('msg.recalled', (data) => {
    const d = data as ServerEvents['msg.recalled'] & { TopicId?: string; MsgSeq?: number; MsgKey?: string; Peer_Account?: string; GroupId?: string };
    const id = d.GroupId !== undefined ? `GROUP${d.TopicId ?? d.GroupId}` : `C2C${d.Peer_Account}`;
    const seq = d.GroupId !== undefined ? Number(d.MsgSeq) : seqOfKey(String(d.MsgKey));
    const message = ctx.store.bySequence(id, seq);
    ctx.book.changed();
    if (!message) return;
    message.isRevoked = true;
    message.revoker ||= message.from;
    message.revokerInfo = { ...message.revokerInfo, userID: message.revoker };
    if (ready()) ctx.emit(EVENT.MESSAGE_REVOKED, [message]);
  });

  im.on('message.modified', (data) => {
    const me = ctx.me();
    const raw = data as ServerEvents['message.modified'] & Partial<ImMessage> & { To_Account?: string; GroupId?: string; TopicId?: string };
    const group = raw.GroupId !== undefined;
    const peer = raw.From_Account === me ? raw.To_Account : raw.From_Account;
    const conversationID = (group ? `GROUP${raw.TopicId ?? raw.GroupId}` : `C2C${peer}`) as ConversationId;
    const m = {
      ...(raw as unknown as ImMessage), ConversationID: conversationID, Type: group ? 'Group' : 'C2C', ...(group ? {} : { Peer_Account: peer }),
      MsgFlagBits: Number(raw.MsgFlagBits ?? 0), IsSelf: raw.From_Account === me,
    } as ImMessage;
    const message = ctx.store.put(fromImMessage(m, me));
    if (ready()) ctx.emit(EVENT.MESSAGE_MODIFIED, [message]);
  });

  // The peer read up to MsgSeq: this user's messages up to it, as kept here, are now `isPeerRead`.
  const peerRead = (data: unknown) => {
    const { Peer_Account, MsgSeq, ReadTime } = data as ServerEvents['c2c.receipt'];
    const read: Message[] = ctx.store.filter(`C2C${Peer_Account}`, (m) => m.flow === 'out' && m.sequence > 0 && m.sequence <= MsgSeq && !m.isPeerRead);
    for (const m of read) { m.isPeerRead = true; m.readReceiptInfo = { ...m.readReceiptInfo, isPeerRead: true }; }
    if (read.length === 0 || !ready()) return;
    ctx.emit(EVENT.MESSAGE_READ_BY_PEER, read);
    // Those the app sent with `needReadReceipt` get Tencent's receipt event too.
    const asked = read.filter((m) => m.needReadReceipt);
    if (asked.length > 0) ctx.emit(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, asked.map((m) => ({ userID: Peer_Account, messageID: m.ID, isPeerRead: true, timestamp: ReadTime })));
  };
  im.on('c2c.receipt', peerRead);
  im.on('c2c.read', peerRead);

  im.on('conversation.changed', (data) => {
    for (const c of (data as ServerEvents['conversation.changed']).Conversations) {
      ctx.book.setExtras(c.ConversationID, { TopFlag: c.TopFlag, MarkList: c.MarkList, ConversationGroupList: c.ConversationGroupList, CustomData: c.CustomData });
    }
  });

  // Deleted on another device or by REST: our client has dropped it from its list already.
  im.on('conversation.deleted', () => ctx.book.changed());

  // Cleared here or on another device: our client has dropped its last message and unread already.
  im.on('conversation.cleared', (data) => {
    const { ConversationID, ClearedMsgSeq } = data as ServerEvents['conversation.cleared'];
    ctx.store.drop(ConversationID, ClearedMsgSeq);
    ctx.book.changed();
  });

  im.on('profile.changed', (data) => {
    const { From_Account, ProfileItem } = data as ServerEvents['profile.changed'];
    const profile = applyProfileItems(ctx.book.profiles.get(From_Account) ?? blankProfile(From_Account), ProfileItem);
    ctx.book.profiles.set(From_Account, profile);
    ctx.book.changed();
    if (ready()) ctx.emit(EVENT.PROFILE_UPDATED, [profile]);
  });
}
