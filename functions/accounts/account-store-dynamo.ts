import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountRecord, AccountStore, ImportedProfile } from './account-store.js';
import { ACCOUNT_COUNT_KEY, accountKey, profileKey, userPk } from './account-keys.js';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';


interface AccountItem {
  pk: string;
  sk: string;
  userId: string;
  createdAt: number;
  sigNotBefore?: number;
  deletedAt?: number;
}

const toRecord = (item: AccountItem): AccountRecord => ({
  userId: item.userId,
  createdAt: item.createdAt,
  ...(item.sigNotBefore !== undefined && { sigNotBefore: item.sigNotBefore }),
  ...(item.deletedAt !== undefined && { deletedAt: item.deletedAt }),
});

/** Accounts in the Users table: one `ACCOUNT` item per user (1 RCU to read, 1 WCU to write). */
export class DynamoAccountStore implements AccountStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async get(userId: string, consistent = false): Promise<AccountRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: accountKey(userId), ...(consistent && { ConsistentRead: true }) }));
    return Item ? toRecord(Item as AccountItem) : undefined;
  }

  async getMany(userIds: readonly string[]): Promise<Map<string, AccountRecord>> {
    const found = new Map<string, AccountRecord>();
    let keys = [...new Set(userIds)].map(accountKey);
    // BatchGet takes 100 keys; unprocessed keys are retried until none remain.
    while (keys.length > 0) {
      const chunk = keys.slice(0, 100);
      keys = keys.slice(100);
      const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: chunk } } }));
      for (const item of out.Responses?.[this.tableName] ?? []) {
        const record = toRecord(item as AccountItem);
        if (record.deletedAt === undefined) found.set(record.userId, record);
      }
      const unprocessed = out.UnprocessedKeys?.[this.tableName]?.Keys;
      if (unprocessed?.length) keys = [...(unprocessed as typeof chunk), ...keys];
    }
    return found;
  }

  async importAccount(userId: string, profile: ImportedProfile, now: number): Promise<void> {
    // The old item tells whether this write created or revived the account: of two concurrent imports only one sees that.
    const { Attributes: old } = await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: accountKey(userId),
      UpdateExpression: 'SET userId = :u, createdAt = if_not_exists(createdAt, :now) REMOVE deletedAt',
      ExpressionAttributeValues: { ':u': userId, ':now': now },
      ReturnValues: 'ALL_OLD',
    }));
    if (old === undefined || old.deletedAt !== undefined) await this.countAccount(1);
    const sets: string[] = [];
    const values: Record<string, unknown> = {};
    if (profile.nick !== undefined) { sets.push('Tag_Profile_IM_Nick = :nick'); values[':nick'] = profile.nick; }
    if (profile.faceUrl !== undefined) { sets.push('Tag_Profile_IM_Image = :face'); values[':face'] = profile.faceUrl; }
    if (sets.length === 0) return;
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: profileKey(userId),
      UpdateExpression: `SET ${sets.join(', ')}, updatedAt = :now`,
      ExpressionAttributeValues: { ...values, ':now': now },
    }));
  }

  async createIfMissing(userId: string, now: number): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: accountKey(userId),
        UpdateExpression: 'SET userId = :u, createdAt = :now',
        ConditionExpression: 'attribute_not_exists(pk)',
        ExpressionAttributeValues: { ':u': userId, ':now': now },
      }));
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      return;
    }
    await this.countAccount(1);
  }

  async invalidateSigs(userId: string, notBefore: number): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: accountKey(userId),
        UpdateExpression: 'SET sigNotBefore = :t',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':t': notBefore },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async deleteAccount(userId: string, now: number): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: accountKey(userId),
        UpdateExpression: 'SET deletedAt = :now, sigNotBefore = :s',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':now': now, ':s': Math.ceil(now / 1000) },
      }));
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
    await this.countAccount(-1);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': userPk(userId) },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }));
      const keys = (page.Items ?? []).filter((k) => k.sk !== 'ACCOUNT');
      for (let i = 0; i < keys.length; i += 25) await this.deleteKeys(keys.slice(i, i + 25));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return true;
  }

  async countAccounts(): Promise<number> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: ACCOUNT_COUNT_KEY }));
    return Number(Item?.n ?? 0);
  }

  private async countAccount(delta: number): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.tableName, Key: ACCOUNT_COUNT_KEY, UpdateExpression: 'ADD n :d', ExpressionAttributeValues: { ':d': delta } }));
  }

  private async deleteKeys(keys: Record<string, unknown>[]): Promise<void> {
    let requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
    while (requests.length > 0) {
      const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
      requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    }
  }
}
