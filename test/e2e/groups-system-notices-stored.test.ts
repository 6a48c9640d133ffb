// Kept group system notices (group.system.list): a user offline when a notice was pushed reads it after login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

type Page = { Notices: Array<Record<string, unknown>>; Cursor: string; Complete: number };
const list = async (ws: TestClient, data: Record<string, unknown> = {}) => {
  const reply = await ws.request('group.system.list', data);
  expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
  return reply.data as Page;
};

describe('group.system.list', () => {
  it('keeps the notices pushed while the user was offline: invited, application handled, kicked, destroyed; pages by Cursor', async () => {
    const [owner, bob, carol] = await newUsers(stack, 3, 'sn');
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', ApplyJoinOption: 'NeedPermission' });
    const wsOwner = await connect(stack, owner);
    const wsCarol = await connect(stack, carol);
    expect((await wsCarol.request('group.join', { GroupId: groupId, ApplyMsg: 'let me in' })).data).toEqual({ JoinResult: 'Pending' });
    await wsCarol.close();
    expect((await wsOwner.request('group.handleApplication', { GroupId: groupId, Requestor_Account: carol, Decision: 'Approve' })).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: bob }] })).ErrorCode).toBe(0);
    expect((await wsOwner.request('group.kick', { GroupId: groupId, MemberToDel_Account: [bob], Reason: 'bye' })).ErrorCode).toBe(0);
    expect((await wsOwner.request('group.destroy', { GroupId: groupId })).ErrorCode).toBe(0);

    // Bob never had a connection: all he was sent is kept, in order.
    const wsBob = await connect(stack, bob);
    const page = await list(wsBob);
    expect(page.Notices.map((n) => [n.GroupId, n.Type])).toEqual([[groupId, 'Invited'], [groupId, 'Kicked']]);
    expect(page.Notices[1]).toMatchObject({ GroupType: 'Public', Operator_Account: owner, Reason: 'bye' });
    expect(page.Complete).toBe(1);
    expect(await list(wsBob, { Cursor: page.Cursor })).toEqual({ Notices: [], Cursor: page.Cursor, Complete: 1 });

    const wsCarol2 = await connect(stack, carol);
    const first = await list(wsCarol2, { Count: 1 });
    expect(first.Notices.map((n) => n.Type)).toEqual(['ApplicationHandled']);
    expect(first.Notices[0]).toMatchObject({ Decision: 'Approved', Operator_Account: owner });
    expect(first.Complete).toBe(0);
    const rest = await list(wsCarol2, { Cursor: first.Cursor });
    expect(rest.Notices.map((n) => n.Type)).toEqual(['Destroyed']);
    // The owner: Created, the application, and the destruction (as every member).
    expect((await list(wsOwner)).Notices.map((n) => n.Type)).toEqual(['Created', 'JoinApplication', 'Destroyed']);
    await Promise.all([wsOwner.close(), wsBob.close(), wsCarol2.close()]);
  });

  it('refuses a malformed Cursor or Count with 10004', async () => {
    const [u] = await newUsers(stack, 1, 'sn');
    const ws = await connect(stack, u);
    for (const data of [{ Cursor: 'GSYS#x' }, { Cursor: 7 }, { Count: 101 }, { Count: 1.5 }, { Count: -1 }]) {
      const reply = await ws.request('group.system.list', data);
      expect(reply.ErrorCode, JSON.stringify(data)).toBe(10004);
      expect(reply.ErrorInfo).not.toBe('');
    }
    await ws.close();
  });
});
