import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accountKey } from '../accounts/account-keys.js';
import { blockKey, friendKey, type RelationshipChecks, type SendChecks } from './relationships.js';

type Key = { pk: string; sk: string };

/**
 * Reads the relationship chain's items (written by sns) in the Users table.
 * A send's checks are one BatchGetItem of 2 items (4 with the friend check):
 * 0.5 RCU per item, eventually consistent.
 */
export class DynamoRelationshipChecks implements RelationshipChecks {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  private async exists(key: Key): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ProjectionExpression: 'pk' }));
    return Item !== undefined;
  }

  isBlocked(ownerId: string, otherId: string): Promise<boolean> {
    return this.exists(blockKey(ownerId, otherId));
  }

  isFriend(userId: string, friendId: string): Promise<boolean> {
    return this.exists(friendKey(userId, friendId));
  }

  async sendChecks(senderId: string, recipientId: string, options: { friendship: boolean }): Promise<SendChecks> {
    const account = accountKey(recipientId);
    const block = blockKey(recipientId, senderId);
    const mine = friendKey(senderId, recipientId);
    const theirs = friendKey(recipientId, senderId);
    const found = new Map<string, Record<string, unknown>>();
    let keys: Key[] = [account, block, ...(options.friendship ? [mine, theirs] : [])];
    while (keys.length > 0) {
      const out = await this.db.send(new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'pk, sk, deletedAt' } },
      }));
      for (const item of out.Responses?.[this.tableName] ?? []) found.set(`${String(item.pk)}|${String(item.sk)}`, item);
      keys = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
    }
    const has = (k: Key) => found.has(`${k.pk}|${k.sk}`);
    const accountItem = found.get(`${account.pk}|${account.sk}`);
    return {
      recipientExists: accountItem !== undefined && accountItem.deletedAt === undefined,
      blocked: has(block),
      senderHasRecipient: options.friendship && has(mine),
      recipientHasSender: options.friendship && has(theirs),
    };
  }
}
