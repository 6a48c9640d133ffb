import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { groupPk, subscriptionsIndexPk } from '../groups/group-keys.js';
import type { OfficialMsgFlag } from './official-codes.js';
import type { OfficialAccount, OfficialSubscriptionReads, Subscriber } from './official-store.js';

type Item = Record<string, unknown>;
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** The account item sits in the account's own `G#` partition beside no group META (an official id is never a group's). */
export const accountKey = (id: string) => ({ pk: groupPk(id), sk: 'OA' });
export const INDEX = 'byMember';
export const toAccount = (i: Item): OfficialAccount => ({
  id: str(i.id), owner: str(i.owner), name: str(i.name), introduction: str(i.introduction), faceUrl: str(i.faceUrl),
  organization: str(i.organization), customString: str(i.customString), maxSubscriberNum: num(i.maxSubscriberNum),
  subscriberNum: num(i.subscriberNum), createTime: num(i.createTime), lastSeq: num(i.lastSeq), lastMsgTime: num(i.lastMsgTime),
  ...(typeof i.lastBodyHash === 'string' && { lastBodyHash: i.lastBodyHash }),
  hourStart: num(i.hourStart), hourCount: num(i.hourCount),
});
export const toSubscriber = (i: Item): Subscriber => ({
  accountId: str(i.accountId), userId: str(i.userId), subscribeTime: num(i.subscribeTime),
  msgFlag: (str(i.msgFlag) || 'AcceptAndNotify') as OfficialMsgFlag, customString: str(i.customString), readSeq: num(i.readSeq),
});

/**
 * A user's subscriptions and their accounts (OfficialSubscriptionReads). DynamoOfficialAccountStore extends it; the
 * conversations Lambda builds this alone, so its bundle carries these reads and not the whole official account store.
 */
export class DynamoOfficialSubscriptionReads implements OfficialSubscriptionReads {
  constructor(protected readonly db: DynamoDBDocumentClient, protected readonly tableName: string) {}

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
