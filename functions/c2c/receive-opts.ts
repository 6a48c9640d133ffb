import type { ServiceCatalog } from '../services.js';
import { ImError } from '../shared/errors.js';
import { C2cCode } from './c2c-codes.js';
import { c2cConversationId, sideOf } from './c2c-keys.js';
import type { ReceiveOpt } from './schemas.js';

type OptServices = Pick<ServiceCatalog, 'c2c'>;

const noSelf = (userId: string, peers: readonly string[]) => {
  if (peers.includes(userId)) throw new ImError(C2cCode.InvalidParam, 'To_Account: a receive option for oneself does not exist');
};

/**
 * `c2c.receiveOpt.set` (Tencent's setC2CReceiveMessageOpt; the Web SDK's `setMessageRemindType` with `userIDList`): the
 * caller's option for messages from each peer, on the conversation's state item (one UpdateItem per peer), so a send
 * reads it with the seq it allocates: `AcceptNotNotify` delivers to the caller's connections and pushes nothing,
 * `Discard` neither delivers nor pushes (the message is stored: history shows it). Every peer is checked before any write.
 */
export async function setC2cReceiveOpt(services: OptServices, userId: string, peers: readonly string[], opt: ReceiveOpt): Promise<Record<string, never>> {
  noSelf(userId, peers);
  await Promise.all([...new Set(peers)].map((peer) => services.c2c.setReceiveOpt(userId, peer, opt === 'AcceptAndNotify' ? '' : opt)));
  return {};
}

/** `c2c.receiveOpt.get` (Tencent's getC2CReceiveMessageOpt): one BatchGetItem of the conversations' states. */
export async function getC2cReceiveOpts(services: OptServices, userId: string, peers: readonly string[]) {
  noSelf(userId, peers);
  const unique = [...new Set(peers)];
  const states = await services.c2c.getStates(unique.map((peer) => c2cConversationId(userId, peer)));
  return {
    ReceiveOptList: unique.map((peer) => ({
      To_Account: peer, MsgFlag: (states.get(c2cConversationId(userId, peer))?.sides[sideOf(userId, peer)].receiveOpt || 'AcceptAndNotify') as ReceiveOpt,
    })),
  };
}
