import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ensureTables, localDynamoClient, startDynamoDbLocal, type RunningDynamoDb } from '../../local/dynamodb-local.js';
import { groupsTable } from '../../functions/shared/tables.js';
import { PUSH_CANDIDATE_INDEX } from '../../functions/groups/group-keys.js';

/**
 * A Groups table on disk from before the byPushCandidate index: the local runner's ensureTables adds the index and
 * puts the existing members that may need a push into it (local/migrations/push-candidates.ts), or the offline-push
 * pages, which read only that index, would never push them. On a DynamoDB Local of its own with its data on disk,
 * as `npm start` has it: the suite's shared one, loaded by three workers, answered the writes after an index was
 * added with InternalFailure for over ten seconds (two fresh-clone CI runs), which no upgrade on one machine sees.
 */
let dynamo: RunningDynamoDb;
const dataDir = mkdtempSync(join(tmpdir(), 'im-migration-'));
beforeAll(async () => { dynamo = await startDynamoDbLocal({ dataDir }); }, 60_000);
afterAll(async () => { await dynamo?.stop(); rmSync(dataDir, { recursive: true, force: true }); });
describe('push candidates: upgrading a table made before the index', () => {
  it('adds the index and puts in every member not marked without a device, AVChatRoom members excepted', async () => {
    const client = localDynamoClient(dynamo.endpoint);
    const prefix = `m${randomBytes(4).toString('hex')}-`;
    const before = { ...groupsTable, globalSecondaryIndexes: groupsTable.globalSecondaryIndexes.filter((i) => i.indexName !== PUSH_CANDIDATE_INDEX) };
    const { [groupsTable.envVar]: table } = await ensureTables(client, [before], prefix);
    const member = (group: string, user: string, extra: Record<string, { S: string } | { N: string }> = {}) => client.send(new PutItemCommand({
      TableName: table, Item: { pk: { S: `G#${group}` }, sk: { S: `M#${user}` }, userId: { S: user }, groupType: { S: group === 'av' ? 'AVChatRoom' : 'Public' }, ...extra },
    }));
    await member('g', 'plain');
    await member('g', 'marked', { noPushSince: { N: '2000' } });
    await member('g', 'registeredSince', { noPushSince: { N: '2000' }, pushRegisteredAt: { N: '3000' } });
    await member('av', 'audience');
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'G#g' }, sk: { S: 'META' }, groupId: { S: 'g' } } }));

    await ensureTables(client, [groupsTable], prefix);
    const inIndex = async (group: string) => ((await client.send(new QueryCommand({
      TableName: table, IndexName: PUSH_CANDIDATE_INDEX, KeyConditionExpression: 'pushPk = :pk', ExpressionAttributeValues: { ':pk': { S: `G#${group}` } },
    }))).Items ?? []).map((i) => i.userId?.S).sort();
    expect(await inIndex('g')).toEqual(['plain', 'registeredSince']);
    expect(await inIndex('av')).toEqual([]);
    // Again: nothing left to add, nothing added twice.
    await ensureTables(client, [groupsTable], prefix);
    expect(await inIndex('g')).toEqual(['plain', 'registeredSince']);
    client.destroy();
  }, 120_000);
});
