import {
  BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { groupPk, metaKey } from '../groups/group-keys.js';
import type { PermissionGroupChanges, PermissionGroupRecord, PermissionGroupStore, TopicPermission } from './permission-store.js';

type Item = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Keys in the Community's partition (docs/data-model.md, "Permission groups"). */
const PG = 'PG#';
const pgKey = (groupId: string, id: string) => ({ pk: groupPk(groupId), sk: `${PG}${id}` });
const memberPrefix = (id: string) => `PGM#${id.length}:${id}#`;
const pgMemberKey = (groupId: string, id: string, userId: string) => ({ pk: groupPk(groupId), sk: `${memberPrefix(id)}${userId}` });
/** A member's permission groups (a string set): the permission check reads one item. */
const userGroupsKey = (groupId: string, userId: string) => ({ pk: groupPk(groupId), sk: `UPG#${userId}` });
const topicPrefix = (id: string) => `TP#${id.length}:${id}#`;
const topicPermKey = (groupId: string, id: string, topicId: string) => ({ pk: groupPk(groupId), sk: `${topicPrefix(id)}${topicId}` });

const toGroup = (i: Item): PermissionGroupRecord => ({
  groupId: str(i.groupId), permissionGroupId: str(i.permissionGroupId), name: str(i.name), permission: num(i.permission),
  customString: str(i.customString), memberNum: num(i.memberNum), createTime: num(i.createTime),
});
const cancelled = (e: unknown) => (e as { name?: string }).name === 'TransactionCanceledException'
  ? (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [] : undefined;

/** The permission group store's table and client: the `this` of its operations. */
export class DynamoPermissionGroupsBase {
  constructor(readonly db: DynamoDBDocumentClient, readonly table: string) {}
}

// Each operation is a function of the store's base (`this`), so a narrow view bundles only the ones it names.
export async function create(this: DynamoPermissionGroupsBase, g: PermissionGroupRecord, max: number) {
  try {
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: this.table, Item: { ...pgKey(g.groupId, g.permissionGroupId), ...g, memberNum: 0 }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: this.table, Key: metaKey(g.groupId), UpdateExpression: 'ADD permissionGroupNum :one',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(permissionGroupNum) OR permissionGroupNum < :max)',
            ExpressionAttributeValues: { ':one': 1, ':max': max },
          },
        },
      ],
    }));
    return 'created' as const;
  } catch (e) {
    const reasons = cancelled(e);
    if (!reasons) throw e;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'exists' as const;
    if (reasons[1]?.Code === 'ConditionalCheckFailed') {
      const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: metaKey(g.groupId), ProjectionExpression: 'pk' }));
      return Item ? 'limit' as const : 'gone' as const;
    }
    throw e;
  }
}

export async function get(this: DynamoPermissionGroupsBase, groupId: string, ids: readonly string[]) {
  const out = new Map<string, PermissionGroupRecord>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Item[] = unique.slice(i, i + 100).map((id) => pgKey(groupId, id));
    while (keys.length) {
      const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of res.Responses?.[this.table] ?? []) out.set(str(item.permissionGroupId), toGroup(item));
      keys = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Item[];
    }
  }
  return out;
}

export async function list(this: DynamoPermissionGroupsBase, groupId: string, limit: number, after: string | undefined) {
  const out = await this.db.send(new QueryCommand({
    TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ConsistentRead: true,
    ExpressionAttributeValues: { ':pk': groupPk(groupId), ':p': PG }, Limit: limit,
    ...(after && { ExclusiveStartKey: pgKey(groupId, after) }),
  }));
  const groups = (out.Items ?? []).map(toGroup);
  return { groups, ...(out.LastEvaluatedKey && groups.length > 0 && { next: groups[groups.length - 1]!.permissionGroupId }) };
}

export async function modify(this: DynamoPermissionGroupsBase, groupId: string, id: string, changes: PermissionGroupChanges) {
  const sets: string[] = [];
  const values: Item = {};
  const names: Record<string, string> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.table, Key: pgKey(groupId, id), ConditionExpression: 'attribute_exists(pk)',
      ...(sets.length ? { UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } : { UpdateExpression: 'SET permissionGroupId = permissionGroupId' }),
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function destroy(this: DynamoPermissionGroupsBase, groupId: string, id: string) {
  try {
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: this.table, Key: pgKey(groupId, id), ConditionExpression: 'attribute_exists(pk)' } },
        { Update: { TableName: this.table, Key: metaKey(groupId), UpdateExpression: 'ADD permissionGroupNum :minus', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':minus': -1 } } },
      ],
    }));
  } catch (e) {
    const reasons = cancelled(e);
    if (!reasons) throw e;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    throw e;
  }
  // The group is gone; its members' back-references and topic permissions follow (a crash here leaves dangling
  // references, which every read ignores: a permission group that does not exist grants nothing).
  const members = await queryAll.call(this, groupId, memberPrefix(id));
  await Promise.all(members.map((m) => this.db.send(new UpdateCommand({
    TableName: this.table, Key: userGroupsKey(groupId, str(m.userId)), UpdateExpression: 'DELETE pgs :id', ExpressionAttributeValues: { ':id': new Set([id]) },
  }))));
  const topics = await queryAll.call(this, groupId, topicPrefix(id));
  await batchDelete.call(this, [...members, ...topics].map((i) => ({ pk: i.pk, sk: i.sk })));
  return true;
}

export async function addMember(this: DynamoPermissionGroupsBase, groupId: string, id: string, userId: string) {
  try {
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: this.table, Item: { ...pgMemberKey(groupId, id, userId), userId }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: this.table, Key: userGroupsKey(groupId, userId), UpdateExpression: 'ADD pgs :id', ExpressionAttributeValues: { ':id': new Set([id]) } } },
        { Update: { TableName: this.table, Key: pgKey(groupId, id), UpdateExpression: 'ADD memberNum :one', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':one': 1 } } },
      ],
    }));
    return 'added' as const;
  } catch (e) {
    const reasons = cancelled(e);
    if (!reasons) throw e;
    if (reasons[2]?.Code === 'ConditionalCheckFailed') return 'gone' as const;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'already' as const;
    throw e;
  }
}

export async function removeMember(this: DynamoPermissionGroupsBase, groupId: string, id: string, userId: string) {
  try {
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: this.table, Key: pgMemberKey(groupId, id, userId), ConditionExpression: 'attribute_exists(pk)' } },
        { Update: { TableName: this.table, Key: userGroupsKey(groupId, userId), UpdateExpression: 'DELETE pgs :id', ExpressionAttributeValues: { ':id': new Set([id]) } } },
        { Update: { TableName: this.table, Key: pgKey(groupId, id), UpdateExpression: 'ADD memberNum :minus', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':minus': -1 } } },
      ],
    }));
    return true;
  } catch (e) {
    if (cancelled(e)) return false;
    throw e;
  }
}

export async function members(this: DynamoPermissionGroupsBase, groupId: string, id: string, limit: number, after: string | undefined) {
  const out = await this.db.send(new QueryCommand({
    TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ConsistentRead: true,
    ExpressionAttributeValues: { ':pk': groupPk(groupId), ':p': memberPrefix(id) }, Limit: limit,
    ...(after && { ExclusiveStartKey: pgMemberKey(groupId, id, after) }),
  }));
  const userIds = (out.Items ?? []).map((i) => str(i.userId));
  return { userIds, ...(out.LastEvaluatedKey && userIds.length > 0 && { next: userIds[userIds.length - 1]! }) };
}

export async function groupsOf(this: DynamoPermissionGroupsBase, groupId: string, userId: string) {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: userGroupsKey(groupId, userId) }));
  return Item?.pgs instanceof Set ? [...(Item.pgs as Set<string>)].sort() : [];
}

export async function putTopicPermissions(this: DynamoPermissionGroupsBase, groupId: string, id: string, list: readonly TopicPermission[], mode: 'add' | 'set') {
  const out = new Map<string, 'ok' | 'exists' | 'missing'>();
  await Promise.all(list.map(async (p) => {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.table, Key: topicPermKey(groupId, id, p.topicId), UpdateExpression: 'SET #p = :p, topicId = :t',
        ConditionExpression: mode === 'add' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#p': 'permission' }, ExpressionAttributeValues: { ':p': p.permission, ':t': p.topicId },
      }));
      out.set(p.topicId, 'ok');
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      out.set(p.topicId, mode === 'add' ? 'exists' : 'missing');
    }
  }));
  return out;
}

export async function deleteTopicPermissions(this: DynamoPermissionGroupsBase, groupId: string, id: string, topicIds: readonly string[]) {
  await batchDelete.call(this, topicIds.map((t) => topicPermKey(groupId, id, t)));
}

export async function topicPermissions(this: DynamoPermissionGroupsBase, groupId: string, id: string, topicIds?: readonly string[]) {
  const items = topicIds ? await batchGet.call(this, topicIds.map((t) => topicPermKey(groupId, id, t))) : await queryAll.call(this, groupId, topicPrefix(id));
  return items.map((i) => ({ topicId: str(i.topicId), permission: num(i.permission) }));
}

export async function topicPermissionsOf(this: DynamoPermissionGroupsBase, groupId: string, ids: readonly string[], topicId: string) {
  return (await batchGet.call(this, ids.map((id) => topicPermKey(groupId, id, topicId)))).map((i) => num(i.permission));
}

async function batchGet(this: DynamoPermissionGroupsBase, requested: Item[]): Promise<Item[]> {
  const keys = distinctKeys(requested);
  const found: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let chunk = keys.slice(i, i + 100);
    while (chunk.length) {
      const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: chunk, ConsistentRead: true } } }));
      found.push(...(res.Responses?.[this.table] ?? []));
      chunk = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Item[];
    }
  }
  return found;
}

async function queryAll(this: DynamoPermissionGroupsBase, groupId: string, prefix: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ConsistentRead: true,
      ExpressionAttributeValues: { ':pk': groupPk(groupId), ':p': prefix }, ExclusiveStartKey: start,
    }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function batchDelete(this: DynamoPermissionGroupsBase, requested: Item[]): Promise<void> {
  const keys = distinctKeys(requested);
  for (let i = 0; i < keys.length; i += 25) {
    let chunk: Item[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    while (chunk.length) {
      const res = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: chunk as never } }));
      chunk = (res.UnprocessedItems?.[this.table] ?? []) as Item[];
    }
  }
}

export class DynamoPermissionGroupStore extends DynamoPermissionGroupsBase implements PermissionGroupStore {
  create = create;
  get = get;
  list = list;
  modify = modify;
  destroy = destroy;
  addMember = addMember;
  removeMember = removeMember;
  members = members;
  groupsOf = groupsOf;
  putTopicPermissions = putTopicPermissions;
  deleteTopicPermissions = deleteTopicPermissions;
  topicPermissions = topicPermissions;
  topicPermissionsOf = topicPermissionsOf;
}

/** A narrow view of the permission group store: the operations a Lambda names (functions/aws-services.ts), no other. */
export class DynamoPermissionGroupsView extends DynamoPermissionGroupsBase {}

/** DynamoDB refuses a batch that names one key twice; a caller's list (TopicIdList) may repeat an id. */
function distinctKeys(keys: Item[]): Item[] {
  const seen = new Map<string, Item>();
  for (const k of keys) seen.set(`${String(k.pk)}\u0000${String(k.sk)}`, k);
  return [...seen.values()];
}
