import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { userIdField } from '../shared/identifiers.js';
import { groupIdField } from '../groups/schemas.js';
import type { ExtensionOperation } from './extension-rules.js';

/**
 * Inputs of the message-extension commands (rest-api.md §3.3; doocs' SetKeyValuesRequest, GroupSetKeyValuesRequest,
 * GetKeyValuesRequest, GroupGetKeyValuesRequest; fireqong's PHP SDK passes Tencent's samples through). Sizes and counts
 * are checked by `checkExtensionRequest`, with the feature's code, so they answer the same over REST and WebSocket.
 */
const U32 = 4294967295;
const uint = (code: number, what: string, min = 0) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= U32, coded(code, `${what} must be an integer from ${min} to ${U32}`));

const pair = (code: number) => z.object({
  Key: z.string(),
  Value: z.optional(z.string()),
  Seq: z.optional(uint(code, 'Seq')),
});
export const extensionList = (code: number) => z.optional(z.array(pair(code)));

export const operateType = (code: number) =>
  z.custom<ExtensionOperation>((v) => v === 1 || v === 2 || v === 3, coded(code, 'OperateType must be 1 (set), 2 (delete) or 3 (clear)'));

const startSeq = (code: number) => z.optional(uint(code, 'StartSeq'));

/** `set_key_values` / `get_key_values`: the conversation of From_Account and To_Account, the message by MsgKey. */
const c2cMessage = (code: number) => ({
  From_Account: userIdField(code, 'From_Account'),
  To_Account: userIdField(code, 'To_Account'),
  MsgKey: z.string(),
});
/** OperateType may be left out (doocs' group test sets pairs without one, against Tencent): a set. */
export const setKeyValuesInput = (code: number) => z.object({ ...c2cMessage(code), OperateType: z.optional(operateType(code)), ExtensionList: extensionList(code) });
export const getKeyValuesInput = (code: number) => z.object({ ...c2cMessage(code), StartSeq: startSeq(code) });

const groupMessage = (code: number) => ({ GroupId: groupIdField, MsgSeq: uint(code, 'MsgSeq', 1) });
export const groupSetKeyValuesInput = (code: number) => z.object({ ...groupMessage(code), OperateType: z.optional(operateType(code)), ExtensionList: extensionList(code) });
export const groupGetKeyValuesInput = (code: number) => z.object({ ...groupMessage(code), StartSeq: startSeq(code) });

/** `msg.extensions.*`: a C2C message (`Peer_Account`, `MsgKey`) or a group message (`GroupId`, `MsgSeq`). */
const wsMessage = (code: number) => ({
  Peer_Account: z.optional(userIdField(code, 'Peer_Account')),
  MsgKey: z.optional(z.string()),
  GroupId: z.optional(groupIdField),
  MsgSeq: z.optional(uint(code, 'MsgSeq', 1)),
});
/** `msg.extensions.set`, and `msg.extensions.delete` (without `ExtensionList`, or with an empty one: clear them all). */
export const wsChangeExtensionsInput = (code: number) => z.object({ ...wsMessage(code), ExtensionList: extensionList(code) });
export const wsGetExtensionsInput = (code: number) => z.object({ ...wsMessage(code), StartSeq: startSeq(code) });
