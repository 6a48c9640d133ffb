import * as z from 'zod/mini';
import { ImError } from '../shared/errors.js';
import { userIdField } from '../shared/identifiers.js';
import { coded } from '../shared/validation.js';
import type { ServiceCatalog } from '../services.js';
import { commitFailure } from './add-friends.js';
import { notifyUser } from './notify.js';
import { SNS_LIMITS, SnsCode } from './sns-codes.js';
import { isPending } from './sns-store.js';

/**
 * The caller's own friend requests beyond answering them (Tencent's deleteFriendApplication and
 * setFriendApplicationRead): `friend.requests.delete` and `friend.requests.read` (docs/websocket.md, Friends).
 */

export const PENDENCY_TYPES = ['Pendency_Type_ComeIn', 'Pendency_Type_SendOut'] as const;
export const wsRequestDeleteInput = z.object({
  To_Account: userIdField(SnsCode.InvalidParam, 'To_Account'),
  /** `Pendency_Type_ComeIn`: the request `To_Account` sent the caller; `Pendency_Type_SendOut`: the caller's to `To_Account`. */
  Type: z.enum(PENDENCY_TYPES, coded(SnsCode.InvalidParam, `Type must be one of ${PENDENCY_TYPES.join(', ')}`)),
});

type Services = Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'sns'>;

/**
 * `friend.requests.delete`: drops a pending request to or from the caller, at both ends, without answering it (no
 * `friend.response`, no callback); 30614 when there is none. Both users get `friend.request.deleted`.
 */
export async function deleteFriendRequest(services: Services, me: string, input: z.infer<typeof wsRequestDeleteInput>): Promise<Record<string, never>> {
  const incoming = input.Type === 'Pendency_Type_ComeIn';
  const [fromId, toId] = incoming ? [input.To_Account, me] : [me, input.To_Account];
  const now = services.clock();
  const pair = (await services.sns.pairs(me, [input.To_Account])).get(input.To_Account);
  if (!isPending(incoming ? pair?.requestFromPeer : pair?.requestToPeer, now)) {
    throw new ImError(SnsCode.RequestMissing, `no pending friend request ${incoming ? 'from' : 'to'} ${input.To_Account}`);
  }
  const result = await services.sns.commit([{ op: 'deleteRequest', fromId, toId }], SNS_LIMITS, now);
  if (!result.ok) { const f = commitFailure(result, me); throw new ImError(f.code, f.info); }
  await Promise.all([fromId, toId].map((u) => notifyUser(services, u, 'friend.request.deleted', { From_Account: fromId, To_Account: toId })));
  return {};
}

/** `friend.requests.read`: the requests to the caller made until now are read; its connections get `friend.requests.read`. */
export async function markFriendRequestsRead(services: Services, me: string): Promise<{ ReadTime: number }> {
  const now = services.clock();
  await services.sns.setRequestsRead(me, now);
  await notifyUser(services, me, 'friend.requests.read', { ReadTime: Math.floor(now / 1000) });
  return { ReadTime: Math.floor(now / 1000) };
}
