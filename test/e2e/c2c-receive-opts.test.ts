// C2C receive options (c2c.receiveOpt.set / get: Tencent's setC2CReceiveMessageOpt) against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect, type Reply, type TestClient } from '../support/ws-client.js';
import { newUsers } from '../support/groups.js';
import { sleep, textBody } from '../support/groupmsg.js';
import { publishesTo, pushOnlineUser } from '../support/push-online.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const sendmsg = (from: string, to: string, text: string) =>
  rest(stack, 'openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: Math.floor(Math.random() * 1e9), MsgBody: textBody(text) });
const opts = async (ws: TestClient, peers: string[]) =>
  ((await ws.request('c2c.receiveOpt.get', { To_Account: peers })).data as { ReceiveOptList: Array<{ To_Account: string; MsgFlag: string }> }).ReceiveOptList;
const set = (ws: TestClient, peers: string[], flag: string) => ws.request('c2c.receiveOpt.set', { To_Account: peers, MsgFlag: flag });
const texts = async (ws: TestClient, peer: string) =>
  ((await ws.request('history.c2c', { Peer_Account: peer })).data as { Messages: Array<{ MsgBody: Array<{ MsgContent: { Text: string } }> }> })
    .Messages.map((m) => m.MsgBody[0]!.MsgContent.Text);
const delivered = (ws: TestClient) => ws.events.filter((e) => e.event === 'c2c.message').map((e) => (e.data.MsgBody as Array<{ MsgContent: { Text: string } }>)[0]!.MsgContent.Text);

describe('C2C receive options', () => {
  it('Discard delivers nothing live but stores the message; AcceptNotNotify delivers; get reads them back; AcceptAndNotify restores', async () => {
    const [bob, alice, carol, dave] = await newUsers(stack, 4, 'ro');
    const wsBob = await connect(stack, bob);
    expect(await set(wsBob, [alice], 'Discard')).toMatchObject({ ErrorCode: 0, data: {} });
    expect((await set(wsBob, [carol, carol], 'AcceptNotNotify')).ErrorCode).toBe(0);
    expect(await opts(wsBob, [alice, carol, dave])).toEqual([
      { To_Account: alice, MsgFlag: 'Discard' }, { To_Account: carol, MsgFlag: 'AcceptNotNotify' }, { To_Account: dave, MsgFlag: 'AcceptAndNotify' },
    ]);
    expect((await sendmsg(alice, bob, 'from alice')).ErrorCode).toBe(0);
    expect((await sendmsg(carol, bob, 'from carol')).ErrorCode).toBe(0);
    await wsBob.event('c2c.message');
    await sleep(300);
    expect(delivered(wsBob)).toEqual(['from carol']);
    expect(await texts(wsBob, alice)).toEqual(['from alice']);
    const listed = ((await wsBob.request('conversation.list', {})).data as { Conversations: Array<{ Peer_Account?: string; UnreadNum: number }> }).Conversations;
    expect(listed.find((c) => c.Peer_Account === alice)).toMatchObject({ UnreadNum: 1 });
    // The option is one-sided: bob's messages reach alice.
    const wsAlice = await connect(stack, alice);
    expect((await sendmsg(bob, alice, 'to alice')).ErrorCode).toBe(0);
    expect((await wsAlice.event('c2c.message')).data).toMatchObject({ From_Account: bob });

    expect((await set(wsBob, [alice], 'AcceptAndNotify')).ErrorCode).toBe(0);
    expect((await sendmsg(alice, bob, 'again')).ErrorCode).toBe(0);
    for (let i = 0; i < 100 && !delivered(wsBob).includes('again'); i++) await sleep(30);
    expect(delivered(wsBob)).toEqual(['from carol', 'again']);
    expect(await opts(wsBob, [alice])).toEqual([{ To_Account: alice, MsgFlag: 'AcceptAndNotify' }]);
    await Promise.all([wsBob.close(), wsAlice.close()]);
  });

  it('offline push: AcceptNotNotify and Discard peers are not pushed, the others are', async () => {
    const [user, alice, carol, dave] = await newUsers(stack, 4, 'rp');
    const web = await connect(stack, user, { platform: 'Web' });
    expect((await set(web, [alice], 'Discard')).ErrorCode).toBe(0);
    expect((await set(web, [carol], 'AcceptNotNotify')).ErrorCode).toBe(0);
    await web.close();
    const { arn } = await pushOnlineUser(stack, user);
    for (const [from, t] of [[alice, 'a'], [carol, 'c'], [dave, 'd']] as const) expect((await sendmsg(from, user, t)).ErrorCode).toBe(0);
    const sent = await publishesTo(stack, arn);
    expect(sent.map((e) => (e.message as { default: string }).default)).toEqual(['d']);
  });

  it('refuses bad input with 90001 and changes nothing', async () => {
    const [bob, alice] = await newUsers(stack, 2, 'rb');
    const wsBob = await connect(stack, bob);
    const refused = (reply: Reply) => { expect(reply.ErrorCode, String(reply.ErrorInfo)).toBe(90001); expect(reply.ErrorInfo).not.toBe(''); };
    refused(await set(wsBob, [alice], 'Loud'));
    refused(await set(wsBob, [], 'Discard'));
    refused(await set(wsBob, Array.from({ length: 31 }, (_, i) => `${alice}${i}`), 'Discard'));
    refused(await set(wsBob, [alice, bob], 'Discard'));
    refused(await wsBob.request('c2c.receiveOpt.set', { To_Account: alice, MsgFlag: 'Discard' }));
    refused(await wsBob.request('c2c.receiveOpt.get', { To_Account: [] }));
    refused(await wsBob.request('c2c.receiveOpt.get', { To_Account: [bob] }));
    expect(await opts(wsBob, [alice])).toEqual([{ To_Account: alice, MsgFlag: 'AcceptAndNotify' }]);
    await wsBob.close();
  });
});
