import { BatchGetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { conversationPk, MESSAGE_PREFIX } from '../c2c/c2c-keys.js';
import { groupPk, metaKey } from '../groups/group-keys.js';
import type { CreateTopicOutcome, TopicProfile, TopicReadState, TopicRecord, TopicStore } from './topic-store.js';
import { TOPIC_LISTING_PREFIX, topicListingKey, topicMetaKey, topicReadKey } from './topic-keys.js';

type Item = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const toTopic = (i: Item): TopicRecord => ({
  topicId: str(i.groupId), groupId: str(i.topicOf), name: str(i.name), introduction: str(i.introduction), notification: str(i.notification),
  faceUrl: str(i.faceUrl), customString: str(i.customString), fromAccount: str(i.fromAccount), createTime: num(i.createTime),
  muteAllMember: i.muteAllMember === true, defaultPermission: num(i.defaultPermission), infoSeq: num(i.infoSeq), lastInfoTime: num(i.lastInfoTime),
  nextMsgSeq: num(i.nextMsgSeq) || 1, lastMsgTime: num(i.lastMsgTime),
});

/** Messages of a topic: the group-message partition of the topic id (functions/groupmsg/groupmsg-store-dynamo.ts). */
const topicMessagesPk = (topicId: string) => conversationPk(`group:${topicId}`);
const PROFILE_FIELDS = ['name', 'introduction', 'notification', 'faceUrl', 'customString', 'muteAllMember', 'defaultPermission'] as const;

/** Topics in the Groups table (keys: topic-keys.ts; items and costs: docs/data-model.md). */
export class DynamoTopicStore implements TopicStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tables: { groups: string; messages: string }) {}

  async createTopic(t: TopicRecord, maxTopics: number): Promise<CreateTopicOutcome> {
    const meta: Item = {
      ...topicMetaKey(t.topicId), groupId: t.topicId, topicOf: t.groupId, type: 'Community', name: t.name, introduction: t.introduction,
      notification: t.notification, faceUrl: t.faceUrl, customString: t.customString, fromAccount: t.fromAccount, createTime: t.createTime,
      muteAllMember: t.muteAllMember, ...(t.defaultPermission !== 0 && { defaultPermission: t.defaultPermission }), infoSeq: 0, lastInfoTime: t.createTime, nextMsgSeq: 1, lastMsgTime: 0,
    };
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tables.groups, Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.tables.groups, Item: { ...topicListingKey(t.groupId, t.topicId), topicId: t.topicId, createTime: t.createTime } } },
          {
            Update: {
              TableName: this.tables.groups, Key: metaKey(t.groupId), UpdateExpression: 'ADD topicNum :one',
              ConditionExpression: 'attribute_exists(pk) AND supportTopic = :yes AND (attribute_not_exists(topicNum) OR topicNum < :max)',
              ExpressionAttributeValues: { ':one': 1, ':yes': true, ':max': maxTopics },
            },
          },
        ],
      }));
      return 'created';
    } catch (e) {
      const reasons = (e as { name?: string; CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if ((e as { name?: string }).name !== 'TransactionCanceledException' || !reasons) throw e;
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'exists';
      if (reasons[2]?.Code === 'ConditionalCheckFailed') {
        const { Responses } = await this.db.send(new BatchGetCommand({
          RequestItems: { [this.tables.groups]: { Keys: [metaKey(t.groupId)], ConsistentRead: true, ProjectionExpression: 'supportTopic' } },
        }));
        return Responses?.[this.tables.groups]?.[0]?.supportTopic === true ? 'limit' : 'noTopics';
      }
      throw e;
    }
  }

  async getTopics(topicIds: readonly string[]): Promise<Map<string, TopicRecord>> {
    const out = new Map<string, TopicRecord>();
    const ids = [...new Set(topicIds)];
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Item[] = ids.slice(i, i + 100).map(topicMetaKey);
      while (keys.length > 0) {
        const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tables.groups]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of res.Responses?.[this.tables.groups] ?? []) if (typeof item.topicOf === 'string') out.set(str(item.groupId), toTopic(item));
        keys = (res.UnprocessedKeys?.[this.tables.groups]?.Keys ?? []) as Item[];
      }
    }
    return out;
  }

  async listTopicIds(groupId: string): Promise<string[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tables.groups, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': groupPk(groupId), ':p': TOPIC_LISTING_PREFIX }, ConsistentRead: true, ExclusiveStartKey: start,
      }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => num(a.createTime) - num(b.createTime) || str(a.topicId).localeCompare(str(b.topicId))).map((i) => str(i.topicId));
  }

  async updateTopic(topicId: string, changes: Partial<TopicProfile>, now: number): Promise<TopicRecord | undefined> {
    const names: Record<string, string> = {};
    const values: Item = { ':one': 1, ':now': now };
    const sets = ['lastInfoTime = :now'];
    for (const field of PROFILE_FIELDS) {
      if (changes[field] === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = changes[field];
      sets.push(`#${field} = :${field}`);
    }
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.tables.groups, Key: topicMetaKey(topicId),
        UpdateExpression: `SET ${sets.join(', ')} ADD infoSeq :one`, ConditionExpression: 'attribute_exists(topicOf)',
        ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }), ExpressionAttributeValues: values, ReturnValues: 'ALL_NEW',
      }));
      return toTopic(out.Attributes ?? {});
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  }

  async destroyTopic(groupId: string, topicId: string): Promise<boolean> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tables.groups, Key: topicMetaKey(topicId), ConditionExpression: 'attribute_exists(topicOf)' } },
          { Delete: { TableName: this.tables.groups, Key: topicListingKey(groupId, topicId) } },
          // The Community may be gone already (destroy_group removes its topics after itself).
          { Update: { TableName: this.tables.groups, Key: metaKey(groupId), UpdateExpression: 'ADD topicNum :minus', ConditionExpression: 'attribute_exists(pk) AND topicNum > :zero', ExpressionAttributeValues: { ':minus': -1, ':zero': 0 } } },
        ],
      }));
      return true;
    } catch (e) {
      const reasons = (e as { name?: string; CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if ((e as { name?: string }).name !== 'TransactionCanceledException' || !reasons) throw e;
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      if (reasons[2]?.Code !== 'ConditionalCheckFailed') throw e;
      // No Community counter to move: the topic goes alone.
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tables.groups, Key: topicMetaKey(topicId), ConditionExpression: 'attribute_exists(topicOf)' } },
          { Delete: { TableName: this.tables.groups, Key: topicListingKey(groupId, topicId) } },
        ],
      })).catch((err: unknown) => { if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err; });
      return true;
    }
  }

  async readStates(userId: string, topicIds: readonly string[]): Promise<Map<string, TopicReadState>> {
    const out = new Map<string, TopicReadState>();
    const ids = [...new Set(topicIds)];
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Item[] = ids.slice(i, i + 100).map((t) => topicReadKey(t, userId));
      while (keys.length > 0) {
        const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tables.groups]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of res.Responses?.[this.tables.groups] ?? []) out.set(str(item.topicId), { msgSeq: num(item.msgSeq), skipRead: num(item.skipRead) });
        keys = (res.UnprocessedKeys?.[this.tables.groups]?.Keys ?? []) as Item[];
      }
    }
    return out;
  }

  async setReadState(topicId: string, userId: string, state: TopicReadState, forward: boolean): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tables.groups, Key: topicReadKey(topicId, userId), UpdateExpression: 'SET msgSeq = :s, skipRead = :k, topicId = :t, userId = :u',
        ...(forward && { ConditionExpression: 'attribute_not_exists(msgSeq) OR msgSeq < :s' }),
        ExpressionAttributeValues: { ':s': state.msgSeq, ':k': state.skipRead, ':t': topicId, ':u': userId },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async seqAtTime(topicId: string, time: number, maxScan: number): Promise<number> {
    let start: Item | undefined;
    let scanned = 0;
    let oldest = 0;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tables.messages, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': topicMessagesPk(topicId), ':p': MESSAGE_PREFIX }, ProjectionExpression: 'seq, #t',
        ExpressionAttributeNames: { '#t': 'time' }, ScanIndexForward: false, Limit: 100, ExclusiveStartKey: start,
      }));
      for (const i of out.Items ?? []) {
        // Hole markers carry no time: they are skipped, like in history.
        if (typeof i.time !== 'number') continue;
        if (i.time <= time) return num(i.seq);
        oldest = num(i.seq);
      }
      scanned += out.Items?.length ?? 0;
      start = out.LastEvaluatedKey;
    } while (start && scanned < maxScan);
    // Everything looked at is newer: the read position sits just before the oldest of them.
    return start ? Math.max(0, oldest - 1) : 0;
  }
}

