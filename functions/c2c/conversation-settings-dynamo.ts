import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { userPk } from '../accounts/account-keys.js';
import { groupConversationId } from '../groupmsg/group-conversation-reads-dynamo.js';
import { c2cEntryKey, groupEntryKey } from './c2c-keys.js';
import {
  type ConversationGroup, type ConversationGroups, type ConversationRef, type ConversationSettings,
  type ConversationSettingsStore, type SettingsChange,
} from './conversation-settings-store.js';

type Item = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const numbers = (v: unknown): number[] => (v instanceof Set ? [...v].map(Number).sort((a, b) => a - b) : []);

/** Users table: the user's conversation groups, one item (sk outside `CONV#`, so conversation-list Queries skip it). */
export const conversationGroupsKey = (userId: string) => ({ pk: userPk(userId), sk: 'CONVGROUPS' });

/** The settings attributes of a conversation entry item (absent ones are the defaults). */
export const settingsOf = (item: Item): ConversationSettings => ({
  pinnedAt: num(item.pinnedAt),
  marks: numbers(item.marks),
  groupIds: numbers(item.groupIds),
  customData: typeof item.customData === 'string' ? item.customData : '',
  updatedAt: num(item.settingsAt),
});

/**
 * Marks and group ids are number sets, so adding and removing are atomic `ADD`/`DELETE`s (no read-modify-write
 * race between two devices). DynamoDB refuses `ADD` and `DELETE` of one attribute in one update, so a change that
 * does both to the same set takes a second UpdateItem for the additions.
 */
export class DynamoConversationSettingsStore implements ConversationSettingsStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly usersTable: string) {}

  async getGroups(userId: string): Promise<ConversationGroups> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.usersTable, Key: conversationGroupsKey(userId), ConsistentRead: true }));
    const groups = Array.isArray(Item?.groups) ? (Item.groups as Item[]).map((g) => ({ id: num(g.id), name: String(g.name) })) : [];
    return { groups, nextId: num(Item?.nextId) || 1, ver: num(Item?.ver) };
  }

  async putGroups(userId: string, groups: ConversationGroup[], nextId: number, expectedVer: number): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.usersTable,
        Item: { ...conversationGroupsKey(userId), groups: groups.map((g) => ({ id: g.id, name: g.name })), nextId, ver: expectedVer + 1 },
        ConditionExpression: expectedVer === 0 ? 'attribute_not_exists(pk)' : 'ver = :ver',
        ...(expectedVer !== 0 && { ExpressionAttributeValues: { ':ver': expectedVer } }),
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async update(userId: string, ref: ConversationRef, change: SettingsChange, now: number): Promise<ConversationSettings | undefined> {
    const key = ref.type === 'C2C' ? c2cEntryKey(userId, ref.peer) : groupEntryKey(userId, ref.groupId);
    const sets = ['settingsAt = :now'];
    const removes: string[] = [];
    const adds: string[] = [];
    const deletes: string[] = [];
    const later: string[] = [];
    const values: Item = { ':now': now };
    const names: Record<string, string> = {};
    if (ref.type === 'Group') {
      // A group conversation has no entry until the user deletes it (functions/groupmsg): create one, keeping a hidden mark.
      names['#type'] = 'type';
      sets.push('#type = :group', 'groupId = :gid', 'conversationId = :cid');
      Object.assign(values, { ':group': 'Group', ':gid': ref.groupId, ':cid': groupConversationId(ref.groupId) });
    }
    if (change.pinnedAt !== undefined) {
      if (change.pinnedAt > 0) { sets.push('pinnedAt = :pin'); values[':pin'] = change.pinnedAt; } else removes.push('pinnedAt');
    }
    if (change.customData !== undefined) {
      if (change.customData !== '') { sets.push('customData = :custom'); values[':custom'] = change.customData; } else removes.push('customData');
    }
    const set = (attr: string, add: readonly number[] | undefined, remove: readonly number[] | undefined) => {
      if (remove?.length) { deletes.push(`${attr} :${attr}Del`); values[`:${attr}Del`] = new Set(remove); }
      if (add?.length) {
        values[`:${attr}Add`] = new Set(add);
        (remove?.length ? later : adds).push(`${attr} :${attr}Add`);
      }
    };
    set('marks', change.addMarks, change.removeMarks);
    set('groupIds', change.addGroups, change.removeGroups);
    const expression = [
      `SET ${sets.join(', ')}`, removes.length ? `REMOVE ${removes.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : '',
      deletes.length ? `DELETE ${deletes.join(', ')}` : '',
    ].filter(Boolean).join(' ');
    const condition = ref.type === 'C2C' ? 'attribute_exists(pk)' : undefined;
    const used = (expr: string) => Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k}\\b`).test(expr)));
    const run = async (expr: string) => {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.usersTable, Key: key, UpdateExpression: expr, ReturnValues: 'ALL_NEW',
        ...(condition && { ConditionExpression: condition }),
        ...(expr.includes('#type') && { ExpressionAttributeNames: names }),
        ExpressionAttributeValues: used(expr),
      }));
      return out.Attributes ?? {};
    };
    try {
      let item = await run(expression);
      if (later.length) item = await run(`SET settingsAt = :now ADD ${later.join(', ')}`);
      return settingsOf(item);
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  }
}

