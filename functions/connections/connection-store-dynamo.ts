import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONNECTION_MAX_AGE_MS, type ConnectionRecord, type ConnectionStore } from './connection-store.js';
import { userPk } from '../accounts/account-keys.js';

const key = (userId: string, connectionId: string) => ({ pk: userPk(userId), sk: `C#${connectionId}` });
const ttlFor = (connectedAt: number) => Math.ceil((connectedAt + CONNECTION_MAX_AGE_MS) / 1000) + 60;

const toRecord = (i: Record<string, unknown>): ConnectionRecord => ({
  userId: i.userId as string,
  connectionId: i.connectionId as string,
  platform: i.platform as ConnectionRecord['platform'],
  instance: i.instance as string,
  connectedAt: i.connectedAt as number,
  lastSeen: i.lastSeen as number,
});

/** Connections table: pk `U#<user>`, sk `C#<connectionId>`, TTL 2 h after connect. */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async put(c: ConnectionRecord): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.tableName,
      Item: { ...key(c.userId, c.connectionId), ...c, ttl: ttlFor(c.connectedAt) },
    }));
  }

  async remove(userId: string, connectionId: string): Promise<ConnectionRecord | undefined> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key(userId, connectionId), ReturnValues: 'ALL_OLD' }));
    return out.Attributes ? toRecord(out.Attributes) : undefined;
  }

  async listByUser(userId: string, now: number): Promise<ConnectionRecord[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':c': 'C#' },
    }));
    return (out.Items ?? [])
      .filter((i) => (i.connectedAt as number) + CONNECTION_MAX_AGE_MS > now)
      .map(toRecord);
  }

  async touch(userId: string, connectionId: string, now: number): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: key(userId, connectionId),
        UpdateExpression: 'SET lastSeen = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
      }));
    } catch (e) {
      // A ping racing a disconnect must not resurrect the record.
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
    }
  }
}
