import { BatchGetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accountKey, profileKey } from '../accounts/account-keys.js';
import type { ProfileStore, StoredProfile } from './profile-store.js';

const TAG = /^Tag_Profile_/;

/** Profiles in the Users table: the PROFILE item, one attribute per tag. */
export class DynamoProfileStore implements ProfileStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async readMany(userIds: readonly string[]): Promise<Map<string, StoredProfile>> {
    const ids = [...new Set(userIds)];
    const items: Record<string, unknown>[] = [];
    let keys = ids.flatMap((id) => [accountKey(id), profileKey(id)]);
    while (keys.length > 0) {
      const chunk = keys.slice(0, 100);
      keys = keys.slice(100);
      const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: chunk } } }));
      items.push(...(out.Responses?.[this.tableName] ?? []));
      const unprocessed = out.UnprocessedKeys?.[this.tableName]?.Keys;
      if (unprocessed?.length) keys = [...(unprocessed as typeof chunk), ...keys];
    }
    const live = new Set(items.filter((i) => i.sk === 'ACCOUNT' && i.deletedAt === undefined).map((i) => String(i.pk).slice(2)));
    const found = new Map<string, StoredProfile>([...live].map((id) => [id, {}]));
    for (const item of items) {
      const id = String(item.pk).slice(2);
      if (item.sk !== 'PROFILE' || !live.has(id)) continue;
      found.set(id, Object.fromEntries(Object.entries(item).filter(([k]) => TAG.test(k))) as StoredProfile);
    }
    return found;
  }

  async write(userId: string, values: StoredProfile, now: number): Promise<void> {
    const names: Record<string, string> = {};
    const attrValues: Record<string, unknown> = { ':now': now };
    const sets = Object.entries(values).map(([tag, value], i) => {
      names[`#t${i}`] = tag;
      attrValues[`:v${i}`] = value;
      return `#t${i} = :v${i}`;
    });
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: profileKey(userId),
      UpdateExpression: `SET ${[...sets, 'updatedAt = :now'].join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: attrValues,
    }));
  }
}
