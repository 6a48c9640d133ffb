import {
  BatchWriteCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionFailureItem, isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { MEMBER_PREFIX, PUSH_CANDIDATE_ATTRIBUTE, groupPk, memberKey, subscriptionsIndexPk } from '../groups/group-keys.js';
import type { OfficialMsgFlag } from './official-codes.js';
import { accountKey, num, str, toSubscriber } from './official-account-reads-dynamo.js';
import { DynamoOfficialSubscriptionReads } from './official-subscription-reads-dynamo.js';
import type {
  OfficialAccount, OfficialAccountFields, OfficialAccountStore, SeqOutcome, SubscribeOutcome, Subscriber,
} from './official-store.js';

type Item = Record<string, unknown>;

const isCancelled = (e: unknown) => (e as { name?: string }).name === 'TransactionCanceledException';
const reasonsOf = (e: unknown) => ((e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');

/**
 * Official accounts in the Groups table (docs/data-model.md, "Official accounts"). Subscriber items use the group
 * member key (`M#<UserID>`) and the `msgFlag` / `noPushSince` attributes, so the group offline-push pages
 * (GroupMessageStore.memberPage, markNoPushDevice) page through subscribers unchanged.
 */
export class DynamoOfficialAccountStore extends DynamoOfficialSubscriptionReads implements OfficialAccountStore {
  async create(a: OfficialAccount): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName, Item: { ...accountKey(a.id), ...a },
        // No account and no group under this id.
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async modify(id: string, fields: Partial<OfficialAccountFields>): Promise<'ok' | 'gone' | 'belowCount'> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return (await this.get(id, true)) ? 'ok' : 'gone';
    const names: Record<string, string> = {};
    const values: Item = {};
    entries.forEach(([k, v], i) => { names[`#f${i}`] = k; values[`:v${i}`] = v; });
    const limit = fields.maxSubscriberNum !== undefined;
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: accountKey(id),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: limit ? 'attribute_exists(pk) AND subscriberNum <= :max' : 'attribute_exists(pk)',
        ExpressionAttributeNames: names, ExpressionAttributeValues: { ...values, ...(limit && { ':max': fields.maxSubscriberNum }) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return 'ok';
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      return conditionFailureItem(e) ? 'belowCount' : 'gone';
    }
  }

  async destroy(id: string): Promise<string[]> {
    const keys: Item[] = [];
    const users: string[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': groupPk(id) },
        ProjectionExpression: 'pk, sk, userId', ExclusiveStartKey: start,
      }));
      for (const i of out.Items ?? []) {
        keys.push({ pk: i.pk, sk: i.sk });
        if (String(i.sk).startsWith(MEMBER_PREFIX)) users.push(str(i.userId));
      }
      start = out.LastEvaluatedKey;
    } while (start);
    for (let i = 0; i < keys.length; i += 25) {
      let requests: Item[] | undefined = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests && requests.length > 0) {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests as never } }));
        requests = out.UnprocessedItems?.[this.tableName] as Item[] | undefined;
      }
    }
    return users;
  }

  async subscribe(sub: Subscriber, readSeq: number): Promise<SubscribeOutcome> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...memberKey(sub.accountId, sub.userId), gsi1pk: subscriptionsIndexPk(sub.userId), gsi1sk: sub.accountId,
                [PUSH_CANDIDATE_ATTRIBUTE]: groupPk(sub.accountId),
                accountId: sub.accountId, userId: sub.userId, subscribeTime: sub.subscribeTime, msgFlag: sub.msgFlag,
                customString: sub.customString, readSeq,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: this.tableName, Key: accountKey(sub.accountId),
              UpdateExpression: 'ADD subscriberNum :one',
              ConditionExpression: 'attribute_exists(pk) AND subscriberNum < maxSubscriberNum',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }));
      return 'added';
    } catch (e) {
      if (!isCancelled(e)) throw e;
      const [put, update] = reasonsOf(e);
      if (put === 'ConditionalCheckFailed') return 'already';
      if (update === 'ConditionalCheckFailed') return (await this.get(sub.accountId, true)) ? 'full' : 'gone';
      throw e;
    }
  }

  async unsubscribe(accountId: string, userId: string): Promise<boolean> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: memberKey(accountId, userId), ConditionExpression: 'attribute_exists(pk)' } },
          {
            Update: {
              TableName: this.tableName, Key: accountKey(accountId), UpdateExpression: 'ADD subscriberNum :minus',
              ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        ],
      }));
      return true;
    } catch (e) {
      if (!isCancelled(e)) throw e;
      return false;
    }
  }

  async updateSubscriber(accountId: string, userId: string, changes: { customString?: string; msgFlag?: OfficialMsgFlag }): Promise<boolean> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return (await this.getSubscriber(accountId, userId)) !== undefined;
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: memberKey(accountId, userId),
        UpdateExpression: `SET ${entries.map(([k]) => `${k} = :${k}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async subscribers(accountId: string, after: string | undefined, limit: number) {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': groupPk(accountId), ':p': MEMBER_PREFIX }, Limit: limit,
      ...(after !== undefined && { ExclusiveStartKey: memberKey(accountId, after) }),
    }));
    const last = out.LastEvaluatedKey?.sk;
    return {
      subscribers: (out.Items ?? []).map(toSubscriber),
      ...(typeof last === 'string' && { next: last.slice(MEMBER_PREFIX.length) }),
    };
  }

  async takeSeq(id: string, at: { time: number; perHour: number; bodyHash: string }): Promise<SeqOutcome> {
    const windowStart = at.time - 3600;
    const hourly = at.perHour > 0;
    // First as if the hour window is open (the usual case); an expired window is reopened on the second attempt.
    for (const fresh of [false, true]) {
      const condition = ['attribute_exists(pk)', 'lastMsgTime < :t'];
      if (hourly) condition.push(fresh ? 'hourStart <= :w' : 'hourStart > :w AND hourCount < :perHour');
      try {
        const out = await this.db.send(new UpdateCommand({
          TableName: this.tableName, Key: accountKey(id),
          UpdateExpression: `SET lastSeq = lastSeq + :one, lastMsgTime = :t, lastBodyHash = :h, ${fresh || !hourly ? 'hourStart = :t, hourCount = :one' : 'hourCount = hourCount + :one'}`,
          ConditionExpression: condition.join(' AND '),
          ExpressionAttributeValues: { ':one': 1, ':t': at.time, ':h': at.bodyHash, ...(hourly && { ':w': windowStart }), ...(hourly && !fresh && { ':perHour': at.perHour }) },
          ReturnValues: 'UPDATED_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }));
        return { outcome: 'taken', seq: num(out.Attributes?.lastSeq) };
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        const old = conditionFailureItem(e);
        if (!old) return { outcome: 'gone' };
        if (num(old.lastMsgTime) >= at.time) return { outcome: 'tooFrequent' };
        if (!hourly || num(old.hourStart) > windowStart) return { outcome: 'hourlyLimit' };
      }
    }
    return { outcome: 'tooFrequent' };
  }

  async markRead(accountId: string, userId: string, seq: number): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: memberKey(accountId, userId), UpdateExpression: 'SET readSeq = :s',
        ConditionExpression: 'attribute_exists(pk) AND readSeq < :s', ExpressionAttributeValues: { ':s': seq },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}
