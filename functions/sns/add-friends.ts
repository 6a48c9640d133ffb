import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import { userIdProblem } from '../shared/identifiers.js';
import { nowSeconds, type RestCaller, type WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor } from '../shared/callback-meta.js';
import { ensureFriendLists } from './friend-list-names.js';
import { notifyPairs, notifyUser, type Pair } from './notify.js';
import { afterPairs, SnsCallback, snsRefusals, type Refusal } from './sns-callbacks.js';
import { SNS_LIMITS, SnsCode } from './sns-codes.js';
import { isPending, type AddType, type CommitResult, type FriendRecord, type FriendRequest, type SnsChange, type SnsValue } from './sns-store.js';

export interface AddFriendItem {
  To_Account: string;
  Remark?: string;
  GroupName?: string;
  AddSource: string;
  AddWording?: string;
}

export type ResultItem = {
  To_Account: string;
  ResultCode: number;
  ResultInfo: string;
};

export type BatchResult = {
  ResultItem: ResultItem[];
  Fail_Account?: string[];
};

const ok = (To_Account: string): ResultItem => ({ To_Account, ResultCode: 0, ResultInfo: '' });
const fail = (To_Account: string, ResultCode: number, ResultInfo: string): ResultItem => ({ To_Account, ResultCode, ResultInfo });

/** `Fail_Account` lists every item whose code is not 0 (30539, a created request, included, as Tencent does). */
export const withFailures = (ResultItem: ResultItem[]): BatchResult => {
  const failed = ResultItem.filter((r) => r.ResultCode !== 0).map((r) => r.To_Account);
  return { ResultItem, ...(failed.length > 0 && { Fail_Account: failed }) };
};

/**
 * The item for a `To_Account` that is not a friend of `fromId`: 30001 with the reason when it cannot be a UserID at
 * all (as the other batch commands answer it), else 31704.
 */
export const notFriendItem = (fromId: string, To_Account: string): ResultItem => {
  const problem = userIdProblem(To_Account);
  return problem ? fail(To_Account, SnsCode.InvalidParam, problem) : fail(To_Account, SnsCode.NotFriends, `${To_Account} is not a friend of ${fromId}`);
};

const ALLOW_TYPE = 'Tag_Profile_IM_AllowType';
const ADMIN_FORBID = 'Tag_Profile_IM_AdminForbidType';

/** The friend item an add or an accepted request writes. */
export function friendRecord(friendId: string, fields: { remark?: string; groupName?: string; addSource: string; addWording?: string }, addTime: number): FriendRecord {
  const tags: Record<string, SnsValue> = {
    Tag_SNS_IM_Group: fields.groupName ? [fields.groupName] : [],
    Tag_SNS_IM_AddSource: fields.addSource,
    Tag_SNS_IM_AddTime: addTime,
  };
  if (fields.remark) tags.Tag_SNS_IM_Remark = fields.remark;
  if (fields.addWording) tags.Tag_SNS_IM_AddWording = fields.addWording;
  return { friendId, tags };
}

/** Maps a failed commit to the code reported for one item. */
export function commitFailure(result: Exclude<CommitResult, { ok: true }>, ownerId: string): { code: number; info: string } {
  if (result.reason === 'limit') {
    if (result.counter === 'pendingCount') return { code: SnsCode.PendingLimit, info: `at most ${SNS_LIMITS.pendingCount} friend requests may wait for an answer` };
    if (result.counter === 'blockCount') return { code: SnsCode.BlockLimit, info: `the blocklist holds at most ${SNS_LIMITS.blockCount} accounts` };
    return result.userId === ownerId
      ? { code: SnsCode.OwnFriendLimit, info: `${ownerId} already has ${SNS_LIMITS.friendCount} friends` }
      : { code: SnsCode.PeerFriendLimit, info: `${result.userId} already has ${SNS_LIMITS.friendCount} friends` };
  }
  return { code: SnsCode.WriteConflict, info: 'the relationship changed concurrently; retry' };
}

/** Removes the requester's expired outgoing requests (with their counter) so new ones fit. */
async function purgeExpiredRequests(services: Pick<ServiceCatalog, 'sns'>, userId: string, now: number): Promise<void> {
  const expired = (await services.sns.listRequests(userId, 'out')).filter((r) => r.expiresAt <= now);
  for (const r of expired) await services.sns.commit([{ op: 'deleteRequest', fromId: r.fromId, toId: r.toId }], SNS_LIMITS, now);
}

export interface AddFriendsRequest {
  fromId: string;
  items: readonly AddFriendItem[];
  addType: AddType;
  force: boolean;
}

/**
 * `friend_add` (REST) and `friend.add` (WebSocket). Per target: the
 * requester's AdminForbidType (30009), blocklists both ways (30515, 30525),
 * the target's AllowType (DenyAny 30516, NeedConfirm: a pending request,
 * 30539; AllowAny adds at once), the 3,000-friend limits (30010, 30014).
 * `force` (ForceAddFlags 1) skips AdminForbidType and AllowType, not blocklists or limits.
 * No confirmation is needed when the target already has the requester as a
 * friend or has a pending request to the requester.
 */
export async function addFriends(services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'profiles' | 'sns' | 'webhooks'>, config: Pick<AppConfig, 'sns'>, caller: RestCaller | WsCaller, request: AddFriendsRequest): Promise<BatchResult> {
  const { fromId, items, addType, force } = request;
  const now = services.clock();
  const targets = items.map((i) => i.To_Account);
  const valid = [...new Set(targets.filter((t) => userIdProblem(t) === undefined && t !== fromId))];
  const profiles = await services.profiles.readMany([fromId, ...valid]);
  const from = profiles.get(fromId);
  if (!from) throw new ImError(SnsCode.AccountMissing, `account ${fromId} does not exist`);

  let refusals = new Map<string, Refusal>();
  if (caller.transport === 'ws') {
    const result = await services.webhooks.before(SnsCallback.PrevFriendAdd, {
      Requester_Account: fromId, From_Account: fromId,
      FriendItem: items.map((i) => ({ To_Account: i.To_Account, Remark: i.Remark ?? '', GroupName: i.GroupName ?? '', AddSource: i.AddSource, AddWording: i.AddWording ?? '' })),
      AddType: addType, ForceAddFlags: force ? 1 : 0, EventTime: now,
    }, callbackMetaFor(caller, SnsCallback.PrevFriendAdd));
    refusals = snsRefusals(result, valid);
  }

  const pairs = await services.sns.pairs(fromId, valid);
  const seen = new Set<string>();
  const added: Pair[] = [];
  const results: ResultItem[] = [];
  const forbidden = !force && from[ADMIN_FORBID] === 'AdminForbid_Type_SendOut';
  const addTime = nowSeconds(services.clock);

  for (const item of items) {
    const to = item.To_Account;
    const problem = userIdProblem(to);
    if (problem) { results.push(fail(to, SnsCode.InvalidParam, problem)); continue; }
    if (to === fromId) { results.push(fail(to, SnsCode.InvalidParam, 'cannot add oneself as a friend')); continue; }
    if (seen.has(to)) { results.push(fail(to, SnsCode.InvalidParam, `${to} is listed twice`)); continue; }
    seen.add(to);
    const target = profiles.get(to);
    if (!target) { results.push(fail(to, SnsCode.AccountMissing, `account ${to} does not exist`)); continue; }
    if (forbidden) { results.push(fail(to, SnsCode.AddForbiddenByAdmin, `${fromId} is forbidden to send friend requests`)); continue; }
    const refusal = refusals.get(to);
    if (refusal) { results.push(fail(to, refusal.code, refusal.info)); continue; }
    const pair = pairs.get(to)!;
    if (pair.ownerBlocksPeer) { results.push(fail(to, SnsCode.PeerInMyBlocklist, `${to} is in ${fromId}'s blocklist`)); continue; }
    if (pair.peerBlocksOwner) { results.push(fail(to, SnsCode.InPeerBlocklist, `${fromId} is in ${to}'s blocklist`)); continue; }
    const needOwner = !pair.ownerHasPeer;
    const needPeer = addType === 'Add_Type_Both' && !pair.peerHasOwner;
    if (!needOwner && !needPeer) { results.push(fail(to, SnsCode.InvalidParam, `${to} is already a friend`)); continue; }

    const allowType = target[ALLOW_TYPE] ?? 'AllowType_Type_NeedConfirm';
    const preApproved = force || pair.peerHasOwner !== undefined || isPending(pair.requestFromPeer, now);
    if (!preApproved && allowType === 'AllowType_Type_DenyAny') { results.push(fail(to, SnsCode.PeerDeniesAll, `${to} accepts no friend requests`)); continue; }

    if (!preApproved && allowType !== 'AllowType_Type_AllowAny') {
      const friendRequest: FriendRequest = {
        fromId, toId: to, addType, addSource: item.AddSource, createdAt: now, expiresAt: now + config.sns.pendingRequestDays * 86_400_000,
        ...(item.AddWording && { addWording: item.AddWording }), ...(item.Remark && { remark: item.Remark }), ...(item.GroupName && { groupName: item.GroupName }),
      };
      const change: SnsChange = { op: 'putRequest', request: friendRequest, isNew: pair.requestToPeer === undefined };
      let result = await services.sns.commit([change], SNS_LIMITS, now);
      if (!result.ok && result.reason === 'limit') {
        await purgeExpiredRequests(services, fromId, now);
        result = await services.sns.commit([change], SNS_LIMITS, now);
      }
      if (!result.ok) { const f = commitFailure(result, fromId); results.push(fail(to, f.code, f.info)); continue; }
      results.push(fail(to, SnsCode.PendingCreated, `${to} needs to confirm the friend request`));
      await notifyUser(services, to, 'friend.request', {
        From_Account: fromId, To_Account: to, AddSource: item.AddSource, AddWording: item.AddWording ?? '', AddType: addType, AddTime: addTime,
      });
      continue;
    }

    const changes: SnsChange[] = [];
    const newPairs: Pair[] = [];
    if (needOwner) {
      changes.push({ op: 'putFriend', ownerId: fromId, friend: friendRecord(to, { remark: item.Remark, groupName: item.GroupName, addSource: item.AddSource, addWording: item.AddWording }, addTime) });
      newPairs.push({ From_Account: fromId, To_Account: to });
    }
    if (needPeer) {
      changes.push({ op: 'putFriend', ownerId: to, friend: friendRecord(fromId, { addSource: item.AddSource }, addTime) });
      newPairs.push({ From_Account: to, To_Account: fromId });
    }
    if (pair.requestToPeer) changes.push({ op: 'deleteRequest', fromId, toId: to });
    if (pair.requestFromPeer) changes.push({ op: 'deleteRequest', fromId: to, toId: fromId });
    if (needOwner && item.GroupName) {
      try {
        await ensureFriendLists(services, fromId, [item.GroupName]);
      } catch (e) {
        if (!(e instanceof ImError)) throw e;
        results.push(fail(to, e.code, e.info));
        continue;
      }
    }
    const result = await services.sns.commit(changes, SNS_LIMITS, now);
    if (!result.ok) { const f = commitFailure(result, fromId); results.push(fail(to, f.code, f.info)); continue; }
    results.push(ok(to));
    added.push(...newPairs);
  }

  await notifyPairs(services, 'friend.added', added);
  await afterPairs(services, caller, SnsCallback.FriendAdd, added.map((p) => ({ ...p, Initiator_Account: fromId })), {
    ClientCmd: 'friend_add', ...(caller.transport === 'rest' && { Admin_Account: caller.admin }), ForceFlag: force ? 1 : 0,
  });
  return withFailures(results);
}

export const RESPONSE_ACTIONS = ['Response_Action_Agree', 'Response_Action_AgreeAndAdd', 'Response_Action_Reject'] as const;
export type ResponseAction = (typeof RESPONSE_ACTIONS)[number];

/**
 * `friend.respond`: the target of a pending request answers it. Agree adds the
 * target to the requester's friends; AgreeAndAdd adds both ways; Reject drops
 * the request. Fires `Sns.CallbackPrevFriendResponse` first.
 */
export async function respondToRequest(
  services: Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'sns' | 'webhooks'>, caller: WsCaller, answer: { requesterId: string; action: ResponseAction; remark?: string; tagName?: string },
): Promise<Record<string, never>> {
  const me = caller.userId;
  const now = services.clock();
  const pair = (await services.sns.pairs(me, [answer.requesterId])).get(answer.requesterId)!;
  const request = pair.requestFromPeer;
  if (!isPending(request, now)) throw new ImError(SnsCode.RequestMissing, `no pending friend request from ${answer.requesterId}`);

  const verdict = await services.webhooks.before(SnsCallback.PrevFriendResponse, {
    Requester_Account: me, From_Account: me,
    ResponseFriendItem: [{ To_Account: answer.requesterId, Remark: answer.remark ?? '', TagName: answer.tagName ?? '', ResponseAction: answer.action }],
    EventTime: now,
  }, callbackMetaFor(caller, SnsCallback.PrevFriendResponse));
  const refusal = snsRefusals(verdict, [answer.requesterId]).get(answer.requesterId);
  if (refusal) throw new ImError(refusal.code, refusal.info);

  const changes: SnsChange[] = [{ op: 'deleteRequest', fromId: answer.requesterId, toId: me }];
  const newPairs: Pair[] = [];
  const addTime = nowSeconds(services.clock);
  if (answer.action !== 'Response_Action_Reject') {
    if (answer.tagName) await ensureFriendLists(services, me, [answer.tagName]);
    if (!pair.peerHasOwner) {
      // The requester's friend list named in the request; left out if the requester has no room for another list.
      const groupName = request.groupName && await ensureFriendLists(services, answer.requesterId, [request.groupName]).then(() => request.groupName, () => undefined);
      changes.push({ op: 'putFriend', ownerId: answer.requesterId, friend: friendRecord(me, { ...request, groupName }, addTime) });
      newPairs.push({ From_Account: answer.requesterId, To_Account: me });
    }
    if (answer.action === 'Response_Action_AgreeAndAdd' && !pair.ownerHasPeer) {
      changes.push({ op: 'putFriend', ownerId: me, friend: friendRecord(answer.requesterId, { remark: answer.remark, groupName: answer.tagName, addSource: request.addSource }, addTime) });
      newPairs.push({ From_Account: me, To_Account: answer.requesterId });
    }
  }
  const result = await services.sns.commit(changes, SNS_LIMITS, now);
  if (!result.ok) {
    const f = commitFailure(result, me);
    throw new ImError(f.code, f.info);
  }
  await notifyUser(services, answer.requesterId, 'friend.response', { From_Account: me, To_Account: answer.requesterId, ResponseAction: answer.action });
  await notifyPairs(services, 'friend.added', newPairs);
  await afterPairs(services, caller, SnsCallback.FriendAdd, newPairs.map((p) => ({ ...p, Initiator_Account: answer.requesterId })), { ClientCmd: 'friend_response', ForceFlag: 0 });
  return {};
}

/**
 * `friend.requests`: pending requests to and from the caller (expired ones left out), and how many of those to the
 * caller came after its last `friend.requests.read`.
 */
export async function listRequests(services: Pick<ServiceCatalog, 'clock' | 'sns'>, userId: string) {
  const now = services.clock();
  const [incoming, outgoing, meta] = await Promise.all([services.sns.listRequests(userId, 'in'), services.sns.listRequests(userId, 'out'), services.sns.meta(userId)]);
  const pendingIn = incoming.filter((r) => isPending(r, now));
  const item = (r: FriendRequest, Type: string) => ({
    Type, From_Account: r.fromId, To_Account: r.toId, AddSource: r.addSource, AddWording: r.addWording ?? '', AddType: r.addType,
    AddTime: Math.floor(r.createdAt / 1000), ExpireTime: Math.floor(r.expiresAt / 1000),
  });
  return {
    PendencyItem: [
      ...pendingIn.map((r) => item(r, 'Pendency_Type_ComeIn')),
      ...outgoing.filter((r) => isPending(r, now)).map((r) => item(r, 'Pendency_Type_SendOut')),
    ],
    UnreadPendencyCount: pendingIn.filter((r) => r.createdAt > meta.requestsReadAt).length,
  };
}
