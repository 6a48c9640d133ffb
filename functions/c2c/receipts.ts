import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { c2cConversationId, parseMsgKey, sideOf, type ParsedMsgKey } from './c2c-keys.js';
import { C2C_RECEIPT_LIMITS, C2cCode } from './c2c-codes.js';
import { seqOfMsgKey } from './msg-key-lookup.js';
import { markC2cRead } from './read-state.js';

type ReceiptServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'connections' | 'gateway' | 'webhooks' | 'accounts'>;

function parsedKeys(keys: readonly string[] | undefined, max: number): Array<{ key: string; parsed: ParsedMsgKey }> {
  if (!keys?.length) throw new ImError(C2cCode.InvalidParam, 'MsgKeyList (1 or more MsgKeys) is required with Peer_Account');
  if (keys.length > max) throw new ImError(C2cCode.InvalidParam, `MsgKeyList has more than ${max} MsgKeys, got ${keys.length}`);
  return [...new Set(keys)].map((key) => {
    const parsed = parseMsgKey(key);
    if (!parsed) throw new ImError(C2cCode.BadMsgKey, `MsgKey "${key}" is not a valid MsgKey (<MsgSeq>_<MsgRandom>_<MsgTime>)`);
    return { key, parsed };
  });
}

export interface C2cReceiptRequest {
  /** Who read the messages: the WebSocket caller, or REST's `Operator_Account`. */
  reader: string;
  /** The other user, who sent them. */
  peer: string;
  msgKeys: readonly string[] | undefined;
  max: number;
  meta: CallbackMeta;
}

/**
 * C2C read receipts (`msg.receipt.send` with Peer_Account, `c2c_msg_read_receipt`): the reader's read position moves
 * up to the newest of the peer's messages the keys name (`markC2cRead`), so the peer gets `c2c.receipt` for messages
 * that asked for one and history answers `IsPeerRead` 1 for them. Keys naming no message from the peer are skipped;
 * 20026 when none names one.
 */
export async function sendC2cReceipts(services: ReceiptServices, req: C2cReceiptRequest) {
  const keys = parsedKeys(req.msgKeys, req.max);
  const now = services.clock();
  const conversationId = c2cConversationId(req.reader, req.peer);
  const seqs = (await Promise.all(keys.map((k) => seqOfMsgKey(services.c2c, conversationId, k.parsed, now, req.peer)))).filter((s): s is number => s !== undefined);
  if (seqs.length === 0) throw new ImError(C2cCode.MessageNotFound, `no MsgKey names a stored message from ${req.peer} to ${req.reader}`);
  const upTo = Math.max(...seqs);
  const read = await markC2cRead(services, req.reader, req.peer, upTo, req.meta);
  return { Peer_Account: req.peer, MsgSeq: upTo, UnreadNum: read.unread };
}

/**
 * `msg.receipt.get` with Peer_Account: whether the peer has read each of the caller's messages the keys name (its read
 * position, from the conversation's state item). A key naming no message of the caller's: Code 20026.
 */
export async function c2cReceiptStatus(services: ReceiptServices, user: string, peer: string, msgKeys: readonly string[] | undefined, max: number) {
  const keys = parsedKeys(msgKeys, max);
  const now = services.clock();
  const conversationId = c2cConversationId(user, peer);
  const [state, seqs] = await Promise.all([
    services.c2c.getState(conversationId),
    Promise.all(keys.map((k) => seqOfMsgKey(services.c2c, conversationId, k.parsed, now, user))),
  ]);
  const peerRead = state && user !== peer ? state.sides[sideOf(peer, user)].read : 0;
  return {
    Peer_Account: peer,
    C2CMsgReceiptList: keys.map(({ key }, i) => {
      const seq = seqs[i];
      return seq === undefined ? { MsgKey: key, Code: C2cCode.MessageNotFound, IsPeerRead: 0 } : { MsgKey: key, Code: 0, IsPeerRead: seq <= peerRead ? 1 : 0 };
    }),
  };
}

/**
 * REST `openim/c2c_msg_read_receipt` (cloud.tencent.com/document/product/269/104121): `Operator_Account` read the
 * messages `C2CMsgInfo` names, each `{From_Account: Peer_Account, To_Account: Operator_Account, MsgKey}`.
 */
export async function restC2cReceipt(
  services: ReceiptServices, input: { Operator_Account: string; Peer_Account: string; C2CMsgInfo: ReadonlyArray<{ From_Account: string; To_Account: string; MsgKey: string }> },
  meta: CallbackMeta,
): Promise<void> {
  const mismatch = input.C2CMsgInfo.find((m) => m.From_Account !== input.Peer_Account || m.To_Account !== input.Operator_Account);
  if (mismatch) {
    throw new ImError(C2cCode.InvalidParam, `C2CMsgInfo From_Account must be Peer_Account and To_Account Operator_Account (the reader), got ${mismatch.From_Account} to ${mismatch.To_Account}`);
  }
  const accounts = await services.accounts.getMany([input.Operator_Account, input.Peer_Account]);
  for (const [field, id] of [['Operator_Account', input.Operator_Account], ['Peer_Account', input.Peer_Account]] as const) {
    if (!accounts.has(id)) throw new ImError(C2cCode.NoSuchAccount, `${field} "${id}" is not imported`);
  }
  await sendC2cReceipts(services, {
    reader: input.Operator_Account, peer: input.Peer_Account, msgKeys: input.C2CMsgInfo.map((m) => m.MsgKey), max: C2C_RECEIPT_LIMITS.rest, meta,
  });
}
