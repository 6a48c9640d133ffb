import { randomInt } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { actorInGroup, loadGroup, requireMember } from './group-access.js';
import { GroupCode } from './group-codes.js';
import type { GroupContext } from './group-context.js';
import type { GroupRecord, MemberRecord } from './group-store.js';

/** A cursor older than this answers 10004: the backend starts over (Tencent's list moves every 10 s anyway). */
const CURSOR_LIFETIME_MS = 60 * 60 * 1000;
/** Cursors are random below 2^48: far from colliding in a group's few slots, and exact in any JSON number parser. */
const CURSOR_RANGE = 2 ** 48;

/** AVChatRoom only: its member items are the members online now (docs/data-model.md "AVChatRoom"). */
async function loadRoom(ctx: GroupContext, groupId: string): Promise<GroupRecord> {
  const group = await loadGroup(ctx.services.groups, groupId);
  if (group.type !== 'AVChatRoom') throw new ImError(GroupCode.NoPermission, `group ${groupId} is not an AVChatRoom`);
  return group;
}

/**
 * The owner's member item stays when it goes offline (an AVChatRoom owner never leaves), so it counts as present
 * only with a live connection. Every other member item is removed by its last `$disconnect`.
 */
async function withoutOfflineOwner(ctx: GroupContext, group: GroupRecord, members: MemberRecord[]): Promise<MemberRecord[]> {
  const owner = group.ownerAccount;
  if (owner === undefined || !members.some((m) => m.userId === owner)) return members;
  const online = (await ctx.services.connections.listByUser(owner, ctx.services.clock())).length > 0;
  return online ? members : members.filter((m) => m.userId !== owner);
}

export type OnlineMembersPage = {
  MemberList: Array<{ Member_Account: string; JoinTime: number }>;
  NextTimestamp: number;
};

/**
 * `group_open_avchatroom_http_svc/get_members`: one page of the room's online members in UserID order. Tencent's
 * cursor is a number and member keys are UserIDs, so `NextTimestamp` names a small cursor item holding the UserID
 * the page ended at (docs/data-model.md); 0 when the list is done. `Mark` filters by member marks, which this server
 * does not store yet (`modify_user_info` is not served): a filtered list is empty.
 */
export async function onlineMembers(ctx: GroupContext, groupId: string, timestamp: number, mark?: number): Promise<OnlineMembersPage> {
  const group = await loadRoom(ctx, groupId);
  const now = ctx.services.clock();
  let after: string | undefined;
  if (timestamp !== 0) {
    const cursor = await ctx.services.groups.loadMembersCursor(groupId, timestamp);
    if (!cursor || cursor.at < now - CURSOR_LIFETIME_MS) {
      throw new ImError(GroupCode.InvalidParam, 'Timestamp is not a current NextTimestamp of this group: start again with 0');
    }
    after = cursor.after;
  }
  if (mark !== undefined) return { MemberList: [], NextTimestamp: 0 };
  const page = await ctx.services.groups.pageMembers(groupId, ctx.config.groups.onlineMembersPage, after);
  const members = await withoutOfflineOwner(ctx, group, page.members);
  let next = 0;
  if (page.next !== undefined) {
    next = 1 + randomInt(CURSOR_RANGE - 1);
    await ctx.services.groups.saveMembersCursor(groupId, next, page.next, now);
  }
  return { MemberList: members.map((m) => ({ Member_Account: m.userId, JoinTime: m.joinTime })), NextTimestamp: next };
}

/** `group_open_avchatroom_http_svc/check_members`: the asked accounts that are in the room now, in the order asked. */
export async function presentMembers(ctx: GroupContext, groupId: string, userIds: readonly string[]): Promise<{ Member_Account: string[] }> {
  const group = await loadRoom(ctx, groupId);
  const found = await ctx.services.groups.getMembers(groupId, userIds);
  const present = new Set((await withoutOfflineOwner(ctx, group, [...found.values()])).map((m) => m.userId));
  return { Member_Account: [...new Set(userIds)].filter((u) => present.has(u)) };
}

/** `group.onlineCount`: members only; distinct users in the group's online index, as `get_online_member_num` (one Query). */
export async function onlineMemberCount(ctx: GroupContext, groupId: string): Promise<{ OnlineMemberNum: number }> {
  const group = await loadGroup(ctx.services.groups, groupId);
  requireMember(await actorInGroup(ctx.services.groups, group, ctx.actor), group);
  return { OnlineMemberNum: new Set((await ctx.services.groupMessages.online(groupId)).map((c) => c.userId)).size };
}
