import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// Its own app: with the friend check on, a blocked sender is refused by the friend check first (blocking unfriends).
let stack: LocalStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({ webhook: { url: receiver.url, timeoutMs: 1000, commands: ['C2C.CallbackBeforeSendMsg', 'C2C.CallbackAfterSendMsg'] } });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

describe('C2C.CallbackAfterSendMsg for a blocklist drop (spec §6.2)', () => {
  it('answers the sender success, stores nothing, skips the before-callback and reports 20007 with UnreadMsgNum -1', async () => {
    const a = uniqueId(); const b = uniqueId();
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
    expect(await rest(stack, 'sns/black_list_add', { From_Account: b, To_Account: [a] })).toMatchObject({ ActionStatus: 'OK' });
    const ca = await connect(stack, a);
    expect(await ca.request('c2c.send', { To_Account: b, MsgBody: text('hello?'), MsgRandom: 4242 })).toMatchObject({ ErrorCode: 0, data: { MsgSeq: 0 } });
    const [after] = await receiver.waitForRequests(1);
    expect(after!.query.CallbackCommand).toBe('C2C.CallbackAfterSendMsg');
    expect(after!.body).toMatchObject({
      From_Account: a, To_Account: b, MsgSeq: 0, MsgRandom: 4242, MsgKey: expect.stringMatching(/^0_4242_\d+$/),
      SendMsgResult: 20007, UnreadMsgNum: -1, MsgBody: text('hello?'),
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.requests).toHaveLength(1);
    expect((await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 10, MinTime: 0, MaxTime: 4294967295 })).MsgList).toEqual([]);
    await ca.close();
  });
});
