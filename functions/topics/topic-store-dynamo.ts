import { BatchGetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { metaKey } from '../groups/group-keys.js';
import type { CreateTopicOutcome, TopicProfile, TopicRecord, TopicStore } from './topic-store.js';
import { DynamoTopicConversationReads, toTopic } from './topic-conversation-reads-dynamo.js';
import { topicListingKey, topicMetaKey } from './topic-keys.js';

type Item = Record<string, unknown>;

const PROFILE_FIELDS = ['name', 'introduction', 'notification', 'faceUrl', 'customString', 'muteAllMember', 'defaultPermission'] as const;

/** Topics in the Groups table (keys: topic-keys.ts; items and costs: docs/data-model.md). */
export class DynamoTopicStore extends DynamoTopicConversationReads implements TopicStore {
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

}

