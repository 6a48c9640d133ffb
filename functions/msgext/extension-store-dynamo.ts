import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/aws/dynamo-errors.js';
import { EMPTY_EXTENSIONS, type ExtensionState, type StoredPair } from './extension-rules.js';
import type { ExtensionTarget, MessageExtensionStore } from './extension-store.js';

const SEQ_DIGITS = 10;
/** Messages table, in the message's partition (`C#<conversationId>`), so history and retention treat them together. */
const extensionKey = (t: ExtensionTarget) => ({ pk: `C#${t.conversationId}`, sk: `X#${String(t.seq).padStart(SEQ_DIGITS, '0')}` });

type Item = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function stateOf(item: Item | undefined): ExtensionState {
  if (!item) return EMPTY_EXTENSIONS;
  const kv = (item.kv ?? {}) as Record<string, { v?: unknown; s?: unknown }>;
  const pairs = new Map<string, StoredPair>(Object.entries(kv).map(([k, p]) => [k, { value: String(p.v ?? ''), seq: num(p.s) }]));
  return { seq: num(item.seq), clearSeq: num(item.clear), pairs };
}

/** Item `X#<MsgSeq>`: `seq`, `clear`, `kv` (key → `{v, s}`), `ttl` = the message's. */
export class DynamoMessageExtensionStore implements MessageExtensionStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async get(target: ExtensionTarget): Promise<ExtensionState> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: extensionKey(target), ConsistentRead: true }));
    return stateOf(out.Item);
  }

  async put(target: ExtensionTarget, next: ExtensionState, readSeq: number, expiresAt: number): Promise<boolean> {
    const kv = Object.fromEntries([...next.pairs].map(([k, p]) => [k, { v: p.value, s: p.seq }]));
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...extensionKey(target), seq: next.seq, clear: next.clearSeq, kv, ttl: expiresAt },
        ConditionExpression: readSeq === 0 ? 'attribute_not_exists(pk) OR seq = :read' : 'seq = :read',
        ExpressionAttributeValues: { ':read': readSeq },
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}
