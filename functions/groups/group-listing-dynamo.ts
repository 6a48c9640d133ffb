import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GroupListing, MemberRecord } from './group-store.js';
import { memberIndexPk } from './group-keys.js';

type Item = Record<string, unknown>;
export const INDEX = 'byMember';
export const MEMBER_FIELDS = ['groupId', 'userId', 'groupType', 'role', 'joinTime', 'msgFlag', 'nameCard', 'muteUntil', 'msgSeq', 'lastSendMsgTime', 'appMemberDefinedData', 'joinSeq', 'skipRead', 'clearedSeq',
  'noPushSince', 'pushRegisteredAt'] as const;
export const pick = <T>(item: Item, fields: readonly string[]): T => {
  const out: Item = {};
  for (const f of fields) if (item[f] !== undefined) out[f] = item[f];
  return out as T;
};
export const toMember = (item: Item): MemberRecord => pick<MemberRecord>(item, MEMBER_FIELDS);

/**
 * The groups a user is in (GroupListing, one Query of the byMember index). DynamoGroupStore extends it; the
 * conversations Lambda builds this alone, so its bundle carries this operation and not the whole group store.
 */
export class DynamoGroupListing implements GroupListing {
  constructor(readonly db: DynamoDBDocumentClient, readonly tableName: string) {}

  async joinedGroups(userId: string) {
    const out: MemberRecord[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName, IndexName: INDEX, KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': memberIndexPk(userId) }, ExclusiveStartKey: startKey,
      }));
      out.push(...(page.Items ?? []).map(toMember));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }
}
