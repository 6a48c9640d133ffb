import type { MsgElement } from './message-body.js';

/**
 * One edit of a stored message (C2C or group): the new MsgBody and/or CloudCustomData, and the version the editor
 * saw. Messages are changed in place: history reads the latest body with no extra read, and `version` (0 at send,
 * +1 per edit) tells clients which copy is newer and makes concurrent edits of one version conflict.
 */
export interface MessageEdit {
  body?: MsgElement[];
  cloudCustomData?: string;
  /** The version the editor changed; another version stored is a conflict. Absent: the last edit wins. */
  expectedVersion?: number;
}

/** What an edit did: `missing` (not stored, expired, deleted, or not the message named), `recalled`, or a version `conflict`. */
export type EditOutcome<M> =
  | { outcome: 'modified'; message: M }
  | { outcome: 'missing' }
  | { outcome: 'recalled' }
  | { outcome: 'conflict'; current: M };

type Item = Record<string, unknown>;

/**
 * The UpdateItem of an edit, shared by both message adapters: SET the given fields and `version = version + 1`,
 * on the condition that the message is stored, not expired (DynamoDB deletes expired items late), not recalled or
 * deleted, and (when named) still at the expected version. `conditions` adds the adapter's own (the C2C key's
 * MsgRandom and MsgTime) with their names and values.
 */
export function editUpdate(edit: MessageEdit, nowS: number, extra: { conditions: string[]; names: Record<string, string>; values: Item } = { conditions: [], names: {}, values: {} }) {
  const sets = ['#version = if_not_exists(#version, :zero) + :one'];
  const values: Item = { ':zero': 0, ':one': 1, ':now': nowS, ...extra.values };
  // DynamoDB refuses names and values an expression does not use: only the fields given.
  const names: Record<string, string> = { '#version': 'version', '#ttl': 'ttl', ...extra.names };
  if (edit.body !== undefined) { sets.push('#body = :body'); values[':body'] = edit.body; names['#body'] = 'body'; }
  if (edit.cloudCustomData !== undefined) { sets.push('#cloud = :cloud'); values[':cloud'] = edit.cloudCustomData; names['#cloud'] = 'cloudCustomData'; }
  const conditions = ['attribute_exists(pk)', '#ttl > :now', 'attribute_not_exists(recalled)', 'attribute_not_exists(deleted)', ...extra.conditions];
  if (edit.expectedVersion !== undefined) {
    values[':expected'] = edit.expectedVersion;
    // A message never edited has no version attribute: version 0.
    conditions.push(edit.expectedVersion === 0 ? '(attribute_not_exists(#version) OR #version = :expected)' : '#version = :expected');
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW' as const,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/** Why an edit's condition failed, from the item it returned (ALL_OLD): `same` tells whether it is the message named. */
export function refusedEdit<M>(old: Item | undefined, nowS: number, same: (old: Item) => boolean, toMessage: (old: Item) => M): EditOutcome<M> {
  const ttl = typeof old?.ttl === 'number' ? old.ttl : 0;
  if (!old || ttl <= nowS || old.deleted === true || !same(old)) return { outcome: 'missing' };
  if (old.recalled === true) return { outcome: 'recalled' };
  return { outcome: 'conflict', current: toMessage(old) };
}
