import { BatchGetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONVERSATION_PREFIX, conversationPk, groupEntryKey, messageSk } from '../c2c/c2c-keys.js';
import { userPk } from '../accounts/account-keys.js';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { memberKey, metaKey } from '../groups/group-keys.js';
import type { MsgElement } from '../c2c/message-body.js';
import type { GroupConversationReads, GroupCounters, GroupMessage } from './groupmsg-store.js';

type Item = Record<string, unknown>;
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
/** Messages table: a group's messages share the conversation partition `C#group:<GroupId>` (send claims reuse C2C's keys). */
export const groupConversationId = (groupId: string) => `group:${groupId}`;
export const messageKey = (groupId: string, seq: number) => ({ pk: conversationPk(groupConversationId(groupId)), sk: messageSk(seq) });

export const toMessage = (i: Item): GroupMessage => ({
  groupId: String(i.groupId), seq: num(i.seq), from: String(i.from), random: num(i.random), time: num(i.time), body: (i.body ?? []) as MsgElement[],
  ...(typeof i.cloudCustomData === 'string' && { cloudCustomData: i.cloudCustomData }),
  ...(typeof i.nick === 'string' && { nick: i.nick }),
  ...(typeof i.faceUrl === 'string' && { faceUrl: i.faceUrl }),
  ...(typeof i.nameCard === 'string' && { nameCard: i.nameCard }),
  priority: num(i.priority) || 2,
  ...(i.tip !== undefined && { tip: i.tip as Record<string, unknown> }),
  ...(i.atAll === true && { atAll: true }),
  ...(Array.isArray(i.atAccounts) && { atAccounts: i.atAccounts as string[] }),
  ...(Array.isArray(i.targets) && { targets: i.targets as string[] }),
  ...(i.needReceipt === true && { needReceipt: true }),
  ...(i.extensible === true && { extensible: true }),
  recalled: i.recalled === true, deleted: i.deleted === true, expiresAt: num(i.ttl),
  ...(num(i.version) > 0 && { version: num(i.version) }),
  ...(typeof i.receiptBase === 'number' && { receiptBase: i.receiptBase }),
  ...(i.needReceipt === true && { readNum: num(i.readNum) }),
});

/**
 * The group message store's reads for conversation lists (GroupConversationReads): the groups' counters, last messages
 * and the user's hidden group conversations. DynamoGroupMessageStore extends it; the conversations Lambda builds this
 * alone, so its bundle carries these operations and not the whole store (docs/performance.md, bundles).
 */
export class DynamoGroupConversationReads implements GroupConversationReads {
  constructor(
    readonly db: DynamoDBDocumentClient,
    /** `users`: the hidden group conversations (recentcontact/delete) sit with the user's C2C conversation entries. */
    readonly tables: { messages: string; groups: string; connections: string; users: string },
    /** Days a stored tip is kept (the app's retentionDays). */
    readonly retentionDays = 7,
  ) {}

  async getMessages(groupId: string, seqs: readonly number[]): Promise<GroupMessage[]> {
    return (await this.batchGet(this.tables.messages, [...new Set(seqs)].map((s) => messageKey(groupId, s)), false)).map(toMessage);
  }

  /** The user's group entry among the conversation entries (Users table, `CONV#GROUP#<GroupId>`), with the hiding SEQ. */
  async hideConversation(userId: string, groupId: string, seq: number) {
    await this.db.send(new PutCommand({
      TableName: this.tables.users,
      Item: { ...groupEntryKey(userId, groupId), type: 'Group', groupId, conversationId: groupConversationId(groupId), hiddenSeq: seq },
    }));
  }

  async clearForMember(groupId: string, userId: string, seq: number, skippedAtRead: number): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tables.groups, Key: memberKey(groupId, userId), UpdateExpression: 'SET clearedSeq = :s, msgSeq = :s, skipRead = :k',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':s': seq, ':k': skippedAtRead },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async hiddenConversations(userId: string): Promise<Map<string, number>> {
    const items = await this.query(this.tables.users, userPk(userId), `${CONVERSATION_PREFIX}GROUP#`, false);
    return new Map(items.filter((i) => typeof i.hiddenSeq === 'number').map((i) => [String(i.groupId), num(i.hiddenSeq)]));
  }

  async counters(groupIds: readonly string[], consistent = false): Promise<Map<string, GroupCounters>> {
    const items = await this.batchGet(this.tables.groups, [...new Set(groupIds)].map(metaKey), consistent,
      'groupId, #t, #n, nextMsgSeq, lastListedSeq, lastMsgTime, skipN, clearedSeq, clearedSkip, memberNum, holes', { '#t': 'type', '#n': 'name' });
    return new Map(items.map((i) => [String(i.groupId), {
      groupId: String(i.groupId), type: String(i.type), name: String(i.name ?? ''), memberNum: num(i.memberNum), lastSeq: Math.max(0, num(i.nextMsgSeq) - 1),
      lastListedSeq: num(i.lastListedSeq), lastMsgTime: num(i.lastMsgTime), skipped: num(i.skipN),
      clearedSeq: num(i.clearedSeq), clearedSkip: num(i.clearedSkip),
      holes: i.holes instanceof Set ? [...(i.holes as Set<number>)].map(Number).sort((a, b) => a - b) : [],
    }]));
  }

  async query(table: string, pk: string, prefix: string, consistent: boolean): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: table,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(prefix && { ':p': prefix }) },
        ConsistentRead: consistent, ExclusiveStartKey: startKey,
      }));
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async batchGet(table: string, keys: Item[], consistent: boolean, projection?: string, names?: Record<string, string>): Promise<Item[]> {
    const found: Item[] = [];
    let pending = keys;
    while (pending.length > 0) {
      const chunk = pending.slice(0, 100);
      pending = pending.slice(100);
      const out = await this.db.send(new BatchGetCommand({
        RequestItems: { [table]: { Keys: chunk, ConsistentRead: consistent, ...(projection && { ProjectionExpression: projection, ExpressionAttributeNames: names }) } },
      }));
      found.push(...(out.Responses?.[table] ?? []));
      const unprocessed = out.UnprocessedKeys?.[table]?.Keys;
      if (unprocessed?.length) pending = [...unprocessed, ...pending];
    }
    return found;
  }
}
