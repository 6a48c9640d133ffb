import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { OK_REPLY, startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from '../support/webhook-receiver.js';
import { groupRest, newGroup, newUsers, roles } from '../support/groups.js';

const COMMANDS = [
  'Group.CallbackBeforeCreateGroup', 'Group.CallbackAfterCreateGroup', 'Group.CallbackBeforeApplyJoinGroup', 'Group.CallbackBeforeInviteJoinGroup',
  'Group.CallbackAfterNewMemberJoin', 'Group.CallbackAfterMemberExit', 'Group.CallbackAfterGroupDestroyed', 'Group.CallbackAfterGroupInfoChanged',
  'Group.CallbackAfterGroupFull', 'Group.CallbackAfterChangeGroupOwner',
];
const MAX_GROUPS = 20;
let receiver: WebhookReceiver;
let stack: LocalStack;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: `${receiver.url}/cb`, commands: COMMANDS },
    groups: { maxMembers: { Work: 6000, Public: 2000, Meeting: 3, Community: 100000 }, maxJoinedPerUser: 3000, maxGroups: MAX_GROUPS },
  });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

/** Callbacks of `command` about `groupId` (or any group), after the after-callback queue settled. */
async function callbacks(command: string, match: (body: Record<string, unknown>) => boolean, count = 1): Promise<ReceivedCallback[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await stack.sqs.idle();
    const found = receiver.requests.filter((r) => r.query.CallbackCommand === command && match(r.body as Record<string, unknown>));
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
const body = (r: ReceivedCallback | undefined) => r?.body as Record<string, unknown>;
const about = (groupId: string) => (b: Record<string, unknown>) => b.GroupId === groupId;

describe('group callbacks', () => {
  it('BeforeCreateGroup can refuse (10016, or the backend\'s own 10100-10200 code) and nothing is created', async () => {
    const [owner] = await newUsers(stack, 1);
    receiver.replyWith({ json: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'no' } });
    expect(await groupRest(stack, 'create_group', { Owner_Account: owner, Type: 'Public', Name: 'refused', GroupId: 'refused-1' })).toMatchObject({ ErrorCode: 10016 });
    receiver.replyWith({ json: { ActionStatus: 'FAIL', ErrorCode: 10150, ErrorInfo: 'quota' } });
    expect(await groupRest(stack, 'create_group', { Owner_Account: owner, Type: 'Public', Name: 'refused', GroupId: 'refused-1' })).toMatchObject({ ErrorCode: 10150, ErrorInfo: 'quota' });
    receiver.replyWith({ json: OK_REPLY });
    expect(((await groupRest(stack, 'get_group_info', { GroupIdList: ['refused-1'] })).GroupInfo as Array<{ ErrorCode: number }>)[0]!.ErrorCode).toBe(10010);
    const [before] = await callbacks('Group.CallbackBeforeCreateGroup', (b) => b.Name === 'refused');
    expect(body(before)).toMatchObject({ CallbackCommand: 'Group.CallbackBeforeCreateGroup', Operator_Account: stack.config.admins[0], Owner_Account: owner, Type: 'Public', Name: 'refused', MemberList: [] });
    expect(before!.query.OptPlatform).toBe('RESTAPI');
  });

  it('AfterCreateGroup carries members and custom data', async () => {
    const [owner, m] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Work', Name: 'made', MemberList: [{ Member_Account: m }] });
    const [after] = await callbacks('Group.CallbackAfterCreateGroup', about(groupId));
    expect(body(after)).toMatchObject({ GroupId: groupId, Owner_Account: owner, Type: 'Work', Name: 'made', MemberList: [{ Member_Account: m }], UserDefinedDataList: [] });
    expect(typeof body(after).EventTime).toBe('number');
  });

  it('BeforeInviteJoinGroup may refuse some invitees with RefusedMembers_Account; AfterNewMemberJoin lists the rest', async () => {
    const [owner, a, b] = await newUsers(stack, 3);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public' });
    receiver.replyWith({ json: { ...OK_REPLY, RefusedMembers_Account: [b] } });
    const reply = await groupRest(stack, 'add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: a }, { Member_Account: b }] });
    receiver.replyWith({ json: OK_REPLY });
    expect(reply.MemberList).toEqual([{ Member_Account: a, Result: 1 }, { Member_Account: b, Result: 0 }]);
    expect(await roles(stack, groupId, [a!, b!])).toEqual(['Member', 'NotMember']);
    const [invite] = await callbacks('Group.CallbackBeforeInviteJoinGroup', about(groupId));
    expect(body(invite)).toMatchObject({ Type: 'Public', Operator_Account: stack.config.admins[0], DestinationMembers: [{ Member_Account: a }, { Member_Account: b }] });
    const [joined] = await callbacks('Group.CallbackAfterNewMemberJoin', about(groupId));
    expect(body(joined)).toMatchObject({ JoinType: 'Invited', NewMemberList: [{ Member_Account: a }] });
  });

  it('BeforeApplyJoinGroup can refuse a join; an allowed one fires AfterNewMemberJoin with JoinType Apply', async () => {
    const [owner, u] = await newUsers(stack, 2);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Meeting' });
    const ws = await connect(stack, u!, { platform: 'Android' });
    receiver.replyWith({ json: { ErrorCode: 1 } });
    expect(await ws.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 10016 });
    receiver.replyWith({ json: OK_REPLY });
    expect(await roles(stack, groupId, [u!])).toEqual(['NotMember']);
    expect(await ws.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    const applies = await callbacks('Group.CallbackBeforeApplyJoinGroup', about(groupId), 2);
    expect(body(applies[0])).toMatchObject({ Type: 'Meeting', Requestor_Account: u });
    expect(applies[0]!.query.OptPlatform).toBe('Android');
    const [joined] = await callbacks('Group.CallbackAfterNewMemberJoin', about(groupId));
    expect(body(joined)).toMatchObject({ JoinType: 'Apply', Operator_Account: u, NewMemberList: [{ Member_Account: u }] });
    await ws.close();
  });

  it('AfterMemberExit (Quit, Kicked), AfterGroupInfoChanged, AfterChangeGroupOwner, AfterGroupFull, AfterGroupDestroyed', async () => {
    const [owner, a, b, c] = await newUsers(stack, 4);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Meeting', MemberList: [{ Member_Account: a }, { Member_Account: b }] });
    const [full] = await callbacks('Group.CallbackAfterGroupFull', about(groupId), 0);
    expect(full).toBeUndefined();
    const cWs = await connect(stack, c!);
    expect(await cWs.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 10014 });
    expect((await callbacks('Group.CallbackAfterGroupFull', about(groupId))).length).toBe(1);
    const aWs = await connect(stack, a!);
    expect(await aWs.request('group.quit', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect(await groupRest(stack, 'delete_group_member', { GroupId: groupId, MemberToDel_Account: [b] })).toMatchObject({ ErrorCode: 0 });
    const exits = await callbacks('Group.CallbackAfterMemberExit', about(groupId), 2);
    expect(exits.map(body).map((x) => [x.ExitType, x.ExitMemberList])).toEqual([['Quit', [{ Member_Account: a }]], ['Kicked', [{ Member_Account: b }]]]);
    expect(await groupRest(stack, 'modify_group_base_info', { GroupId: groupId, Introduction: 'new intro' })).toMatchObject({ ErrorCode: 0 });
    const [changed] = await callbacks('Group.CallbackAfterGroupInfoChanged', about(groupId));
    expect(body(changed)).toMatchObject({ Type: 'Meeting', Introduction: 'new intro' });
    expect(body(changed).Name).toBeUndefined();
    expect(await cWs.request('group.join', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    expect(await groupRest(stack, 'change_group_owner', { GroupId: groupId, NewOwner_Account: c })).toMatchObject({ ErrorCode: 0 });
    const [owned] = await callbacks('Group.CallbackAfterChangeGroupOwner', about(groupId));
    expect(body(owned)).toMatchObject({ OldOwner_Account: owner, NewOwner_Account: c });
    expect(await cWs.request('group.destroy', { GroupId: groupId })).toMatchObject({ ErrorCode: 0 });
    const [destroyed] = await callbacks('Group.CallbackAfterGroupDestroyed', about(groupId));
    expect(body(destroyed)).toMatchObject({ Type: 'Meeting', Owner_Account: c, Name: 'g' });
    expect((body(destroyed).MemberList as unknown[]).length).toBe(2);
    await Promise.all([aWs.close(), cWs.close()]);
  });
});

describe('groups per app', () => {
  it('refuses a group beyond the configured maximum with 10058; destroying one frees a slot', async () => {
    const existing = (await groupRest(stack, 'get_appid_group_list', {})).TotalCount as number;
    const made: string[] = [];
    for (let i = existing; i < MAX_GROUPS; i++) made.push(await newGroup(stack, { Type: 'Public' }));
    expect(await groupRest(stack, 'create_group', { Type: 'Public', Name: 'one too many' })).toMatchObject({ ErrorCode: 10058 });
    expect((await groupRest(stack, 'get_appid_group_list', {})).TotalCount).toBe(MAX_GROUPS);
    expect(await groupRest(stack, 'destroy_group', { GroupId: made[0] })).toMatchObject({ ErrorCode: 0 });
    expect((await groupRest(stack, 'create_group', { Type: 'Public', Name: 'fits again' })).ErrorCode).toBe(0);
  });
});
