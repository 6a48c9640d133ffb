import { ImError } from '../shared/errors.js';
import { deliverGroupEvent } from '../groupmsg/online-index.js';
import { COUNTER_LIMITS, GroupAttrCode } from './group-attr-codes.js';
import { groupForMember, refuseCommunity, type GroupAttrContext } from './group-attr-context.js';
import type { CounterMode } from './group-attr-store.js';

/** Tencent's counter entry. */
export interface GroupCounter {
  Key: string;
  Value: number;
}

const asList = (values: Record<string, number>, keys: readonly string[] = Object.keys(values)): GroupCounter[] =>
  keys.filter((k) => values[k] !== undefined).map((Key) => ({ Key, Value: values[Key]! }));

/** `get_group_counter` / `group.counters.get`: the named counters (those that exist), or all. */
export async function getCounters(ctx: GroupAttrContext, groupId: string, keys?: readonly string[]): Promise<{ GroupCounter: GroupCounter[] }> {
  const group = await groupForMember(ctx, groupId);
  refuseCommunity(group, 'group counters');
  const values = await ctx.services.groupAttributes.getCounters(groupId);
  return { GroupCounter: asList(values, keys && keys.length > 0 ? keys : undefined) };
}

/**
 * `update_group_counter` / `group.counters.set|increase|decrease`: one atomic UpdateItem (concurrent
 * increments never lose an update). Online members get `group.counters.changed` with the new values.
 */
export async function updateCounters(ctx: GroupAttrContext, groupId: string, mode: CounterMode, counters: readonly GroupCounter[]): Promise<{ GroupCounter: GroupCounter[] }> {
  const group = await groupForMember(ctx, groupId);
  refuseCommunity(group, 'group counters');
  const values: Record<string, number> = {};
  for (const c of counters) {
    if (c.Key in values) throw new ImError(GroupAttrCode.InvalidParam, `GroupCounter names Key "${c.Key}" twice`);
    values[c.Key] = c.Value;
  }
  const outcome = await ctx.services.groupAttributes.updateCounters(groupId, mode, values, COUNTER_LIMITS.keys);
  if (outcome.kind === 'tooManyKeys') {
    throw new ImError(GroupAttrCode.InvalidParam, `a group holds at most ${COUNTER_LIMITS.keys} counters; it has ${outcome.existing.length} and this update adds ${Object.keys(values).filter((k) => !outcome.existing.includes(k)).length}`);
  }
  if (outcome.kind === 'outOfRange') {
    throw new ImError(GroupAttrCode.InvalidParam, `counter "${outcome.key}" would leave the range ${COUNTER_LIMITS.minValue} to ${COUNTER_LIMITS.maxValue}; nothing was changed`);
  }
  const list = asList(outcome.values, Object.keys(values));
  await deliverGroupEvent(ctx.services, groupId, group.type, 'group.counters.changed', { GroupId: groupId, GroupCounter: list, Operator_Account: ctx.actor.id });
  return { GroupCounter: list };
}

/** `delete_group_counter`: the named counters, or all of them; online members learn which keys went. */
export async function deleteCounters(ctx: GroupAttrContext, groupId: string, keys?: readonly string[]): Promise<Record<string, never>> {
  const group = await groupForMember(ctx, groupId);
  refuseCommunity(group, 'group counters');
  const existing = await ctx.services.groupAttributes.getCounters(groupId);
  // A key named twice is one key (one UpdateExpression may not name a path twice).
  const gone = [...new Set(keys && keys.length > 0 ? keys : Object.keys(existing))].filter((k) => existing[k] !== undefined);
  if (gone.length === 0) return {};
  await ctx.services.groupAttributes.deleteCounters(groupId, keys && keys.length > 0 ? gone : undefined);
  await deliverGroupEvent(ctx.services, groupId, group.type, 'group.counters.changed', { GroupId: groupId, GroupCounter: [], DeletedKeys: gone, Operator_Account: ctx.actor.id });
  return {};
}
