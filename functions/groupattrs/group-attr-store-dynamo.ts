import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionFailureItem, isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { groupPk } from '../groups/group-keys.js';
import { COUNTER_LIMITS } from './group-attr-codes.js';
import type { AttributeSnapshot, AttributeWrite, CounterMode, CounterUpdate, GroupAttributeStore } from './group-attr-store.js';

type Item = Record<string, unknown>;
const attrKey = (groupId: string) => ({ pk: groupPk(groupId), sk: 'ATTR' });
const counterKey = (groupId: string) => ({ pk: groupPk(groupId), sk: 'COUNTER' });
/** One top-level attribute per counter, so an increment is a plain `ADD` on it. */
const COUNTER_PREFIX = 'c:';
const counterName = (key: string) => `${COUNTER_PREFIX}${key}`;
/** The counters' keys, sorted: a string set has no order, and replies should not change order from call to call. */
const keysOf = (item: Item | undefined): string[] => (item?.keys instanceof Set ? [...(item.keys as Set<string>)].sort() : []);

const countersOf = (item: Item | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const key of keysOf(item)) {
    const value = item![counterName(key)];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
};

/**
 * Attributes: one item `ATTR` (a map, its version and the user-write rate of the current second), written
 * whole under a version condition. Counters: one item `COUNTER`, a number attribute per counter and the
 * string set `keys`; every update is one UpdateItem whose condition holds the key limit.
 */
export class DynamoGroupAttributeStore implements GroupAttributeStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getAttributes(groupId: string): Promise<AttributeSnapshot> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: attrKey(groupId), ConsistentRead: true }));
    const item = out.Item ?? {};
    return {
      attrs: (item.attrs as Record<string, string> | undefined) ?? {},
      version: typeof item.ver === 'number' ? item.ver : 0,
      rateSecond: typeof item.rateSecond === 'number' ? item.rateSecond : 0,
      rateCount: typeof item.rateCount === 'number' ? item.rateCount : 0,
    };
  }

  async putAttributes(groupId: string, snapshot: AttributeSnapshot, attrs: Record<string, string>, rate?: { second: number }): Promise<AttributeWrite> {
    const rateFields = rate
      ? { rateSecond: rate.second, rateCount: rate.second === snapshot.rateSecond ? snapshot.rateCount + 1 : 1 }
      : { rateSecond: snapshot.rateSecond, rateCount: snapshot.rateCount };
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...attrKey(groupId), attrs, ver: snapshot.version + 1, ...rateFields },
        ConditionExpression: snapshot.version === 0 ? 'attribute_not_exists(ver)' : 'ver = :v',
        ...(snapshot.version !== 0 && { ExpressionAttributeValues: { ':v': snapshot.version } }),
      }));
      return { kind: 'written' };
    } catch (e) {
      if (isConditionFailure(e)) return { kind: 'conflict' };
      throw e;
    }
  }

  async getCounters(groupId: string): Promise<Record<string, number>> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: counterKey(groupId), ConsistentRead: true }));
    return countersOf(out.Item);
  }

  async updateCounters(groupId: string, mode: CounterMode, values: Readonly<Record<string, number>>, maxKeys: number): Promise<CounterUpdate> {
    const keys = Object.keys(values);
    // First as if every key existed (the hot path: one write, no read); a failed condition returns the item,
    // which says which keys are new, and the second attempt counts them against the limit.
    let known: string[] | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      const existing = new Set(known ?? keys);
      const fresh = keys.filter((k) => !existing.has(k));
      if (known && known.length + fresh.length > maxKeys) return { kind: 'tooManyKeys', existing: known };
      const names: Record<string, string> = { '#keys': 'keys' };
      const vals: Record<string, unknown> = {};
      const conditions: string[] = [];
      const sets: string[] = [];
      const adds: string[] = [];
      keys.forEach((key, i) => {
        names[`#c${i}`] = counterName(key);
        const delta = mode === 'Decrease' ? -values[key]! : values[key]!;
        vals[`:v${i}`] = mode === 'Set' ? values[key] : delta;
        if (mode === 'Set') sets.push(`#c${i} = :v${i}`);
        else adds.push(`#c${i} :v${i}`);
        if (existing.has(key)) {
          vals[`:k${i}`] = key;
          conditions.push(`contains(#keys, :k${i})`);
        } else {
          conditions.push(`attribute_not_exists(#c${i})`);
        }
        if (mode !== 'Set') {
          // The result must stay exact: old + delta within the safe range (a new counter starts at 0).
          const bound = delta >= 0 ? COUNTER_LIMITS.maxValue - delta : COUNTER_LIMITS.minValue - delta;
          vals[`:b${i}`] = bound;
          conditions.push(`(attribute_not_exists(#c${i}) OR #c${i} ${delta >= 0 ? '<=' : '>='} :b${i})`);
        }
      });
      if (fresh.length > 0) {
        vals[':fresh'] = new Set(fresh);
        vals[':room'] = maxKeys - fresh.length;
        adds.push('#keys :fresh');
        conditions.push('(attribute_not_exists(#keys) OR size(#keys) <= :room)');
      }
      const update = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', adds.length > 0 ? `ADD ${adds.join(', ')}` : ''].filter(Boolean).join(' ');
      try {
        const out = await this.db.send(new UpdateCommand({
          TableName: this.tableName, Key: counterKey(groupId),
          UpdateExpression: update, ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names, ExpressionAttributeValues: vals,
          ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }));
        const all = countersOf(out.Attributes);
        return { kind: 'updated', values: Object.fromEntries(keys.map((k) => [k, all[k] ?? 0])) };
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        const old = conditionFailureItem(e);
        const nowKnown = keysOf(old);
        const current = countersOf(old);
        for (const [i, key] of keys.entries()) {
          if (mode === 'Set' || current[key] === undefined) continue;
          const bound = vals[`:b${i}`] as number;
          const delta = vals[`:v${i}`] as number;
          if (delta >= 0 ? current[key]! > bound : current[key]! < bound) return { kind: 'outOfRange', key };
        }
        known = nowKnown;
      }
    }
    throw new Error(`group ${groupId}: counter update kept colliding with concurrent writers`);
  }

  async deleteCounters(groupId: string, keys?: readonly string[]): Promise<void> {
    if (!keys) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: counterKey(groupId) }));
      return;
    }
    if (keys.length === 0) return;
    const names: Record<string, string> = { '#keys': 'keys' };
    keys.forEach((key, i) => { names[`#c${i}`] = counterName(key); });
    await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: counterKey(groupId),
      UpdateExpression: `REMOVE ${keys.map((_, i) => `#c${i}`).join(', ')} DELETE #keys :gone`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names, ExpressionAttributeValues: { ':gone': new Set(keys) },
    })).catch((e: unknown) => { if (!isConditionFailure(e)) throw e; });
  }
}
