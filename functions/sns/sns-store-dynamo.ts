import {
  BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { BLOCK_PREFIX, FRIEND_PREFIX } from './relationships.js';
import {
  blockKey, friendKey, friendedByKey, incomingRequestKey, outgoingRequestKey, snsMetaKey,
  FRIENDED_BY_PREFIX, INCOMING_PREFIX, OUTGOING_PREFIX,
} from './sns-keys.js';
import type {
  BlockRecord, CommitResult, FriendRecord, FriendRequest, LimitedCounter, PairState, SnsChange, SnsLimits, SnsMeta, SnsStore,
} from './sns-store.js';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

const TAG = /^Tag_SNS_/;
const toFriend = (item: Item): FriendRecord => ({
  friendId: String(item.friendId),
  tags: Object.fromEntries(Object.entries(item).filter(([k]) => TAG.test(k))) as FriendRecord['tags'],
});
const friendItem = (ownerId: string, f: FriendRecord): Item => ({ ...friendKey(ownerId, f.friendId), friendId: f.friendId, ...f.tags });
const toRequest = (item: Item): FriendRequest => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as FriendRequest;
};
const toMeta = (item: Item | undefined): SnsMeta => ({
  friendCount: Number(item?.friendCount ?? 0),
  blockCount: Number(item?.blockCount ?? 0),
  pendingCount: Number(item?.pendingCount ?? 0),
  friendSeq: Number(item?.friendSeq ?? 0),
  blockSeq: Number(item?.blockSeq ?? 0),
  groups: (item?.groups as string[] | undefined) ?? [],
  groupSeq: Number(item?.groupSeq ?? 0),
  requestsReadAt: Number(item?.requestsReadAt ?? 0),
});

interface CounterDelta { friendCount: number; blockCount: number; pendingCount: number; friendSeq: number; blockSeq: number }
const SEQ_OF: Record<LimitedCounter, keyof CounterDelta | undefined> = { friendCount: 'friendSeq', blockCount: 'blockSeq', pendingCount: undefined };

const TRANSACTION_ATTEMPTS = 4;

/** The relationship chain in the Users table (docs/data-model.md, Relationship chain). */
export class DynamoSnsStore implements SnsStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  /** BatchGetItem in chunks of 100 keys, 8 chunks at a time; unprocessed keys are retried. */
  private async batchGet(keys: Key[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
    const chunks: Key[][] = [];
    for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
    const readChunk = async (chunk: Key[]) => {
      let pending = chunk;
      while (pending.length > 0) {
        const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }));
        for (const item of out.Responses?.[this.tableName] ?? []) found.set(`${String(item.pk)}|${String(item.sk)}`, item);
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
      }
    };
    for (let i = 0; i < chunks.length; i += 8) await Promise.all(chunks.slice(i, i + 8).map(readChunk));
    return found;
  }

  async pairs(ownerId: string, peerIds: readonly string[]): Promise<Map<string, PairState>> {
    const keysOf = (p: string) => ({
      ownerHasPeer: friendKey(ownerId, p), peerHasOwner: friendKey(p, ownerId),
      ownerBlocksPeer: blockKey(ownerId, p), peerBlocksOwner: blockKey(p, ownerId),
      requestToPeer: incomingRequestKey(p, ownerId), requestFromPeer: incomingRequestKey(ownerId, p),
    });
    const found = await this.batchGet(peerIds.flatMap((p) => Object.values(keysOf(p))));
    const get = (k: Key) => found.get(`${k.pk}|${k.sk}`);
    const request = (k: Key) => {
      const item = get(k);
      return item ? toRequest(item) : undefined;
    };
    return new Map(peerIds.map((p) => {
      const k = keysOf(p);
      const ownerHasPeer = get(k.ownerHasPeer);
      const peerHasOwner = get(k.peerHasOwner);
      const requestToPeer = request(k.requestToPeer);
      const requestFromPeer = request(k.requestFromPeer);
      const state: PairState = {
        ownerBlocksPeer: get(k.ownerBlocksPeer) !== undefined,
        peerBlocksOwner: get(k.peerBlocksOwner) !== undefined,
        ...(ownerHasPeer && { ownerHasPeer: toFriend(ownerHasPeer) }),
        ...(peerHasOwner && { peerHasOwner: toFriend(peerHasOwner) }),
        ...(requestToPeer && { requestToPeer }),
        ...(requestFromPeer && { requestFromPeer }),
      };
      return [p, state];
    }));
  }

  async meta(userId: string): Promise<SnsMeta> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: snsMetaKey(userId) }));
    return toMeta(Item);
  }

  async commit(changes: readonly SnsChange[], limits: SnsLimits, now: number): Promise<CommitResult> {
    type Entry = { item: Record<string, unknown>; change?: SnsChange; counter?: { userId: string; limited?: LimitedCounter } };
    const entries: Entry[] = [];
    const deltas = new Map<string, CounterDelta>();
    const bump = (userId: string, field: keyof CounterDelta, by: number) => {
      const d = deltas.get(userId) ?? { friendCount: 0, blockCount: 0, pendingCount: 0, friendSeq: 0, blockSeq: 0 };
      d[field] += by;
      const seq = SEQ_OF[field as LimitedCounter];
      if (seq) d[seq] += 1;
      deltas.set(userId, d);
    };
    const T = this.tableName;
    const put = (Item: Item, change: SnsChange, mustBeNew = true) =>
      entries.push({ change, item: { Put: { TableName: T, Item, ...(mustBeNew && { ConditionExpression: 'attribute_not_exists(pk)' }) } } });
    const del = (Key: Key, change: SnsChange, mustExist = true) =>
      entries.push({ change, item: { Delete: { TableName: T, Key, ...(mustExist && { ConditionExpression: 'attribute_exists(pk)' }) } } });

    for (const c of changes) {
      switch (c.op) {
        case 'putFriend':
          put(friendItem(c.ownerId, c.friend), c);
          put({ ...friendedByKey(c.friend.friendId, c.ownerId), userId: c.ownerId }, c, false);
          bump(c.ownerId, 'friendCount', 1);
          break;
        case 'deleteFriend':
          del(friendKey(c.ownerId, c.friendId), c);
          del(friendedByKey(c.friendId, c.ownerId), c, false);
          bump(c.ownerId, 'friendCount', -1);
          break;
        case 'updateFriend':
          entries.push({ change: c, item: { Put: { TableName: T, Item: friendItem(c.ownerId, c.friend), ConditionExpression: 'attribute_exists(pk)' } } });
          bump(c.ownerId, 'friendSeq', 1);
          break;
        case 'putBlock':
          put({ ...blockKey(c.ownerId, c.block.blockedId), blockedId: c.block.blockedId, addedAt: c.block.addedAt }, c);
          bump(c.ownerId, 'blockCount', 1);
          break;
        case 'deleteBlock':
          del(blockKey(c.ownerId, c.blockedId), c);
          bump(c.ownerId, 'blockCount', -1);
          break;
        case 'putRequest': {
          const r = c.request;
          put({ ...incomingRequestKey(r.toId, r.fromId), ...r }, c, false);
          put({ ...outgoingRequestKey(r.fromId, r.toId), ...r }, c, c.isNew);
          if (c.isNew) bump(r.fromId, 'pendingCount', 1);
          break;
        }
        case 'deleteFriendedBy':
          del(friendedByKey(c.ownerId, c.peerId), c, false);
          break;
        case 'deleteRequest':
          del(incomingRequestKey(c.toId, c.fromId), c, false);
          del(outgoingRequestKey(c.fromId, c.toId), c);
          bump(c.fromId, 'pendingCount', -1);
          break;
      }
    }
    for (const [userId, d] of deltas) {
      const adds: string[] = [];
      const conditions: string[] = [];
      const values: Record<string, unknown> = { ':now': now };
      let limited: LimitedCounter | undefined;
      for (const [field, by] of Object.entries(d) as Array<[keyof CounterDelta, number]>) {
        if (by === 0) continue;
        adds.push(`${field} :${field}`);
        values[`:${field}`] = by;
        if (by > 0 && field in limits) {
          const max = limits[field as LimitedCounter];
          limited ??= field as LimitedCounter;
          conditions.push(`(attribute_not_exists(${field}) OR ${field} <= :max_${field})`);
          values[`:max_${field}`] = max - by;
        }
      }
      if (adds.length === 0) continue;
      entries.push({
        counter: { userId, ...(limited && { limited }) },
        item: {
          Update: {
            TableName: T, Key: snsMetaKey(userId),
            UpdateExpression: `SET updatedAt = :now ADD ${adds.join(', ')}`,
            ...(conditions.length > 0 && { ConditionExpression: conditions.join(' AND ') }),
            ExpressionAttributeValues: values,
          },
        },
      });
    }
    if (entries.length === 0) return { ok: true };

    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: entries.map((e) => e.item) as never }));
        return { ok: true };
      } catch (e) {
        const reasons = (e as { name?: string; CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
        if ((e as { name?: string }).name !== 'TransactionCanceledException' || !reasons) throw e;
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (failed >= 0) {
          const entry = entries[failed]!;
          if (entry.counter) return { ok: false, reason: 'limit', userId: entry.counter.userId, counter: entry.counter.limited ?? 'friendCount' };
          return { ok: false, reason: 'conflict', change: entry.change! };
        }
        if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= TRANSACTION_ATTEMPTS) {
          if (reasons.some((r) => r.Code === 'TransactionConflict')) return { ok: false, reason: 'busy' };
          throw e;
        }
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }

  private async queryPrefix(userId: string, prefix: string): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `U#${userId}`, ':p': prefix },
        ExclusiveStartKey: startKey,
      }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async listFriends(userId: string): Promise<FriendRecord[]> {
    return (await this.queryPrefix(userId, FRIEND_PREFIX)).map(toFriend);
  }

  async listFriendedBy(userId: string): Promise<string[]> {
    return (await this.queryPrefix(userId, FRIENDED_BY_PREFIX)).map((i) => String(i.sk).slice(FRIENDED_BY_PREFIX.length));
  }

  async listBlocks(userId: string): Promise<BlockRecord[]> {
    return (await this.queryPrefix(userId, BLOCK_PREFIX)).map((i) => ({ blockedId: String(i.blockedId), addedAt: Number(i.addedAt) }));
  }

  async listRequests(userId: string, direction: 'in' | 'out'): Promise<FriendRequest[]> {
    return (await this.queryPrefix(userId, direction === 'in' ? INCOMING_PREFIX : OUTGOING_PREFIX)).map(toRequest);
  }

  async setGroups(userId: string, groups: readonly string[], expectedSeq: number): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: snsMetaKey(userId),
        UpdateExpression: 'SET #g = :g, groupSeq = :next',
        ConditionExpression: expectedSeq === 0 ? 'attribute_not_exists(groupSeq) OR groupSeq = :seq' : 'groupSeq = :seq',
        ExpressionAttributeNames: { '#g': 'groups' },
        ExpressionAttributeValues: { ':g': groups, ':seq': expectedSeq, ':next': expectedSeq + 1 },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async setRequestsRead(userId: string, at: number): Promise<void> {
    // Never moves back: of two marks the later wins.
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: snsMetaKey(userId),
        UpdateExpression: 'SET requestsReadAt = :at',
        ConditionExpression: 'attribute_not_exists(requestsReadAt) OR requestsReadAt < :at',
        ExpressionAttributeValues: { ':at': at },
      }));
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}
