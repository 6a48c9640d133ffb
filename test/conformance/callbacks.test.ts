import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { startWebhookReceiver, type ReceivedCallback, type WebhookReceiver, callbacksByCommand } from '../support/webhook-receiver.js';
import { optional, type ReplyShape, callbackProblems } from './corpus.js';

/**
 * The other direction: the callbacks accounts, profile, sns, C2C and presence send must decode into the typed
 * callback structs of dobyte/tencent-im callback/types.go (Go's encoding/json refuses a number for a string and
 * the reverse). Profile.CallbackPortraitSet has no SDK struct; its shape is the contract's (rest-api.md §6.5).
 */
const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
const MSG = {
  CallbackCommand: 'string', From_Account: 'string', To_Account: 'string', MsgSeq: 'integer', MsgRandom: 'integer', MsgTime: 'integer',
  MsgKey: 'string', OnlineOnlyFlag: 'integer', MsgBody: [{ MsgType: 'string', MsgContent: 'any' }], CloudCustomData: 'string?',
} as const;
const PAIRS = { CallbackCommand: 'string', PairList: [{ From_Account: 'string', To_Account: 'string' }] } as const;

/** callback/types.go struct for each command (name in the comment). */
const SHAPES: Record<string, { struct: string; shape: ReplyShape }> = {
  'State.StateChange': {
    struct: 'StateChange',
    shape: { CallbackCommand: 'string', EventTime: 'integer', Info: { To_Account: 'string', Action: 'string', Reason: 'string' }, KickedDevice: optional([{ Platform: 'string' }]) },
  },
  'Sns.CallbackPrevFriendAdd': {
    struct: 'BeforeFriendAdd',
    shape: {
      CallbackCommand: 'string', EventTime: 'integer', Requester_Account: 'string', From_Account: 'string', AddType: 'string', ForceAddFlags: 'integer',
      FriendItem: [{ To_Account: 'string', Remark: 'string', GroupName: 'string', AddSource: 'string', AddWording: 'string' }],
    },
  },
  'Sns.CallbackFriendAdd': {
    struct: 'AfterFriendAdd',
    shape: {
      CallbackCommand: 'string', ClientCmd: 'string', Admin_Account: 'string?', ForceFlag: 'integer',
      PairList: [{ From_Account: 'string', To_Account: 'string', Initiator_Account: 'string' }],
    },
  },
  'Sns.CallbackFriendDelete': { struct: 'AfterFriendDelete', shape: PAIRS },
  'Sns.CallbackBlackListAdd': { struct: 'AfterBlacklistAdd', shape: PAIRS },
  'Sns.CallbackBlackListDelete': { struct: 'AfterBlacklistDelete', shape: PAIRS },
  'C2C.CallbackBeforeSendMsg': { struct: 'BeforePrivateMessageSend', shape: MSG },
  'C2C.CallbackAfterSendMsg': {
    struct: 'AfterPrivateMessageSend',
    shape: { ...MSG, SendMsgResult: 'integer', ErrorInfo: 'string', UnreadMsgNum: 'integer' },
  },
  'C2C.CallbackAfterMsgReport': {
    struct: 'AfterPrivateMessageReport',
    shape: { CallbackCommand: 'string', Report_Account: 'string', Peer_Account: 'string', LastReadTime: 'integer', UnreadMsgNum: 'integer' },
  },
  'C2C.CallbackAfterMsgWithDraw': {
    struct: 'AfterPrivateMessageRevoke',
    shape: { CallbackCommand: 'string', From_Account: 'string', To_Account: 'string', MsgKey: 'string', UnreadMsgNum: 'integer' },
  },
  'Profile.CallbackPortraitSet': {
    struct: '(none; rest-api.md §6.5)',
    shape: { CallbackCommand: 'string', Operator_Account: 'string', From_Account: 'string', ProfileItem: [{ Tag: 'string', Value: 'any' }], EventTime: 'integer' },
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
  const r = await rest(stack, path, payload);
  expect({ path, code: r.ErrorCode, info: r.ErrorInfo }).toMatchObject({ code: 0 });
  return r;
};

const allReceived = (timeoutMs?: number) => callbacksByCommand(receiver, Object.keys(SHAPES), timeoutMs);

describe('callbacks decode into dobyte/tencent-im callback/types.go', () => {
  it('sends every callback of these features in the SDK struct\'s names and JSON types, with no null', async () => {
    const [a, b, c] = [uniqueId('cb'), uniqueId('cb'), uniqueId('cb')];
    await ok('im_open_login_svc/multiaccount_import', { Accounts: [a, b, c] });
    const client = await connect(stack, c);                                                       // State.StateChange (Login)
    expect(await client.request('friend.add', { To_Account: a, AddSource: 'AddSource_Type_web' })).toMatchObject({ ErrorCode: 0 }); // PrevFriendAdd
    await ok('profile/portrait_set', { From_Account: a, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'A' }] });
    await ok('sns/friend_add', { From_Account: a, AddFriendItem: [{ To_Account: b, AddSource: 'AddSource_Type_android' }], AddType: 'Add_Type_Both', ForceAddFlags: 1 });
    await ok('sns/friend_delete', { From_Account: a, To_Account: [b], DeleteType: 'Delete_Type_Both' });
    await ok('sns/black_list_add', { From_Account: a, To_Account: [b] });
    await ok('sns/black_list_delete', { From_Account: a, To_Account: [b] });
    const sent = await ok('openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: 5, MsgBody: body });
    await ok('openim/admin_set_msg_read', { Report_Account: b, Peer_Account: a });
    await ok('openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: sent.MsgKey });
    await client.close();

    const byCommand = await allReceived();
    // The Logout StateChange of the closed connection, before the stack stops.
    for (let i = 0; i < 60 && (byCommand.get('State.StateChange')?.length ?? 0) < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      byCommand.set('State.StateChange', receiver.requests.filter((r) => r.query.CallbackCommand === 'State.StateChange'));
    }
    expect(Object.keys(SHAPES).filter((command) => !byCommand.has(command))).toEqual([]);
    const labelled = Object.fromEntries(Object.entries(SHAPES).map(([c, e]) => [c, { shape: e.shape, label: e.struct }]));
    const problems = callbackProblems(byCommand, labelled);
    expect(problems).toEqual([]);
  });
});
