import { pathToFileURL } from 'node:url';
import { DynamoDBClient, ScanCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { MEMBER_PREFIX, PUSH_CANDIDATE_ATTRIBUTE } from '../../functions/groups/group-keys.js';

/**
 * Puts the member and subscriber items written before the byPushCandidate index (2026-12-07) into it: every one
 * not marked without a push device gets `pushPk` (its own `pk`). Without this, the offline-push pages would skip
 * them. Idempotent; the local runner calls it when it adds the index to a table on disk. On AWS, once the deploy
 * has built the index: `npx tsx local/migrations/push-candidates.ts <Groups table name>` (the AWS SDK's default
 * credentials and region).
 */
export async function backfillPushCandidates(client: DynamoDBClient, tableName: string): Promise<number> {
  let updated = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({
      TableName: tableName, ExclusiveStartKey: start,
      FilterExpression: 'begins_with(sk, :m) AND attribute_not_exists(#c) AND (attribute_not_exists(groupType) OR groupType <> :av)',
      ExpressionAttributeNames: { '#c': PUSH_CANDIDATE_ATTRIBUTE },
      ExpressionAttributeValues: { ':m': { S: MEMBER_PREFIX }, ':av': { S: 'AVChatRoom' } },
      ProjectionExpression: 'pk, sk, noPushSince, pushRegisteredAt',
    }));
    for (const item of page.Items ?? []) {
      const since = item.noPushSince?.N === undefined ? undefined : Number(item.noPushSince.N);
      const registered = item.pushRegisteredAt?.N === undefined ? undefined : Number(item.pushRegisteredAt.N);
      if (since !== undefined && (registered === undefined || since > registered)) continue;
      const update = new UpdateItemCommand({
        TableName: tableName, Key: { pk: item.pk!, sk: item.sk! }, UpdateExpression: 'SET #c = :pk',
        ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#c': PUSH_CANDIDATE_ATTRIBUTE }, ExpressionAttributeValues: { ':pk': item.pk! },
      });
      if (await withPatience(() => client.send(update))) updated++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return updated;
}

/**
 * The update, tried again after pauses on an internal failure: DynamoDB Local answers InternalFailure to writes on a
 * table whose new index it is still filling while other clients load it (seen in a fresh-clone CI run), beyond the
 * SDK's three attempts. false: the member left meanwhile (the condition failed).
 */
async function withPatience(send: () => Promise<unknown>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return true;
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'ConditionalCheckFailedException') return false;
      if (attempt >= 10 || (name !== 'InternalFailure' && name !== 'InternalServerError')) throw e;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const table = process.argv[2];
  if (!table) throw new Error('usage: npx tsx local/migrations/push-candidates.ts <Groups table name>');
  const client = new DynamoDBClient({});
  console.log(`${await backfillPushCandidates(client, table)} member items put into byPushCandidate`);
  client.destroy();
}
