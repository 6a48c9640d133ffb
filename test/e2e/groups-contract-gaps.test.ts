// The group-side gaps of the REST contract audit: get_specified_group_member_info, AfterMemberFieldChanged,
// OnMemberStateChange, BeforeCreateGroup's CreateGroupNum, and sns/group_get's NeedFriend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from '../support/webhook-receiver.js';
import { groupRest, newGroup, newUsers, roles } from '../support/groups.js';

const FIELD_CHANGED = 'Group.CallbackAfterMemberFieldChanged';
const STATE_CHANGE = 'Group.CallbackOnMemberStateChange';
const BEFORE_CREATE = 'Group.CallbackBeforeCreateGroup';
let receiver: WebhookReceiver;
let stack: LocalStack;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: `${receiver.url}/cb`, commands: [FIELD_CHANGED, STATE_CHANGE, BEFORE_CREATE] },
    groups: {
      maxMembers: { Work: 2000, Public: 2000, Meeting: 2000, Community: 100000 }, maxJoinedPerUser: 3000, maxGroups: 0,
      memberFields: [{ key: 'Rank', read: 'Member', write: 'Admin' }],
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const bodies = (command: string, groupId: string) =>
  receiver.requests.filter((r) => r.query.CallbackCommand === command && (r.body as Record<string, unknown>).GroupId === groupId);

/** After-callbacks of `command` about `groupId` once at least `count` arrived (or 5 s passed). */
async function callbacks(command: string, groupId: string, count: number): Promise<ReceivedCallback[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await stack.sqs.idle();
    const found = bodies(command, groupId);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
const body = (r: ReceivedCallback | undefined) => r?.body as Record<string, unknown>;

describe('group_open_http_svc/get_specified_group_member_info', () => {
  it('answers the named members in the order asked, leaves out non-members, and applies the three filters', async () => {
    const [owner, a, b] = await newUsers(stack, 3);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: a, Role: 'Admin' }, { Member_Account: b }] });
    expect(await groupRest(stack, 'modify_group_member_info', { GroupId: groupId, Member_Account: b, NameCard: 'bee', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] }))
      .toMatchObject({ ErrorCode: 0 });

    const all = await groupRest(stack, 'get_specified_group_member_info', { GroupId: groupId, Member_List_Account: [b, 'ghost-nobody', a, b] });
    expect(all).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, GroupId: groupId });
    const list = all.MemberList as Array<Record<string, unknown>>;
    expect(list.map((m) => m.Member_Account)).toEqual([b, a]);
    expect(list[0]).toMatchObject({ Role: 'Member', NameCard: 'bee', MsgFlag: 'AcceptAndNotify', MuteUntil: 0, AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] });
    expect(typeof list[0]!.JoinTime).toBe('number');

    const filtered = await groupRest(stack, 'get_specified_group_member_info', {
      GroupId: groupId, Member_List_Account: [owner, a, b], MemberInfoFilter: ['Role'], MemberRoleFilter: ['Admin', 'Member'], AppDefinedDataFilter_GroupMember: ['Other'],
    });
    expect(filtered.MemberList).toEqual([{ Member_Account: a, Role: 'Admin' }, { Member_Account: b, Role: 'Member' }]);
    const custom = await groupRest(stack, 'get_specified_group_member_info', {
      GroupId: groupId, Member_List_Account: [b], MemberInfoFilter: ['NameCard'], AppDefinedDataFilter_GroupMember: ['Rank'],
    });
    expect(custom.MemberList).toEqual([{ Member_Account: b, NameCard: 'bee', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] }]);
  });

  it('refuses over 50 accounts (10005), none (10004), unknown groups (10010), bad ids (10015) and AVChatRoom (10007)', async () => {
    const [owner] = await newUsers(stack, 1);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Work' });
    const av = await newGroup(stack, { Owner_Account: owner, Type: 'AVChatRoom' });
    const ask = (GroupId: string, Member_List_Account: unknown) => groupRest(stack, 'get_specified_group_member_info', { GroupId, Member_List_Account });
    expect(await ask(groupId, Array.from({ length: 51 }, (_, i) => `u${i}`))).toMatchObject({ ErrorCode: 10005 });
    expect((await ask(groupId, Array.from({ length: 50 }, (_, i) => (i === 0 ? owner : `u${i}`)))).MemberList).toEqual([expect.objectContaining({ Member_Account: owner, Role: 'Owner' })]);
    expect(await ask(groupId, [])).toMatchObject({ ErrorCode: 10004 });
    expect(await ask('no-such-group-x', [owner])).toMatchObject({ ErrorCode: 10010 });
    expect(await ask('bad id\u0001', [owner])).toMatchObject({ ErrorCode: 10015 });
    expect(await ask(av, [owner])).toMatchObject({ ErrorCode: 10007 });
  });
});

describe('group.specifiedMembers (WebSocket)', () => {
  it('answers a member the named members as get_specified_group_member_info does (custom fields by read level); a non-member 10007', async () => {
    const [owner, a, b, outsider] = await newUsers(stack, 4);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: a, Role: 'Admin' }, { Member_Account: b }] });
    expect(await groupRest(stack, 'modify_group_member_info', { GroupId: groupId, Member_Account: a, NameCard: 'ay', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] }))
      .toMatchObject({ ErrorCode: 0 });
    const [bWs, outWs] = await Promise.all([connect(stack, b), connect(stack, outsider)]);
    const got = await bWs.request('group.specifiedMembers', { GroupId: groupId, Member_List_Account: [a, 'ghost-nobody', owner] });
    expect(got).toMatchObject({ ErrorCode: 0, data: { GroupId: groupId } });
    const list = got.data?.MemberList as Array<Record<string, unknown>>;
    expect(list.map((m) => m.Member_Account)).toEqual([a, owner]);
    expect(list[0]).toMatchObject({ Role: 'Admin', NameCard: 'ay', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] });
    expect(list[1]).toMatchObject({ Role: 'Owner' });
    const filtered = await bWs.request('group.specifiedMembers', { GroupId: groupId, Member_List_Account: [a, owner], MemberInfoFilter: ['Role'], MemberRoleFilter: ['Admin'] });
    expect(filtered.data?.MemberList).toEqual([{ Member_Account: a, Role: 'Admin', AppMemberDefinedData: [{ Key: 'Rank', Value: 'gold' }] }]);
    expect(await outWs.request('group.specifiedMembers', { GroupId: groupId, Member_List_Account: [a] })).toMatchObject({ ErrorCode: 10007 });
    expect(await bWs.request('group.specifiedMembers', { GroupId: groupId, Member_List_Account: [] })).toMatchObject({ ErrorCode: 10004 });
    await Promise.all([bWs.close(), outWs.close()]);
  });
});

describe('Group.CallbackAfterMemberFieldChanged', () => {
  it('fires for Role, NameCard, MsgFlag and member custom data from REST and WebSocket, not for mutes or writes of the same value', async () => {
    const [owner, a] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: a }] });
    const [ownerWs, aWs] = await Promise.all([connect(stack, owner, { platform: 'iOS' }), connect(stack, a)]);
    const modify = (extra: Record<string, unknown>) => groupRest(stack, 'modify_group_member_info', { GroupId: groupId, Member_Account: a, ...extra });

    expect(await modify({ NameCard: 'ay' })).toMatchObject({ ErrorCode: 0 });
    expect(await modify({ MuteTime: 60 })).toMatchObject({ ErrorCode: 0 });
    expect(await modify({ NameCard: 'ay' })).toMatchObject({ ErrorCode: 0 });
    expect(await ownerWs.request('group.setRole', { GroupId: groupId, Member_Account: a, Role: 'Admin' })).toMatchObject({ ErrorCode: 0 });
    expect(await aWs.request('group.modifyMember', { GroupId: groupId, Member_Account: a, MsgFlag: 'Discard' })).toMatchObject({ ErrorCode: 0 });
    expect(await modify({ AppMemberDefinedData: [{ Key: 'Rank', Value: 'silver' }] })).toMatchObject({ ErrorCode: 0 });

    const got = await callbacks(FIELD_CHANGED, groupId, 4);
    await new Promise((r) => setTimeout(r, 200));
    expect(bodies(FIELD_CHANGED, groupId).length).toBe(4);
    const [nameCard, role, msgFlag, custom] = got.map(body);
    const common = { CallbackCommand: FIELD_CHANGED, GroupId: groupId, Type: 'Public', Modified_Account: a };
    expect(nameCard).toEqual({ ...common, Operator_Account: stack.config.admins[0], Role: 'Member', NameCard: 'ay', EventTime: expect.any(Number) });
    expect(got[0]!.query.OptPlatform).toBe('RESTAPI');
    expect(role).toEqual({ ...common, Operator_Account: owner, Role: 'Admin', NameCard: 'ay', EventTime: expect.any(Number) });
    expect(got[1]!.query.OptPlatform).toBe('iOS');
    expect(msgFlag).toEqual({ ...common, Operator_Account: a, Role: 'Admin', NameCard: 'ay', MsgFlag: 'Discard', EventTime: expect.any(Number) });
    expect(custom).toEqual({ ...common, Operator_Account: stack.config.admins[0], Role: 'Admin', NameCard: 'ay', AppMemberDefinedData: [{ Key: 'Rank', Value: 'silver' }], EventTime: expect.any(Number) });
    await Promise.all([ownerWs.close(), aWs.close()]);
  });
});

describe('Group.CallbackOnMemberStateChange', () => {
  it('AVChatRoom: Online on join, Offline on quit and when the last connection closes (not while another is open)', async () => {
    const [owner, a, b] = await newUsers(stack, 3);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'AVChatRoom' });
    const [aWeb, aPhone, bWs] = await Promise.all([connect(stack, a, { platform: 'Web' }), connect(stack, a, { platform: 'Android' }), connect(stack, b, { platform: 'Web' })]);
    expect(await aWeb.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect(await bWs.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect(await bWs.request('group.quit', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    const [aOn, bOn, bOff] = (await callbacks(STATE_CHANGE, groupId, 3)).map(body);
    expect(aOn).toEqual({ CallbackCommand: STATE_CHANGE, GroupId: groupId, EventType: 'Online', MemberList: [{ Member_Account: a }], EventTime: expect.any(Number) });
    expect(bOn).toMatchObject({ EventType: 'Online', MemberList: [{ Member_Account: b }] });
    expect(bOff).toMatchObject({ EventType: 'Offline', MemberList: [{ Member_Account: b }] });

    await aWeb.close();
    const platformsOfA = async () =>
      ((await rest(stack, 'openim/query_online_status', { To_Account: [a], IsNeedDetail: 1 })).QueryResult as Array<{ Detail: unknown[] }>)[0]!.Detail.length;
    for (let i = 0; i < 100 && (await platformsOfA()) !== 1; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 200));
    expect((await callbacks(STATE_CHANGE, groupId, 3)).length).toBe(3);
    expect(await roles(stack, groupId, [a])).toEqual(['Member']);
    await aPhone.close();
    const all = await callbacks(STATE_CHANGE, groupId, 4);
    expect(body(all[3])).toEqual({ CallbackCommand: STATE_CHANGE, GroupId: groupId, EventType: 'Offline', MemberList: [{ Member_Account: a }], EventTime: expect.any(Number) });
    expect(all[3]!.query.OptPlatform).toBe('Unknown');
    expect(await roles(stack, groupId, [a])).toEqual(['NotMember']);
    await bWs.close();
  });

  it('is not sent for other group types', async () => {
    const [owner, a] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Meeting' });
    const aWs = await connect(stack, a);
    expect(await aWs.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect(await aWs.request('group.quit', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    await aWs.close();
    await stack.sqs.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(bodies(STATE_CHANGE, groupId)).toEqual([]);
  });
});

describe('Group.CallbackBeforeCreateGroup CreateGroupNum', () => {
  it('counts the groups of the same type the owner owns', async () => {
    const [owner, other] = await newUsers(stack, 2);
    const createNum = async (Type: string, Owner_Account: string | null = owner) => {
      const Name = `n${Math.random().toString(36).slice(2, 10)}`;
      const reply = await groupRest(stack, 'create_group', { Type, Name, ...(Owner_Account && { Owner_Account }) });
      expect(reply).toMatchObject({ ErrorCode: 0 });
      const sent = receiver.requests.find((r) => r.query.CallbackCommand === BEFORE_CREATE && (r.body as Record<string, unknown>).Name === Name);
      return { groupId: reply.GroupId as string, num: body(sent).CreateGroupNum };
    };
    expect((await createNum('Public')).num).toBe(0);
    const second = await createNum('Public');
    expect(second.num).toBe(1);
    expect((await createNum('Work')).num).toBe(0);
    expect((await createNum('Public')).num).toBe(2);
    expect(await groupRest(stack, 'add_group_member', { GroupId: second.groupId, MemberList: [{ Member_Account: other }] })).toMatchObject({ ErrorCode: 0 });
    expect(await groupRest(stack, 'change_group_owner', { GroupId: second.groupId, NewOwner_Account: other })).toMatchObject({ ErrorCode: 0 });
    expect((await createNum('Public')).num).toBe(2);
    expect((await createNum('Public', other)).num).toBe(1);
    expect((await createNum('Public', null)).num).toBe(0);
  });
});

describe('sns/group_get NeedFriend', () => {
  it('accepts any string; only Need_Friend_Type_Yes lists the members', async () => {
    const [a, b] = await newUsers(stack, 2);
    expect(await rest(stack, 'sns/friend_import', { From_Account: a, AddFriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_Test' }] }))
      .toMatchObject({ ErrorCode: 0 });
    expect(await rest(stack, 'sns/group_add', { From_Account: a, GroupName: ['pals'], To_Account: [b] })).toMatchObject({ ErrorCode: 0 });
    const yes = await rest(stack, 'sns/group_get', { From_Account: a, NeedFriend: 'Need_Friend_Type_Yes' });
    expect(yes.ResultItem).toEqual([{ GroupName: 'pals', FriendNumber: 1, To_Account: [b] }]);
    const no = await rest(stack, 'sns/group_get', { From_Account: a, NeedFriend: 'Need_Friend_Type_No' });
    expect(no).toMatchObject({ ErrorCode: 0 });
    expect(no.ResultItem).toEqual([{ GroupName: 'pals', FriendNumber: 1 }]);
    expect(await rest(stack, 'sns/group_get', { From_Account: a, NeedFriend: 1 })).toMatchObject({ ErrorCode: 30001 });
  });
});
