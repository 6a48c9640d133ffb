import { BatchGetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { conversationPk, MESSAGE_PREFIX } from '../c2c/c2c-keys.js';
import { groupPk } from '../groups/group-keys.js';
import type { TopicConversationReads, TopicReadState, TopicRecord } from './topic-store.js';
import { TOPIC_LISTING_PREFIX, topicMetaKey, topicReadKey } from './topic-keys.js';

type Item = Record<string, unknown>;
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const toTopic = (i: Item): TopicRecord => ({
  topicId: str(i.groupId), groupId: str(i.topicOf), name: str(i.name), introduction: str(i.introduction), notification: str(i.notification),
  faceUrl: str(i.faceUrl), customString: str(i.customString), fromAccount: str(i.fromAccount), createTime: num(i.createTime),
  muteAllMember: i.muteAllMember === true, defaultPermission: num(i.defaultPermission), infoSeq: num(i.infoSeq), lastInfoTime: num(i.lastInfoTime),
  nextMsgSeq: num(i.nextMsgSeq) || 1, lastMsgTime: num(i.lastMsgTime),
});
/** Messages of a topic: the group-message partition of the topic id (functions/groupmsg/groupmsg-store-dynamo.ts). */
export const topicMessagesPk = (topicId: string) => conversationPk(`group:${topicId}`);

/**
 * Each Community's topics and a user's read positions in them (TopicConversationReads). DynamoTopicStore extends it;
 * the conversations Lambda builds this alone, so its bundle carries these operations and not the whole topic store.
 */
export class DynamoTopicConversationReads implements TopicConversationReads {
  constructor(protected readonly db: DynamoDBDocumentClient, protected readonly tables: { groups: string; messages: string }) {}

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
