import {
  BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { logger } from '../shared/logger.js';
import type {
  AddMemberLimits, AddOutcome, ApplicationRecord, GroupPage, GroupRecord, GroupStore, GroupUserList, MemberRecord,
} from './group-store.js';
import type { GroupType } from './group-types.js';
import { countGroupsIn } from './group-count-dynamo.js';
import { DynamoGroupListing, INDEX, pick, toMember } from './group-listing-dynamo.js';
import {
  ALL_GROUPS_INDEX_PK, APPLICATION_PREFIX, GROUP_COUNT_KEY, LIST_PREFIX, MEMBER_PREFIX, applicationKey, groupPk,
  applicationCountKey, joinedCountKey, listingKey, memberIndexPk, memberKey, membersCursorKey, metaKey, PUSH_CANDIDATE_ATTRIBUTE, subscriptionsIndexPk,
} from './group-keys.js';

type Item = Record<string, unknown>;
/** push.register's member updates in flight at once: a user in 3,000 groups must not burst 3,000 writes. */
const STAMP_PARALLEL = 16;

const GROUP_FIELDS = ['groupId', 'type', 'name', 'introduction', 'notification', 'faceUrl', 'ownerAccount', 'createTime', 'infoSeq',
  'lastInfoTime', 'lastMsgTime', 'nextMsgSeq', 'memberNum', 'maxMemberNum', 'applyJoinOption', 'muteAllMember', 'appDefinedData', 'extension', 'activated', 'supportTopic', 'topicNum', 'enablePermission', 'defaultPermission'] as const;

const toGroup = (item: Item): GroupRecord => pick<GroupRecord>(item, GROUP_FIELDS);
/** The META item's place in the all-groups listing: creation second × 10^6 + a random tie-breaker, 16 digits (a number for Tencent's `Next`). */
const listKey = (createTime: number) => String(createTime * 1_000_000 + randomInt(1_000_000)).padStart(16, '0');
const groupItem = (g: GroupRecord): Item => ({ ...metaKey(g.groupId), ...g });
/**
 * A small item per group in the byMember index's `GROUPS` partition, written once at creation, so the
 * counters and profile updates of META never touch the index.
 */
const listingItem = (g: GroupRecord): Item => ({ ...listingKey(g.groupId), gsi1pk: ALL_GROUPS_INDEX_PK, gsi1sk: listKey(g.createTime), groupId: g.groupId, type: g.type });
const memberItem = (m: MemberRecord): Item => ({
  ...memberKey(m.groupId, m.userId), gsi1pk: memberIndexPk(m.userId), gsi1sk: m.groupId, ...m,
  // A new member may have a push device: the push pages look it up (and mark it) until it is known to have none.
  ...(m.groupType !== 'AVChatRoom' && { [PUSH_CANDIDATE_ATTRIBUTE]: groupPk(m.groupId) }),
});

// Each operation is a function of the store's base (`this`), so a narrow view bundles only the ones it names.
async function counter(this: DynamoGroupListing, key: Item, delta: number, max?: number): Promise<boolean> {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: key,
      UpdateExpression: 'ADD n :d',
      ...(max !== undefined && delta > 0 && { ConditionExpression: 'attribute_not_exists(n) OR n < :max', ExpressionAttributeValues: { ':d': delta, ':max': max } }),
      ...(!(max !== undefined && delta > 0) && { ExpressionAttributeValues: { ':d': delta } }),
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * All-or-nothing from the caller's view, without transactions (docs/data-model.md, "Creating a group"):
 * the app slot, then META as the claim on the id (`attribute_not_exists`: of two concurrent creations of one
 * GroupId exactly one wins, and the loser has written nothing of its own), then per chunk of 25 members their
 * joined-group slots (conditional, in parallel) and one BatchWriteItem. Any failure after the claim (a member
 * over `maxJoined`, an SDK error) undoes what was written: META first (so no join lands meanwhile), the
 * attempted member items and the listing, then the reserved counters.
 */
export async function createGroup(this: DynamoGroupListing, group: GroupRecord, members: readonly MemberRecord[], limits: { maxGroups: number; maxJoined: number }) {
  const counts = group.type !== 'AVChatRoom';
  if (!(await counter.call(this, GROUP_COUNT_KEY, 1, limits.maxGroups > 0 ? limits.maxGroups : undefined))) return 'groupLimit' as const;
  try {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: groupItem(group), ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (e) {
    await counter.call(this, GROUP_COUNT_KEY, -1);
    if (isConditionFailure(e)) return 'exists' as const;
    throw e;
  }
  const reserved: string[] = [];
  const attempted: Item[] = [];
  const undo = async () => {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: metaKey(group.groupId) }));
    await batchWrite.call(this, [listingKey(group.groupId), ...attempted].map((Key) => ({ DeleteRequest: { Key } })));
    await Promise.all([...reserved.map((u) => counter.call(this, joinedCountKey(u), -1)), counter.call(this, GROUP_COUNT_KEY, -1)]);
  };
  try {
    for (let i = 0; i < members.length || i === 0; i += 25) {
      const chunk = members.slice(i, i + 25);
      if (counts) {
        const ok = await Promise.all(chunk.map((m) => counter.call(this, joinedCountKey(m.userId), 1, limits.maxJoined)));
        chunk.forEach((m, j) => { if (ok[j]) reserved.push(m.userId); });
        const over = chunk.find((_, j) => !ok[j]);
        if (over) {
          await undo();
          return { joinedLimit: over.userId };
        }
      }
      attempted.push(...chunk.map((m) => memberKey(m.groupId, m.userId)));
      const last = i + 25 >= members.length;
      await batchWrite.call(this, [...chunk.map(memberItem), ...(last ? [listingItem(group)] : [])].map((Item) => ({ PutRequest: { Item } })));
    }
  } catch (e) {
    await undo().catch((error: unknown) => logger.error('create_group: undoing a failed creation failed', { error, groupId: group.groupId }));
    throw e;
  }
  return 'created' as const;
}

export async function getGroup(this: DynamoGroupListing, groupId: string) {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: metaKey(groupId), ConsistentRead: true }));
  // A Community topic's META shares the key shape (functions/topics/topic-keys.ts); it is not a group.
  return Item && Item.topicOf === undefined ? toGroup(Item) : undefined;
}

export async function getGroups(this: DynamoGroupListing, groupIds: readonly string[]) {
  const items = await batchGet.call(this, [...new Set(groupIds)].map(metaKey));
  return new Map(items.filter((i) => i.topicOf === undefined).map((i) => [String(i.groupId), toGroup(i)]));
}

export async function updateGroup(this: DynamoGroupListing, groupId: string, changes: Partial<Omit<GroupRecord, 'groupId' | 'type'>>, now: number) {
  const names: Record<string, string> = { '#infoSeq': 'infoSeq', '#lastInfoTime': 'lastInfoTime' };
  const values: Record<string, unknown> = { ':one': 1, ':now': now };
  const sets = ['#lastInfoTime = :now'];
  const removes: string[] = [];
  Object.entries(changes).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    if (v === undefined) removes.push(`#f${i}`);
    else { values[`:v${i}`] = v; sets.push(`#f${i} = :v${i}`); }
  });
  try {
    const out = await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: metaKey(groupId),
      UpdateExpression: `SET ${sets.join(', ')} ADD #infoSeq :one${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValues: 'ALL_NEW',
    }));
    return toGroup(out.Attributes!);
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

export async function destroyGroup(this: DynamoGroupListing, groupId: string) {
  let deleted: Item | undefined;
  try {
    const out = await this.db.send(new DeleteCommand({
      TableName: this.tableName, Key: metaKey(groupId), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD',
    }));
    deleted = out.Attributes;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
  const group = toGroup(deleted!);
  await counter.call(this, GROUP_COUNT_KEY, -1);
  const items = await queryPartition.call(this, groupId, '');
  const members = items.filter((i) => String(i.sk).startsWith(MEMBER_PREFIX)).map(toMember);
  await batchWrite.call(this, items.map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } })));
  if (group.type !== 'AVChatRoom') await Promise.all(members.map((m) => counter.call(this, joinedCountKey(m.userId), -1)));
  return { group, members };
}

export async function listGroups(this: DynamoGroupListing, limit: number, after: number, type?: GroupType): Promise<GroupPage> {
  const groupIds: string[] = [];
  let last = String(after).padStart(16, '0');
  let more = true;
  while (more && groupIds.length < limit) {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName, IndexName: INDEX,
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk > :after',
      ExpressionAttributeValues: { ':p': ALL_GROUPS_INDEX_PK, ':after': last, ...(type && { ':t': type }) },
      ...(type && { FilterExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' } }),
      ProjectionExpression: 'groupId, gsi1sk', Limit: Math.min(1000, limit - groupIds.length),
    }));
    for (const i of out.Items ?? []) groupIds.push(String(i.groupId));
    if (out.LastEvaluatedKey) last = String(out.LastEvaluatedKey.gsi1sk);
    more = out.LastEvaluatedKey !== undefined;
  }
  return { groupIds, ...(more && { next: Number(last) }) };
}

export function countGroups(this: DynamoGroupListing, type?: GroupType) {
  return countGroupsIn(this.db, this.tableName, type);
}

export async function getMember(this: DynamoGroupListing, groupId: string, userId: string) {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: memberKey(groupId, userId), ConsistentRead: true }));
  return Item ? toMember(Item) : undefined;
}

export async function getMembers(this: DynamoGroupListing, groupId: string, userIds: readonly string[]) {
  const items = await batchGet.call(this, [...new Set(userIds)].map((u) => memberKey(groupId, u)));
  return new Map(items.map((i) => [String(i.userId), toMember(i)]));
}

export async function listMembers(this: DynamoGroupListing, groupId: string) {
  const members = (await queryPartition.call(this, groupId, MEMBER_PREFIX)).map(toMember);
  return members.sort((a, b) => a.joinTime - b.joinTime || a.userId.localeCompare(b.userId));
}

export async function pageMembers(this: DynamoGroupListing, groupId: string, limit: number, after: string | undefined, roles?: readonly string[]) {
  if (roles?.length === 0) return { members: [] };
  const members: MemberRecord[] = [];
  let from = after === undefined ? MEMBER_PREFIX : `${MEMBER_PREFIX}${after}\u0000`;
  let more = true;
  while (more && members.length < limit) {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      // Member keys are `M#<UserID>`; `M$` sorts right after every one of them (and before `MUTE#…`).
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': groupPk(groupId), ':from': from, ':to': 'M$', ...(roles && Object.fromEntries(roles.map((r, i) => [`:r${i}`, r]))) },
      ...(roles && { FilterExpression: `#role IN (${roles.map((_, i) => `:r${i}`).join(', ')})`, ExpressionAttributeNames: { '#role': 'role' } }),
      ConsistentRead: true, Limit: limit - members.length,
    }));
    members.push(...(out.Items ?? []).map(toMember));
    more = out.LastEvaluatedKey !== undefined;
    if (more) from = `${String(out.LastEvaluatedKey!.sk)}\u0000`;
  }
  const last = from.slice(MEMBER_PREFIX.length, -1);
  return { members, ...(more && { next: last }) };
}

export async function saveMembersCursor(this: DynamoGroupListing, groupId: string, cursor: number, after: string, at: number) {
  await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...membersCursorKey(groupId, cursor), cursor, after, at } }));
}

export async function loadMembersCursor(this: DynamoGroupListing, groupId: string, cursor: number) {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: membersCursorKey(groupId, cursor), ConsistentRead: true }));
  return Item && Item.cursor === cursor ? { after: String(Item.after), at: Number(Item.at) } : undefined;
}

export async function addMember(this: DynamoGroupListing, member: MemberRecord, limits: AddMemberLimits): Promise<AddOutcome> {
  const userCounter = joinedCountKey(member.userId);
  if (limits.countsTowardJoined && !(await counter.call(this, userCounter, 1, limits.maxJoined))) return 'joinedLimit';
  const undoUser = () => (limits.countsTowardJoined ? counter.call(this, userCounter, -1) : Promise.resolve(true));
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: metaKey(member.groupId),
      UpdateExpression: 'ADD memberNum :one',
      ConditionExpression: 'attribute_exists(pk) AND (maxMemberNum = :unlimited OR memberNum < maxMemberNum)',
      ExpressionAttributeValues: { ':one': 1, ':unlimited': 0 },
    }));
  } catch (e) {
    await undoUser();
    if (!isConditionFailure(e)) throw e;
    return (await getGroup.call(this, member.groupId)) ? 'full' : 'gone';
  }
  try {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: memberItem(member), ConditionExpression: 'attribute_not_exists(pk)' }));
    return 'added';
  } catch (e) {
    await Promise.all([undoUser(), decrementMembers.call(this, member.groupId)]);
    if (isConditionFailure(e)) return 'already';
    throw e;
  }
}

async function decrementMembers(this: DynamoGroupListing, groupId: string) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: metaKey(groupId), UpdateExpression: 'ADD memberNum :m',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':m': -1 },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

export async function removeMember(this: DynamoGroupListing, groupId: string, userId: string, countsTowardJoined: boolean) {
  let old: Item | undefined;
  try {
    old = (await this.db.send(new DeleteCommand({
      TableName: this.tableName, Key: memberKey(groupId, userId), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD',
    }))).Attributes;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
  await Promise.all([decrementMembers.call(this, groupId), countsTowardJoined ? counter.call(this, joinedCountKey(userId), -1) : undefined]);
  return toMember(old!);
}

export async function updateMember(this: DynamoGroupListing, groupId: string, userId: string, changes: Partial<Pick<MemberRecord, 'role' | 'msgFlag' | 'nameCard' | 'muteUntil' | 'appMemberDefinedData'>>) {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return getMember.call(this, groupId, userId);
  try {
    const out = await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: memberKey(groupId, userId),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      ReturnValues: 'ALL_NEW',
    }));
    return toMember(out.Attributes!);
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

export async function markActivated(this: DynamoGroupListing, groupId: string) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: metaKey(groupId), UpdateExpression: 'SET activated = :t',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': true },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

export async function changeOwner(this: DynamoGroupListing, groupId: string, oldOwner: string | undefined, newOwner: string, now: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName, Key: metaKey(groupId),
      UpdateExpression: 'SET ownerAccount = :n, lastInfoTime = :now ADD infoSeq :one',
      ConditionExpression: oldOwner === undefined ? 'attribute_exists(pk) AND attribute_not_exists(ownerAccount)' : 'ownerAccount = :o',
      ExpressionAttributeValues: { ':n': newOwner, ':now': now, ':one': 1, ...(oldOwner !== undefined && { ':o': oldOwner }) },
    }));
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
  await updateMember.call(this, groupId, newOwner, { role: 'Owner' });
  if (oldOwner !== undefined) await updateMember.call(this, groupId, oldOwner, { role: 'Member' });
  return true;
}

export async function countOwnedGroups(this: DynamoGroupListing, userId: string, type: GroupType) {
  let total = 0;
  let startKey: Item | undefined;
  do {
    const page = await this.db.send(new QueryCommand({
      TableName: this.tableName, IndexName: INDEX, KeyConditionExpression: 'gsi1pk = :p', FilterExpression: '#role = :owner AND groupType = :t',
      ExpressionAttributeNames: { '#role': 'role' }, ExpressionAttributeValues: { ':p': memberIndexPk(userId), ':owner': 'Owner', ':t': type },
      Select: 'COUNT', ExclusiveStartKey: startKey,
    }));
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return total;
}

export async function stampPushRegistered(this: DynamoGroupListing, userId: string, at: number) {
  const groupIds: string[] = [];
  // The user's groups, and its official-account subscriptions: their broadcasts' push pages mark subscribers too.
  await Promise.all([memberIndexPk(userId), subscriptionsIndexPk(userId)].map(async (partition) => {
    let startKey: Item | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName, IndexName: INDEX, KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': partition }, ProjectionExpression: 'groupId, accountId, groupType', ExclusiveStartKey: startKey,
      }));
      // AVChatRoom never pushes offline.
      groupIds.push(...(page.Items ?? []).filter((i) => i.groupType !== 'AVChatRoom').map((i) => String(i.groupId ?? i.accountId)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }));
  for (let i = 0; i < groupIds.length; i += STAMP_PARALLEL) {
    await Promise.all(groupIds.slice(i, i + STAMP_PARALLEL).map(async (groupId) => {
      try {
        await this.db.send(new UpdateCommand({
          TableName: this.tableName, Key: memberKey(groupId, userId), UpdateExpression: `SET pushRegisteredAt = :t, ${PUSH_CANDIDATE_ATTRIBUTE} = :pk`,
          ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': at, ':pk': groupPk(groupId) },
        }));
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }));
  }
  return groupIds.length;
}

export async function putApplication(this: DynamoGroupListing, a: ApplicationRecord, maxPending: number) {
  const Item = { ...applicationKey(a.groupId, a.userId), ...a };
  try {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item, ConditionExpression: 'attribute_exists(pk)' }));
    return 'refreshed' as const;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  if (!(await counter.call(this, applicationCountKey(a.groupId), 1, maxPending))) return 'full' as const;
  try {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (e) {
    await counter.call(this, applicationCountKey(a.groupId), -1);
    if (!isConditionFailure(e)) throw e;
    // A concurrent application of the same user landed first: this one replaces it.
    await this.db.send(new PutCommand({ TableName: this.tableName, Item }));
    return 'refreshed' as const;
  }
  return 'added' as const;
}

export async function takeApplication(this: DynamoGroupListing, groupId: string, userId: string) {
  let i: Item;
  try {
    const out = await this.db.send(new DeleteCommand({
      TableName: this.tableName, Key: applicationKey(groupId, userId), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD',
    }));
    i = out.Attributes!;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
  await counter.call(this, applicationCountKey(groupId), -1);
  return { groupId, userId, applyMsg: String(i.applyMsg ?? ''), appliedAt: Number(i.appliedAt) };
}

export async function listApplications(this: DynamoGroupListing, groupId: string) {
  return (await queryPartition.call(this, groupId, APPLICATION_PREFIX))
    .map((i) => ({ groupId, userId: String(i.userId), applyMsg: String(i.applyMsg ?? ''), appliedAt: Number(i.appliedAt) }));
}

export async function addToList(this: DynamoGroupListing, groupId: string, list: GroupUserList, userIds: readonly string[], now: number) {
  await batchWrite.call(this, userIds.map((u) => ({ PutRequest: { Item: { pk: groupPk(groupId), sk: `${LIST_PREFIX[list]}${u}`, userId: u, addedAt: now } } })));
}

export async function removeFromList(this: DynamoGroupListing, groupId: string, list: GroupUserList, userIds: readonly string[]) {
  await batchWrite.call(this, userIds.map((u) => ({ DeleteRequest: { Key: { pk: groupPk(groupId), sk: `${LIST_PREFIX[list]}${u}` } } })));
}

export async function inList(this: DynamoGroupListing, groupId: string, list: GroupUserList, userId: string) {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: groupPk(groupId), sk: `${LIST_PREFIX[list]}${userId}` } }));
  return Item !== undefined;
}

export async function listOf(this: DynamoGroupListing, groupId: string, list: GroupUserList) {
  return (await queryPartition.call(this, groupId, LIST_PREFIX[list])).map((i) => String(i.userId));
}

async function queryPartition(this: DynamoGroupListing, groupId: string, prefix: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': groupPk(groupId), ...(prefix && { ':p': prefix }) },
      ConsistentRead: true, ExclusiveStartKey: startKey,
    }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function batchGet(this: DynamoGroupListing, keys: Item[]): Promise<Item[]> {
  const found: Item[] = [];
  // DynamoDB refuses a batch that names a key twice (a request may list an account twice).
  let pending = uniqueBy(keys, (k) => `${String(k.pk)}\u0000${String(k.sk)}`);
  while (pending.length > 0) {
    const chunk = pending.slice(0, 100);
    pending = pending.slice(100);
    const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: chunk, ConsistentRead: true } } }));
    found.push(...(out.Responses?.[this.tableName] ?? []));
    const unprocessed = out.UnprocessedKeys?.[this.tableName]?.Keys;
    if (unprocessed?.length) pending = [...unprocessed, ...pending];
  }
  return found;
}

async function batchWrite(this: DynamoGroupListing, all: Item[]): Promise<void> {
  const requests = uniqueBy(all, writeKeyOf);
  for (let i = 0; i < requests.length; i += 25) {
    let chunk = requests.slice(i, i + 25);
    while (chunk.length > 0) {
      const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: chunk as never } }));
      chunk = (out.UnprocessedItems?.[this.tableName] ?? []) as Item[];
    }
  }
}

/** Groups, members, applications and per-group user lists in the Groups table (docs/data-model.md). */
export class DynamoGroupStore extends DynamoGroupListing implements GroupStore  {
  createGroup = createGroup;
  getGroup = getGroup;
  getGroups = getGroups;
  updateGroup = updateGroup;
  destroyGroup = destroyGroup;
  listGroups = listGroups;
  countGroups = countGroups;
  getMember = getMember;
  getMembers = getMembers;
  listMembers = listMembers;
  pageMembers = pageMembers;
  saveMembersCursor = saveMembersCursor;
  loadMembersCursor = loadMembersCursor;
  addMember = addMember;
  removeMember = removeMember;
  updateMember = updateMember;
  markActivated = markActivated;
  changeOwner = changeOwner;
  countOwnedGroups = countOwnedGroups;
  stampPushRegistered = stampPushRegistered;
  putApplication = putApplication;
  takeApplication = takeApplication;
  listApplications = listApplications;
  addToList = addToList;
  removeFromList = removeFromList;
  inList = inList;
  listOf = listOf;
}

/** A narrow view of the group store: the listing (its base) and the operations a Lambda names (functions/aws-services.ts). */
export class DynamoGroupStoreView extends DynamoGroupListing {}

/** The last of the items with the same key, in first-seen order. */
function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item] as const)).values()];
}

const writeKeyOf = (request: Item): string => {
  const key = ((request.PutRequest as { Item?: Item } | undefined)?.Item ?? (request.DeleteRequest as { Key?: Item } | undefined)?.Key ?? {}) as Item;
  return `${String(key.pk)}\u0000${String(key.sk)}`;
};
