import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { groupRest, newGroup, newUsers, roles } from '../support/groups.js';

/** create_group is all-or-nothing; answers over the (here lowered) response limit get 10018. */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ groups: { maxJoinedPerUser: 2, maxResponseBytes: 8192 } });
});
afterAll(async () => { await stack?.stop(); });

const infoCode = async (groupId: string) => ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId], ResponseFilter: { GroupBaseInfoFilter: ['MemberNum'] } })).GroupInfo as Array<{ ErrorCode: number }>)[0]!.ErrorCode;
const joinedCount = async (user: string) => (await groupRest(stack, 'get_joined_group_list', { Member_Account: user, WithNoActiveGroups: 1 })).TotalCount as number;
const allGroupIds = async () => ((await groupRest(stack, 'get_appid_group_list', {})).GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId);
const memberIds = async (groupId: string) =>
  ((await groupRest(stack, 'get_group_member_info', { GroupId: groupId, MemberInfoFilter: ['Account'] })).MemberList as Array<{ Member_Account: string }>).map((m) => m.Member_Account).sort();

describe('create_group is all-or-nothing', () => {
  it('a member over the joined-group limit found in the third batch of 25 undoes the group, the members written before and their slots', async () => {
    const users = await newUsers(stack, 62, 'c');
    const [owner, full] = users;
    const list = users.slice(2);
    // `full` already is in 2 groups, the configured most.
    await newGroup(stack, { Owner_Account: full, Type: 'Work' });
    await newGroup(stack, { Owner_Account: full, Type: 'Work' });
    const groupId = `atomic-${Date.now()}`;
    const members = [...list.slice(0, 55), full, ...list.slice(55)].map((Member_Account) => ({ Member_Account }));
    const before = await allGroupIds();

    const reply = await groupRest(stack, 'create_group', { Owner_Account: owner, Type: 'Public', Name: 'x', GroupId: groupId, MemberList: members });
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10037 });
    expect(reply.ErrorInfo).toContain(full);

    expect(await infoCode(groupId)).toBe(10010);
    expect(await groupRest(stack, 'get_role_in_group', { GroupId: groupId, User_Account: [owner, list[0]] })).toMatchObject({ ErrorCode: 10010 });
    expect(await allGroupIds()).toEqual(before);
    // Members of the first two batches were written and removed again; nobody keeps the group in its joined list.
    for (const u of [owner!, list[0]!, list[30]!, list[54]!]) expect(await joinedCount(u)).toBe(0);

    // The id and every slot are free again: the same id without `full` works, and each member can join one more group, not two.
    expect((await groupRest(stack, 'create_group', { Owner_Account: owner, Type: 'Public', Name: 'x', GroupId: groupId, MemberList: list.map((Member_Account) => ({ Member_Account })) })).ErrorCode).toBe(0);
    expect(await memberIds(groupId)).toEqual([owner!, ...list].sort());
    expect((await groupRest(stack, 'create_group', { Owner_Account: list[0], Type: 'Work', Name: 'y' })).ErrorCode).toBe(0);
    expect(await groupRest(stack, 'create_group', { Owner_Account: list[0], Type: 'Work', Name: 'z' })).toMatchObject({ ErrorCode: 10037 });
  });

  it('two concurrent creations of one GroupId: exactly one wins, the other gets 10021 and none of its members remain', async () => {
    for (let round = 0; round < 3; round++) {
      const users = await newUsers(stack, 63, 'r');
      const [ownerA, ownerB, shared] = users;
      const onlyA = users.slice(3, 33);
      const onlyB = users.slice(33, 63);
      const listA = [shared!, ...onlyA];
      const listB = [...onlyB, shared!];
      const groupId = `race-${round}-${Date.now()}`;
      const create = (owner: string, list: string[], role: string) => groupRest(stack, 'create_group', {
        Owner_Account: owner, Type: 'Public', Name: owner, GroupId: groupId, MemberList: list.map((Member_Account) => ({ Member_Account, Role: role })),
      });
      const [a, b] = await Promise.all([create(ownerA!, listA, 'Admin'), create(ownerB!, listB, 'Member')]);
      expect([a.ErrorCode, b.ErrorCode].sort()).toEqual([0, 10021]);
      const aWon = a.ErrorCode === 0;
      const [winnerOwner, winnerList, loserOwner, loserOnly] = aWon ? [ownerA!, listA, ownerB!, onlyB] : [ownerB!, listB, ownerA!, onlyA];

      expect(await memberIds(groupId)).toEqual([winnerOwner, ...winnerList].sort());
      // The shared member keeps the winner's role, not the loser's.
      expect(await roles(stack, groupId, [shared!, loserOwner])).toEqual([aWon ? 'Admin' : 'Member', 'NotMember']);
      const info = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId], ResponseFilter: { GroupBaseInfoFilter: ['MemberNum', 'Owner_Account', 'Name'] } })).GroupInfo as Array<Record<string, unknown>>)[0]!;
      expect(info).toMatchObject({ MemberNum: 32, Owner_Account: winnerOwner, Name: winnerOwner });
      expect(await joinedCount(loserOwner)).toBe(0);
      expect(await joinedCount(loserOnly[0]!)).toBe(0);
      expect(await joinedCount(shared!)).toBe(1);
      if (round === 0) {
        // The loser's members kept both of their slots.
        expect((await groupRest(stack, 'create_group', { Owner_Account: loserOnly[1], Type: 'Work', Name: 'a' })).ErrorCode).toBe(0);
        expect((await groupRest(stack, 'create_group', { Owner_Account: loserOnly[1], Type: 'Work', Name: 'b' })).ErrorCode).toBe(0);
      }
    }
  });
});

describe('10018: answers over the response limit', () => {
  it('get_group_member_info and get_group_info refuse an over-large answer and serve a page or a filtered one', async () => {
    const users = await newUsers(stack, 61, 'l');
    const [owner] = users;
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: users.slice(1).map((Member_Account) => ({ Member_Account })) });
    const all = await groupRest(stack, 'get_group_member_info', { GroupId: groupId });
    expect(all).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10018 });
    expect(all.ErrorInfo).toMatch(/8192-byte limit/);
    const page = await groupRest(stack, 'get_group_member_info', { GroupId: groupId, Limit: 20, Offset: 20 });
    expect(page).toMatchObject({ ErrorCode: 0, MemberNum: 61 });
    expect(page.MemberList).toHaveLength(20);
    expect((await groupRest(stack, 'get_group_member_info', { GroupId: groupId, MemberInfoFilter: ['Role'] })).MemberList).toHaveLength(61);

    expect(await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).toMatchObject({ ErrorCode: 10018 });
    expect(await groupRest(stack, 'get_group_info', { GroupIdList: [groupId], ResponseFilter: { GroupBaseInfoFilter: ['MemberNum'] } })).toMatchObject({ ErrorCode: 0 });
    // Nothing changed by the refusals.
    expect(await infoCode(groupId)).toBe(0);
  });
});
