import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { textBody } from '../support/groupmsg.js';
import { connectAll, groupRest, newGroup, newUsers, roles } from '../support/groups.js';

/** The pending-application limit, Work group activation and the real 1 MB answer limit (10018). */
const MEMBER_FIELDS = ['FieldNumberOne', 'FieldNumberTwo', 'FieldNumberThr', 'FieldNumberFou', 'FieldNumberFiv'];
const GROUP_FIELDS = Array.from({ length: 10 }, (_, i) => `GroupField${i}`);
let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ groups: { groupFields: GROUP_FIELDS.map((key) => ({ key, read: 'Anyone', write: 'Member' })), memberFields: MEMBER_FIELDS.map((key) => ({ key, read: 'Anyone', write: 'Member' })) } });
});
afterAll(async () => { await stack?.stop(); });

describe('pending join applications', () => {
  it('a group holds at most 50: the 51st applicant gets 10004 until one is handled; applying again replaces, not adds', async () => {
    const users = await newUsers(stack, 52, 'p');
    const [owner, ...applicants] = users;
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public' });
    const [ownerWs, ...ws] = await connectAll(stack, [owner!, ...applicants]);
    // Ten at a time: 50 joins at once queue past the test client's 5 s frame wait on a loaded machine.
    const first50: Array<{ data?: Record<string, unknown> }> = [];
    for (let i = 0; i < 50; i += 10) first50.push(...await Promise.all(ws.slice(i, i + 10).map((w, j) => w.request('group.join', { GroupId: groupId, ApplyMsg: `a${i + j}` }))));
    expect(first50.map((r) => r.data?.JoinResult)).toEqual(Array(50).fill('Pending'));

    const late = ws[50]!;
    const refused = await late.request('group.join', { GroupId: groupId });
    expect(refused).toMatchObject({ ErrorCode: 10004, ErrorInfo: expect.stringContaining('50 pending applications') });
    // A pending applicant may apply again (its message is replaced); that takes no new place.
    expect((await ws[0]!.request('group.join', { GroupId: groupId, ApplyMsg: 'again' })).data).toEqual({ JoinResult: 'Pending' });
    expect(await late.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 10004 });
    const listed = (await ownerWs!.request('group.applications', { GroupId: groupId })).data!.ApplicationList as Array<{ Requestor_Account: string; ApplyMsg: string }>;
    expect(listed).toHaveLength(50);
    expect(listed.find((a) => a.Requestor_Account === applicants[0])!.ApplyMsg).toBe('again');
    expect(listed.map((a) => a.Requestor_Account)).not.toContain(applicants[50]);

    // Handling one (approve or reject) frees a place.
    expect(await ownerWs!.request('group.handleApplication', { GroupId: groupId, Requestor_Account: applicants[1], Decision: 'Reject' })).toMatchObject({ ErrorCode: 0 });
    expect((await late.request('group.join', { GroupId: groupId })).data).toEqual({ JoinResult: 'Pending' });
    expect(await ws[1]!.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 10004 });
    expect(await ownerWs!.request('group.handleApplication', { GroupId: groupId, Requestor_Account: applicants[2], Decision: 'Approve' })).toMatchObject({ ErrorCode: 0 });
    expect((await ws[1]!.request('group.join', { GroupId: groupId })).data).toEqual({ JoinResult: 'Pending' });
    expect(await roles(stack, groupId, [applicants[2]!, applicants[50]!])).toEqual(['Member', 'NotMember']);
    await Promise.all([ownerWs!, ...ws].map((w) => w.close()));
  });
});

describe('Work group activation (seed 003: "A message must be sent to activate a new group")', () => {
  it('until its first message a Work group is listed for its owner only (or with WithNoActiveGroups); tips do not activate it', async () => {
    const [owner, m, other] = await newUsers(stack, 3, 'w');
    const work = await newGroup(stack, { Owner_Account: owner, Type: 'Work', MemberList: [{ Member_Account: m }] });
    const pub = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: m }] });
    const listed = async (user: string, extra: Record<string, unknown> = {}) =>
      ((await groupRest(stack, 'get_joined_group_list', { Member_Account: user, ...extra })).GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId).sort();

    expect(await listed(m!)).toEqual([pub]);
    expect(await listed(m!, { WithNoActiveGroups: 1 })).toEqual([pub, work].sort());
    expect(await listed(owner!)).toEqual([pub, work].sort());
    const mWs = await connect(stack, m!);
    expect(((await mWs.request('group.joined', {})).data!.GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId)).toEqual([pub]);

    // Stored tips take SEQs but are not messages.
    expect((await groupRest(stack, 'modify_group_base_info', { GroupId: work, Name: 'renamed' })).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'add_group_member', { GroupId: work, MemberList: [{ Member_Account: other }] })).ErrorCode).toBe(0);
    expect(await listed(m!)).toEqual([pub]);
    expect(await listed(other!)).toEqual([]);

    const sent = await groupRest(stack, 'send_group_msg', { GroupId: work, From_Account: owner, Random: 1, MsgBody: textBody('hello') });
    expect(sent).toMatchObject({ ErrorCode: 0 });
    expect(await listed(m!)).toEqual([pub, work].sort());
    expect(await listed(other!, { ResponseFilter: { GroupBaseInfoFilter: ['Name'] } })).toEqual([work]);
    expect(((await groupRest(stack, 'get_joined_group_list', { Member_Account: other, ResponseFilter: { GroupBaseInfoFilter: ['Name'] } })).GroupIdList as unknown[]))
      .toEqual([{ GroupId: work, Name: 'renamed' }]);
    expect(((await mWs.request('group.joined', {})).data!.TotalCount)).toBe(2);
    await mWs.close();
  });
});

describe('10018: get_group_info over 1 MB', () => {
  it('50 groups with full profiles, custom data and 10 members each are over 1 MB; 25 of them, or all without member fields, are not', async () => {
    const users = await newUsers(stack, 11, 'b');
    const [owner, ...rest] = users;
    const memberData = MEMBER_FIELDS.map((Key) => ({ Key, Value: 'v'.repeat(64) }));
    const groupData = GROUP_FIELDS.map((Key) => ({ Key, Value: 'g'.repeat(512) }));
    const Extension = JSON.stringify({ k: 'e'.repeat(8100) });
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      ids.push(...await Promise.all(Array.from({ length: 10 }, async () => {
        const groupId = await newGroup(stack, {
          Owner_Account: owner, Type: 'Public', Name: 'n'.repeat(30), Introduction: 'i'.repeat(240), Notification: 'o'.repeat(300), FaceUrl: 'f'.repeat(100),
          AppDefinedData: groupData, MemberList: rest.map((Member_Account) => ({ Member_Account, AppMemberDefinedData: memberData })),
        });
        expect((await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Extension })).ErrorCode).toBe(0);
        return groupId;
      })));
    }
    const all = await groupRest(stack, 'get_group_info', { GroupIdList: ids });
    expect(all).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10018, ErrorInfo: expect.stringContaining('1048576-byte limit') });
    const half = await groupRest(stack, 'get_group_info', { GroupIdList: ids.slice(0, 25) });
    expect(half).toMatchObject({ ErrorCode: 0 });
    expect(Buffer.byteLength(JSON.stringify(half))).toBeGreaterThan(500_000);
    const lean = await groupRest(stack, 'get_group_info', { GroupIdList: ids, ResponseFilter: { MemberInfoFilter: ['Account', 'Role'], AppDefinedDataFilter_GroupMember: [] } });
    expect(lean).toMatchObject({ ErrorCode: 0 });
    expect((lean.GroupInfo as Array<{ MemberList: unknown[] }>).every((g) => g.MemberList.length === 11)).toBe(true);
  });
});
