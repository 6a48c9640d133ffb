import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { groupPk, memberKey } from '../groups/group-keys.js';
import type { OfficialMsgFlag } from './official-codes.js';
import type { OfficialAccount, OfficialAccountReads, Subscriber } from './official-store.js';

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
 * An account and one subscriber of it (OfficialAccountReads): the base of the official account store's classes
 * (DynamoOfficialSubscriptionReads, then DynamoOfficialAccountStore, extend it); the c2c Lambda builds this alone for
 * `official.message` (functions/official/private-routes.ts).
 */
export class DynamoOfficialAccountReads implements OfficialAccountReads {
  constructor(protected readonly db: DynamoDBDocumentClient, protected readonly tableName: string) {}

  async get(id: string, consistent = false): Promise<OfficialAccount | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: accountKey(id), ConsistentRead: consistent }));
    return out.Item ? toAccount(out.Item) : undefined;
  }

  async getSubscriber(accountId: string, userId: string): Promise<Subscriber | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: memberKey(accountId, userId) }));
    return out.Item ? toSubscriber(out.Item) : undefined;
  }
}
