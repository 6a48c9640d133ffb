import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionFailureItem, isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { groupPk } from '../groups/group-keys.js';
import type { PinnedMessage, PinnedMessageStore, PinOutcome } from './pinned-store.js';

type Item = Record<string, unknown>;
/** In the Groups table, so that destroying the group (which deletes its partition) removes its pins. */
const pinsKey = (groupId: string) => ({ pk: groupPk(groupId), sk: 'PINS' });
/** One top-level attribute per pin, so a pin and an unpin are single-attribute updates with the count beside them. */
const PIN_PREFIX = 'p';
const pinName = (seq: number) => `${PIN_PREFIX}${seq}`;

const pinsOf = (item: Item | undefined): PinnedMessage[] => {
  if (!item) return [];
  const pins: PinnedMessage[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (!/^p\d+$/.test(name) || typeof value !== 'object' || value === null) continue;
    const v = value as { by?: unknown; at?: unknown };
    pins.push({ seq: Number(name.slice(PIN_PREFIX.length)), by: String(v.by ?? ''), at: typeof v.at === 'number' ? v.at : 0 });
  }
  return pins.sort((a, b) => b.at - a.at || b.seq - a.seq);
};

/** Pins as attributes `p<MsgSeq>` = `{by, at}` of the group's `PINS` item, with their count `n`. */
export class DynamoPinnedMessageStore implements PinnedMessageStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async list(groupId: string): Promise<PinnedMessage[]> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: pinsKey(groupId), ConsistentRead: true }));
    return pinsOf(out.Item);
  }

  async pin(groupId: string, pin: PinnedMessage, max: number): Promise<PinOutcome> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: pinsKey(groupId),
        UpdateExpression: 'SET #p = :pin ADD n :one',
        ConditionExpression: 'attribute_not_exists(#p) AND (attribute_not_exists(n) OR n < :max)',
        ExpressionAttributeNames: { '#p': pinName(pin.seq) },
        ExpressionAttributeValues: { ':pin': { by: pin.by, at: pin.at }, ':one': 1, ':max': max },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return 'pinned';
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      return conditionFailureItem(e)?.[pinName(pin.seq)] !== undefined ? 'already' : 'full';
    }
  }

  async unpin(groupId: string, seq: number): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: pinsKey(groupId),
        UpdateExpression: 'REMOVE #p ADD n :minus',
        ConditionExpression: 'attribute_exists(#p)',
        ExpressionAttributeNames: { '#p': pinName(seq) },
        ExpressionAttributeValues: { ':minus': -1 },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}
