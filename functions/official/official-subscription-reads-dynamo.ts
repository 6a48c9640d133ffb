import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { subscriptionsIndexPk } from '../groups/group-keys.js';
import type { OfficialAccount, OfficialSubscriptionReads, Subscriber } from './official-store.js';
import { DynamoOfficialAccountReads, INDEX, accountKey, str, toAccount, toSubscriber } from './official-account-reads-dynamo.js';

type Item = Record<string, unknown>;

/**
 * A user's subscriptions and their accounts (OfficialSubscriptionReads), besides the account reads it extends.
 * DynamoOfficialAccountStore extends it; the conversations Lambda builds this alone, so its bundle carries these reads
 * and not the whole official account store.
 */
export class DynamoOfficialSubscriptionReads extends DynamoOfficialAccountReads implements OfficialSubscriptionReads {
  async getMany(ids: readonly string[]): Promise<Map<string, OfficialAccount>> {
    const found = new Map<string, OfficialAccount>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] | undefined = unique.slice(i, i + 100).map(accountKey);
      while (keys && keys.length > 0) {
        const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of out.Responses?.[this.tableName] ?? []) found.set(str(item.id), toAccount(item));
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      }
    }
    return found;
  }

  async subscriptions(userId: string): Promise<Subscriber[]> {
    const found: Subscriber[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tableName, IndexName: INDEX, KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': subscriptionsIndexPk(userId) }, ExclusiveStartKey: start,
      }));
      found.push(...(out.Items ?? []).map(toSubscriber));
      start = out.LastEvaluatedKey;
    } while (start);
    return found;
  }
}
