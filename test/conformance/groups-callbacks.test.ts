import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { startWebhookReceiver, type ReceivedCallback, type WebhookReceiver, callbacksByCommand } from '../support/webhook-receiver.js';
import { optional, type ReplyShape, callbackProblems } from './corpus.js';

/**
 * The group callbacks must decode into the SDKs' typed callback structs: dobyte/tencent-im callback/types.go (Go's
 * encoding/json refuses a number for a string and the reverse) and doocs/qcloud-im-server-sdk-java model/callback
 * (Jackson: Integer/Long for numbers). Each shape is the union of both structs' fields; `?` marks what Tencent only
 * sends when it applies (a changed field, a CloudCustomData).
 */
const MEMBERS = [{ Member_Account: 'string' }] as const;
const BODY = [{ MsgType: 'string', MsgContent: 'any' }] as const;
const BASE = { CallbackCommand: 'string', GroupId: 'string', Type: 'string', EventTime: 'integer' } as const;

const SHAPES: Record<string, { structs: string; shape: ReplyShape }> = {
  'Group.CallbackBeforeCreateGroup': {
    structs: 'BeforeGroupCreate / BeforeCreateGroupCallback',
    shape: { CallbackCommand: 'string', Operator_Account: 'string', Owner_Account: 'string', Type: 'string', Name: 'string', CreateGroupNum: 'integer', MemberList: MEMBERS, EventTime: 'integer' },
  },
  'Group.CallbackAfterCreateGroup': {
    structs: 'AfterGroupCreate / AfterCreateGroupCallback',
    shape: { ...BASE, Operator_Account: 'string', Owner_Account: 'string', Name: 'string', MemberList: MEMBERS, UserDefinedDataList: optional([{ Key: 'string', Value: 'string' }]) },
  },
  'Group.CallbackBeforeApplyJoinGroup': { structs: 'BeforeApplyJoinGroup / BeforeApplyJoinGroupCallback', shape: { ...BASE, Requestor_Account: 'string' } },
  'Group.CallbackBeforeInviteJoinGroup': {
    structs: 'BeforeInviteJoinGroup / BeforeInviteJoinGroupCallback', shape: { ...BASE, Operator_Account: 'string', DestinationMembers: MEMBERS },
  },
  'Group.CallbackAfterNewMemberJoin': {
    structs: 'AfterNewMemberJoinGroup / AfterNewMemberJoinCallback', shape: { ...BASE, JoinType: 'string', Operator_Account: 'string', NewMemberList: MEMBERS },
  },
  'Group.CallbackAfterMemberExit': {
    structs: 'AfterMemberExitGroup / AfterMemberExitCallback', shape: { ...BASE, ExitType: 'string', Operator_Account: 'string', ExitMemberList: MEMBERS },
  },
  'Group.CallbackBeforeSendMsg': {
    structs: 'BeforeGroupMessageSend / BeforeSendGroupMsgCallback (Random int / Long)',
    shape: { ...BASE, From_Account: 'string', Operator_Account: 'string', OnlineOnlyFlag: 'integer', Random: 'integer', MsgBody: BODY, CloudCustomData: 'string?', TopicId: 'string?' },
  },
  'Group.CallbackAfterSendMsg': {
    structs: 'AfterGroupMessageSend / AfterSendGroupMsgCallback (MsgSeq int / Long, MsgTime int64 / Integer)',
    shape: {
      ...BASE, From_Account: 'string', Operator_Account: 'string', OnlineOnlyFlag: 'integer', MsgSeq: 'integer', Random: 'integer', MsgTime: 'integer', MsgBody: BODY,
      CloudCustomData: 'string?', TopicId: 'string?',
    },
  },
  'Group.CallbackAfterGroupFull': { structs: 'AfterGroupFull / AfterGroupFullCallback', shape: { CallbackCommand: 'string', GroupId: 'string', EventTime: 'integer' } },
  'Group.CallbackAfterGroupDestroyed': {
    structs: 'AfterGroupDestroyed / AfterGroupDestroyedCallback', shape: { ...BASE, Name: 'string', Owner_Account: 'string', MemberList: MEMBERS },
  },
  'Group.CallbackAfterGroupInfoChanged': {
    structs: 'AfterGroupInfoChanged / AfterGroupInfoChangedCallback',
    shape: { ...BASE, Operator_Account: 'string', Name: 'string?', Introduction: 'string?', Notification: 'string?', FaceUrl: 'string?' },
  },
  'Group.CallbackAfterRecallMsg': {
    structs: '(doocs only) AfterRecallMsgCallback (MsgSeqList of {MsgSeq Long})',
    shape: { ...BASE, Operator_Account: 'string', MsgSeqList: [{ MsgSeq: 'integer' }], TopicId: 'string?' },
  },
  'Group.CallbackAfterReadReceipt': {
    structs: '(doocs only) AfterReadGroupReceiptCallback (GroupMsgReceiptList of GroupMsgReceiptItem: MsgSeq Long, ReadNum and UnreadNum Integer, ReadReceiptMembers of MemberAccount)',
    shape: { ...BASE, GroupMsgReceiptList: [{ MsgSeq: 'integer', ReadNum: 'integer', UnreadNum: 'integer', ReadReceiptMembers: MEMBERS }] },
  },
  'Group.CallbackAfterChangeGroupOwner': {
    structs: '(doocs only) AfterGroupOwnerChangeCallback', shape: { ...BASE, Operator_Account: 'string', OldOwner_Account: 'string', NewOwner_Account: 'string' },
  },
  'Group.CallbackAfterMemberFieldChanged': {
    structs: '(doocs only) AfterGroupMemberFieldChangedCallback', shape: { ...BASE, Operator_Account: 'string', Modified_Account: 'string?', Role: 'string?', NameCard: 'string?' },
  },
};

let stack: LocalStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({ webhook: { url: receiver.url, timeoutMs: 1000, commands: Object.keys(SHAPES) } });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });

const ok = async (path: string, payload: unknown) => {
  const r = await rest(stack, `group_open_http_svc/${path}`, payload);
  expect({ path, code: r.ErrorCode, info: r.ErrorInfo }).toMatchObject({ code: 0 });
  return r;
};

const allReceived = (timeoutMs?: number) => callbacksByCommand(receiver, Object.keys(SHAPES), timeoutMs);

describe('group callbacks decode into dobyte/tencent-im callback/types.go and doocs model/callback', () => {
  it('sends every group callback in the SDK structs\' names and JSON types, with no null', async () => {
    const [owner, a, b, c] = [uniqueId('gk'), uniqueId('gk'), uniqueId('gk'), uniqueId('gk')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [owner, a, b, c] });
    const { GroupId } = await ok('create_group', { Owner_Account: owner, Type: 'Public', Name: 'cb', MaxMemberCount: 3, MemberList: [{ Member_Account: a }] });
    await ok('add_group_member', { GroupId, MemberList: [{ Member_Account: b }] }); // invite, join, and the group is full (3)
    await ok('delete_group_member', { GroupId, MemberToDel_Account: [b] });
    const sent = await ok('send_group_msg', { GroupId, From_Account: a, Random: 77, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] });
    await ok('group_msg_recall', { GroupId, MsgSeqList: [{ MsgSeq: sent.MsgSeq }] });
    const asked = await ok('send_group_msg', { GroupId, From_Account: a, Random: 78, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'read me' } }], NeedReadReceipt: 1 });
    await ok('group_msg_receipt', { GroupId, From_Account: owner, MsgSeqList: [{ MsgSeq: asked.MsgSeq }] }); // AfterReadReceipt
    await ok('modify_group_base_info', { GroupId, Notification: 'notice' });
    await ok('modify_group_member_info', { GroupId, Member_Account: a, NameCard: 'card' });
    await ok('change_group_owner', { GroupId, NewOwner_Account: a });
    const meeting = await ok('create_group', { Owner_Account: owner, Type: 'ChatRoom', Name: 'apply' });
    const client = await connect(stack, c);
    expect(await client.request('group.join', { GroupId: meeting.GroupId })).toMatchObject({ ErrorCode: 0 }); // BeforeApplyJoinGroup
    await client.close();
    await ok('destroy_group', { GroupId });

    const byCommand = await allReceived();
    expect(Object.keys(SHAPES).filter((command) => !byCommand.has(command))).toEqual([]);
    const labelled = Object.fromEntries(Object.entries(SHAPES).map(([c, e]) => [c, { shape: e.shape, label: e.structs }]));
    const problems = callbackProblems(byCommand, labelled);
    expect(problems).toEqual([]);
  });
});
