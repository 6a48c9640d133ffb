import type { LocalStack } from '../../local/stack.js';
import { rest } from '../../test/support/rest-client.js';

/**
 * Data no fuzz input names: two users with profiles, a friendship, a group with a message and a C2C message.
 * Any difference between the snapshots before and after a run is a change the inputs should not have made.
 */
export const CANARY_USERS = ['canary-anna', 'canary-bert'] as const;

const ok = async (stack: LocalStack, path: string, body: unknown) => {
  const reply = await rest(stack, path, body);
  if (reply.ErrorCode !== 0) throw new Error(`canary ${path}: ${reply.ErrorCode} ${reply.ErrorInfo}`);
  return reply;
};

export async function plantCanary(stack: LocalStack): Promise<string> {
  const [a, b] = CANARY_USERS;
  await ok(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
  await ok(stack, 'profile/portrait_set', { From_Account: a, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Anna' }] });
  await ok(stack, 'sns/friend_import', { From_Account: a, AddFriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_canary' }] });
  const group = await ok(stack, 'group_open_http_svc/create_group', { Owner_Account: a, Type: 'Public', Name: 'canary', MemberList: [{ Member_Account: b }] });
  const groupId = String(group.GroupId);
  await ok(stack, 'group_open_http_svc/send_group_msg', { GroupId: groupId, From_Account: a, Random: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'canary' } }] });
  await ok(stack, 'openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'canary' } }] });
  return groupId;
}

/** What the canary looks like now, through the same REST reads an app backend would use. */
export async function canarySnapshot(stack: LocalStack, groupId: string): Promise<string> {
  const [a, b] = CANARY_USERS;
  const now = Math.floor(Date.now() / 1000);
  const reads = await Promise.all([
    rest(stack, 'profile/portrait_get', { To_Account: [a, b], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_AllowType'] }),
    rest(stack, 'sns/friend_get', { From_Account: a, StartIndex: 0 }),
    rest(stack, 'group_open_http_svc/get_group_info', { GroupIdList: [groupId] }),
    rest(stack, 'group_open_http_svc/get_group_member_info', { GroupId: groupId }),
    rest(stack, 'group_open_http_svc/group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 20 }),
    rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 100, MinTime: now - 86400, MaxTime: now + 86400 }),
    rest(stack, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: a }, { UserID: b }] }),
  ]);
  // Times that move by themselves (online state, last send) are not the canary's data.
  return JSON.stringify(reads, (k, v) => (/^(LastSendMsgTime|ServerTime|MsgTimeStamp|ShutUpUntil|LastInfoTime|LastMsgTime)$/.test(k) ? undefined : v));
}
