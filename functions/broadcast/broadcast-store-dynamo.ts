import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { userPk } from '../accounts/account-keys.js';
import type { BroadcastStore, BroadcastTask, PushSlot, ReachablePage, UserPushData } from './broadcast-store.js';

const ATTR_NAMES_KEY = { pk: 'APP', sk: 'PUSH_ATTR_NAMES' };
const pushDataKey = (userId: string) => ({ pk: userPk(userId), sk: 'PUSHTAGS' });
const TASKS_PK = 'BCAST';
/** Attributes live as top-level item attributes `a:<name>`, so one UpdateItem sets or removes any of them. */
const ATTR_PREFIX = 'a:';
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const taskSk = (sentAt: number, taskId: string) => `T#${String(sentAt).padStart(15, '0')}#${taskId}`;

const toPushData = (item: Record<string, unknown>): UserPushData => ({
  attrs: Object.fromEntries(Object.entries(item).filter(([k]) => k.startsWith(ATTR_PREFIX)).map(([k, v]) => [k.slice(ATTR_PREFIX.length), String(v)])),
  tags: item.tags instanceof Set ? [...(item.tags as Set<string>)].sort() : [],
});

/**
 * all_member_push data: attribute names (Users table, `APP`/`PUSH_ATTR_NAMES`),
 * each user's attributes and tags (`U#<id>`/`PUSHTAGS`), the daily im_push
 * quota (`APP`/`PUSHDAY#<date>`), broadcasts (Messages table, `BCAST`/`T#<ms>#<TaskId>`,
 * TTL at the end of MsgLifeTime), and the fan-out's Scan of the Connections table.
 */
export class DynamoBroadcastStore implements BroadcastStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tables: { users: string; messages: string; connections: string },
  ) {}

  async getAttrNames(): Promise<Record<string, string>> {
    const out = await this.db.send(new GetCommand({ TableName: this.tables.users, Key: ATTR_NAMES_KEY }));
    return (out.Item?.names as Record<string, string> | undefined) ?? {};
  }

  async setAttrNames(names: Record<string, string>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tables.users, Item: { ...ATTR_NAMES_KEY, names } }));
  }

  async getUserPushData(userIds: readonly string[]): Promise<Map<string, UserPushData>> {
    const result = new Map<string, UserPushData>();
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Array<Record<string, unknown>> | undefined = unique.slice(i, i + 100).map(pushDataKey);
      while (keys && keys.length > 0) {
        const out: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tables.users]: { Keys: keys } } }));
        for (const item of out.Responses?.[this.tables.users] ?? []) result.set(String(item.pk).slice(2), toPushData(item));
        keys = out.UnprocessedKeys?.[this.tables.users]?.Keys;
      }
    }
    return result;
  }

  async updateAttrs(userId: string, set: Record<string, string>, remove: readonly string[]): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, string> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    Object.entries(set).forEach(([name, value], i) => { names[`#s${i}`] = ATTR_PREFIX + name; values[`:s${i}`] = value; sets.push(`#s${i} = :s${i}`); });
    remove.forEach((name, i) => { names[`#r${i}`] = ATTR_PREFIX + name; removes.push(`#r${i}`); });
    if (sets.length + removes.length === 0) return;
    await this.db.send(new UpdateCommand({
      TableName: this.tables.users, Key: pushDataKey(userId),
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
      ExpressionAttributeNames: names,
      ...(sets.length > 0 && { ExpressionAttributeValues: values }),
    }));
  }

  async addTags(userId: string, tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.db.send(new UpdateCommand({
      TableName: this.tables.users, Key: pushDataKey(userId), UpdateExpression: 'ADD tags :t', ExpressionAttributeValues: { ':t': new Set(tags) },
    }));
  }

  async removeTags(userId: string, tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.db.send(new UpdateCommand({
      TableName: this.tables.users, Key: pushDataKey(userId), UpdateExpression: 'DELETE tags :t', ExpressionAttributeValues: { ':t': new Set(tags) },
    }));
  }

  async removeAllTags(userId: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.tables.users, Key: pushDataKey(userId), UpdateExpression: 'REMOVE tags' }));
  }

  async claimPushSlot(now: number, perDay: number, gapMs: number): Promise<PushSlot> {
    // Within `gapMs` after UTC midnight the day's item cannot know yesterday's last call: read it (0.5 RCU, that second only).
    if (now - Date.parse(`${day(now)}T00:00:00Z`) < gapMs) {
      const before = await this.db.send(new GetCommand({ TableName: this.tables.users, Key: { pk: 'APP', sk: `PUSHDAY#${day(now - gapMs)}` }, ProjectionExpression: 'lastAt' }));
      if (typeof before.Item?.lastAt === 'number' && before.Item.lastAt > now - gapMs) return 'too-soon';
    }
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tables.users, Key: { pk: 'APP', sk: `PUSHDAY#${day(now)}` },
        UpdateExpression: 'ADD calls :one SET lastAt = :now',
        ConditionExpression: 'attribute_not_exists(calls) OR (calls < :max AND lastAt <= :gap)',
        ExpressionAttributeValues: { ':one': 1, ':now': now, ':max': perDay, ':gap': now - gapMs },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return 'ok';
    } catch (e) {
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
      // The exception carries the old item in the low-level (marshalled) format.
      const calls = (e as { Item?: { calls?: { N?: string } } }).Item?.calls?.N;
      return Number(calls ?? 0) >= perDay ? 'daily-limit' : 'too-soon';
    }
  }

  async putTask(task: BroadcastTask): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.tables.messages,
      Item: { pk: TASKS_PK, sk: taskSk(task.sentAt, task.taskId), ...task, ttl: Math.ceil((task.sentAt / 1000) + task.lifeTime) },
    }));
  }

  async tasksSince(sinceMs: number, now: number): Promise<BroadcastTask[]> {
    const tasks: BroadcastTask[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tables.messages,
        KeyConditionExpression: 'pk = :pk AND sk > :since',
        // TTL deletes lag; the lifetime decides.
        FilterExpression: '#ttl > :now',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':pk': TASKS_PK, ':since': taskSk(sinceMs, '\uffff'), ':now': Math.floor(now / 1000) },
        ...(start && { ExclusiveStartKey: start }),
      }));
      for (const item of out.Items ?? []) {
        const { pk: _pk, sk: _sk, ttl: _ttl, ...task } = item;
        tasks.push(task as BroadcastTask);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return tasks;
  }

  async scanReachable(startKey: Record<string, string> | undefined, limit: number): Promise<ReachablePage> {
    const out = await this.db.send(new ScanCommand({
      TableName: this.tables.connections, Limit: limit, ProjectionExpression: 'pk',
      ...(startKey && { ExclusiveStartKey: startKey }),
    }));
    const userIds: string[] = [];
    for (const item of out.Items ?? []) {
      const pk = String(item.pk);
      if (!pk.startsWith('U#')) continue;
      const id = pk.slice(2);
      if (userIds[userIds.length - 1] !== id) userIds.push(id);
    }
    return { userIds, ...(out.LastEvaluatedKey && { nextKey: out.LastEvaluatedKey as Record<string, string> }) };
  }
}
