import type { LocalStack } from '../../local/stack.js';
import { rest } from '../../test/support/rest-client.js';
import { ReconnectingSocket } from '../support/reconnecting-socket.js';

/**
 * The people of the authorization matrix. In each fresh Public group: the owner, an admin, a member, a muted
 * member, a target member the others act on, and a member who was kicked; outside it: an outsider, a peer
 * (the only account generated inputs name), the victim (named only in forged fields) and a user the victim blocked.
 */
export const ROLES = ['owner', 'admin', 'member', 'muted', 'target', 'kicked', 'outsider', 'peer', 'victim', 'blocked'] as const;
export type Role = (typeof ROLES)[number] | 'appAdmin';

export interface Cast {
  ids: Record<Role, string>;
  sockets: Record<Role, ReconnectingSocket>;
  close(): void;
}

const ok = async (stack: LocalStack, path: string, body: unknown) => {
  const reply = await rest(stack, path, body);
  if (reply.ErrorCode !== 0) throw new Error(`authz setup ${path}: ${reply.ErrorCode} ${reply.ErrorInfo}`);
  return reply;
};

export async function castFor(stack: LocalStack, runId: string): Promise<Cast> {
  const ids = Object.fromEntries(ROLES.map((r) => [r, `az${runId}-${r}`])) as Record<Role, string>;
  ids.appAdmin = stack.config.admins[0]!;
  await ok(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ROLES.map((r) => ids[r]) });
  await ok(stack, 'sns/black_list_add', { From_Account: ids.victim, To_Account: [ids.blocked] });
  const sockets = Object.fromEntries(Object.entries(ids).map(([role, id]) => [role, new ReconnectingSocket(stack, id)])) as Record<Role, ReconnectingSocket>;
  return { ids, sockets, close: () => Object.values(sockets).forEach((s) => s.close()) };
}

/** A fresh Public group with the cast in its places, three messages (asking for read receipts), and the peer's pending application. */
export async function freshGroup(stack: LocalStack, cast: Cast, type: 'Public' | 'Community' = 'Public'): Promise<{ GroupId: string; msgSeqs: number[] }> {
  const { ids } = cast;
  const created = await ok(stack, 'group_open_http_svc/create_group', {
    Owner_Account: ids.owner, Type: type, Name: 'authz', ApplyJoinOption: 'NeedPermission', ...(type === 'Community' && { SupportTopic: 1 }),
    MemberList: [ids.admin, ids.member, ids.muted, ids.target, ids.kicked].map((Member_Account) => ({ Member_Account })),
  });
  const GroupId = String(created.GroupId);
  // The steps touch different members (and the messages none): they run at once, as the matrix's set-up is most of its time.
  const [, , , applied, ...sent] = await Promise.all([
    ok(stack, 'group_open_http_svc/modify_group_member_info', { GroupId, Member_Account: ids.admin, Role: 'Admin' }),
    ok(stack, 'group_open_http_svc/forbid_send_msg', { GroupId, Members_Account: [ids.muted], ShutUpTime: 3600 }),
    ok(stack, 'group_open_http_svc/delete_group_member', { GroupId, MemberToDel_Account: [ids.kicked] }),
    cast.sockets.peer.request('group.join', { GroupId, ApplyMsg: 'let me in' }),
    ...[0, 1, 2].map((i) => ok(stack, 'group_open_http_svc/send_group_msg', {
      GroupId, From_Account: ids.owner, Random: 1000 + i, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }], NeedReadReceipt: 1,
    })),
  ]);
  if (applied?.ErrorCode !== 0) throw new Error(`authz setup group.join: ${JSON.stringify(applied)}`);
  return { GroupId, msgSeqs: sent.map((reply) => Number(reply.MsgSeq)).sort((a, b) => a - b) };
}

/**
 * The same cast in a Community with topics (roles rule: no EnablePermission), one topic and one permission group:
 * where topic.* and permission.* actions can work for an allowed caller, so their refusals prove something.
 */
export async function freshCommunity(stack: LocalStack, cast: Cast): Promise<{ GroupId: string; msgSeqs: number[]; topics: string[]; permissionGroups: string[] }> {
  const { GroupId, msgSeqs } = await freshGroup(stack, cast, 'Community');
  const topic = await ok(stack, 'million_group_open_http_svc/create_topic', { GroupId, TopicName: 'authz' });
  const group = await ok(stack, 'group_open_http_svc/create_permission_group', { GroupId, PermissionGroupName: 'authz', Permission: 0 });
  return { GroupId, msgSeqs, topics: [String(topic.TopicId)], permissionGroups: [String(group.PermissionGroupId)] };
}

/** What the victim owns, through the REST reads an app backend uses; any change is an action taken as the victim. */
export async function victimSnapshot(stack: LocalStack, victim: string): Promise<string> {
  const reads = await Promise.all([
    rest(stack, 'profile/portrait_get', { To_Account: [victim], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Gender', 'Tag_Profile_IM_AllowType', 'Tag_Profile_IM_SelfSignature'] }),
    rest(stack, 'sns/friend_get', { From_Account: victim, StartIndex: 0 }),
    rest(stack, 'sns/black_list_get', { From_Account: victim, StartIndex: 0, MaxLimited: 100, LastSequence: 0 }),
    rest(stack, 'sns/group_get', { From_Account: victim }),
    rest(stack, 'group_open_http_svc/get_joined_group_list', { Member_Account: victim }),
    rest(stack, 'recentcontact/get_list', { From_Account: victim, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 15 }),
    rest(stack, 'recentcontact/get_contact_group', { From_Account: victim, StartIndex: 0 }),
  ]);
  return JSON.stringify(reads, (k, v) => (/^(ServerTime|ActionStatus)$/.test(k) ? undefined : v));
}
