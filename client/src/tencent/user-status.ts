import type { ImClient } from '../im-client.js';
import type { UserStatus as ServerStatus } from '../protocol.js';
import { EVENT, TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';

/** getUserStatus, setSelfStatus, subscribeUserStatus, unsubscribeUserStatus and USER_STATUS_UPDATED, over status.*. */

/** Tencent's user status: `statusType` `USER_STATUS_*`. */
export interface UserStatus { userID: string; statusType: number; customStatus: string }
interface Failure { userID: string; code: number; message: string }
interface StatusErrors { ErrorList?: Array<{ To_Account: string; ErrorCode: number; ErrorInfo: string }> }

/**
 * Our presence as Tencent's types: Online is ONLINE; PushOnline (disconnected, reachable by push) is Tencent's OFFLINE
 * ("disconnected without logging out"); Offline (logged out, or never a push device) is UNLOGINED.
 */
const STATUS_TYPE: Record<ServerStatus['Status'], number> = {
  Online: TYPES.USER_STATUS_ONLINE, PushOnline: TYPES.USER_STATUS_OFFLINE, Offline: TYPES.USER_STATUS_UNLOGINED,
};
const toStatus = (s: { Status: ServerStatus['Status']; CustomStatus: string }, userID: string): UserStatus => ({
  userID, statusType: STATUS_TYPE[s.Status] ?? TYPES.USER_STATUS_UNKNOWN, customStatus: s.CustomStatus,
});
const failures = (reply: StatusErrors): Failure[] => (reply.ErrorList ?? []).map((e) => ({ userID: e.To_Account, code: e.ErrorCode, message: e.ErrorInfo }));
const ids = (list: unknown, api: string): string[] => {
  if (!Array.isArray(list) || list.length === 0) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs userIDList`);
  return list as string[];
};

/** `{ successUserList, failureUserList }`; anyone's status, one's own included. */
export async function getUserStatus(ctx: ChatContext, options: { userIDList: string[] }) {
  const reply = await call(() => ctx.im().userStatus({ To_Account: ids(options?.userIDList, 'getUserStatus') }));
  return ok({ successUserList: reply.StatusList.map((s) => toStatus(s, s.To_Account)), failureUserList: failures(reply) });
}

/** `{ userID, statusType, customStatus }`; `''` clears it. USER_STATUS_UPDATED follows (the server's echo). */
export async function setSelfStatus(ctx: ChatContext, options: { customStatus: string }) {
  const customStatus = options?.customStatus;
  if (typeof customStatus !== 'string') throw new ChatError(CODE.INVALID_PARAMETERS, 'setSelfStatus needs customStatus, a string');
  const reply = await call(() => ctx.im().setCustomStatus({ CustomStatus: customStatus }));
  return ok(toStatus(reply, reply.To_Account));
}

/** `{ failureUserList }`: oneself (90001) and unknown users (70107) fail. */
export async function subscribeUserStatus(ctx: ChatContext, options: { userIDList: string[] }) {
  const reply = await call(() => ctx.im().subscribeStatus({ To_Account: ids(options?.userIDList, 'subscribeUserStatus') }));
  return ok({ failureUserList: failures(reply) });
}

/** No `userIDList` (or `undefined`): every subscription, as Tencent's. */
export async function unsubscribeUserStatus(ctx: ChatContext, options?: { userIDList?: string[] }) {
  const list = options?.userIDList;
  await call(() => ctx.im().unsubscribeStatus(list === undefined ? {} : { To_Account: ids(list, 'unsubscribeUserStatus') }));
  return ok({ failureUserList: [] as Failure[] });
}

/** The server's `status.changed` as USER_STATUS_UPDATED: `[{ userID, statusType, customStatus }]`. */
export function wireUserStatus(im: ImClient, ctx: ChatContext, ready: () => boolean): void {
  im.on('status.changed', (data) => {
    if (ready()) ctx.emit(EVENT.USER_STATUS_UPDATED, [toStatus(data, data.From_Account)]);
  });
}
