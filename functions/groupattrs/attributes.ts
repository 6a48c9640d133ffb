import { ImError } from '../shared/errors.js';
import { utf8Bytes } from '../shared/validation.js';
import { deliverGroupEvent } from '../groupmsg/online-index.js';
import { ATTR_LIMITS, GroupAttrCode } from './group-attr-codes.js';
import { groupForMember, type GroupAttrContext } from './group-attr-context.js';
import type { AttributeSnapshot } from './group-attr-store.js';

/** Tencent's attribute entry (lower-case names, unlike most of the REST API). */
export interface GroupAttr {
  key: string;
  value: string;
}

export type AttributeChange =
  | { kind: 'replace'; attrs: readonly GroupAttr[] }
  | { kind: 'merge'; attrs: readonly GroupAttr[] }
  | { kind: 'delete'; keys: readonly string[] }
  | { kind: 'clear' };

/** `OptionType` of Group.CallbackAfterGroupAttrChanged (doocs/qcloud-im-server-sdk-java AfterGroupAttrChangedCallback). */
const OPTION_TYPE = { replace: 'set', merge: 'modify', delete: 'delete', clear: 'clear' } as const;

/** The attributes the change touched, as the callback reports them (removed ones with the value they had). */
const touched = (before: Record<string, string>, change: AttributeChange): GroupAttr[] => {
  switch (change.kind) {
    case 'replace': case 'merge': return [...change.attrs];
    case 'delete': return change.keys.filter((k) => k in before).map((key) => ({ key, value: before[key]! }));
    case 'clear': return asList(before);
  }
};

const ATTEMPTS = 10;
/** Jittered pause before a retry, so writers that collided do not collide again in lockstep. */
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));

const asList = (attrs: Record<string, string>): GroupAttr[] => Object.entries(attrs).map(([key, value]) => ({ key, value }));

/** The attributes after `change`, or Tencent's code for the limit it passes. */
function apply(current: Record<string, string>, change: AttributeChange): Record<string, string> {
  switch (change.kind) {
    case 'clear': return {};
    case 'delete': return Object.fromEntries(Object.entries(current).filter(([k]) => !change.keys.includes(k)));
    case 'replace': return Object.fromEntries(change.attrs.map((a) => [a.key, a.value]));
    case 'merge': return { ...current, ...Object.fromEntries(change.attrs.map((a) => [a.key, a.value])) };
  }
}

function checkLimits(attrs: Record<string, string>): void {
  const keys = Object.keys(attrs);
  if (keys.length > ATTR_LIMITS.keys) {
    throw new ImError(GroupAttrCode.TooManyKeys, `a group holds at most ${ATTR_LIMITS.keys} attributes; this change would leave ${keys.length}`);
  }
  const total = keys.reduce((n, k) => n + utf8Bytes(k) + utf8Bytes(attrs[k]!), 0);
  if (total > ATTR_LIMITS.totalBytes) {
    throw new ImError(GroupAttrCode.TotalTooLarge, `a group's attributes hold at most ${ATTR_LIMITS.totalBytes} bytes of keys and values; this change would leave ${total}`);
  }
}

/** `get_group_attr` / `group.attributes.get`. */
export async function getAttributes(ctx: GroupAttrContext, groupId: string): Promise<{ GroupAttrAry: GroupAttr[] }> {
  await groupForMember(ctx, groupId);
  const { attrs } = await ctx.services.groupAttributes.getAttributes(groupId);
  return { GroupAttrAry: asList(attrs) };
}

/**
 * Every attribute write: read, apply, check the limits, write under the version read (concurrent writers
 * retry on the newer state, so no change is lost). A user's writes count toward the group's per-second limit.
 * The group's online members get `group.attributes.changed` with the whole new set.
 */
export async function changeAttributes(ctx: GroupAttrContext, groupId: string, change: AttributeChange): Promise<GroupAttr[]> {
  const group = await groupForMember(ctx, groupId);
  const store = ctx.services.groupAttributes;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const snapshot: AttributeSnapshot = await store.getAttributes(groupId);
    const second = Math.floor(ctx.services.clock() / 1000);
    if (!ctx.actor.appAdmin && snapshot.rateSecond === second && snapshot.rateCount >= ATTR_LIMITS.userWritesPerSecond) {
      throw new ImError(GroupAttrCode.TooFrequent, `group ${groupId}'s attributes take at most ${ATTR_LIMITS.userWritesPerSecond} changes a second from users; retry in a second`);
    }
    const next = apply(snapshot.attrs, change);
    checkLimits(next);
    const written = await store.putAttributes(groupId, snapshot, next, ctx.actor.appAdmin ? undefined : { second });
    if (written.kind === 'written') {
      const list = asList(next);
      await deliverGroupEvent(ctx.services, groupId, group.type, 'group.attributes.changed', { GroupId: groupId, GroupAttrAry: list, Operator_Account: ctx.actor.id });
      const command = 'Group.CallbackAfterGroupAttrChanged';
      await ctx.services.webhooks.after(command, {
        GroupId: groupId, Type: group.type, Operator_Account: ctx.actor.id, OptionType: OPTION_TYPE[change.kind],
        GroupAttr: touched(snapshot.attrs, change), EventTime: ctx.services.clock(),
      }, ctx.callback(command));
      return list;
    }
  }
  throw new ImError(GroupAttrCode.Busy, `group ${groupId}'s attributes are being changed by others; retry`);
}
