import type { AppConfig } from '../shared/config.js';
import { ImError, isImError } from '../shared/errors.js';
import type { RestReply } from '../shared/route.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { c2cConversationId, msgKeyOf } from './c2c-keys.js';
import { C2cCode } from './c2c-codes.js';
import { validateMsgBody } from './message-body.js';
import { deliverC2cMessage, listIfNeeded, sendC2cMessage, type C2cServices, type SendRequest } from './send-message.js';

export const BATCH_MAX = 500;
const BATCH_CONCURRENCY = 16;

/** `batchsendmsg`: one message to up to 500 users; per-recipient failures in `ErrorList`, never callbacks. */
export async function batchSend(
  services: C2cServices, config: AppConfig, base: Omit<SendRequest, 'to' | 'beforeCallback' | 'afterCallback'>, recipients: readonly string[],
): Promise<RestReply> {
  validateMsgBody(base.body, config.dirtyWords);
  const unique = [...new Set(recipients)];
  const accounts = await services.accounts.getMany([base.from, ...unique]);
  if (!accounts.has(base.from) && base.from !== base.adminId) throw new ImError(C2cCode.FromAccountInvalid, `From_Account "${base.from}" is not imported`);
  const errors: Array<{ To_Account: string; ErrorCode: number }> = [];
  const keys = new Map<string, string>();
  // One MsgTime for the whole batch: with the shared MsgRandom it names the message in every recipient's conversation.
  const time = Math.floor(services.clock() / 1000);
  const pending = unique.filter((to) => {
    if (accounts.has(to)) return true;
    errors.push({ To_Account: to, ErrorCode: C2cCode.NoSuchAccount });
    return false;
  });
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const to = pending[next++]!;
      try {
        const reply = await sendC2cMessage(services, config, { ...base, to, time, beforeCallback: false, afterCallback: false, accountsChecked: true });
        keys.set(to, reply.MsgKey);
      } catch (e) {
        if (!isImError(e)) throw e;
        errors.push({ To_Account: to, ErrorCode: e.code });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, pending.length) }, worker));
  if (keys.size === 0) throw new ImError(C2cCode.ToAccountNotRegistered, 'invalid To_Account: no recipient could be sent to');
  // The batch's one MsgKey is the first listed recipient's (not the first to finish); for the others its seq is only a
  // hint and admin_msgwithdraw finds their copy by MsgRandom and MsgTime (functions/c2c/README.md).
  const msgKey = keys.get(pending.find((to) => keys.has(to))!)!;
  return errors.length === 0
    ? { MsgKey: msgKey }
    : { ActionStatus: 'SomeError', ErrorCode: 0, ErrorInfo: '', MsgKey: msgKey, ErrorList: errors };
}

export interface ImportRequest {
  realtime: boolean;
  from: string;
  to: string;
  clientSeq: number;
  random: number;
  time: number;
  body: unknown;
  cloudCustomData?: string;
  meta: CallbackMeta;
}

/**
 * `importmsg`: stores a message with its original time. History mode counts no
 * unread and pushes nothing; real-time mode does both. A repeat of
 * (MsgSeq, MsgRandom, MsgTimeStamp) in the same conversation, either direction, is ignored.
 */
export async function importMessage(services: C2cServices, config: AppConfig, req: ImportRequest): Promise<RestReply> {
  const body = validateMsgBody(req.body, config.dirtyWords);
  const accounts = await services.accounts.getMany([req.from, req.to]);
  if (!accounts.has(req.from)) throw new ImError(C2cCode.FromAccountInvalid, `From_Account "${req.from}" is not imported`);
  if (!accounts.has(req.to)) throw new ImError(C2cCode.ToAccountNotRegistered, `To_Account "${req.to}" is not imported`);
  const conversationId = c2cConversationId(req.from, req.to);
  const expiresAt = req.time + config.retentionDays * 86400;
  if (!(await services.c2c.claimImport(conversationId, { seq: req.clientSeq, random: req.random, time: req.time }, expiresAt))) return {};
  const [sender, state] = await Promise.all([
    services.c2c.senderFacts(req.from),
    services.c2c.allocate({
      conversationId, sender: req.from, recipient: req.to, time: req.time, at: req.time * 1000, allocatedAt: services.clock(),
      noUnread: !req.realtime, noLastMsg: false, needReceipt: false, senderReads: true,
    }),
  ]);
  const message = {
    conversationId, from: req.from, to: req.to, seq: state.seq, random: req.random, time: req.time, body,
    ...(req.cloudCustomData !== undefined && { cloudCustomData: req.cloudCustomData }),
    ...(sender.nick !== undefined && { nick: sender.nick }),
    ...(sender.faceUrl !== undefined && { faceUrl: sender.faceUrl }),
    needReceipt: false, noUnread: !req.realtime, recalled: false, expiresAt,
  };
  if ((await services.c2c.putMessage(message)) === 'hole') throw new ImError(C2cCode.Network, 'the import took too long and its MsgSeq was given up; import it again');
  await listIfNeeded(services, state, message, services.clock());
  if (req.realtime) await deliverC2cMessage(services, message, { syncToSender: 'all', heartbeatTimeoutMs: config.heartbeatTimeoutSeconds * 1000 });
  void msgKeyOf;
  return {};
}
