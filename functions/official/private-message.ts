import { randomInt } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { sendC2cMessage, type C2cServices } from '../c2c/send-message.js';
import type { OfficialAccountReads } from './official-store.js';
import { OfficialCode as C } from './official-codes.js';
import { OfficialEvent } from './official-callbacks.js';
import { loadAccount, type OfficialContext } from './official-context.js';

export interface PrivateRequest {
  accountId: string;
  /** Set by the owner: the subscriber the account answers. */
  to?: string;
  body: unknown;
  random?: number;
  cloudCustomData?: string;
}

/**
 * official.message: a one-to-one message between a subscriber and the account, in the C2C conversation of the two
 * (Tencent: "c2c_officialAccountID"). A subscriber's message is stored as C2C from them to the account id (so the app
 * backend gets C2C.CallbackBefore/AfterSendMsg with To_Account = the account) and reaches the owner's connections as
 * `official.private`; the owner answers with `To_Account`, sent as the account to that subscriber.
 */
/** What `official.message` uses: the C2C send path, and the account and its subscriber (the c2c Lambda). */
export type PrivateMessageServices = C2cServices & { officialAccounts: Pick<OfficialAccountReads, 'get' | 'getSubscriber'> };

export async function sendPrivate(ctx: OfficialContext<PrivateMessageServices>, req: PrivateRequest) {
  const { services, config } = ctx;
  const account = await loadAccount(ctx, req.accountId);
  const caller = ctx.actor.id;
  const fromOwner = caller === account.owner && req.to !== undefined;
  const peer = fromOwner ? req.to! : caller;
  if (!(await services.officialAccounts.getSubscriber(account.id, peer))) {
    throw new ImError(C.NotSubscriber, fromOwner ? `${peer} does not subscribe to ${account.id}` : `subscribe to ${account.id} to message it`);
  }
  const exceptConnectionId = ctx.actor.kind === 'user' ? ctx.actor.connectionId : undefined;
  const reply = await sendC2cMessage(services, config, {
    from: fromOwner ? account.id : caller, to: fromOwner ? peer : account.id, body: req.body, random: req.random ?? randomInt(0, 2 ** 31),
    ...(req.cloudCustomData !== undefined && { cloudCustomData: req.cloudCustomData }),
    // The subscription is the permission; friend and blocklist checks do not apply to an official account.
    needReceipt: false, by: 'admin', accountsChecked: true, syncToSender: fromOwner ? 'none' : 'others', ...(exceptConnectionId && { exceptConnectionId }),
    onlineOnly: false, noUnread: false, noLastMsg: false, beforeCallback: true, afterCallback: true, meta: ctx.callback('C2C.CallbackAfterSendMsg'),
  });
  if (!fromOwner) {
    await deliverToUser(services, account.owner, eventFrame(OfficialEvent.Private, {
      Official_Account: account.id, From_Account: caller, MsgBody: req.body, MsgSeq: reply.MsgSeq, MsgTime: reply.MsgTime, MsgKey: reply.MsgKey,
    }));
  }
  return { Official_Account: account.id, To_Account: fromOwner ? peer : account.id, ...reply };
}
