import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { groupRest, memberNum, newGroup, newUsers, roles } from '../support/groups.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

const deleteAccount = (userId: string) => rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: userId }] });

describe('account_delete leaves groups', () => {
  it('removes the deleted member from every group it joined, with a quit tip to the others', async () => {
    const [owner, gone, stays] = await newUsers(stack, 3);
    const work = await newGroup(stack, { Type: 'Work', Owner_Account: owner, MemberList: [{ Member_Account: gone }, { Member_Account: stays }] });
    const pub = await newGroup(stack, { Type: 'Public', Owner_Account: owner, MemberList: [{ Member_Account: gone }] });
    const watcher = await connect(stack, stays);
    expect(await memberNum(stack, work)).toBe(3);
    expect((await deleteAccount(gone)).ResultItem).toEqual([{ UserID: gone, ResultCode: 0, ResultInfo: '' }]);
    expect(await memberNum(stack, work)).toBe(2);
    expect(await memberNum(stack, pub)).toBe(1);
    expect(await roles(stack, work, [gone])).toEqual(['NotMember']);
    const tip = await watcher.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.tip' && (f.data as { TipType?: string }).TipType === 'MemberQuit');
    expect(tip.data).toMatchObject({ GroupId: work, MemberList_Account: [gone] });
    await watcher.close();
  });

  it('leaves a group whose owner was deleted without an owner, members intact', async () => {
    const [owner, member] = await newUsers(stack, 2);
    const group = await newGroup(stack, { Type: 'Work', Owner_Account: owner, MemberList: [{ Member_Account: member }] });
    await deleteAccount(owner);
    const info = await groupRest(stack, 'get_group_info', { GroupIdList: [group] });
    const [g] = info.GroupInfo as Array<{ Owner_Account?: string; MemberNum: number; ErrorCode: number }>;
    expect(g).toMatchObject({ ErrorCode: 0, MemberNum: 1 });
    expect(g!.Owner_Account ?? '').toBe('');
  });
});
