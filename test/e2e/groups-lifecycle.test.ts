import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { groupRest, memberNum, newGroup, newUsers, roles } from '../support/groups.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    groups: {
      maxMembers: { Work: 6000, Public: 5, Meeting: 2000, Community: 100000 },
      maxJoinedPerUser: 3000, maxGroups: 0,
      groupFields: [{ key: 'Level', read: 'Anyone', write: 'AppAdmin' }, { key: 'Topic', read: 'Member', write: 'Member' }],
      memberFields: [{ key: 'Rank', read: 'Member', write: 'Admin' }, { key: 'Bio', read: 'Member', write: 'Member' }],
    },
  });
});
afterAll(async () => { await stack?.stop(); });

describe('create_group', () => {
  it('creates a Public group with a generated @TGS# id, initial members with roles and custom data', async () => {
    const [owner, bob, peter] = await newUsers(stack, 3);
    const reply = await groupRest(stack, 'create_group', {
      Owner_Account: owner, Type: 'Public', Name: 'TestGroup', Introduction: 'intro', Notification: 'note', FaceUrl: 'http://f',
      AppDefinedData: [{ Key: 'Level', Value: 'abc\u0000\u0001' }],
      MemberList: [{ Member_Account: bob, Role: 'Admin', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] }, { Member_Account: peter }],
    });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const groupId = reply.GroupId as string;
    expect(groupId).toMatch(/^@TGS#[A-Z0-9]{10}$/);
    const info = await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] });
    const g = (info.GroupInfo as Array<Record<string, unknown>>)[0]!;
    expect(g).toMatchObject({
      GroupId: groupId, ErrorCode: 0, Type: 'Public', Name: 'TestGroup', Introduction: 'intro', Notification: 'note', FaceUrl: 'http://f',
      Owner_Account: owner, MemberNum: 3, MaxMemberNum: 5, ApplyJoinOption: 'NeedPermission', MuteAllMember: 'Off', InfoSeq: 0,
      // The initial members' MemberInvited tip is stored: it took SEQ 1 (group messages).
      NextMsgSeq: 2, Appid: stack.config.sdkAppId, AppDefinedData: [{ Key: 'Level', Value: 'abc\u0000\u0001' }],
    });
    expect(g.CreateTime).toBe(g.LastInfoTime);
    const members = g.MemberList as Array<Record<string, unknown>>;
    expect(members.map((m) => [m.Member_Account, m.Role])).toEqual(expect.arrayContaining([[owner, 'Owner'], [bob, 'Admin'], [peter, 'Member']]));
    expect(members.find((m) => m.Member_Account === bob)).toMatchObject({ MsgFlag: 'AcceptAndNotify', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] });
  });

  it('accepts the old type names and gives each type its default ApplyJoinOption', async () => {
    const [owner] = await newUsers(stack, 1);
    const expected: Array<[string, string, string]> = [
      ['Private', 'Work', 'DisableApply'], ['Public', 'Public', 'NeedPermission'], ['ChatRoom', 'Meeting', 'FreeAccess'],
      ['AVChatRoom', 'AVChatRoom', 'FreeAccess'], ['Community', 'Community', 'FreeAccess'],
    ];
    for (const [given, type, option] of expected) {
      const reply = await groupRest(stack, 'create_group', { Owner_Account: owner, Type: given, Name: 'x' });
      expect(reply.ErrorCode).toBe(0);
      if (type === 'Community') expect(reply).toMatchObject({ Type: 'Community', HugeGroupFlag: 0, GroupId: expect.stringMatching(/^@TGS#_@TGS#/) });
      const g = ((await groupRest(stack, 'get_group_info', { GroupIdList: [reply.GroupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
      expect([g.Type, g.ApplyJoinOption]).toEqual([type, option]);
    }
  });

  it('takes custom ids by the rules: 10015 for bad ones, 10025 when you own it, 10021 when someone else does', async () => {
    const [a, b] = await newUsers(stack, 2);
    const id = `my group ${Date.now()}`;
    expect((await groupRest(stack, 'create_group', { Owner_Account: a, Type: 'Work', Name: 'x', GroupId: id })).GroupId).toBe(id);
    expect(await groupRest(stack, 'create_group', { Owner_Account: a, Type: 'Work', Name: 'x', GroupId: id })).toMatchObject({ ErrorCode: 10025 });
    expect(await groupRest(stack, 'create_group', { Owner_Account: b, Type: 'Work', Name: 'x', GroupId: id })).toMatchObject({ ErrorCode: 10021 });
    for (const bad of ['@TGS#mine', 'x'.repeat(49), 'tab\there', 'ünicode']) {
      expect(await groupRest(stack, 'create_group', { Owner_Account: a, Type: 'Public', Name: 'x', GroupId: bad })).toMatchObject({ ErrorCode: 10015 });
    }
    expect(await groupRest(stack, 'create_group', { Owner_Account: a, Type: 'Community', Name: 'x', GroupId: 'plain' })).toMatchObject({ ErrorCode: 10015 });
    const community = `@TGS#_c${Date.now()}`;
    expect((await groupRest(stack, 'create_group', { Owner_Account: a, Type: 'Community', Name: 'x', GroupId: community })).GroupId).toBe(community);
    expect((await groupRest(stack, 'create_group', { Owner_Account: a, Type: 'Public', Name: 'x', GroupId: 'y'.repeat(48) + String(Date.now()).slice(0, 0) })).ErrorCode).toBe(0);
  });

  it('enforces the field limits in bytes, 100 initial members, no AVChatRoom members, known custom keys', async () => {
    const [a, b] = await newUsers(stack, 2);
    const base = { Owner_Account: a, Type: 'Public', Name: 'x' };
    const before = await groupRest(stack, 'get_appid_group_list', {});
    for (const [field, max] of [['Name', 30], ['Introduction', 240], ['Notification', 300], ['FaceUrl', 100]] as const) {
      const tooLong = await groupRest(stack, 'create_group', { ...base, [field]: 'é'.repeat(max / 2) + 'x' });
      expect(tooLong.ErrorCode, field).toBe(10004);
      expect(tooLong.ErrorInfo).toContain(field);
      expect((await groupRest(stack, 'create_group', { ...base, [field]: 'é'.repeat(max / 2) })).ErrorCode, field).toBe(0);
    }
    const many = Array.from({ length: 101 }, (_, i) => ({ Member_Account: `m${i}` }));
    expect(await groupRest(stack, 'create_group', { ...base, MemberList: many })).toMatchObject({ ErrorCode: 10005 });
    expect(await groupRest(stack, 'create_group', { ...base, Type: 'AVChatRoom', MemberList: [{ Member_Account: b }] })).toMatchObject({ ErrorCode: 10007 });
    expect(await groupRest(stack, 'create_group', { ...base, MemberList: [{ Member_Account: 'no-such-user-x' }] })).toMatchObject({ ErrorCode: 10019 });
    expect(await groupRest(stack, 'create_group', { ...base, AppDefinedData: [{ Key: 'Nope', Value: '1' }] })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'create_group', { ...base, AppDefinedData: [{ Key: 'Level', Value: 'x'.repeat(513) }] })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'create_group', { ...base, MemberList: [{ Member_Account: b, AppMemberDefinedData: [{ Key: 'Rank', Value: 'x'.repeat(65) }] }] })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'create_group', { ...base, Type: 'Work', MemberList: [{ Member_Account: b, Role: 'Admin' }] })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'create_group', { ...base, MaxMemberCount: 6 })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'create_group', { ...base, Type: 'Bogus' })).toMatchObject({ ErrorCode: 10004 });
    const after = await groupRest(stack, 'get_appid_group_list', {});
    expect(after.TotalCount).toBe((before.TotalCount as number) + 4);
  });

  it('creates over the WebSocket with the caller as owner; the owner gets group.system Created', async () => {
    const [alice] = await newUsers(stack, 1);
    const ws = await connect(stack, alice!);
    const reply = await ws.request('group.create', { Type: 'Meeting', Name: 'room', Owner_Account: 'ignored' });
    expect(reply.ErrorCode).toBe(0);
    const groupId = reply.data!.GroupId as string;
    expect((await ws.event('group.system')).data).toMatchObject({ GroupId: groupId, Type: 'Created', Operator_Account: alice });
    expect(await roles(stack, groupId, [alice!])).toEqual(['Owner']);
    expect(await ws.request('group.create', { Type: 'Meeting' })).toMatchObject({ ErrorCode: 10004, ErrorInfo: expect.stringContaining('Name') });
    await ws.close();
  });
});

describe('the app admin over the WebSocket', () => {
  it('an admin identifier acts as the app admin: it may disband a Work group, which its owner may not', async () => {
    const [owner] = await newUsers(stack, 1);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Work' });
    const ownerWs = await connect(stack, owner);
    expect(await ownerWs.request('group.destroy', { GroupId: groupId })).toMatchObject({ ErrorCode: 10007 });
    const adminWs = await connect(stack, stack.config.admins[0]!);
    expect(await adminWs.request('group.destroy', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect((await ownerWs.event('group.system')).data).toMatchObject({ Type: 'Destroyed', Operator_Account: stack.config.admins[0] });
    await Promise.all([ownerWs.close(), adminWs.close()]);
  });
});

describe('get_group_info', () => {
  it('answers per group: 10010 unknown, 10015 invalid; ResponseFilter limits fields; at most 50 ids', async () => {
    const [owner, m] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: m, AppMemberDefinedData: [{ Key: 'Rank', Value: 'r' }, { Key: 'Bio', Value: 'b' }] }], AppDefinedData: [{ Key: 'Level', Value: '1' }, { Key: 'Topic', Value: 't' }] });
    const reply = await groupRest(stack, 'get_group_info', {
      GroupIdList: [groupId, 'nope-not-here', 'x'.repeat(60)],
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'MemberNum'], MemberInfoFilter: ['Account', 'Role'], AppDefinedDataFilter_Group: ['Topic'], AppDefinedDataFilter_GroupMember: ['Bio'] },
    });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const [found, unknown, invalid] = reply.GroupInfo as Array<Record<string, unknown>>;
    expect(found).toEqual({
      GroupId: groupId, ErrorCode: 0, ErrorInfo: '', Type: 'Public', MemberNum: 2, AppDefinedData: [{ Key: 'Topic', Value: 't' }],
      MemberList: expect.arrayContaining([{ Member_Account: owner, Role: 'Owner' }, { Member_Account: m, Role: 'Member', AppMemberDefinedData: [{ Key: 'Bio', Value: 'b' }] }]),
    });
    expect(unknown).toMatchObject({ GroupId: 'nope-not-here', ErrorCode: 10010 });
    expect(invalid).toMatchObject({ ErrorCode: 10015 });
    const ids = Array.from({ length: 51 }, (_, i) => `g${i}`);
    expect(await groupRest(stack, 'get_group_info', { GroupIdList: ids })).toMatchObject({ ErrorCode: 10005 });
  });

  it('shows custom fields by read level: a non-member over WS sees Anyone fields only; Work groups are members-only', async () => {
    const [owner, outsider] = await newUsers(stack, 2);
    const pub = await newGroup(stack, { Owner_Account: owner, Type: 'Public', AppDefinedData: [{ Key: 'Level', Value: '1' }, { Key: 'Topic', Value: 't' }] });
    const work = await newGroup(stack, { Owner_Account: owner, Type: 'Work' });
    const ws = await connect(stack, outsider!);
    const reply = await ws.request('group.info', { GroupIdList: [pub, work] });
    const [p, w] = reply.data!.GroupInfo as Array<Record<string, unknown>>;
    expect(p).toMatchObject({ ErrorCode: 0, AppDefinedData: [{ Key: 'Level', Value: '1' }] });
    expect(p!.MemberList).toBeUndefined();
    expect(w).toMatchObject({ ErrorCode: 10007 });
    await ws.close();
  });
});

describe('modify_group_base_info', () => {
  it('changes the profile, increases InfoSeq, sets MuteAllMember and the JSON extension; tips members with GroupInfoChanged', async () => {
    const [owner, m] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: m }] });
    const ws = await connect(stack, m!);
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Name: 'renamed', Notification: 'n2', MuteAllMember: 'On', Extension: '{"a":1}' })).toMatchObject({ ErrorCode: 0 });
    const tip = await ws.event('group.tip');
    expect(tip.data).toMatchObject({ GroupId: groupId, TipType: 'GroupInfoChanged', Name: 'renamed', Notification: 'n2', Operator_Account: stack.config.admins[0] });
    const g = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
    expect(g).toMatchObject({ Name: 'renamed', Notification: 'n2', MuteAllMember: 'On', InfoSeq: 1, Extension: '{"a":1}' });
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Extension: 'not json' })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Extension: JSON.stringify({ a: 'x'.repeat(8200) }) })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Name: 'x'.repeat(31) })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Name: 'half-changed?', MaxMemberNum: 1 })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: 'missing-group', Name: 'x' })).toMatchObject({ ErrorCode: 10010 });
    const again = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
    expect(again).toMatchObject({ Name: 'renamed', InfoSeq: 1 });
    await ws.close();
  });

  it('writes custom data by the configured write level', async () => {
    const [owner, m] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: m }] });
    const ws = await connect(stack, m!);
    expect(await ws.request('group.modify', { GroupId: groupId, AppDefinedData: [{ Key: 'Level', Value: '9' }] })).toMatchObject({ ErrorCode: 10007 });
    expect(await ws.request('group.modify', { GroupId: groupId, AppDefinedData: [{ Key: 'Topic', Value: 'cats' }] })).toMatchObject({ ErrorCode: 0 });
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, AppDefinedData: [{ Key: 'Level', Value: '9' }] })).toMatchObject({ ErrorCode: 0 });
    const g = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
    expect(g.AppDefinedData).toEqual([{ Key: 'Level', Value: '9' }, { Key: 'Topic', Value: 'cats' }]);
    await ws.close();
  });
});

describe('destroy_group, change_group_owner, get_appid_group_list', () => {
  it('destroys: members get group.system Destroyed, the id answers 10010, the group leaves the joined lists', async () => {
    const [owner, m] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: m }] });
    const ws = await connect(stack, m);
    expect(await groupRest(stack, 'destroy_group', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect((await ws.event('group.system')).data).toMatchObject({ GroupId: groupId, Type: 'Destroyed' });
    expect(((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<{ ErrorCode: number }>)[0]!.ErrorCode).toBe(10010);
    expect(await groupRest(stack, 'destroy_group', { GroupId: groupId })).toMatchObject({ ErrorCode: 10010 });
    expect((await groupRest(stack, 'get_joined_group_list', { Member_Account: m })).TotalCount).toBe(0);
    await ws.close();
  });

  it('transfers ownership to a member only; the old owner becomes a Member', async () => {
    const [owner, m, outsider] = await newUsers(stack, 3);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: m }] });
    expect(await groupRest(stack, 'change_group_owner', { GroupId: groupId, NewOwner_Account: outsider })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'change_group_owner', { GroupId: groupId, NewOwner_Account: m })).toMatchObject({ ErrorCode: 0 });
    expect(await roles(stack, groupId, [owner, m, outsider])).toEqual(['Member', 'Owner', 'NotMember']);
    const g = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId], ResponseFilter: { GroupBaseInfoFilter: ['Owner_Account'] } })).GroupInfo as Array<Record<string, unknown>>)[0]!;
    expect(g.Owner_Account).toBe(m);
    const ws = await connect(stack, owner);
    expect(await ws.request('group.transfer', { GroupId: groupId, NewOwner_Account: owner })).toMatchObject({ ErrorCode: 10007 });
    await ws.close();
  });

  it('pages through every group with Limit and Next, optionally by type', async () => {
    const [owner] = await newUsers(stack, 1);
    const mine = [await newGroup(stack, { Owner_Account: owner, Type: 'Meeting' }), await newGroup(stack, { Owner_Account: owner, Type: 'Meeting' })];
    const seen: string[] = [];
    let next = 0;
    let total = 0;
    do {
      const page = await groupRest(stack, 'get_appid_group_list', { Limit: 3, Next: next });
      expect(page.ErrorCode).toBe(0);
      expect((page.GroupIdList as unknown[]).length).toBeLessThanOrEqual(3);
      seen.push(...(page.GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId));
      next = page.Next as number;
      total = page.TotalCount as number;
    } while (next !== 0);
    expect(seen).toEqual(expect.arrayContaining(mine));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const meetings = await groupRest(stack, 'get_appid_group_list', { GroupType: 'Meeting' });
    expect((meetings.GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId)).toEqual(expect.arrayContaining(mine));
    expect(meetings.TotalCount).toBe((meetings.GroupIdList as unknown[]).length);
    expect(await groupRest(stack, 'get_appid_group_list', { Limit: 10001 })).toMatchObject({ ErrorCode: 10004 });
  });

  it('import_group keeps CreateTime and refuses AVChatRoom; import_group_member reports per member', async () => {
    const [owner, a, b] = await newUsers(stack, 3);
    const reply = await groupRest(stack, 'import_group', { Owner_Account: owner, Type: 'Public', Name: 'old', CreateTime: 1500000000 });
    expect(reply.ErrorCode).toBe(0);
    const groupId = reply.GroupId as string;
    expect(await groupRest(stack, 'import_group', { Owner_Account: owner, Type: 'AVChatRoom', Name: 'old' })).toMatchObject({ ErrorCode: 10007 });
    const imported = await groupRest(stack, 'import_group_member', { GroupId: groupId, MemberList: [{ Member_Account: a, Role: 'Admin', JoinTime: 1500000100 }, { Member_Account: owner }, { Member_Account: 'ghost-user-z' }, { Member_Account: b }] });
    expect(imported.MemberList).toEqual([
      { Member_Account: a, Result: 1 }, { Member_Account: owner, Result: 2 }, { Member_Account: 'ghost-user-z', Result: 0 }, { Member_Account: b, Result: 1 },
    ]);
    const g = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
    expect(g).toMatchObject({ CreateTime: 1500000000, MemberNum: 3 });
    expect((g.MemberList as Array<Record<string, unknown>>).find((m) => m.Member_Account === a)).toMatchObject({ Role: 'Admin', JoinTime: 1500000100 });
    expect(await memberNum(stack, groupId)).toBe(3);

    // UnreadMsgNum puts the imported member's read position that far back.
    for (let i = 1; i <= 3; i++) {
      expect((await groupRest(stack, 'send_group_msg', { GroupId: groupId, From_Account: owner, Random: i, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }] })).ErrorCode).toBe(0);
    }
    const [c, d] = await newUsers(stack, 2);
    expect((await groupRest(stack, 'import_group_member', { GroupId: groupId, MemberList: [{ Member_Account: c, UnreadMsgNum: 2 }, { Member_Account: d }] })).ErrorCode).toBe(0);
    expect(await groupRest(stack, 'import_group_member', { GroupId: groupId, MemberList: [{ Member_Account: c, UnreadMsgNum: -1 }] })).toMatchObject({ ErrorCode: 10004 });
    const after = ((await groupRest(stack, 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<Record<string, unknown>>)[0]!;
    const last = (after.NextMsgSeq as number) - 1;
    const seqOf = (u: string) => (after.MemberList as Array<Record<string, unknown>>).find((m) => m.Member_Account === u)!.MsgSeq;
    expect([seqOf(c!), seqOf(d!)]).toEqual([last - 2, last]);
  });
});
