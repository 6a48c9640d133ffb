import { BatchGetCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountRecord, AccountStore, ImportedProfile } from './account-store.js';
import { accountKey, profileKey } from './account-keys.js';

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

  async get(userId: string): Promise<AccountRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: accountKey(userId) }));
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
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: accountKey(userId),
      UpdateExpression: 'SET userId = :u, createdAt = if_not_exists(createdAt, :now) REMOVE deletedAt',
      ExpressionAttributeValues: { ':u': userId, ':now': now },
    }));
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
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
    }
  }
}
