import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { newGroup, newUsers } from '../support/groups.js';
import { rest, type RestOptions, type TencentReply } from '../support/rest-client.js';
import { startTestStack } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { connect, type TestClient } from '../support/ws-client.js';

/**
 * group_open_avchatroom_http_svc/get_members and check_members against the real local stack: members join an
 * AVChatRoom over real WebSockets, the app backend reads the room over REST. Pages of 3 (config) make a handful of
 * members span several pages.
 */
const PAGE = 3;
let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ groups: { onlineMembersPage: PAGE } }); });
afterAll(async () => { await stack?.stop(); });

const av = (command: string, body: unknown, options?: RestOptions): Promise<TencentReply> =>
  rest(stack, `group_open_avchatroom_http_svc/${command}`, body, options);

interface Member { Member_Account: string; JoinTime: number }

/** Every page from Timestamp 0 until NextTimestamp 0, each checked for its size. */
async function allPages(groupId: string): Promise<Member[][]> {
  const pages: Member[][] = [];
  let timestamp = 0;
  do {
    const reply = await av('get_members', { GroupId: groupId, Timestamp: timestamp });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const page = reply.MemberList as Member[];
    expect(page.length).toBeLessThanOrEqual(PAGE);
    pages.push(page);
    timestamp = reply.NextTimestamp as number;
    expect(Number.isSafeInteger(timestamp) && timestamp >= 0).toBe(true);
  } while (timestamp !== 0 && pages.length < 20);
  expect(timestamp).toBe(0);
  return pages;
}
const accounts = (pages: Member[][]) => pages.flat().map((m) => m.Member_Account);

async function until(what: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function roomWith(n: number): Promise<{ groupId: string; owner: string; users: string[]; sockets: TestClient[] }> {
  const [owner, ...users] = await newUsers(stack, n + 1, 'avm');
  const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'AVChatRoom' });
  const sockets = await Promise.all(users.map((u) => connect(stack, u)));
  for (const ws of sockets) expect((await ws.request('group.join', { GroupId: groupId })).data).toEqual({ JoinResult: 'Joined' });
  return { groupId, owner: owner!, users, sockets };
}

describe('AVChatRoom online members', () => {
  it('get_members pages through every online member once; a member who disconnects disappears', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { groupId, owner, users, sockets } = await roomWith(7);
    const pages = await allPages(groupId);
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(7 / PAGE));
    // The owner is offline: its member item stays, but it is not listed.
    expect(accounts(pages).sort()).toEqual([...users].sort());
    for (const m of pages.flat()) {
      expect(Object.keys(m).sort()).toEqual(['JoinTime', 'Member_Account']);
      expect(m.JoinTime).toBeGreaterThanOrEqual(before);
      expect(m.JoinTime).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }

    await sockets[2]!.close();
    await until(async () => !accounts(await allPages(groupId)).includes(users[2]!));
    expect(accounts(await allPages(groupId)).sort()).toEqual(users.filter((_, i) => i !== 2).sort());

    // The owner counts while it has a connection.
    const ownerWs = await connect(stack, owner);
    expect(accounts(await allPages(groupId))).toContain(owner);
    await ownerWs.close();
    await until(async () => !accounts(await allPages(groupId)).includes(owner));
    await Promise.all(sockets.filter((_, i) => i !== 2).map((ws) => ws.close()));
  });

  it('check_members answers only the asked accounts present now, in the order asked', async () => {
    const { groupId, owner, users, sockets } = await roomWith(3);
    const [stranger] = await newUsers(stack, 1, 'avs');
    await sockets[1]!.close();
    await until(async () => !((await av('check_members', { GroupId: groupId, Member_Account: [users[1]] })).Member_Account as string[]).length);
    const reply = await av('check_members', { GroupId: groupId, Member_Account: [users[2], stranger, users[1], owner, 'nobody-at-all', users[0], users[2]] });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, Member_Account: [users[2], users[0]] });
    await Promise.all([sockets[0]!.close(), sockets[2]!.close()]);
  });

  it('Mark filters by member marks, none of which are stored: an empty list', async () => {
    const { groupId, sockets } = await roomWith(1);
    expect(await av('get_members', { GroupId: groupId, Timestamp: 0, Mark: 1000 })).toMatchObject({ ErrorCode: 0, MemberList: [], NextTimestamp: 0 });
    await sockets[0]!.close();
  });

  it('refuses bad requests Tencent-style and changes nothing', async () => {
    const { groupId, users, sockets } = await roomWith(4);
    const [owner] = await newUsers(stack, 1, 'avo');
    const publicGroup = await newGroup(stack, { Owner_Account: owner, Type: 'Public' });
    const otherRoom = await newGroup(stack, { Owner_Account: owner, Type: 'AVChatRoom' });
    const first = await av('get_members', { GroupId: groupId, Timestamp: 0 });
    const cursor = first.NextTimestamp as number;
    expect(cursor).toBeGreaterThan(0);

    const codes = [
      await av('get_members', { GroupId: 'no-such-room', Timestamp: 0 }),
      await av('check_members', { GroupId: 'no-such-room', Member_Account: [users[0]] }),
      await av('get_members', { GroupId: publicGroup, Timestamp: 0 }),
      await av('check_members', { GroupId: publicGroup, Member_Account: [owner] }),
      await av('get_members', { GroupId: groupId, Timestamp: cursor + 1 }),
      // A cursor names a place in its own room only.
      await av('get_members', { GroupId: otherRoom, Timestamp: cursor }),
      await av('get_members', { GroupId: groupId, Timestamp: -1 }),
      await av('get_members', { GroupId: groupId, Timestamp: 'x' }),
      await av('get_members', { Timestamp: 0 }),
      await av('check_members', { GroupId: groupId, Member_Account: [] }),
      await av('check_members', { GroupId: groupId, Member_Account: Array.from({ length: 501 }, (_, i) => `u${i}`) }),
      await av('check_members', { GroupId: groupId }),
      await av('get_members', {}, { rawBody: '{not json' }),
      await av('get_members', { GroupId: groupId, Timestamp: 0 }, { identifier: users[0], usersig: officialUserSig(users[0]!) }),
    ].map((r) => [r.ActionStatus, r.ErrorCode]);
    expect(codes).toEqual([
      ['FAIL', 10010], ['FAIL', 10010], ['FAIL', 10007], ['FAIL', 10007], ['FAIL', 10004], ['FAIL', 10004], ['FAIL', 10004],
      ['FAIL', 10004], ['FAIL', 10004], ['FAIL', 10004], ['FAIL', 10005], ['FAIL', 10004], ['FAIL', 10011], ['FAIL', 10007],
    ]);

    // The cursor handed out before the errors still continues where its page ended, and the room is unchanged.
    const second = await av('get_members', { GroupId: groupId, Timestamp: cursor });
    expect(second.ErrorCode).toBe(0);
    const firstIds = (first.MemberList as Member[]).map((m) => m.Member_Account);
    const secondIds = (second.MemberList as Member[]).map((m) => m.Member_Account);
    expect([...firstIds, ...secondIds].sort()).toEqual([...users].sort());
    expect((await av('check_members', { GroupId: groupId, Member_Account: users })).Member_Account).toEqual(users);
    await Promise.all(sockets.map((ws) => ws.close()));
  });
});
