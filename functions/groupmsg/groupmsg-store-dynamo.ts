import {
  BatchWriteCommand, DeleteCommand, QueryCommand, UpdateCommand, PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionFailureItem, isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { conversationPk, messageSk, sendClaimKey } from '../c2c/c2c-keys.js';
import { MEMBER_PREFIX, PUSH_CANDIDATE_ATTRIBUTE, PUSH_CANDIDATE_INDEX, groupPk, memberKey, metaKey } from '../groups/group-keys.js';
import { editUpdate, refusedEdit, type MessageEdit } from '../c2c/modify-edit.js';
import { DynamoGroupConversationReads, groupConversationId, messageKey, num, toMessage } from './group-conversation-reads-dynamo.js';
import type {
  AdmitOutcome, AdmitRequest, GroupMessage, GroupMessageStore, MemberPage, MuteEntry, OnlineConnection, ReceiptOutcome, SenderStanding,
} from './groupmsg-store.js';

type Item = Record<string, unknown>;

/** A read receipt: one item per (message, reader) beside the message, in UserID order per message (`RR#<seq>#<UserID>`). */
const readerPrefix = (seq: number) => `RR#${messageSk(seq).slice(2)}#`;
const readerKey = (groupId: string, seq: number, userId: string) => ({ pk: conversationPk(groupConversationId(groupId)), sk: `${readerPrefix(seq)}${userId}` });
/** Groups table: a forbid_send_msg mute, kept apart from the member item so it survives leaving and rejoining. */
const muteKey = (groupId: string, userId: string) => ({ pk: groupPk(groupId), sk: `MUTE#${userId}` });
const whitelistKey = (groupId: string, userId: string) => ({ pk: groupPk(groupId), sk: `W#${userId}` });
/** Connections table: the online index, one item per (group, live connection of a member). */
const onlinePk = (groupId: string) => `GO#${groupId}`;
const onlineUserPrefix = (userId: string) => `${userId.length}:${userId}#`;
const onlineKey = (groupId: string, userId: string, connectionId: string) => ({ pk: onlinePk(groupId), sk: `${onlineUserPrefix(userId)}${connectionId}` });

const toItem = (m: GroupMessage): Item => ({
  ...messageKey(m.groupId, m.seq),
  conversationId: groupConversationId(m.groupId), groupId: m.groupId, from: m.from, seq: m.seq, random: m.random, time: m.time, body: m.body,
  cloudCustomData: m.cloudCustomData, nick: m.nick, faceUrl: m.faceUrl, nameCard: m.nameCard || undefined, priority: m.priority,
  tip: m.tip, atAll: m.atAll || undefined, atAccounts: m.atAccounts?.length ? m.atAccounts : undefined, targets: m.targets?.length ? m.targets : undefined,
  needReceipt: m.needReceipt || undefined, extensible: m.extensible || undefined, receiptBase: m.needReceipt ? m.receiptBase : undefined,
  recalled: m.recalled || undefined, deleted: m.deleted || undefined, ttl: m.expiresAt,
});

// Each operation is a function of the store's base (`this`), so a narrow view bundles only the ones it names.
/**
 * One UpdateItem on META: SEQ (`ADD nextMsgSeq 1`, the old value is the message's seq) and the frequency window
 * (`frqS` = the second, `frqN` = admitted in it) together. The first message of a second takes a second attempt.
 * The window only moves forward: a send that reaches it after a later second opened (a slow send) is counted in,
 * and timed at, that later second, so no second ever admits more than its threshold and MsgTime follows MsgSeq.
 */
export async function admit(this: DynamoGroupConversationReads, r: AdmitRequest): Promise<AdmitOutcome> {
  let second = r.time;
  const limited = Number.isFinite(r.threshold);
  const seqSets = r.takeSeq ? ['lastMsgTime = :t', ...(r.moveLast ? ['lastListedSeq = nextMsgSeq'] : [])] : [];
  const adds = r.takeSeq ? ['nextMsgSeq :one', ...(r.noUnread ? ['skipN :one'] : [])] : [];
  // Guess "same second" first; the first message of a second opens the window with a second attempt.
  let fresh = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const sets = [...(limited ? [fresh ? 'frqS = :s, frqN = :one' : 'frqN = frqN + :one'] : []), ...seqSets];
    const condition = !limited ? 'attribute_exists(pk)'
      : fresh ? 'attribute_exists(pk) AND (attribute_not_exists(frqS) OR frqS < :s)'
      : 'attribute_exists(pk) AND frqS = :s AND frqN < :th';
    const values: Item = { ':one': 1 };
    if (r.takeSeq) values[':t'] = second;
    if (limited) values[':s'] = second;
    if (limited && !fresh) values[':th'] = r.threshold;
    if (sets.length === 0 && adds.length === 0) return { outcome: 'admitted', seq: 0, time: second };
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.tables.groups, Key: metaKey(r.groupId),
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : ''].join(' ').trim(),
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ReturnValues: 'UPDATED_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return { outcome: 'admitted', seq: r.takeSeq ? num(out.Attributes?.nextMsgSeq) || 1 : 0, time: second };
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const old = conditionFailureItem(e);
      if (!old || !limited) return { outcome: 'gone' };
      const open = num(old.frqS);
      if (open === second) {
        if (!fresh) return { outcome: 'dropped', time: second };
        fresh = false; // another send opened this second first
      } else if (open > second) {
        second = open; // a later second is open: this send joins it
        fresh = false;
      } else {
        fresh = true;
      }
    }
  }
  return { outcome: 'dropped', time: second };
}

export async function storeTip(this: DynamoGroupConversationReads, groupId: string, from: string, tip: Record<string, unknown>, time: number) {
  const admitted = await admit.call(this, { groupId, time, threshold: Infinity, takeSeq: true, moveLast: true, noUnread: false });
  if (admitted.outcome !== 'admitted') return undefined;
  await putMessage.call(this, {
    groupId, seq: admitted.seq, from, random: 0, time, body: [], priority: 1, tip, recalled: false, deleted: false,
    expiresAt: time + this.retentionDays * 86400,
  });
  return admitted.seq;
}

export async function putMessage(this: DynamoGroupConversationReads, m: GroupMessage): Promise<void> {
  await this.db.send(new PutCommand({ TableName: this.tables.messages, Item: toItem(m) }));
}

export async function range(this: DynamoGroupConversationReads, groupId: string, lo: number, hi: number, limit: number): Promise<GroupMessage[]> {
  if (hi < lo || limit <= 0) return [];
  const out = await this.db.send(new QueryCommand({
    TableName: this.tables.messages,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': conversationPk(groupConversationId(groupId)), ':lo': messageSk(lo), ':hi': messageSk(hi) },
    ScanIndexForward: false, Limit: limit,
  }));
  return (out.Items ?? []).map(toMessage);
}

export async function modify(this: DynamoGroupConversationReads, groupId: string, seq: number, edit: MessageEdit, nowS: number) {
  try {
    const out = await this.db.send(new UpdateCommand({ TableName: this.tables.messages, Key: messageKey(groupId, seq), ...editUpdate(edit, nowS) }));
    return { outcome: 'modified' as const, message: toMessage(out.Attributes ?? {}) };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return refusedEdit(conditionFailureItem(e), nowS, () => true, toMessage);
  }
}

export async function mark(this: DynamoGroupConversationReads, groupId: string, seq: number, flag: 'recalled' | 'deleted', nowS: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.messages, Key: messageKey(groupId, seq),
      UpdateExpression: `SET ${flag} = :t`,
      ConditionExpression: 'attribute_exists(pk) AND #ttl > :now AND attribute_not_exists(recalled) AND attribute_not_exists(deleted)',
      ExpressionAttributeNames: { '#ttl': 'ttl' }, ExpressionAttributeValues: { ':t': true, ':now': nowS },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return 'ok' as const;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const old = conditionFailureItem(e);
    if (!old || num(old.ttl) <= nowS) return 'missing' as const;
    return 'already' as const;
  }
}

export async function releaseClaim(this: DynamoGroupConversationReads, groupId: string, sender: string, random: number) {
  await this.db.send(new DeleteCommand({ TableName: this.tables.messages, Key: sendClaimKey(groupConversationId(groupId), sender, random) }));
}

export async function touchLastSend(this: DynamoGroupConversationReads, groupId: string, userId: string, time: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.groups, Key: memberKey(groupId, userId), UpdateExpression: 'SET lastSendMsgTime = :t',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastSendMsgTime) OR lastSendMsgTime < :t)',
      ExpressionAttributeValues: { ':t': time },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** One Query of `limit` member items (eventually consistent), projected to what a push needs. */
export async function memberPage(this: DynamoGroupConversationReads, groupId: string, start: string | undefined, limit: number): Promise<MemberPage> {
  return pageOfMembers.call(this, groupId, start, limit, false);
}

export async function pushCandidatePage(this: DynamoGroupConversationReads, groupId: string, start: string | undefined, limit: number): Promise<MemberPage> {
  return pageOfMembers.call(this, groupId, start, limit, true);
}

async function pageOfMembers(this: DynamoGroupConversationReads, groupId: string, start: string | undefined, limit: number, candidatesOnly: boolean): Promise<MemberPage> {
  const pk = groupPk(groupId);
  const startKey = start === undefined ? undefined
    : { pk, sk: `${MEMBER_PREFIX}${start}`, ...(candidatesOnly && { [PUSH_CANDIDATE_ATTRIBUTE]: pk }) };
  const out = await this.db.send(new QueryCommand({
    TableName: this.tables.groups,
    ...(candidatesOnly
      ? { IndexName: PUSH_CANDIDATE_INDEX, KeyConditionExpression: '#c = :pk', ExpressionAttributeNames: { '#c': PUSH_CANDIDATE_ATTRIBUTE } }
      : { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)' }),
    ExpressionAttributeValues: { ':pk': pk, ...(!candidatesOnly && { ':p': MEMBER_PREFIX }) },
    ProjectionExpression: 'userId, msgFlag, noPushSince, pushRegisteredAt, joinSeq', Limit: limit,
    ...(startKey && { ExclusiveStartKey: startKey }),
  }));
  const last = out.LastEvaluatedKey?.sk;
  return {
    members: (out.Items ?? []).map((i) => ({
      userId: String(i.userId), msgFlag: String(i.msgFlag ?? ''), joinSeq: num(i.joinSeq),
      ...(typeof i.noPushSince === 'number' && { noPushSince: i.noPushSince }),
      ...(typeof i.pushRegisteredAt === 'number' && { pushRegisteredAt: i.pushRegisteredAt }),
    })),
    ...(typeof last === 'string' && { next: last.slice(MEMBER_PREFIX.length) }),
  };
}

export async function recordReceipt(this: DynamoGroupConversationReads, groupId: string, seq: number, userId: string, time: number, ttl: number): Promise<ReceiptOutcome> {
  try {
    await this.db.send(new PutCommand({
      TableName: this.tables.messages, Item: { ...readerKey(groupId, seq, userId), userId, at: time, ttl },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  } catch (e) {
    if (isConditionFailure(e)) return { outcome: 'repeat' };
    throw e;
  }
  // Only a new reader item is counted, so of concurrent receipts by one reader exactly one adds.
  try {
    const out = await this.db.send(new UpdateCommand({
      TableName: this.tables.messages, Key: messageKey(groupId, seq), UpdateExpression: 'ADD readNum :one',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW',
    }));
    return { outcome: 'counted', readNum: num(out.Attributes?.readNum) };
  } catch (e) {
    if (isConditionFailure(e)) return { outcome: 'gone' };
    throw e;
  }
}

export async function readers(this: DynamoGroupConversationReads, groupId: string, seq: number, after: string | undefined, limit: number) {
  const prefix = readerPrefix(seq);
  const out = await this.db.send(new QueryCommand({
    TableName: this.tables.messages,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': conversationPk(groupConversationId(groupId)), ':p': prefix },
    ProjectionExpression: 'userId', Limit: limit + 1,
    ...(after !== undefined && { ExclusiveStartKey: readerKey(groupId, seq, after) }),
  }));
  const userIds = (out.Items ?? []).map((i) => String(i.userId));
  return { userIds: userIds.slice(0, limit), more: userIds.length > limit };
}

export async function readersBetween(this: DynamoGroupConversationReads, groupId: string, seq: number, first: string, last: string): Promise<Set<string>> {
  const found = new Set<string>();
  let startKey: Item | undefined;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tables.messages,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': conversationPk(groupConversationId(groupId)), ':lo': readerKey(groupId, seq, first).sk, ':hi': readerKey(groupId, seq, last).sk },
      ProjectionExpression: 'userId', ExclusiveStartKey: startKey,
    }));
    for (const i of out.Items ?? []) found.add(String(i.userId));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return found;
}

export async function markNoPushDevice(this: DynamoGroupConversationReads, groupId: string, userId: string, since: number) {
  // A member who left is not written: a rejoin writes a fresh item, which must start without the flag. Nor is
  // one whose stamp says a device was registered after the look-up began: leaving the push candidates then would
  // hide that device from every later push (the index has no timestamps to compare).
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.groups, Key: memberKey(groupId, userId),
      UpdateExpression: 'SET noPushSince = :v REMOVE #c', ExpressionAttributeNames: { '#c': PUSH_CANDIDATE_ATTRIBUTE },
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(pushRegisteredAt) OR pushRegisteredAt < :v)',
      ExpressionAttributeValues: { ':v': since },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** Sets one attribute of a member item, only while the user is a member (a conditional UpdateItem, 1 WCU). */
async function setOnMember(this: DynamoGroupConversationReads, groupId: string, userId: string, attribute: string, value: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.groups, Key: memberKey(groupId, userId), UpdateExpression: `SET ${attribute} = :v`,
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':v': value },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

export async function standing(this: DynamoGroupConversationReads, groupId: string, userId: string, withWhitelist: boolean): Promise<SenderStanding> {
  const keys = [memberKey(groupId, userId), muteKey(groupId, userId), ...(withWhitelist ? [whitelistKey(groupId, userId)] : [])];
  const items = await this.batchGet(this.tables.groups, keys, true);
  const bySk = new Map(items.map((i) => [String(i.sk), i]));
  const m = bySk.get(memberKey(groupId, userId).sk);
  return {
    ...(m && {
      member: {
        role: String(m.role), nameCard: String(m.nameCard ?? ''), muteUntil: num(m.muteUntil), msgFlag: String(m.msgFlag ?? ''),
        joinSeq: num(m.joinSeq), joinTime: num(m.joinTime), msgSeq: num(m.msgSeq), skipRead: num(m.skipRead),
        lastSendMsgTime: num(m.lastSendMsgTime), clearedSeq: num(m.clearedSeq),
      },
    }),
    mutedUntil: num(bySk.get(muteKey(groupId, userId).sk)?.until),
    whitelisted: bySk.has(whitelistKey(groupId, userId).sk),
  };
}

export async function setMute(this: DynamoGroupConversationReads, groupId: string, userIds: readonly string[], until: number) {
  await batchWrite.call(this, this.tables.groups, userIds.map((u) => until === 0
    ? { DeleteRequest: { Key: muteKey(groupId, u) } }
    : { PutRequest: { Item: { ...muteKey(groupId, u), userId: u, until } } }));
  // The member item's MuteUntil (shown by get_group_member_info) follows, where the user is a member.
  await Promise.all(userIds.map((u) => setOnMember.call(this, groupId, u, 'muteUntil', until)));
}

export async function listMutesOf(this: DynamoGroupConversationReads, userId: string, groupIds: readonly string[]): Promise<Map<string, number>> {
  const items = await this.batchGet(this.tables.groups, [...new Set(groupIds)].map((g) => muteKey(g, userId)), true);
  return new Map(items.map((i) => [String(i.pk).slice(groupPk('').length), num(i.until)]));
}

export async function listMutes(this: DynamoGroupConversationReads, groupId: string, nowS: number): Promise<MuteEntry[]> {
  const items = await this.query(this.tables.groups, groupPk(groupId), 'MUTE#', true);
  return items.filter((i) => num(i.until) > nowS).map((i) => ({ userId: String(i.userId), until: num(i.until) }));
}

export async function addHoles(this: DynamoGroupConversationReads, groupId: string, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.groups, Key: metaKey(groupId), UpdateExpression: 'ADD holes :h',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':h': new Set(seqs) },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** Forward only, so two clears racing leave the further one; `nextMsgSeq` is untouched (a SEQ is never reused). */
export async function clearHistory(this: DynamoGroupConversationReads, groupId: string, seq: number, skippedAtClear: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.groups, Key: metaKey(groupId), UpdateExpression: 'SET clearedSeq = :s, clearedSkip = :k',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(clearedSeq) OR clearedSeq < :s)',
      ExpressionAttributeValues: { ':s': seq, ':k': skippedAtClear },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return 'ok' as const;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return conditionFailureItem(e) ? 'behind' as const : 'gone' as const;
  }
}

export async function setRead(this: DynamoGroupConversationReads, groupId: string, userId: string, seq: number, skippedAtRead: number, forward: boolean) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.tables.groups, Key: memberKey(groupId, userId), UpdateExpression: 'SET msgSeq = :s, skipRead = :k',
      ConditionExpression: forward ? 'attribute_exists(pk) AND (attribute_not_exists(msgSeq) OR msgSeq < :s)' : 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':s': seq, ':k': skippedAtRead },
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function online(this: DynamoGroupConversationReads, groupId: string): Promise<OnlineConnection[]> {
  return (await this.query(this.tables.connections, onlinePk(groupId), '', false))
    .map((i) => ({ userId: String(i.userId), connectionId: String(i.connectionId), msgFlag: String(i.msgFlag ?? '') }));
}

export async function indexConnections(this: DynamoGroupConversationReads, entries: ReadonlyArray<{ groupId: string; userId: string; connectionId: string; msgFlag: string; ttl: number }>) {
  await batchWrite.call(this, this.tables.connections, entries.map((e) => ({
    PutRequest: { Item: { ...onlineKey(e.groupId, e.userId, e.connectionId), userId: e.userId, connectionId: e.connectionId, msgFlag: e.msgFlag, ttl: e.ttl } },
  })));
}

export async function unindexConnections(this: DynamoGroupConversationReads, entries: ReadonlyArray<{ groupId: string; userId: string; connectionId: string }>) {
  await batchWrite.call(this, this.tables.connections, entries.map((e) => ({ DeleteRequest: { Key: onlineKey(e.groupId, e.userId, e.connectionId) } })));
}

export async function unindexMember(this: DynamoGroupConversationReads, groupId: string, userId: string) {
  const items = await this.query(this.tables.connections, onlinePk(groupId), onlineUserPrefix(userId), true);
  await batchWrite.call(this, this.tables.connections, items.map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } })));
}

export async function setIndexedFlag(this: DynamoGroupConversationReads, groupId: string, userId: string, msgFlag: string) {
  const items = await this.query(this.tables.connections, onlinePk(groupId), onlineUserPrefix(userId), true);
  await batchWrite.call(this, this.tables.connections, items.map((i) => ({ PutRequest: { Item: { ...i, msgFlag } } })));
}

export async function clearIndex(this: DynamoGroupConversationReads, groupId: string) {
  const items = await this.query(this.tables.connections, onlinePk(groupId), '', true);
  await batchWrite.call(this, this.tables.connections, items.map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } })));
}

export async function putSystemNotices(this: DynamoGroupConversationReads, userIds: readonly string[], notice: Record<string, unknown>, atMs: number, expiresAt: number): Promise<void> {
  // The sort key orders by time; the random part keeps two notices of one millisecond apart.
  const sk = `N#${String(atMs).padStart(15, '0')}#${Math.random().toString(36).slice(2, 10)}`;
  await batchWrite.call(this, this.tables.messages, [...new Set(userIds)].map((u) => ({
    PutRequest: { Item: { pk: `GSYS#${u}`, sk, notice: JSON.stringify(notice), ttl: expiresAt } },
  })));
}

export async function systemNotices(this: DynamoGroupConversationReads, userId: string, cursor: string, limit: number) {
  const nowS = Math.floor(Date.now() / 1000);
  const out = await this.db.send(new QueryCommand({
    TableName: this.tables.messages, KeyConditionExpression: 'pk = :pk AND sk > :c',
    ExpressionAttributeValues: { ':pk': `GSYS#${userId}`, ':c': cursor || 'N#' }, Limit: limit,
  }));
  const items = out.Items ?? [];
  return {
    // TTL deletes lag: an expired notice is left out here.
    notices: items.filter((i) => num(i.ttl) > nowS).map((i) => JSON.parse(String(i.notice)) as Record<string, unknown>),
    cursor: items.length > 0 ? String(items[items.length - 1]!.sk) : cursor,
  };
}

async function batchWrite(this: DynamoGroupConversationReads, table: string, requests: Item[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let chunk = requests.slice(i, i + 25);
    while (chunk.length > 0) {
      const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [table]: chunk as never } }));
      chunk = (out.UnprocessedItems?.[table] ?? []) as Item[];
    }
  }
}

/**
 * Group messages in DynamoDB (docs/data-model.md, Group messages): the SEQ and frequency window on the group's
 * META item, messages in the Messages table, mutes and read positions in the Groups table, the online index in
 * the Connections table.
 */
export class DynamoGroupMessageStore extends DynamoGroupConversationReads implements GroupMessageStore {
  admit = admit;
  storeTip = storeTip;
  putMessage = putMessage;
  range = range;
  modify = modify;
  mark = mark;
  releaseClaim = releaseClaim;
  touchLastSend = touchLastSend;
  memberPage = memberPage;
  pushCandidatePage = pushCandidatePage;
  recordReceipt = recordReceipt;
  readers = readers;
  readersBetween = readersBetween;
  markNoPushDevice = markNoPushDevice;
  standing = standing;
  setMute = setMute;
  listMutesOf = listMutesOf;
  listMutes = listMutes;
  addHoles = addHoles;
  clearHistory = clearHistory;
  setRead = setRead;
  online = online;
  indexConnections = indexConnections;
  unindexConnections = unindexConnections;
  unindexMember = unindexMember;
  setIndexedFlag = setIndexedFlag;
  clearIndex = clearIndex;
  putSystemNotices = putSystemNotices;
  systemNotices = systemNotices;
}

/**
 * A narrow view of the group message store: the conversation reads (its base) and the operations a Lambda names
 * (`groupMessageView(db, tables, days, { online, putMessage })`), so its bundle carries those and not the whole store.
 */
export class DynamoGroupMessageView extends DynamoGroupConversationReads {}
