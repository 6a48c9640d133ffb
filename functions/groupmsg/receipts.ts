import { ImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToConnections } from '../connections/deliver.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import type { GroupCounters, GroupMessage } from './groupmsg-store.js';
import { countersOr10010, ordinaryGroupsOnly } from './read-state.js';

export type ReceiptServices = Pick<ServiceCatalog, 'clock' | 'groupMessages' | 'connections' | 'gateway' | 'webhooks'>;

export const AFTER_READ_RECEIPT = 'Group.CallbackAfterReadReceipt';

/** One message's answer, as get_group_msg_receipt's `GroupMsgReceiptList` items: a Code per message, counts when it is 0. */
export interface ReceiptItem {
  Code: number;
  MsgSeq: number;
  ReadNum: number;
  UnreadNum: number;
}

/** Tencent's group read receipts are for ordinary groups only ("Community group and AVChatRoom do not support this feature"). */
const refuseUnsupported = (group: GroupCounters) => ordinaryGroupsOnly(group, 'read receipts');

/** A message with read receipt information: stored, not expired, recalled, deleted or cleared, not a tip, sent with NeedReadReceipt. */
const hasReceipts = (m: GroupMessage | undefined, group: GroupCounters, nowS: number): m is GroupMessage =>
  m !== undefined && m.needReceipt === true && m.expiresAt > nowS && !m.recalled && !m.deleted && !m.tip && m.seq > group.clearedSeq;

/**
 * UnreadNum = the members at send time who are not the sender (stored on the message) − ReadNum. Messages stored before
 * that count was kept use the group's MemberNum now, less one for the sender.
 */
const unreadOf = (m: GroupMessage, group: GroupCounters) => Math.max(0, (m.receiptBase ?? Math.max(0, group.memberNum - 1)) - (m.readNum ?? 0));

const answer = (seq: number, code: number, m?: GroupMessage, group?: GroupCounters): ReceiptItem =>
  ({ Code: code, MsgSeq: seq, ReadNum: m && code === 0 ? m.readNum ?? 0 : 0, UnreadNum: m && group && code === 0 ? unreadOf(m, group) : 0 });

const distinct = (seqs: readonly number[]) => [...new Set(seqs)];

export interface GroupReceiptRequest {
  groupId: string;
  /** The member who read the messages: the WebSocket caller, or REST's `From_Account`. */
  reader: string;
  seqs: readonly number[];
  meta: CallbackMeta;
}

/**
 * Read receipts of one member (`msg.receipt.send` with GroupId, `group_msg_receipt`): per message a conditional PutItem
 * of the reader's item and, only when it is new, `ADD readNum 1` on the message, so a repeat changes nothing and
 * concurrent readers never lose a count. Members only (10007); a Code per message: 10062 no receipt information (not
 * stored, expired, recalled, deleted, cleared, a tip, or sent without NeedReadReceipt), 10007 the reader's own
 * message or one sent before it joined. The senders' connections get `message.receipt` per newly read message;
 * `Group.CallbackAfterReadReceipt` fires once for them.
 */
export async function sendGroupReceipts(services: ReceiptServices, req: GroupReceiptRequest): Promise<{ GroupId: string; GroupMsgReceiptList: ReceiptItem[] }> {
  const group = await countersOr10010(services, req.groupId);
  refuseUnsupported(group);
  const member = (await services.groupMessages.standing(req.groupId, req.reader, false)).member;
  if (!member) throw new ImError(GroupMsgCode.NoPermission, `${req.reader} is not a member of group ${req.groupId}`);
  const nowS = Math.floor(services.clock() / 1000);
  const seqs = distinct(req.seqs);
  const messages = new Map((await services.groupMessages.getMessages(req.groupId, seqs)).map((m) => [m.seq, m]));
  const results = await Promise.all(seqs.map(async (seq): Promise<{ item: ReceiptItem; counted?: GroupMessage }> => {
    const m = messages.get(seq);
    if (!hasReceipts(m, group, nowS)) return { item: answer(seq, GroupMsgCode.ReceiptNotFound) };
    if (m.from === req.reader || member.joinSeq >= seq) return { item: answer(seq, GroupMsgCode.NoPermission) };
    const outcome = await services.groupMessages.recordReceipt(req.groupId, seq, req.reader, nowS, m.expiresAt);
    if (outcome.outcome === 'gone') return { item: answer(seq, GroupMsgCode.ReceiptNotFound) };
    if (outcome.outcome === 'repeat') return { item: answer(seq, 0, m, group) };
    const counted = { ...m, readNum: outcome.readNum };
    return { item: answer(seq, 0, counted, group), counted };
  }));
  const counted = results.flatMap((r) => (r.counted ? [{ message: r.counted, item: r.item }] : []));
  if (counted.length > 0) {
    await announce(services, req, counted);
    await services.webhooks.after(AFTER_READ_RECEIPT, {
      GroupId: req.groupId, Type: group.type,
      GroupMsgReceiptList: counted.map(({ item }) => ({
        MsgSeq: item.MsgSeq, ReadNum: item.ReadNum, UnreadNum: item.UnreadNum, ReadReceiptMembers: [{ Member_Account: req.reader }],
      })),
      EventTime: services.clock(),
    }, req.meta);
  }
  return { GroupId: req.groupId, GroupMsgReceiptList: results.map((r) => r.item) };
}

/** `message.receipt` per newly read message to its sender's connections: one connection lookup per sender. */
async function announce(services: ReceiptServices, req: GroupReceiptRequest, counted: ReadonlyArray<{ message: GroupMessage; item: ReceiptItem }>) {
  const bySender = new Map<string, ReceiptItem[]>();
  for (const { message, item } of counted) bySender.set(message.from, [...(bySender.get(message.from) ?? []), item]);
  const jobs = [...bySender].map(async ([sender, items]) => {
    const connections = await services.connections.listByUser(sender, services.clock());
    if (connections.length === 0) return;
    await Promise.all(items.map((item) => deliverToConnections(services, connections, eventFrame('message.receipt', {
      GroupId: req.groupId, MsgSeq: item.MsgSeq, ReadNum: item.ReadNum, UnreadNum: item.UnreadNum, Reader_Account: req.reader,
    }))));
  });
  for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') logger.error('message.receipt delivery failed', { error: r.reason });
}

export interface ReceiptReader {
  groupId: string;
  /** The caller: a member (its own messages, or any as owner or admin), or the app admin. */
  actor: string;
  appAdmin: boolean;
}

/** The caller's role for reading receipts: the app admin, or a member's role (10007 for others). */
async function readerRole(services: ReceiptServices, req: ReceiptReader): Promise<string> {
  if (req.appAdmin) return 'AppAdmin';
  const member = (await services.groupMessages.standing(req.groupId, req.actor, false)).member;
  if (!member) throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${req.groupId}`);
  return member.role;
}

const seesAll = (role: string) => role === 'Owner' || role === 'Admin' || role === 'AppAdmin';

/**
 * ReadNum and UnreadNum per message (`msg.receipt.get` with GroupId, `get_group_msg_receipt`): one BatchGetItem of the
 * messages, whose items carry both. Codes per message: 10062 no receipt information, 10007 (WebSocket) a message of
 * someone else to a member who is neither owner nor admin.
 */
export async function groupReceiptCounts(services: ReceiptServices, req: ReceiptReader & { seqs: readonly number[] }) {
  const group = await countersOr10010(services, req.groupId);
  refuseUnsupported(group);
  const role = await readerRole(services, req);
  const nowS = Math.floor(services.clock() / 1000);
  const seqs = distinct(req.seqs);
  const messages = new Map((await services.groupMessages.getMessages(req.groupId, seqs)).map((m) => [m.seq, m]));
  return {
    GroupId: req.groupId,
    GroupMsgReceiptList: seqs.map((seq) => {
      const m = messages.get(seq);
      if (!hasReceipts(m, group, nowS)) return answer(seq, GroupMsgCode.ReceiptNotFound);
      if (!seesAll(role) && m.from !== req.actor) return answer(seq, GroupMsgCode.NoPermission);
      return answer(seq, 0, m, group);
    }),
  };
}

export interface DetailRequest extends ReceiptReader {
  seq: number;
  /** 0 the members who read it, 1 those who did not. */
  filter: 0 | 1;
  /** `""` (or absent) for the first page; then the previous page's `Cursor`. */
  cursor?: string;
  count: number;
}

/** Member pages an unread page reads at most before it answers what it found (`IsFinished` 0, the caller goes on). */
const UNREAD_SCAN_PAGES = 10;
/** Members per Query of an unread page: at least this many, so a page of mostly readers is not read a few at a time. */
const UNREAD_SCAN_MIN = 100;

/**
 * Who read a message (`Filter` 0: a Query of its reader items after the cursor) or did not (`Filter` 1: the member list
 * in pages after the cursor, less the sender, members who joined after the message, and the readers among each page's
 * members, read with one Query of the reader items between the page's first and last UserID), both in UserID order.
 * The sender, owners and admins, and the app admin; 10062 for a message without receipt information.
 */
export async function groupReceiptDetail(services: ReceiptServices, req: DetailRequest) {
  const group = await countersOr10010(services, req.groupId);
  refuseUnsupported(group);
  const role = await readerRole(services, req);
  const nowS = Math.floor(services.clock() / 1000);
  const [m] = await services.groupMessages.getMessages(req.groupId, [req.seq]);
  if (!hasReceipts(m, group, nowS)) {
    throw new ImError(GroupMsgCode.ReceiptNotFound, `message ${req.seq} of group ${req.groupId} has no read receipt information (not stored, expired, recalled, or sent without NeedReadReceipt)`);
  }
  if (!seesAll(role) && m.from !== req.actor) throw new ImError(GroupMsgCode.NoPermission, 'only the sender, the group owner and admins may see who read a message');
  const cursor = req.cursor === '' ? undefined : req.cursor;
  if (req.filter === 0) {
    const page = await services.groupMessages.readers(req.groupId, req.seq, cursor, req.count);
    const last = page.userIds[page.userIds.length - 1];
    return { IsFinished: page.more ? 0 : 1, MsgSeq: req.seq, ReadList: page.userIds.map((u) => ({ Read_Account: u })), Cursor: page.more && last ? last : '' };
  }
  const page = await unreadPage(services, m, cursor, req.count);
  return { IsFinished: page.finished ? 1 : 0, MsgSeq: req.seq, UnreadList: page.userIds.map((u) => ({ Unread_Account: u })), Cursor: page.finished ? '' : page.cursor };
}

async function unreadPage(services: ReceiptServices, m: GroupMessage, after: string | undefined, count: number) {
  const userIds: string[] = [];
  let start = after;
  for (let i = 0; i < UNREAD_SCAN_PAGES; i++) {
    const { members, next } = await services.groupMessages.memberPage(m.groupId, start, Math.max(count - userIds.length, Math.min(count, UNREAD_SCAN_MIN)));
    if (members.length === 0) return { finished: true, userIds, cursor: '' };
    const readers = await services.groupMessages.readersBetween(m.groupId, m.seq, members[0]!.userId, members[members.length - 1]!.userId);
    for (const [index, member] of members.entries()) {
      if (member.userId === m.from || (member.joinSeq ?? 0) >= m.seq || readers.has(member.userId)) continue;
      userIds.push(member.userId);
      if (userIds.length === count) return { finished: index === members.length - 1 && next === undefined, userIds, cursor: member.userId };
    }
    if (next === undefined) return { finished: true, userIds, cursor: '' };
    start = members[members.length - 1]!.userId;
  }
  return { finished: false, userIds, cursor: start ?? '' };
}
