import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { GROUP_RULES as CODE_RULES, GROUP_TYPES, type GroupType, type GroupTypeRules } from '../../functions/groups/group-types.js';
import { startTestStack } from '../support/stack.js';
import type { TestClient } from '../support/ws-client.js';
import { connectAll, groupRest, newGroup, newUsers, roles } from '../support/groups.js';
import { castGroup, castsFor, closeCasts, SEED_RULES as GROUP_RULES, type Cast } from '../support/groups-seed.js';

/**
 * The notification, default and limit cells of the type matrix, exercised through the real API
 * against the seeds' values (test/support/groups-seed.ts); permission cells are in groups-matrix.test.ts.
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

each('defaultMsgFlag: a new member receives the type\'s default receive option', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const joined = await groupRest(stack, 'get_joined_group_list', { Member_Account: c.member, GroupType: type, WithNoActiveGroups: 1, ResponseFilter: { SelfInfoFilter: ['MsgFlag'] } });
  const mine = (joined.GroupIdList as Array<{ GroupId: string; SelfInfo: { MsgFlag: string } }>).find((g) => g.GroupId === groupId);
  expect(mine!.SelfInfo.MsgFlag).toBe(GROUP_RULES[type].defaultMsgFlag);
});

each('maxMembers: MaxMemberNum defaults to the configured limit of the type (AVChatRoom: 0, unlimited)', async (type) => {
  const groupId = await group(type);
  const info = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
  expect(info.MaxMemberNum).toBe({ Work: 2000, Public: 2000, Meeting: 2000, Community: 100000, AVChatRoom: 0 }[type]);
});

each('memberChangeNotice: members are tipped on a join unless the type turns it off', async (type) => {
  const c = casts[type];
  const groupId = await newGroup(stack, { Owner_Account: c.owner, Type: type, ApplyJoinOption: 'FreeAccess' });
  const seen = c.ws.owner.events.length;
  const [newcomer] = await newUsers(stack, 1);
  const joined = type === 'AVChatRoom' || GROUP_RULES[type].apply
    ? await (await connectAll(stack, [newcomer!]))[0]!.request('group.join', { GroupId: groupId })
    : undefined;
  if (!joined) await groupRest(stack, 'add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: newcomer }] });
  await new Promise((r) => setTimeout(r, 150));
  const tips = c.ws.owner.events.slice(seen).filter((e) => e.event === 'group.tip' && e.data.GroupId === groupId);
  if (GROUP_RULES[type].memberChangeNotice === 'off') expect(tips).toEqual([]);
  else expect(tips.map((t) => t.data.TipType)).toEqual([joined ? 'MemberJoin' : 'MemberInvited']);
});

each('memberProfileChangeNotice: appointing an admin or muting is tipped only where the type says so', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const seen = c.ws.member.events.length;
  const muter = GROUP_RULES[type].mute === 'Admin' ? c.ws.admin : c.ws.owner;
  const muted = await code(muter, 'group.modifyMember', { GroupId: groupId, Member_Account: c.member, MuteTime: 30 });
  expect(muted).toBe(GROUP_RULES[type].mute === 'Nobody' ? 10007 : 0);
  await new Promise((r) => setTimeout(r, 150));
  const tips = c.ws.member.events.slice(seen).filter((e) => e.event === 'group.tip' && e.data.GroupId === groupId && e.data.TipType === 'MemberMuted');
  expect(tips.length).toBe(muted === 0 && GROUP_RULES[type].memberProfileChangeNotice !== 'off' ? 1 : 0);
});

each('profileChangeNotice / settingsChangeNotice: a Name change is tipped, a MuteAllMember change is not', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  const seen = c.ws.member.events.length;
  await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, MuteAllMember: 'On' });
  await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Name: 'new name' });
  await new Promise((r) => setTimeout(r, 150));
  const tips = c.ws.member.events.slice(seen).filter((e) => e.event === 'group.tip' && e.data.GroupId === groupId && e.data.TipType === 'GroupInfoChanged');
  expect(tips.map((t) => t.data.Name ?? t.data.MuteAllMember)).toEqual(GROUP_RULES[type].profileChangeNotice === 'off' ? [] : ['new name']);
  expect(GROUP_RULES[type].settingsChangeNotice).toBe('off');
});

each('applyJoinOptionChangeable: the owner switching ApplyJoinOption', async (type) => {
  const c = casts[type];
  const groupId = await group(type);
  expect(await code(c.ws.owner, 'group.modify', { GroupId: groupId, ApplyJoinOption: 'DisableApply' })).toBe(GROUP_RULES[type].applyJoinOptionChangeable ? 0 : 10007);
});

each('importable: import_group refuses only AVChatRoom', async (type) => {
  const reply = await groupRest(stack, 'import_group', { Owner_Account: casts[type].owner, Type: type, Name: 'imported' });
  expect(reply.ErrorCode).toBe(GROUP_RULES[type].importable ? 0 : 10007);
});

describe('history cells (enforced by group messages; the values the seeds give)', () => {
  it('preJoinHistory: only Community shows messages from before joining by default', () => {
    expect(GROUP_TYPES.filter((t) => CODE_RULES[t].preJoinHistory)).toEqual(['Community']);
  });
  it('storesHistory: every type but AVChatRoom stores history', () => {
    expect(GROUP_TYPES.filter((t) => !CODE_RULES[t].storesHistory)).toEqual(['AVChatRoom']);
  });
});

describe('the code\'s matrix equals the seeds, cell by cell', () => {
  const cells = GROUP_TYPES.flatMap((type) => Object.keys(GROUP_RULES[type]).map((right) => [type, right] as const));
  it.each(cells)('%s %s', (type, right) => {
    expect(CODE_RULES[type][right as keyof GroupTypeRules]).toEqual(GROUP_RULES[type][right as keyof GroupTypeRules]);
  });
  it('has no cell the seeds do not', () => {
    for (const type of GROUP_TYPES) expect(Object.keys(CODE_RULES[type]).sort()).toEqual(Object.keys(GROUP_RULES[type]).sort());
  });
});
