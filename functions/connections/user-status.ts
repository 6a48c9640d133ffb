import * as z from 'zod/mini';
import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import { coded, maxBytes } from '../shared/validation.js';
import { eventFrame } from '../shared/ws/frames.js';
import type { ServiceCatalog } from '../services.js';
import { isLive } from '../accounts/account-store.js';
import { AccountCode } from '../accounts/account-codes.js';
import { deliverToUser } from './deliver.js';
import { presenceFrom, type PresenceStatus } from './presence.js';

/**
 * User status (Tencent's getUserStatus / setSelfStatus / subscribeUserStatus, docs/websocket.md "User status"): a
 * user's presence (Online, PushOnline, Offline) and its custom status, queried by anyone, pushed as `status.changed`
 * to the users subscribed to it when it changes.
 */

/** openim's invalid-parameter code, as `query_online_status`. */
export const STATUS_INVALID = 90001;
export const STATUS_QUERY_MAX = 500;
export const STATUS_SUBSCRIBE_MAX = 100;
/** Subscriptions one user keeps; a newer one evicts the oldest (Tencent: "the earliest subscribed are eliminated"). */
export const STATUS_SUBSCRIPTIONS_MAX = 200;
export const CUSTOM_STATUS_MAX_BYTES = 100;

const bad = (info: string) => coded(STATUS_INVALID, info);
const accounts = (max: number) => z.array(z.string()).check(
  z.minLength(1, bad('To_Account is empty')), z.maxLength(max, bad(`To_Account has more than ${max} accounts`)),
);
export const statusGetInput = z.object({ To_Account: accounts(STATUS_QUERY_MAX) });
export const statusSetInput = z.object({
  CustomStatus: z.string(bad('CustomStatus must be a string')).check(maxBytes(CUSTOM_STATUS_MAX_BYTES, STATUS_INVALID, 'CustomStatus')),
});
export const statusSubscribeInput = z.object({ To_Account: accounts(STATUS_SUBSCRIBE_MAX) });
/** No `To_Account`: every subscription of the caller. */
export const statusUnsubscribeInput = z.object({
  To_Account: z.optional(z.array(z.string()).check(z.maxLength(STATUS_SUBSCRIBE_MAX, bad(`To_Account has more than ${STATUS_SUBSCRIBE_MAX} accounts`)))),
});

/** What announcing a status needs (its callers' Picks include these). */
export type StatusServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'sns'>;
export type StatusConfig = Pick<AppConfig, 'heartbeatTimeoutSeconds' | 'userStatus'>;
type Services = StatusServices;
type Config = StatusConfig;
export type UserStatus = { To_Account: string; Status: PresenceStatus; CustomStatus: string };
export interface StatusError { To_Account: string; ErrorCode: number; ErrorInfo: string }

/**
 * The presence Query is eventually consistent: `gone` lists connections just removed that it may still return. A caller
 * that knows the status or custom status (it just wrote it) passes it in `known`.
 */
async function statusOf(
  services: Pick<ServiceCatalog, 'clock' | 'connections'>, config: Config, userId: string, gone: ClosedConnections = { closed: [] }, known: Partial<UserStatus> = {},
): Promise<UserStatus> {
  const now = services.clock();
  const items = await services.connections.presenceOf(userId, now);
  const connections = items.connections.filter((c) => !gone.closed.includes(c.connectionId));
  const devices = items.devices.filter((d) => !gone.devicesGone?.includes(d.instance));
  const Status = presenceFrom({ ...items, connections, devices }, now, config.heartbeatTimeoutSeconds * 1000).status;
  return { To_Account: userId, Status, CustomStatus: items.customStatus ?? '', ...known };
}

/** The live accounts among `ids` (one BatchGet per 100); ids that are no UserID are never looked up. */
async function liveAccounts(services: Pick<ServiceCatalog, 'accounts'>, ids: readonly string[]): Promise<Set<string>> {
  const lookedUp = ids.filter((id) => userIdProblem(id) === undefined);
  const live = new Set<string>();
  for (let i = 0; i < lookedUp.length; i += 100) {
    const found = await services.accounts.getMany(lookedUp.slice(i, i + 100));
    for (const id of lookedUp.slice(i, i + 100)) if (isLive(found.get(id))) live.add(id);
  }
  return live;
}

const missing = (To_Account: string): StatusError => ({ To_Account, ErrorCode: AccountCode.NotFound, ErrorInfo: `account ${To_Account} does not exist` });

/** `status.get`: each account's status (one Query each: presence and custom status are one partition). */
export async function getUserStatuses(services: Services, config: Config, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const live = await liveAccounts(services, unique);
  const StatusList = await Promise.all(unique.filter((id) => live.has(id)).map((id) => statusOf(services, config, id)));
  const ErrorList = unique.filter((id) => !live.has(id)).map(missing);
  return { StatusList, ...(ErrorList.length > 0 && { ErrorList }) };
}

const FAN_OUT = 16;

/** Pushes `status.changed` to each of `users` (a connections Query each, 16 at a time). */
async function pushStatus(services: Services, users: readonly string[], status: UserStatus): Promise<void> {
  const frame = eventFrame('status.changed', { From_Account: status.To_Account, Status: status.Status, CustomStatus: status.CustomStatus });
  for (let i = 0; i < users.length; i += FAN_OUT) await Promise.all(users.slice(i, i + FAN_OUT).map((u) => deliverToUser(services, u, frame)));
}

/** Connections (ids) just removed, and push devices (instances) removed with them (logout). */
export interface ClosedConnections { closed: readonly string[]; devicesGone?: readonly string[] }
/** What happened to the user's connections: its first one opened (it is Online), or some were removed. */
export type ConnectionChange = { opened: true } | ClosedConnections;

/**
 * Tells the user's subscribers its status after connections opened or closed: one Query of the subscribers (0.5 RCU
 * when there are none, the common case; with `notifyFriends` also one of its friended-by markers), then the presence
 * Query and the pushes. A close while another connection stays Online changes nothing.
 */
export async function announceStatus(services: Services, config: Config, userId: string, change: ConnectionChange): Promise<void> {
  const watchers = await watchersOf(services, config, userId);
  if (watchers.length === 0) return;
  // The presence Query may not see the connection just written yet: an opening is Online whatever it answers.
  const status = 'opened' in change ? await statusOf(services, config, userId, { closed: [] }, { Status: 'Online' }) : await statusOf(services, config, userId, change);
  if ('opened' in change || status.Status !== 'Online') await pushStatus(services, watchers, status);
}

/** The subscribers, and with `userStatus.notifyFriends` the users who have `userId` as a friend (a Query of its `FB#` markers). */
async function watchersOf(services: Services, config: Config, userId: string): Promise<string[]> {
  const [subscribers, friendedBy] = await Promise.all([
    services.connections.statusWatchers(userId), config.userStatus.notifyFriends ? services.sns.listFriendedBy(userId) : [],
  ]);
  return [...new Set([...subscribers, ...friendedBy])];
}

/** `status.set`: the caller's custom status (`''` clears it); pushed to its subscribers and its own connections. */
export async function setCustomStatus(services: Services, config: Config, userId: string, customStatus: string): Promise<UserStatus> {
  await services.connections.setCustomStatus(userId, customStatus, services.clock());
  // The caller is connected, and the presence Query may not see the write yet: both parts are known.
  const status: UserStatus = { To_Account: userId, Status: 'Online', CustomStatus: customStatus };
  const watchers = await watchersOf(services, config, userId);
  await pushStatus(services, [userId, ...watchers.filter((w) => w !== userId)], status);
  return status;
}

/**
 * `status.subscribe`: the caller gets `status.changed` for these users from now on. Oneself (90001) and accounts that
 * do not exist (70107) fail per account; past 200 subscriptions the oldest ones are dropped.
 */
export async function subscribeStatuses(services: Services, subscriber: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const live = await liveAccounts(services, unique.filter((id) => id !== subscriber));
  const ErrorList: StatusError[] = unique.filter((id) => !live.has(id))
    .map((id) => (id === subscriber ? { To_Account: id, ErrorCode: STATUS_INVALID, ErrorInfo: 'a user cannot subscribe to its own status' } : missing(id)));
  const targets = unique.filter((id) => live.has(id));
  if (targets.length > 0) {
    await services.connections.putStatusSubscriptions(subscriber, targets, services.clock());
    // Read back after the write, strongly: of subscribes at once, whichever reads last sees every write and trims
    // to 200, so concurrency cannot keep more (a read before the write could not see the others').
    const all = (await services.connections.statusSubscriptions(subscriber, true))
      .sort((a, b) => b.subscribedAt - a.subscribedAt || Number(live.has(b.target)) - Number(live.has(a.target)) || a.target.localeCompare(b.target));
    const evicted = all.slice(STATUS_SUBSCRIPTIONS_MAX).map((s) => s.target);
    if (evicted.length > 0) await services.connections.deleteStatusSubscriptions(subscriber, evicted);
  }
  return { ...(ErrorList.length > 0 && { ErrorList }) };
}

/** `status.unsubscribe`: the given users, or (no `To_Account`) all of them; unsubscribed ones are ignored. */
export async function unsubscribeStatuses(services: Services, subscriber: string, ids: readonly string[] | undefined): Promise<Record<string, never>> {
  if (ids !== undefined && ids.length === 0) throw new ImError(STATUS_INVALID, 'To_Account is empty (leave it out to unsubscribe from all)');
  const current = await services.connections.statusSubscriptions(subscriber);
  const wanted = ids === undefined ? undefined : new Set(ids);
  const targets = current.map((s) => s.target).filter((t) => wanted === undefined || wanted.has(t));
  if (targets.length > 0) await services.connections.deleteStatusSubscriptions(subscriber, targets);
  return {};
}

/**
 * `account_delete`: the user's subscribers hear it is Offline (when it had connections), and its status items go:
 * its subscriptions both ways and its custom status (the Connections table is not purged with the account).
 */
export async function dropUserStatus(services: Services, userId: string, wasConnected: boolean): Promise<void> {
  const [watchers, subscriptions] = await Promise.all([services.connections.statusWatchers(userId), services.connections.statusSubscriptions(userId)]);
  if (wasConnected) await pushStatus(services, watchers, { To_Account: userId, Status: 'Offline', CustomStatus: '' });
  await Promise.all([
    services.connections.deleteStatusSubscriptions(userId, subscriptions.map((s) => s.target)),
    services.connections.setCustomStatus(userId, '', services.clock()),
  ]);
  for (let i = 0; i < watchers.length; i += FAN_OUT) {
    await Promise.all(watchers.slice(i, i + FAN_OUT).map((w) => services.connections.deleteStatusSubscriptions(w, [userId])));
  }
}
