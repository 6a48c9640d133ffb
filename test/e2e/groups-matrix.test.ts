import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { GROUP_RULES as CODE_RULES, GROUP_TYPES, type GroupType, type GroupTypeRules } from '../../functions/groups/group-types.js';
import { startTestStack } from '../support/stack.js';
import type { TestClient } from '../support/ws-client.js';
import { connectAll, groupRest, newGroup, newUsers, roles } from '../support/groups.js';
import { castGroup, castsFor, closeCasts, SEED_RULES as GROUP_RULES, type Cast } from '../support/groups-seed.js';

/**
 * One test per permission cell of the type matrix (functions/groups/group-types.ts), exercised through
 * the real API against the seeds' values (test/support/groups-seed.ts); notification and default cells are in groups-notices.test.ts.
 */
let stack: LocalStack;
let casts: Record<GroupType, Cast>;

beforeAll(async () => {
  stack = await startTestStack({});
  casts = await castsFor(stack);
});
afterAll(async () => {
  if (casts) await closeCasts(casts);
  await stack?.stop();
});

const group = (type: GroupType) => castGroup(stack, casts[type], type);
const code = async (ws: TestClient, action: string, data: Record<string, unknown>) => (await ws.request(action, data)).ErrorCode;
const each = (name: string, fn: (type: GroupType) => Promise<void>) => describe.concurrent(name, () => { it.each(GROUP_TYPES)('%s', fn); });

each('roles: the owner may appoint an Admin only where the type has admins (setAdmins)', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const expected = GROUP_RULES[type].setAdmins === 'Owner' ? 0 : 10007;
  expect(await code(c.ws.owner, 'group.setRole', { GroupId: groupId, Member_Account: c.member, Role: 'Admin' })).toBe(expected);
  expect(await roles(stack, groupId, [c.member])).toEqual([expected === 0 ? 'Admin' : 'Member']);
});

each('modifyProfile: an ordinary member, an admin and the owner changing Name', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const min = GROUP_RULES[type].modifyProfile;
  expect(await code(c.ws.member, 'group.modify', { GroupId: groupId, Name: 'by member' })).toBe(min === 'Member' ? 0 : 10007);
  if (GROUP_RULES[type].roles.includes('Admin')) {
    expect(await code(c.ws.admin, 'group.modify', { GroupId: groupId, Name: 'by admin' })).toBe(min === 'Owner' ? 10007 : 0);
  }
  expect(await code(c.ws.owner, 'group.modify', { GroupId: groupId, Name: 'by owner' })).toBe(0);
  expect(await code(c.ws.outsider, 'group.modify', { GroupId: groupId, Name: 'by outsider' })).toBe(10007);
});

each('modifySettings: MuteAllMember by an ordinary member is refused, by the owner allowed', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  expect(await code(c.ws.member, 'group.modify', { GroupId: groupId, MuteAllMember: 'On' })).toBe(10007);
  expect(await code(c.ws.owner, 'group.modify', { GroupId: groupId, MuteAllMember: 'On' })).toBe(0);
});

each('invite: a member, the owner and the app admin adding a non-member', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const min = GROUP_RULES[type].invite;
  const [newcomer, another] = await newUsers(stack, 2);
  const byMember = await c.ws.member.request('group.invite', { GroupId: groupId, MemberList: [{ Member_Account: newcomer }] });
  expect(byMember.ErrorCode).toBe(min === 'Member' ? 0 : 10007);
  if (min === 'Member') expect(byMember.data!.MemberList).toEqual([{ Member_Account: newcomer, Result: 1 }]);
  expect(await code(c.ws.owner, 'group.invite', { GroupId: groupId, MemberList: [{ Member_Account: another }] })).toBe(min === 'Member' ? 0 : 10007);
  const byAdmin = await groupRest(stack, 'add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: another }] });
  expect(byAdmin.ErrorCode).toBe(min === 'Nobody' ? 10007 : 0);
});

each('apply: a non-member joining by the default ApplyJoinOption', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const reply = await c.ws.outsider.request('group.join', { GroupId: groupId, ApplyMsg: 'hi' });
  const rules = GROUP_RULES[type];
  if (!rules.apply) return expect(reply.ErrorCode).toBe(10007);
  expect(reply.data).toEqual({ JoinResult: rules.defaultApplyJoinOption === 'NeedPermission' ? 'Pending' : 'Joined' });
  expect(await roles(stack, groupId, [c.outsider])).toEqual([rules.defaultApplyJoinOption === 'NeedPermission' ? 'NotMember' : 'Member']);
});

each('approve: owners and admins handle applications; ordinary members cannot', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const rules = GROUP_RULES[type];
  if (!rules.apply) return expect(await code(c.ws.owner, 'group.applications', { GroupId: groupId })).toBe(10007);
  expect(await code(c.ws.owner, 'group.modify', { GroupId: groupId, ApplyJoinOption: 'NeedPermission' })).toBe(0);
  expect((await c.ws.outsider.request('group.join', { GroupId: groupId })).data).toEqual({ JoinResult: 'Pending' });
  expect(await code(c.ws.member, 'group.applications', { GroupId: groupId })).toBe(10007);
  const approver = rules.approve === 'Admin' ? c.ws.admin : c.ws.owner;
  const list = await approver.request('group.applications', { GroupId: groupId });
  expect(list.data!.ApplicationList).toEqual([expect.objectContaining({ Requestor_Account: c.outsider })]);
  expect(await code(approver, 'group.handleApplication', { GroupId: groupId, Requestor_Account: c.outsider, Decision: 'Approve' })).toBe(0);
  expect(await roles(stack, groupId, [c.outsider])).toEqual(['Member']);
});

each('kick: who may remove an ordinary member, and admins never remove admins', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const min = GROUP_RULES[type].kick;
  expect(await code(c.ws.member, 'group.kick', { GroupId: groupId, MemberToDel_Account: [c.member] })).toBe(min === 'Nobody' || min !== 'Member' ? 10007 : 0);
  if (min === 'Admin') {
    await groupRest(stack, 'import_group_member', { GroupId: groupId, MemberList: [{ Member_Account: c.outsider, Role: 'Admin' }] });
    expect(await code(c.ws.admin, 'group.kick', { GroupId: groupId, MemberToDel_Account: [c.outsider] })).toBe(10007);
    expect(await code(c.ws.admin, 'group.kick', { GroupId: groupId, MemberToDel_Account: [c.member] })).toBe(0);
  } else {
    expect(await code(c.ws.owner, 'group.kick', { GroupId: groupId, MemberToDel_Account: [c.member] })).toBe(min === 'Owner' ? 0 : 10007);
  }
  expect(await roles(stack, groupId, [c.member])).toEqual([min === 'Nobody' ? 'Member' : 'NotMember']);
});

each('mute: who may mute an ordinary member', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const min = GROUP_RULES[type].mute;
  const muter = min === 'Admin' ? c.ws.admin : c.ws.owner;
  expect(await code(muter, 'group.modifyMember', { GroupId: groupId, Member_Account: c.member, MuteTime: 60 })).toBe(min === 'Nobody' ? 10007 : 0);
  expect(await code(c.ws.member, 'group.modifyMember', { GroupId: groupId, Member_Account: c.member, MuteTime: 60 })).toBe(10007);
});

each('disband: the owner over WS, the app admin over REST', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const byOwner = await code(c.ws.owner, 'group.destroy', { GroupId: groupId });
  expect(byOwner).toBe(GROUP_RULES[type].disband === 'Owner' ? 0 : 10007);
  if (byOwner !== 0) expect(await groupRest(stack, 'destroy_group', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
});

each('transfer: the owner hands over; a member cannot', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  expect(await code(c.ws.member, 'group.transfer', { GroupId: groupId, NewOwner_Account: c.member })).toBe(10007);
  expect(await code(c.ws.owner, 'group.transfer', { GroupId: groupId, NewOwner_Account: c.member })).toBe(0);
  expect(await roles(stack, groupId, [c.owner, c.member])).toEqual(['Member', 'Owner']);
});

each('ownerMayQuit: a Work owner leaves an ownerless group; other owners get 10009', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const quit = await code(c.ws.owner, 'group.quit', { GroupId: groupId });
  expect(quit).toBe(GROUP_RULES[type].ownerMayQuit ? 0 : 10009);
  const info = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
  expect(info.Owner_Account).toBe(quit === 0 ? '' : c.owner);
});

each('storesMembers / memberInfoReadable: the member list can be read except in AVChatRoom', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const reply = await c.ws.member.request('group.members', { GroupId: groupId });
  if (!GROUP_RULES[type].memberInfoReadable) return expect(reply.ErrorCode).toBe(10007);
  expect(reply.ErrorCode).toBe(0);
  expect((reply.data!.MemberList as Array<{ Member_Account: string }>).map((m) => m.Member_Account)).toContain(c.member);
});
