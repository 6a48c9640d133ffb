import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GroupCount } from './group-store.js';
import type { GroupType } from './group-types.js';
import { ALL_GROUPS_INDEX_PK, GROUP_COUNT_KEY } from './group-keys.js';

/**
 * The app's group count on its own (DynamoGroupStore's `countGroups`), so a Lambda that only counts groups
 * (openconfigsvr/getappinfo, in the c2c Lambda) builds this and not the whole group store.
 */
export async function countGroupsIn(db: DynamoDBDocumentClient, tableName: string, type?: GroupType): Promise<number> {
  if (!type) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: GROUP_COUNT_KEY }));
    return Number(Item?.n ?? 0);
  }
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({
      TableName: tableName, IndexName: 'byMember', KeyConditionExpression: 'gsi1pk = :p', FilterExpression: '#t = :t',
      ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':p': ALL_GROUPS_INDEX_PK, ':t': type },
      Select: 'COUNT', ExclusiveStartKey: startKey,
    }));
    total += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return total;
}

export const dynamoGroupCount = (db: DynamoDBDocumentClient, tableName: string): GroupCount => ({ countGroups: (type) => countGroupsIn(db, tableName, type) });
