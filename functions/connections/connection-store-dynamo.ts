import { BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONNECT_HANDSHAKE_MS, CONNECTION_MAX_AGE_MS, PUSH_ONLINE_MS, type ConnectionRecord, type ConnectionStore, type PresenceItems, type PushDeviceRecord, type StatusSubscription } from './connection-store.js';
import { userPk } from '../accounts/account-keys.js';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';

const key = (userId: string, connectionId: string) => ({ pk: userPk(userId), sk: `C#${connectionId}` });
const ttlFor = (connectedAt: number) => Math.ceil((connectedAt + CONNECTION_MAX_AGE_MS) / 1000) + 60;
const deviceKey = (userId: string, instance: string) => ({ pk: userPk(userId), sk: `D#${instance}` });
const deviceTtl = (lastOnlineAt: number) => Math.ceil((lastOnlineAt + PUSH_ONLINE_MS) / 1000);

/** The custom status sits in the user's partition, so the presence Query reads it too. */
const STATUS_SK = 'STATUS';
/** Subscriptions: at the target (`W#<target>`, one item per subscriber) and at the subscriber (`WS#<subscriber>`). */
const watcherKey = (target: string, subscriber: string) => ({ pk: `W#${target}`, sk: subscriber });
const subscriptionKey = (subscriber: string, target: string) => ({ pk: `WS#${subscriber}`, sk: target });
type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

const toDevice = (i: Record<string, unknown>): PushDeviceRecord => ({
  userId: i.userId as string,
  instance: i.instance as string,
  platform: i.platform as PushDeviceRecord['platform'],
  pushPlatform: i.pushPlatform as PushDeviceRecord['pushPlatform'],
  token: i.token as string,
  ...(i.businessId !== undefined && { businessId: i.businessId as number }),
  ...(i.endpointArn !== undefined && { endpointArn: i.endpointArn as string }),
  registeredAt: i.registeredAt as number,
  lastOnlineAt: i.lastOnlineAt as number,
});

const toRecord = (i: Record<string, unknown>): ConnectionRecord => ({
  userId: i.userId as string,
  connectionId: i.connectionId as string,
  platform: i.platform as ConnectionRecord['platform'],
  instance: i.instance as string,
  connectedAt: i.connectedAt as number,
  lastSeen: i.lastSeen as number,
});

/**
 * Connections table: pk `U#<user>`; sk `C#<connectionId>` (TTL 2 h after connect)
 * and `D#<instance>` for push devices (TTL 7 days after the instance was last online), `STATUS` (the custom status);
 * status subscriptions under pk `W#<target>` and `WS#<subscriber>`.
 */
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

  async removeGone(userId: string, connectionId: string, now: number): Promise<boolean> {
    try {
      await this.db.send(new DeleteCommand({
        TableName: this.tableName, Key: key(userId, connectionId),
        ConditionExpression: 'attribute_not_exists(pk) OR connectedAt < :handshakeOver',
        ExpressionAttributeValues: { ':handshakeOver': now - CONNECT_HANDSHAKE_MS },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async listByUser(userId: string, now: number, consistent = false): Promise<ConnectionRecord[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName, ...(consistent && { ConsistentRead: true }),
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
      if (!isConditionFailure(e)) throw e;
    }
  }

  async putDevice(d: PushDeviceRecord): Promise<PushDeviceRecord | undefined> {
    const out = await this.db.send(new PutCommand({
      TableName: this.tableName, Item: { ...deviceKey(d.userId, d.instance), ...d, ttl: deviceTtl(d.lastOnlineAt) }, ReturnValues: 'ALL_OLD',
    }));
    return out.Attributes ? toDevice(out.Attributes) : undefined;
  }

  async removeDevice(userId: string, instance: string): Promise<PushDeviceRecord | undefined> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: deviceKey(userId, instance), ReturnValues: 'ALL_OLD' }));
    return out.Attributes ? toDevice(out.Attributes) : undefined;
  }

  async markDeviceOffline(userId: string, instance: string, now: number): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: deviceKey(userId, instance),
        UpdateExpression: 'SET lastOnlineAt = :now, #ttl = :ttl',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':now': now, ':ttl': deviceTtl(now) },
      }));
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }

  async presenceOf(userId: string, now: number): Promise<PresenceItems> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': userPk(userId) },
    }));
    const items = out.Items ?? [];
    const deviceItems = items.filter((i) => String(i.sk).startsWith('D#'));
    const status = items.find((i) => i.sk === STATUS_SK);
    const devices = deviceItems.filter((i) => (i.lastOnlineAt as number) + PUSH_ONLINE_MS > now).map(toDevice);
    return {
      connections: items.filter((i) => String(i.sk).startsWith('C#') && (i.connectedAt as number) + CONNECTION_MAX_AGE_MS > now).map(toRecord),
      devices,
      dormantDevices: deviceItems.length - devices.length,
      ...(typeof status?.customStatus === 'string' && { customStatus: status.customStatus }),
    };
  }

  async storesPushDevice(userId: string): Promise<boolean> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':d': 'D#' },
      ProjectionExpression: 'endpointArn', ConsistentRead: true,
    }));
    return (out.Items ?? []).some((i) => typeof i.endpointArn === 'string' && i.endpointArn !== '');
  }

  async setCustomStatus(userId: string, customStatus: string, now: number): Promise<void> {
    const Key = { pk: userPk(userId), sk: STATUS_SK };
    if (customStatus === '') await this.db.send(new DeleteCommand({ TableName: this.tableName, Key }));
    else await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...Key, customStatus, updatedAt: now } }));
  }

  private async queryAll(pk: string, consistent = false): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: start,
        ...(consistent && { ConsistentRead: true }),
      }));
      items.push(...out.Items ?? []);
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async statusWatchers(target: string): Promise<string[]> {
    return (await this.queryAll(`W#${target}`)).map((i) => String(i.sk));
  }

  async statusSubscriptions(subscriber: string, consistent = false): Promise<StatusSubscription[]> {
    return (await this.queryAll(`WS#${subscriber}`, consistent)).map((i) => ({ target: String(i.sk), subscribedAt: Number(i.subscribedAt) }));
  }

  private async batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
      while (pending && pending.length > 0) {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = out.UnprocessedItems?.[this.tableName] as WriteRequest[] | undefined;
      }
    }
  }

  async putStatusSubscriptions(subscriber: string, targets: readonly string[], now: number): Promise<void> {
    await this.batchWrite(targets.flatMap((target) => [
      { PutRequest: { Item: { ...watcherKey(target, subscriber), subscribedAt: now } } },
      { PutRequest: { Item: { ...subscriptionKey(subscriber, target), subscribedAt: now } } },
    ]));
  }

  async deleteStatusSubscriptions(subscriber: string, targets: readonly string[]): Promise<void> {
    await this.batchWrite(targets.flatMap((target) => [
      { DeleteRequest: { Key: watcherKey(target, subscriber) } },
      { DeleteRequest: { Key: subscriptionKey(subscriber, target) } },
    ]));
  }
}
