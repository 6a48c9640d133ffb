import {
  BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { conditionFailureItem, isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { profileKey, userPk } from '../accounts/account-keys.js';
import {
  CONVERSATION_PREFIX, MESSAGE_PREFIX, c2cConversationId, c2cEntryKey, groupEntryKey, conversationPk, importClaimKey, messageKey, messageSk, muteKey,
  sendClaimKey, seqOfSk, sideOf, stateKey, type Side,
} from './c2c-keys.js';
import type {
  AllocateInput, Allocation, C2cStore, SendKey, ConversationEntry, ConversationState, HistoryPage, HoleRepair, MuteState, SenderFacts, SideState, StoredMessage,
} from './c2c-store.js';
import type { MsgElement } from './message-body.js';
import { DynamoConversationSettingsStore, settingsOf } from './conversation-settings-dynamo.js';
import type { ConversationSettingsStore } from './conversation-settings-store.js';
import { editUpdate, refusedEdit, type MessageEdit } from './modify-edit.js';

type Item = Record<string, unknown>;

const CLAIM_SECONDS = 300;
/** `findSeq` reads at most FIND_PAGES × FIND_PAGE_SIZE messages sent after the one it looks for. */
const FIND_PAGE_SIZE = 100;
const FIND_PAGES = 10;
const FIND_SKEW_SECONDS = 30;

/**
 * The item a failed condition returns (ReturnValuesOnConditionCheckFailure) is
 * not unmarshalled by the document client: it holds raw AttributeValues.
 */
const failedItem = (e: unknown): Item | undefined => {
  const raw = (e as { Item?: Record<string, Record<string, unknown>> }).Item;
  if (!raw) return undefined;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => {
    if ('N' in v) return [k, Number(v.N)];
    if ('S' in v) return [k, v.S];
    if ('BOOL' in v) return [k, v.BOOL];
    return [k, v];
  }));
};
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

const sideState = (item: Item, side: Side): SideState => ({
  read: num(item[`read${side}`]),
  skipped: num(item[`skip${side}`]),
  skippedAtRead: num(item[`skipRead${side}`]),
  receiptSeq: num(item[`receipt${side}`]),
  listed: num(item[`listed${side}`]),
  cleared: num(item[`cleared${side}`]),
  receiveOpt: typeof item[`opt${side}`] === 'string' ? String(item[`opt${side}`]) : '',
});

const toState = (item: Item): ConversationState => ({
  conversationId: String(item.conversationId),
  userA: String(item.userA),
  userB: String(item.userB),
  seq: num(item.seq),
  lastSeq: num(item.lastSeq),
  lastTime: num(item.lastTime),
  lastAt: num(item.lastAt),
  allocAt: num(item.allocAt),
  sides: { A: sideState(item, 'A'), B: sideState(item, 'B') },
});

/** The stored form of a message (exported for tests that fill a conversation in batches). */
export const toItem = (m: StoredMessage): Item => ({
  ...messageKey(m.conversationId, m.seq),
  conversationId: m.conversationId, from: m.from, to: m.to, seq: m.seq, random: m.random, time: m.time, body: m.body,
  cloudCustomData: m.cloudCustomData, nick: m.nick, faceUrl: m.faceUrl,
  needReceipt: m.needReceipt || undefined, extensible: m.extensible || undefined, noUnread: m.noUnread || undefined, recalled: m.recalled || undefined, ttl: m.expiresAt,
});

const toMessage = (item: Item): StoredMessage => ({
  conversationId: String(item.conversationId), from: String(item.from), to: String(item.to), seq: num(item.seq),
  random: num(item.random), time: num(item.time), body: item.body as MsgElement[],
  ...(typeof item.cloudCustomData === 'string' && { cloudCustomData: item.cloudCustomData }),
  ...(typeof item.nick === 'string' && { nick: item.nick }),
  ...(typeof item.faceUrl === 'string' && { faceUrl: item.faceUrl }),
  needReceipt: item.needReceipt === true, ...(item.extensible === true && { extensible: true }), noUnread: item.noUnread === true, recalled: item.recalled === true, expiresAt: num(item.ttl),
  ...(num(item.version) > 0 && { version: num(item.version) }),
  ...((item.delA === true || item.delB === true) && { deletedFor: (['A', 'B'] as const).filter((s) => item[`del${s}`] === true) }),
});

/** A hole marker (`fillHoles`): a seq whose send never stored its message. No `from`, `time` or body. */
const isHole = (item: Item) => item.hole === true;
const alive = (item: Item, nowSeconds: number) => num(item.ttl) === 0 || num(item.ttl) > nowSeconds;
const toEntry = (item: Item): ConversationEntry => ({
  type: item.type === 'Group' ? 'Group' : 'C2C',
  ...(typeof item.peer === 'string' && { peer: item.peer }),
  ...(typeof item.groupId === 'string' && { groupId: item.groupId }),
  conversationId: String(item.conversationId),
  createdAt: num(item.createdAt),
  settings: settingsOf(item),
});

const NEXT_SEQ = 'if_not_exists(seq, :zero) + :one';

/**
 * How many of a conversation's latest sends the state item remembers (slots
 * `k<i>` = `<side><MsgRandom>`, `q<i>` = its MsgSeq, `t<i>` = its MsgTime; slot 0 is the newest).
 * 16 keeps the item under 1 KB (one WCU per update) with 32-character UserIDs
 * and every number at its widest (test/integration/c2c-send-cost.test.ts).
 */
export const SEND_MEMORY = 16;

/** The UpdateItem that assigns the next seq and moves everything a message changes in the state item. */
function allocation(input: AllocateInput, extraSets: readonly string[] = []): { expression: string; values: Item } {
  const [userA, userB] = input.sender <= input.recipient ? [input.sender, input.recipient] : [input.recipient, input.sender];
  const s = sideOf(input.sender, input.recipient);
  const r = sideOf(input.recipient, input.sender);
  const sets = ['conversationId = :c', 'userA = :a', 'userB = :b', `seq = ${NEXT_SEQ}`, 'allocAt = :alloc', ...extraSets];
  const adds: string[] = [];
  if (input.senderReads && s !== r) sets.push(`read${s} = ${NEXT_SEQ}`, `skipRead${s} = if_not_exists(skip${s}, :zero)`);
  if (!input.noLastMsg) {
    sets.push(`lastSeq = ${NEXT_SEQ}`, 'lastTime = :t', 'lastAt = :at');
    adds.push('listedA :one');
    if (userA !== userB) adds.push('listedB :one');
  }
  if (input.noUnread) adds.push(`skip${r} :one`);
  if (input.needReceipt) sets.push(`receipt${r} = ${NEXT_SEQ}`);
  return {
    expression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
    values: {
      ':c': input.conversationId, ':a': userA, ':b': userB, ':zero': 0, ':one': 1, ':alloc': input.allocatedAt ?? input.at,
      ...(!input.noLastMsg && { ':t': input.time, ':at': input.at }),
    },
  };
}

/** The C2C store's tables and client: the `this` of its operations. */
export class DynamoC2cBase {
  constructor(readonly db: DynamoDBDocumentClient, readonly messagesTable: string, readonly usersTable: string) {}
}

// Each operation is a function of the store's base (`this`), so a narrow view bundles only the ones it names.
export async function senderFacts(this: DynamoC2cBase, userId: string): Promise<SenderFacts> {
  const out = await this.db.send(new QueryCommand({
    TableName: this.usersTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': userPk(userId), ':p': profileKey(userId).sk },
    ProjectionExpression: 'sk, Tag_Profile_IM_Nick, Tag_Profile_IM_Image, c2cUntil, groupUntil',
  }));
  const items = out.Items ?? [];
  const profile = items.find((i) => i.sk === profileKey(userId).sk);
  const mute = items.find((i) => i.sk === muteKey(userId).sk);
  return {
    ...(typeof profile?.Tag_Profile_IM_Nick === 'string' && { nick: profile.Tag_Profile_IM_Nick }),
    ...(typeof profile?.Tag_Profile_IM_Image === 'string' && { faceUrl: profile.Tag_Profile_IM_Image }),
    mute: { c2cUntil: num(mute?.c2cUntil), groupUntil: num(mute?.groupUntil) },
  };
}

export async function claimSend(this: DynamoC2cBase, conversationId: string, sender: string, random: number, now: number) {
  try {
    await this.db.send(new PutCommand({
      TableName: this.messagesTable,
      Item: { ...sendClaimKey(conversationId, sender, random), claimedAt: now, ttl: Math.floor(now / 1000) + CLAIM_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk) OR claimedAt < :stale',
      ExpressionAttributeValues: { ':stale': now - CLAIM_SECONDS * 1000 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return { claimed: true as const };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const old = failedItem(e);
    return { claimed: false as const, claimedAt: num(old?.claimedAt) };
  }
}

export async function retakeClaim(this: DynamoC2cBase, conversationId: string, sender: string, random: number, claimedAt: number, now: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.messagesTable,
      Key: sendClaimKey(conversationId, sender, random),
      UpdateExpression: 'SET claimedAt = :now, #ttl = :ttl',
      ConditionExpression: 'claimedAt = :old',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':now': now, ':old': claimedAt, ':ttl': Math.floor(now / 1000) + CLAIM_SECONDS },
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function claimImport(this: DynamoC2cBase, conversationId: string, key: { seq: number; random: number; time: number }, expiresAt: number) {
  try {
    await this.db.send(new PutCommand({
      TableName: this.messagesTable,
      Item: { ...importClaimKey(conversationId, key.seq, key.random, key.time), ttl: expiresAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function findSent(this: DynamoC2cBase, conversationId: string, sender: string, random: number, sinceSeconds: number, now: number) {
  let startKey: Item | undefined;
  const nowS = Math.floor(now / 1000);
  // Newest first; a retry is for a recent send, so this stops after a few items in practice.
  for (let page = 0; page < 20; page++) {
    const out = await this.db.send(new QueryCommand({
      TableName: this.messagesTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':pk': conversationPk(conversationId), ':m': 'M#' },
      ScanIndexForward: false,
      Limit: 50,
      ExclusiveStartKey: startKey,
    }));
    for (const item of out.Items ?? []) {
      if (item.from === sender && item.random === random && alive(item, nowS)) return toMessage(item);
      if (num(item.time) < sinceSeconds) return undefined;
    }
    startKey = out.LastEvaluatedKey;
    if (!startKey) return undefined;
  }
  return undefined;
}

export async function allocate(this: DynamoC2cBase, input: AllocateInput): Promise<ConversationState> {
  const update = allocation(input);
  const out = await this.db.send(new UpdateCommand({
    TableName: this.messagesTable,
    Key: stateKey(input.conversationId),
    UpdateExpression: update.expression,
    ExpressionAttributeValues: update.values,
    ReturnValues: 'ALL_NEW',
  }));
  return toState(out.Attributes ?? {});
}

export async function allocateSend(this: DynamoC2cBase, input: AllocateInput, key: SendKey): Promise<Allocation> {
  const sendKey = `${sideOf(input.sender, input.recipient)}${key.random}`;
  const slots = Array.from({ length: SEND_MEMORY }, (_, i) => i);
  // The newest key goes into slot 0 and every slot moves down by one (the last falls off): right-hand sides read the item before the update.
  const shifts = slots.slice(1).flatMap((i) => [
    `k${i} = if_not_exists(k${i - 1}, :none)`, `q${i} = if_not_exists(q${i - 1}, :zero)`, `t${i} = if_not_exists(t${i - 1}, :zero)`,
  ]);
  const update = allocation(input, ['k0 = :key', `q0 = ${NEXT_SEQ}`, 't0 = :sentAt', ...shifts]);
  try {
    const out = await this.db.send(new UpdateCommand({
      TableName: this.messagesTable,
      Key: stateKey(input.conversationId),
      UpdateExpression: update.expression,
      // A slot holding this key from before `since` no longer counts: the key is then a new send.
      ConditionExpression: slots.map((i) => `(NOT k${i} = :key OR t${i} < :since)`).join(' AND '),
      ExpressionAttributeValues: { ...update.values, ':key': sendKey, ':sentAt': input.time, ':since': key.since, ':none': '' },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return { repeated: false, state: toState(out.Attributes ?? {}) };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const old = failedItem(e) ?? {};
    const slot = slots.find((i) => old[`k${i}`] === sendKey && num(old[`t${i}`]) >= key.since);
    if (slot === undefined) throw new Error(`send key ${sendKey} refused but not found in ${input.conversationId}`);
    return { repeated: true, seq: num(old[`q${slot}`]), time: num(old[`t${slot}`]), state: toState(old) };
  }
}

export async function putMessage(this: DynamoC2cBase, message: StoredMessage): Promise<'stored' | 'taken' | 'hole'> {
  try {
    await this.db.send(new PutCommand({
      TableName: this.messagesTable, Item: toItem(message), ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return 'stored';
  } catch (e) {
    // Already written by a concurrent retry of the same send (the first write wins), or given up as a hole.
    if (isConditionFailure(e)) return isHole(conditionFailureItem(e) ?? {}) ? 'hole' : 'taken';
    throw e;
  }
}

export async function putEntry(this: DynamoC2cBase, userId: string, entry: Omit<ConversationEntry, 'settings'>): Promise<void> {
  const key = entry.type === 'C2C' ? c2cEntryKey(userId, entry.peer!) : groupEntryKey(userId, entry.groupId!);
  await this.db.send(new PutCommand({ TableName: this.usersTable, Item: { ...key, ...entry } }));
}

export async function ensureEntry(this: DynamoC2cBase, userId: string, entry: Omit<ConversationEntry, 'settings'>): Promise<boolean> {
  const key = entry.type === 'C2C' ? c2cEntryKey(userId, entry.peer!) : groupEntryKey(userId, entry.groupId!);
  try {
    await this.db.send(new PutCommand({ TableName: this.usersTable, Item: { ...key, ...entry }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function deleteEntry(this: DynamoC2cBase, userId: string, peerId: string, clearHistory: boolean): Promise<void> {
  const conversationId = c2cConversationId(userId, peerId);
  const side = sideOf(userId, peerId);
  await this.db.send(new DeleteCommand({ TableName: this.usersTable, Key: c2cEntryKey(userId, peerId) }));
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.messagesTable,
      Key: stateKey(conversationId),
      UpdateExpression: `SET listed${side} = :zero${clearHistory ? `, cleared${side} = seq` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':zero': 0 },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

export async function deleteGroupEntry(this: DynamoC2cBase, userId: string, groupId: string): Promise<void> {
  await this.db.send(new DeleteCommand({ TableName: this.usersTable, Key: groupEntryKey(userId, groupId) }));
}

export async function listEntries(this: DynamoC2cBase, userId: string): Promise<ConversationEntry[]> {
  const entries: ConversationEntry[] = [];
  let startKey: Item | undefined;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.usersTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':p': CONVERSATION_PREFIX },
      ExclusiveStartKey: startKey,
    }));
    entries.push(...(out.Items ?? []).map(toEntry));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

export async function getState(this: DynamoC2cBase, conversationId: string): Promise<ConversationState | undefined> {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.messagesTable, Key: stateKey(conversationId), ConsistentRead: true }));
  return Item ? toState(Item) : undefined;
}

async function batchGet(this: DynamoC2cBase, keys: Item[]): Promise<Item[]> {
  const found: Item[] = [];
  let pending = keys;
  while (pending.length > 0) {
    const chunk = pending.slice(0, 100);
    pending = pending.slice(100);
    const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.messagesTable]: { Keys: chunk } } }));
    found.push(...(out.Responses?.[this.messagesTable] ?? []));
    const unprocessed = out.UnprocessedKeys?.[this.messagesTable]?.Keys;
    if (unprocessed?.length) pending = [...unprocessed, ...pending];
  }
  return found;
}

export async function getStates(this: DynamoC2cBase, conversationIds: readonly string[]): Promise<Map<string, ConversationState>> {
  const items = await batchGet.call(this, [...new Set(conversationIds)].map(stateKey));
  return new Map(items.map((i) => [String(i.conversationId), toState(i)]));
}

export async function getMessage(this: DynamoC2cBase, conversationId: string, seq: number, now: number): Promise<StoredMessage | undefined> {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.messagesTable, Key: messageKey(conversationId, seq), ConsistentRead: true }));
  return Item && !isHole(Item) && alive(Item, Math.floor(now / 1000)) ? toMessage(Item) : undefined;
}

export async function getMessages(this: DynamoC2cBase, keys: ReadonlyArray<{ conversationId: string; seq: number }>, now: number): Promise<StoredMessage[]> {
  if (keys.length === 0) return [];
  const items = await batchGet.call(this, keys.map((k) => messageKey(k.conversationId, k.seq)));
  return items.filter((i) => !isHole(i) && alive(i, Math.floor(now / 1000))).map(toMessage);
}

export async function history(this: DynamoC2cBase, conversationId: string, options: { beforeSeq?: number; afterSeq: number; count: number; now: number }): Promise<HistoryPage> {
  const upper = options.beforeSeq === undefined ? 'M#~' : messageSk(options.beforeSeq - 1);
  const lower = messageSk(options.afterSeq + 1);
  if (options.beforeSeq !== undefined && options.beforeSeq - 1 <= options.afterSeq) return { messages: [], holes: [], complete: true };
  const nowS = Math.floor(options.now / 1000);
  const messages: StoredMessage[] = [];
  const holes: number[] = [];
  let startKey: Item | undefined;
  let reachedExpired = false;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.messagesTable,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': conversationPk(conversationId), ':lo': lower, ':hi': upper },
      ScanIndexForward: false,
      Limit: options.count - messages.length + 1,
      ExclusiveStartKey: startKey,
    }));
    for (const item of out.Items ?? []) {
      // Expired items are the oldest; DynamoDB may delete them days late, so reads drop them themselves.
      if (!alive(item, nowS)) { reachedExpired = true; break; }
      if (isHole(item)) holes.push(num(item.seq));
      else messages.push(toMessage(item));
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey && !reachedExpired && messages.length <= options.count);
  const complete = messages.length <= options.count;
  const page = messages.slice(0, options.count).reverse();
  const oldest = page[0]?.seq ?? 0;
  return { messages: page, holes: holes.filter((s) => complete || s > oldest).reverse(), complete };
}

export async function byTime(this: DynamoC2cBase, conversationId: string, options: { minTime: number; maxTime: number; beforeSeq?: number; afterSeq: number; max: number; now: number }) {
  const upper = options.beforeSeq === undefined ? 'M#~' : messageSk(options.beforeSeq - 1);
  const lower = messageSk(options.afterSeq + 1);
  const nowS = Math.floor(options.now / 1000);
  const messages: StoredMessage[] = [];
  if (options.beforeSeq !== undefined && options.beforeSeq - 1 <= options.afterSeq) return { messages, more: false };
  let startKey: Item | undefined;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.messagesTable,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      FilterExpression: '#time BETWEEN :min AND :max AND #ttl > :now AND attribute_not_exists(hole)',
      ExpressionAttributeNames: { '#time': 'time', '#ttl': 'ttl' },
      ExpressionAttributeValues: {
        ':pk': conversationPk(conversationId), ':lo': lower, ':hi': upper, ':min': options.minTime, ':max': options.maxTime, ':now': nowS,
      },
      ScanIndexForward: false,
      ExclusiveStartKey: startKey,
    }));
    for (const item of out.Items ?? []) {
      if (messages.length === options.max) return { messages, more: true };
      messages.push(toMessage(item));
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { messages, more: false };
}

export async function findSeq(this: DynamoC2cBase, conversationId: string, match: { from?: string; random: number; time: number }, now: number) {
  const nowS = Math.floor(now / 1000);
  let startKey: Item | undefined;
  for (let page = 0; page < FIND_PAGES; page++) {
    const out = await this.db.send(new QueryCommand({
      TableName: this.messagesTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':pk': conversationPk(conversationId), ':m': MESSAGE_PREFIX },
      ProjectionExpression: 'sk, #from, #random, #time, #ttl',
      ExpressionAttributeNames: { '#from': 'from', '#random': 'random', '#time': 'time', '#ttl': 'ttl' },
      ScanIndexForward: false,
      Limit: FIND_PAGE_SIZE,
      ExclusiveStartKey: startKey,
    }));
    const items = out.Items ?? [];
    const hit = items.find((i) => (match.from === undefined || i.from === match.from) && i.random === match.random && i.time === match.time && alive(i, nowS));
    if (hit) return seqOfSk(String(hit.sk));
    // Seq order follows send time up to the time a send spends before its seq (the before-callback's 2 s among it);
    // a whole page older than that is past the message. A single old item is not: imports carry their original times.
    if (items.length > 0 && items.every((i) => num(i.time) < match.time - FIND_SKEW_SECONDS)) return undefined;
    startKey = out.LastEvaluatedKey;
    if (!startKey) return undefined;
  }
  return undefined;
}

export async function modify(this: DynamoC2cBase, conversationId: string, seq: number, match: { from?: string; random: number; time: number }, edit: MessageEdit, now: number) {
  const nowS = Math.floor(now / 1000);
  const update = editUpdate(edit, nowS, {
    conditions: ['#random = :random', '#time = :time', ...(match.from !== undefined ? ['#from = :from'] : [])],
    names: { '#random': 'random', '#time': 'time', ...(match.from !== undefined && { '#from': 'from' }) },
    values: { ':random': match.random, ':time': match.time, ...(match.from !== undefined && { ':from': match.from }) },
  });
  try {
    const out = await this.db.send(new UpdateCommand({ TableName: this.messagesTable, Key: messageKey(conversationId, seq), ...update }));
    return { outcome: 'modified' as const, message: toMessage(out.Attributes ?? {}) };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const same = (old: Item) => old.random === match.random && old.time === match.time && (match.from === undefined || old.from === match.from);
    return refusedEdit(conditionFailureItem(e), nowS, same, toMessage);
  }
}

export async function fillHoles(this: DynamoC2cBase, conversationId: string, repair: HoleRepair): Promise<boolean> {
  const { holes, state } = repair;
  if (holes.length === 0) return true;
  const self = state.userA === state.userB;
  const sides: Side[] = self ? ['A'] : ['A', 'B'];
  const adds: string[] = [];
  const values: Item = {};
  const conditions: string[] = [];
  for (const side of sides) {
    const read = state.sides[side].read;
    values[`:n${side}`] = holes.length;
    adds.push(`skip${side} :n${side}`);
    // A read position already past a hole has read it: its skip count at the read moves with it.
    const behind = holes.filter((s) => s <= read).length;
    if (behind > 0) { values[`:r${side}`] = behind; adds.push(`skipRead${side} :r${side}`); }
    values[`:read${side}`] = read;
    conditions.push(read === 0 ? `(attribute_not_exists(read${side}) OR read${side} = :read${side})` : `read${side} = :read${side}`);
  }
  const sets: string[] = [];
  if (repair.newLast && holes.includes(state.lastSeq)) {
    sets.push('lastSeq = :ls', 'lastTime = :lt');
    conditions.push('lastSeq = :oldLast');
    Object.assign(values, { ':ls': repair.newLast.seq, ':lt': repair.newLast.time, ':oldLast': state.lastSeq });
  }
  try {
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        ...holes.map((seq) => ({
          Put: {
            TableName: this.messagesTable,
            Item: { ...messageKey(conversationId, seq), seq, hole: true, noUnread: true, ttl: repair.expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        })),
        {
          Update: {
            TableName: this.messagesTable, Key: stateKey(conversationId),
            UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}ADD ${adds.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeValues: values,
          },
        },
      ],
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'TransactionCanceledException') return false;
    throw e;
  }
}

export async function deleteFor(this: DynamoC2cBase, conversationId: string, seqs: readonly number[], side: Side): Promise<void> {
  await Promise.all(seqs.map(async (seq) => {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.messagesTable, Key: messageKey(conversationId, seq),
        UpdateExpression: 'SET #del = :true', ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#del': `del${side}` }, ExpressionAttributeValues: { ':true': true },
      }));
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }));
}

export async function recall(this: DynamoC2cBase, conversationId: string, seq: number, match: { from: string; random: number; time: number }, now: number) {
  try {
    await this.db.send(new UpdateCommand({
      TableName: this.messagesTable,
      Key: messageKey(conversationId, seq),
      UpdateExpression: 'SET recalled = :true',
      ConditionExpression: 'attribute_exists(pk) AND #from = :from AND #random = :random AND #time = :time AND #ttl > :now AND attribute_not_exists(recalled)',
      ExpressionAttributeNames: { '#from': 'from', '#random': 'random', '#time': 'time', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':true': true, ':from': match.from, ':random': match.random, ':time': match.time, ':now': Math.floor(now / 1000) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return 'ok' as const;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const old = failedItem(e);
    const sameMessage = old && old.from === match.from && old.random === match.random && old.time === match.time && alive(old, Math.floor(now / 1000));
    return sameMessage && old.recalled === true ? 'already' as const : 'missing' as const;
  }
}

export async function markRead(this: DynamoC2cBase, conversationId: string, side: Side, seq: number, skippedAtRead: number): Promise<ConversationState | undefined> {
  try {
    const out = await this.db.send(new UpdateCommand({
      TableName: this.messagesTable,
      Key: stateKey(conversationId),
      UpdateExpression: `SET read${side} = :seq, skipRead${side} = :skip`,
      ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(read${side}) OR read${side} < :seq)`,
      ExpressionAttributeValues: { ':seq': seq, ':skip': skippedAtRead },
      ReturnValues: 'ALL_OLD',
    }));
    return toState(out.Attributes ?? {});
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

export async function countSkippedAfter(this: DynamoC2cBase, conversationId: string, recipient: string, afterSeq: number, now: number): Promise<number> {
  let count = 0;
  let startKey: Item | undefined;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.messagesTable,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      // Hole markers count for both sides, as fillHoles counted them.
      FilterExpression: 'noUnread = :true AND (#to = :to OR hole = :true)',
      ExpressionAttributeNames: { '#to': 'to' },
      ExpressionAttributeValues: { ':pk': conversationPk(conversationId), ':lo': messageSk(afterSeq + 1), ':hi': 'M#~', ':true': true, ':to': recipient },
      Select: 'COUNT',
      ExclusiveStartKey: startKey,
    }));
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  void now;
  return count;
}

export async function seqAtTime(this: DynamoC2cBase, conversationId: string, time: number, now: number): Promise<number> {
  const nowS = Math.floor(now / 1000);
  let startKey: Item | undefined;
  do {
    const out = await this.db.send(new QueryCommand({
      TableName: this.messagesTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':pk': conversationPk(conversationId), ':m': 'M#' },
      ProjectionExpression: 'sk, #time, #ttl, hole',
      ExpressionAttributeNames: { '#time': 'time', '#ttl': 'ttl' },
      ScanIndexForward: false,
      ExclusiveStartKey: startKey,
    }));
    for (const item of out.Items ?? []) {
      if (!isHole(item) && num(item.time) <= time && alive(item, nowS)) return seqOfSk(String(item.sk));
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return 0;
}

export async function setMute(this: DynamoC2cBase, userId: string, mute: MuteState): Promise<void> {
  if (mute.c2cUntil === 0 && mute.groupUntil === 0) {
    await this.db.send(new DeleteCommand({ TableName: this.usersTable, Key: muteKey(userId) }));
    return;
  }
  await this.db.send(new PutCommand({ TableName: this.usersTable, Item: { ...muteKey(userId), c2cUntil: mute.c2cUntil, groupUntil: mute.groupUntil } }));
}

export async function getMute(this: DynamoC2cBase, userId: string): Promise<MuteState> {
  const { Item } = await this.db.send(new GetCommand({ TableName: this.usersTable, Key: muteKey(userId) }));
  return { c2cUntil: num(Item?.c2cUntil), groupUntil: num(Item?.groupUntil) };
}

export async function clearHistory(this: DynamoC2cBase, userId: string, peerId: string): Promise<ConversationState | undefined> {
  const side = sideOf(userId, peerId);
  try {
    // The read position moves to the last seq too (reads only ever move forward: nothing is above the last seq).
    const out = await this.db.send(new UpdateCommand({
      TableName: this.messagesTable,
      Key: stateKey(c2cConversationId(userId, peerId)),
      UpdateExpression: `SET cleared${side} = seq, read${side} = seq, skipRead${side} = if_not_exists(skip${side}, :zero)`,
      ConditionExpression: 'attribute_exists(pk) AND seq > :zero',
      ExpressionAttributeValues: { ':zero': 0 },
      ReturnValues: 'ALL_NEW',
    }));
    return toState(out.Attributes ?? {});
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

export async function setReceiveOpt(this: DynamoC2cBase, userId: string, peerId: string, opt: string): Promise<void> {
  const [userA, userB] = userId <= peerId ? [userId, peerId] : [peerId, userId];
  // The send's allocation reads the state item anyway (ALL_NEW): the recipient's option comes with it, no extra read.
  await this.db.send(new UpdateCommand({
    TableName: this.messagesTable,
    Key: stateKey(c2cConversationId(userId, peerId)),
    UpdateExpression: `SET conversationId = :c, userA = :a, userB = :b, opt${sideOf(userId, peerId)} = :o`,
    ExpressionAttributeValues: { ':c': c2cConversationId(userId, peerId), ':a': userA, ':b': userB, ':o': opt },
  }));
}


/**
 * One-to-one messaging in DynamoDB: messages, the conversation state (which also
 * de-duplicates C2C sends) and group sends' claims in the Messages table; conversation-list entries and the global
 * mute in the Users table (docs/data-model.md).
 */
export class DynamoC2cStore extends DynamoC2cBase implements C2cStore {
  readonly conversationSettings: ConversationSettingsStore = new DynamoConversationSettingsStore(this.db, this.usersTable);
  senderFacts = senderFacts;
  claimSend = claimSend;
  retakeClaim = retakeClaim;
  claimImport = claimImport;
  findSent = findSent;
  allocate = allocate;
  allocateSend = allocateSend;
  putMessage = putMessage;
  putEntry = putEntry;
  ensureEntry = ensureEntry;
  deleteEntry = deleteEntry;
  deleteGroupEntry = deleteGroupEntry;
  listEntries = listEntries;
  getState = getState;
  getStates = getStates;
  getMessage = getMessage;
  getMessages = getMessages;
  history = history;
  byTime = byTime;
  findSeq = findSeq;
  modify = modify;
  fillHoles = fillHoles;
  deleteFor = deleteFor;
  recall = recall;
  markRead = markRead;
  countSkippedAfter = countSkippedAfter;
  seqAtTime = seqAtTime;
  setMute = setMute;
  getMute = getMute;
  clearHistory = clearHistory;
  setReceiveOpt = setReceiveOpt;
}

/** A narrow view of the C2C store: the operations a Lambda names (functions/aws-services.ts), no other. */
export class DynamoC2cView extends DynamoC2cBase {}
