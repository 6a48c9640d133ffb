import type { LocalStack } from '../../local/stack.js';
import { rest, type TencentReply } from './rest-client.js';
import { connect, type TestClient } from './ws-client.js';
import { uniqueId } from './stack.js';

/** `group_open_http_svc/<command>` as the app admin. */
export const groupRest = (stack: LocalStack, command: string, body: unknown): Promise<TencentReply> => rest(stack, `group_open_http_svc/${command}`, body);

/** Fresh ids; destructuring the first few gives plain strings. */
export type Users = string[] & Record<0 | 1 | 2 | 3 | 4 | 5, string>;

/** Imports fresh accounts and returns their ids. */
export async function newUsers(stack: LocalStack, n: number, prefix = 'g'): Promise<Users> {
  const ids = Array.from({ length: n }, () => uniqueId(prefix)) as Users;
  const reply = await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
  if (reply.ErrorCode !== 0) throw new Error(`import failed: ${reply.ErrorInfo}`);
  return ids;
}

/** Creates a group over REST; throws unless it worked. */
export async function newGroup(stack: LocalStack, body: Record<string, unknown>): Promise<string> {
  const reply = await groupRest(stack, 'create_group', { Name: 'g', ...body });
  if (reply.ErrorCode !== 0) throw new Error(`create_group failed: ${reply.ErrorCode} ${reply.ErrorInfo}`);
  return reply.GroupId as string;
}

/** Opens one WebSocket per user. */
export const connectAll = (stack: LocalStack, users: readonly string[]): Promise<TestClient[]> => Promise.all(users.map((u) => connect(stack, u)));

export async function memberNum(stack: LocalStack, groupId: string): Promise<number> {
  const reply = await groupRest(stack, 'get_group_info', { GroupIdList: [groupId], ResponseFilter: { GroupBaseInfoFilter: ['MemberNum'] } });
  return (reply.GroupInfo as Array<{ MemberNum: number }>)[0]!.MemberNum;
}

export async function roles(stack: LocalStack, groupId: string, users: readonly string[]): Promise<string[]> {
  const reply = await groupRest(stack, 'get_role_in_group', { GroupId: groupId, User_Account: users });
  return (reply.UserIdList as Array<{ Role: string }>).map((r) => r.Role);
}
