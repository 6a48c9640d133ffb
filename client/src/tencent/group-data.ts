import type { ImMessage } from '../message-sync.js';
import type { GroupAttr, GroupCounter, PinnedGroupMessage, ServerEvents } from '../protocol.js';
import { EVENT } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { need } from './group-admin.js';
import { fromImMessage, type Message, type UserInfo } from './message.js';

/** Group attributes and counters (`group.attributes.*`, `group.counters.*`) and pinned group messages (`group.message.pin(s)`). */

type Attributes = Record<string, string>;
type Counters = Record<string, number>;

const toAttributes = (list: GroupAttr[] = []): Attributes => Object.fromEntries(list.map((a) => [a.key, a.value]));
const toCounters = (list: GroupCounter[] = []): Counters => Object.fromEntries(list.map((c) => [c.Key, c.Value]));
const pick = <T>(all: Record<string, T>, keys: unknown): Record<string, T> =>
  (Array.isArray(keys) && keys.length > 0 ? Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]!])) : all);

function attributeList(groupAttributes: unknown, api: string): GroupAttr[] {
  if (!groupAttributes || typeof groupAttributes !== 'object' || Array.isArray(groupAttributes)) {
    throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs groupAttributes`);
  }
  return Object.entries(groupAttributes as Record<string, unknown>).map(([key, value]) => ({ key, value: String(value) }));
}

/**
 * The last attribute set seen per group: GROUP_ATTRIBUTES_UPDATED fires when a call's reply or the server's event
 * (which the writer gets too) shows a set that differs from it, so one change makes one event.
 */
export class GroupAttributeCache {
  private readonly last = new Map<string, Attributes>();

  seen(ctx: ChatContext, groupID: string, now: Attributes, ready: boolean): void {
    const before = this.last.get(groupID);
    this.last.set(groupID, now);
    if (!ready || (before && JSON.stringify(before) === JSON.stringify(now))) return;
    const old = before ?? {};
    const updatedKeyList = Object.keys(now).filter((k) => old[k] !== now[k]);
    const deletedKeyList = Object.keys(old).filter((k) => !(k in now));
    if (before === undefined && updatedKeyList.length === 0) return;
    ctx.emit(EVENT.GROUP_ATTRIBUTES_UPDATED, { groupID, groupAttributes: now, updatedKeyList, deletedKeyList });
  }

  clear(): void {
    this.last.clear();
  }
}

export async function initGroupAttributes(ctx: ChatContext, cache: GroupAttributeCache, options: { groupID: string; groupAttributes: Attributes }) {
  need(options?.groupID, 'initGroupAttributes');
  const list = attributeList(options.groupAttributes, 'initGroupAttributes');
  const reply = await call(() => ctx.im().initGroupAttributes({ GroupId: options.groupID, GroupAttr: list }));
  cache.seen(ctx, options.groupID, toAttributes(reply.GroupAttrAry), true);
  return ok({ groupAttributes: toAttributes(list) });
}

export async function setGroupAttributes(ctx: ChatContext, cache: GroupAttributeCache, options: { groupID: string; groupAttributes: Attributes }) {
  need(options?.groupID, 'setGroupAttributes');
  const list = attributeList(options.groupAttributes, 'setGroupAttributes');
  if (list.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'setGroupAttributes needs groupAttributes');
  const reply = await call(() => ctx.im().setGroupAttributes({ GroupId: options.groupID, GroupAttr: list }));
  cache.seen(ctx, options.groupID, toAttributes(reply.GroupAttrAry), true);
  return ok({ groupAttributes: toAttributes(list) });
}

/** `keyList` empty: every attribute. Resolves the keys that were there and are gone. */
export async function deleteGroupAttributes(ctx: ChatContext, cache: GroupAttributeCache, options: { groupID: string; keyList: string[] }) {
  need(options?.groupID, 'deleteGroupAttributes');
  if (!Array.isArray(options.keyList)) throw new ChatError(CODE.INVALID_PARAMETERS, 'deleteGroupAttributes needs keyList');
  const before = toAttributes((await call(() => ctx.im().groupAttributes({ GroupId: options.groupID }))).GroupAttrAry);
  const reply = await call(() => ctx.im().deleteGroupAttributes({ GroupId: options.groupID, ...(options.keyList.length > 0 && { Keys: options.keyList }) }));
  const after = toAttributes(reply.GroupAttrAry);
  cache.seen(ctx, options.groupID, after, true);
  return ok({ keyList: Object.keys(before).filter((k) => !(k in after)) });
}

/** `keyList` empty: every attribute. */
export async function getGroupAttributes(ctx: ChatContext, cache: GroupAttributeCache, options: { groupID: string; keyList?: string[] }) {
  need(options?.groupID, 'getGroupAttributes');
  const reply = await call(() => ctx.im().groupAttributes({ GroupId: options.groupID }));
  const all = toAttributes(reply.GroupAttrAry);
  cache.seen(ctx, options.groupID, all, false);
  return ok({ groupAttributes: pick(all, options.keyList) });
}

export async function setGroupCounters(ctx: ChatContext, options: { groupID: string; counters: Counters }) {
  need(options?.groupID, 'setGroupCounters');
  const c = options.counters;
  if (!c || typeof c !== 'object' || Object.keys(c).length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, 'setGroupCounters needs counters');
  const list = Object.entries(c).map(([Key, Value]) => ({ Key, Value: Number(Value) }));
  const reply = await call(() => ctx.im().setGroupCounters({ GroupId: options.groupID, GroupCounter: list }));
  return ok({ counters: toCounters(reply.GroupCounter) });
}

async function step(ctx: ChatContext, api: 'increaseGroupCounter' | 'decreaseGroupCounter', options: { groupID: string; key: string; value: number }) {
  need(options?.groupID, api, { key: options?.key });
  if (!Number.isSafeInteger(options.value)) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs value, an integer`);
  const reply = await call(() => ctx.im()[api]({ GroupId: options.groupID, Key: options.key, Value: options.value }));
  const counters = toCounters(reply.GroupCounter);
  return ok({ groupID: options.groupID, key: options.key, value: counters[options.key] ?? 0, counters });
}

/** Resolve `{ groupID, key, value }` (the new value) as Tencent's docs show, and `counters` as its SDK also returns. */
export const increaseGroupCounter = (ctx: ChatContext, options: { groupID: string; key: string; value: number }) => step(ctx, 'increaseGroupCounter', options);
export const decreaseGroupCounter = (ctx: ChatContext, options: { groupID: string; key: string; value: number }) => step(ctx, 'decreaseGroupCounter', options);

export async function getGroupCounters(ctx: ChatContext, options: { groupID: string; keyList?: string[] }) {
  need(options?.groupID, 'getGroupCounters');
  const keys = Array.isArray(options.keyList) && options.keyList.length > 0 ? options.keyList : undefined;
  const reply = await call(() => ctx.im().groupCounters({ GroupId: options.groupID, ...(keys && { Keys: keys }) }));
  return ok({ counters: toCounters(reply.GroupCounter) });
}

// ---- pinned group messages ----

/** A `group.message`-shaped item (pins, the pin event) as a Tencent `Message`, kept with the others. */
function groupMessage(ctx: ChatContext, m: PinnedGroupMessage | ServerEvents['group.message.pinned']['Message'] & object): Message {
  const me = ctx.me();
  const im = {
    ...(m as unknown as ImMessage), ConversationID: `GROUP${m.TopicId ?? m.GroupId}`, Type: 'Group', MsgFlagBits: Number(m.MsgFlagBits ?? 0),
    IsSelf: m.From_Account === me,
  } as ImMessage;
  return ctx.store.put(fromImMessage(im, me));
}

/** `{ userID, nick, avatar }` of each (nick and avatar empty when the profile cannot be read). */
async function userInfo(ctx: ChatContext, userIDs: string[]): Promise<Map<string, UserInfo>> {
  const ids = [...new Set(userIDs)];
  const profiles = await ctx.book.loadProfiles(ids).catch(() => []);
  return new Map(ids.map((userID) => {
    const p = profiles.find((q) => q.userID === userID);
    return [userID, { userID, nick: p?.nick ?? '', avatar: p?.avatar ?? '' }];
  }));
}

/** `message` must be a sent group message (it has a sequence). Owners and admins (10007 otherwise), at most 10 per group (10070). */
export async function pinGroupMessage(ctx: ChatContext, options: { groupID: string; message: Message; isPinned: boolean }) {
  need(options?.groupID, 'pinGroupMessage');
  const seq = options.message?.sequence;
  if (!Number.isInteger(seq) || seq <= 0) throw new ChatError(CODE.MESSAGE_REQUIRED, 'pinGroupMessage needs a sent message');
  await call(() => ctx.im().pinGroupMessage({ GroupId: options.groupID, MsgSeq: seq, IsPinned: options.isPinned ? 1 : 0 }));
  return ok({});
}

/** The most recently pinned first, each with `pinnerInfo`. */
export async function getPinnedGroupMessageList(ctx: ChatContext, groupID: string) {
  need(groupID, 'getPinnedGroupMessageList');
  const reply = await call(() => ctx.im().getPinnedGroupMessageList({ GroupId: groupID }));
  const pins = reply.PinnedMessages ?? [];
  const pinners = await userInfo(ctx, pins.map((p) => p.Pinner_Account));
  const messageList = pins.map((p) => Object.assign(groupMessage(ctx, p), { pinnerInfo: pinners.get(p.Pinner_Account) }));
  return ok({ messageList });
}

/** The server's `group.message.pinned` as PINNED_GROUP_MESSAGE_UPDATED `{ groupID, message, isPinned, operatorInfo }`. */
export async function onMessagePinned(ctx: ChatContext, data: ServerEvents['group.message.pinned'], ready: () => boolean): Promise<void> {
  const d = data as ServerEvents['group.message.pinned'] & { TopicId?: string };
  const groupID = d.TopicId ?? d.GroupId;
  const operatorInfo = (await userInfo(ctx, [d.Operator_Account])).get(d.Operator_Account);
  const message = d.Message ? groupMessage(ctx, d.Message) : ctx.store.bySequence(`GROUP${groupID}`, d.MsgSeq) ?? { sequence: d.MsgSeq };
  if (d.IsPinned === 1) Object.assign(message, { pinnerInfo: operatorInfo });
  if (ready()) ctx.emit(EVENT.PINNED_GROUP_MESSAGE_UPDATED, { groupID, message, isPinned: d.IsPinned === 1, operatorInfo });
}
