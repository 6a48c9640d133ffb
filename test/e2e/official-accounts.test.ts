// Official accounts (functions/official) over REST and WebSocket, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connectAll, newUsers } from '../support/groups.js';
import type { TestClient } from '../support/ws-client.js';
import { eventually, publishesTo, pushOnlineUser } from '../support/push-online.js';
import { callbacksByCommand, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
const clients: TestClient[] = [];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({ webhook: { url: `${receiver.url}/cb` } });
});
afterAll(async () => { for (const c of clients) c.close(); await stack?.stop(); await receiver?.close(); });

const oa = (command: string, body: unknown) => rest(stack, `official_account_open_http_svc/${command}`, body);
const text = (Text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text } }];
let n = 0;
const uniqueOa = () => `@TOA#_e2e${Date.now().toString(36)}${n++}`;
async function newAccount(owner: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await oa('create_official_account', { Owner_Account: owner, Name: 'News', OfficialAccountUserID: uniqueOa(), ...extra });
  expect(reply).toMatchObject({ ErrorCode: 0 });
  return reply.OfficialAccountUserID as string;
}
const info = async (id: string) => ((await oa('get_official_account_info', { OfficialAccountIdList: [{ Official_Account: id }] })).OfficialAccountInfoList as Array<Record<string, unknown>>)[0]!;
/** Waits until early in a wall-clock second, so two sends land in the same second. */
const startOfSecond = async () => { const ms = Date.now() % 1000; if (ms > 300) await new Promise((r) => setTimeout(r, 1000 - ms + 20)); };
const nextSecond = () => new Promise((r) => setTimeout(r, 1050));
const connectUsers = async (users: readonly string[]) => { const cs = await connectAll(stack, users); clients.push(...cs); return cs; };

describe('official account management', () => {
  it('creates with a generated or custom id, reads, modifies and destroys; refuses bad input and changes nothing', async () => {
    const [owner] = await newUsers(stack, 1, 'oa');
    const generated = await oa('create_official_account', { Owner_Account: owner, Name: 'Gen' });
    expect(generated).toMatchObject({ ErrorCode: 0 });
    expect(generated.OfficialAccountUserID).toMatch(/^@TOA#_@TOA#/);
    const id = await newAccount(owner, { Introduction: 'intro', FaceUrl: 'https://x/y.png', Organization: 'Org', CustomString: 'c' });
    expect(await info(id)).toMatchObject({
      Official_Account: id, Name: 'News', Owner_Account: owner, SubscriberNum: 0, MaxSubscriberNum: 100000, Introduction: 'intro',
      FaceUrl: 'https://x/y.png', Organization: 'Org', CustomString: 'c', LastMsgTime: 0, ErrorCode: 0,
    });
    const refusedCreate = async (body: Record<string, unknown>, code: number) => expect((await oa('create_official_account', { Owner_Account: owner, Name: 'N', ...body })).ErrorCode).toBe(code);
    await refusedCreate({ OfficialAccountUserID: id }, 10021);
    await refusedCreate({ OfficialAccountUserID: 'no-prefix' }, 10015);
    await refusedCreate({ OfficialAccountUserID: `@TOA#_${'x'.repeat(43)}` }, 10015);
    await refusedCreate({ OfficialAccountUserID: '@TOA#_@TOA#mine' }, 10015);
    await refusedCreate({ OfficialAccountUserID: '@TOA#_caf\u00e9' }, 10015);
    await refusedCreate({ Name: 'n'.repeat(151) }, 10004);
    await refusedCreate({ Introduction: 'i'.repeat(401) }, 10004);
    await refusedCreate({ FaceUrl: 'f'.repeat(501) }, 10004);
    await refusedCreate({ Organization: 'o'.repeat(501) }, 10004);
    await refusedCreate({ CustomString: 'c'.repeat(3001) }, 10004);
    await refusedCreate({ Owner_Account: 'nobody-imported-this' }, 10019);
    expect((await oa('create_official_account', { Owner_Account: owner, Name: 'ok', OfficialAccountUserID: `@TOA#_${'x'.repeat(42)}` })).ErrorCode).toBe(0);

    expect(await oa('modify_official_account_base_info', { OfficialAccount: id, Name: 'Renamed', Introduction: '' })).toMatchObject({ ErrorCode: 0 });
    expect(await oa('modify_official_account_base_info', { Official_Account: id, Name: 'n'.repeat(151) })).toMatchObject({ ErrorCode: 10004 });
    expect(await oa('modify_official_account_base_info', { Official_Account: '@TOA#_missing', Name: 'x' })).toMatchObject({ ErrorCode: 10010 });
    expect(await info(id)).toMatchObject({ Name: 'Renamed', Introduction: '' });
    expect(await oa('destroy_official_account', { Official_Account: id })).toMatchObject({ ErrorCode: 0 });
    expect(await info(id)).toMatchObject({ ErrorCode: 10010 });
    expect(await oa('destroy_official_account', { Official_Account: id })).toMatchObject({ ErrorCode: 10010 });
  });

  it('subscribes, pages subscribers by cursor, lists a user\'s accounts, holds MaxSubscriberNum', async () => {
    const users = await newUsers(stack, 6, 'oas');
    const [owner, ...subs] = users;
    const id = await newAccount(owner, { MaxSubscriberNum: 4 });
    const add = await oa('add_subscriber', { Official_Account: id, SubscriberList: subs.slice(0, 3).map((u) => ({ Subscriber_Account: u })) });
    expect(add.SubscriberList).toEqual(subs.slice(0, 3).map((u) => ({ Subscriber_Account: u, Result: 1 })));
    expect((await oa('add_subscriber', { Official_Account: id, SubscriberList: [{ Subscriber_Account: subs[0] }, { Subscriber_Account: 'ghost-user' }] })).SubscriberList)
      .toEqual([{ Subscriber_Account: subs[0], Result: 2 }, { Subscriber_Account: 'ghost-user', Result: 0 }]);
    // Two more would be 5 of 4: refused whole, nothing changed.
    expect(await oa('add_subscriber', { Official_Account: id, SubscriberList: [{ Subscriber_Account: subs[3] }, { Subscriber_Account: owner }] })).toMatchObject({ ErrorCode: 10014 });
    expect(await info(id)).toMatchObject({ SubscriberNum: 3 });
    const page1 = await oa('get_subscriber_info', { Official_Account: id, Limit: 2 });
    expect(page1).toMatchObject({ ErrorCode: 0, SubscriberNum: 3 });
    const page2 = await oa('get_subscriber_info', { Official_Account: id, Limit: 2, Next: page1.Next });
    const listed = [...(page1.SubscriberList as Array<{ Subscriber_Account: string }>), ...(page2.SubscriberList as Array<{ Subscriber_Account: string }>)].map((s) => s.Subscriber_Account);
    expect(listed.sort()).toEqual(subs.slice(0, 3).sort());
    expect(page2.Next).toBe('');
    expect((page1.SubscriberList as Array<Record<string, unknown>>)[0]).toMatchObject({ MsgFlag: 0, CustomString: '' });

    expect(await oa('modify_subscriber_info', { Official_Account: id, Subscriber_Account: subs[0], CustomString: 'vip' })).toMatchObject({ ErrorCode: 0 });
    expect(await oa('modify_subscriber_info', { Official_Account: id, Subscriber_Account: subs[4], CustomString: 'x' })).toMatchObject({ ErrorCode: 10007 });
    expect(await oa('modify_subscriber_info', { Official_Account: id, Subscriber_Account: subs[0], CustomString: 'x'.repeat(3001) })).toMatchObject({ ErrorCode: 10004 });
    const mine = await oa('get_subscribed_official_account_list', { Subscriber_Account: subs[0] });
    expect(mine).toMatchObject({ ErrorCode: 0, TotalCount: 1, CompleteFlag: 1 });
    expect((mine.OfficialAccountInfoList as Array<Record<string, unknown>>)[0]).toMatchObject({ Official_Account: id, Name: 'News', SelfInfo: { CustomString: 'vip' } });

    expect((await oa('delete_subscriber', { Official_Account: id, SubscriberToDel_Account: [subs[1], subs[4]] })).SubscriberList)
      .toEqual([{ Subscriber_Account: subs[1], Result: 1 }, { Subscriber_Account: subs[4], Result: 0 }]);
    expect(await info(id)).toMatchObject({ SubscriberNum: 2 });
    expect(await oa('modify_official_account_base_info', { Official_Account: id, MaxSubscriberNum: 1 })).toMatchObject({ ErrorCode: 10004 });
    expect(await oa('add_subscriber', { Official_Account: '@TOA#_nope', SubscriberList: [{ Subscriber_Account: subs[0] }] })).toMatchObject({ ErrorCode: 10010 });

    const callbacks = await callbacksByCommand(receiver, ['OfficialAccount.CallbackAfterAddSubscriber', 'OfficialAccount.CallbackAfterDeleteSubscriber', 'OfficialAccount.CallbackBeforeAddSubscriber']);
    const added = (callbacks.get('OfficialAccount.CallbackAfterAddSubscriber') ?? []).find((r) => (r.body as { Official_Account: string }).Official_Account === id);
    expect(added?.body).toMatchObject({ Official_Account: id, SubscribeAccountList: subs.slice(0, 3).map((u) => ({ Subscriber_Account: u })) });
  });
});

describe('publishing, history, recall, conversations', () => {
  it('broadcasts once to online subscribers per MsgFlag, pages history by LastMsgKey, recalls for everyone; non-owners may not publish', async () => {
    const users = await newUsers(stack, 5, 'oap');
    const [owner, alice, bob, carol, outsider] = users;
    const id = await newAccount(owner);
    const [o, a, b, c, x] = await connectUsers(users);
    expect((await a!.request('official.subscribe', { Official_Account: id })).ErrorCode).toBe(0);
    expect((await b!.request('official.subscribe', { Official_Account: id, MsgFlag: 'AcceptNotNotify' })).ErrorCode).toBe(0);
    expect((await c!.request('official.subscribe', { Official_Account: id, MsgFlag: 'Discard' })).ErrorCode).toBe(0);
    expect(await info(id)).toMatchObject({ SubscriberNum: 3 });

    // Non-owners (a subscriber, an outsider) may not publish; nothing is stored.
    expect((await a!.request('official.send', { Official_Account: id, MsgBody: text('nope') })).ErrorCode).toBe(10007);
    expect((await x!.request('official.send', { Official_Account: id, MsgBody: text('nope') })).ErrorCode).toBe(10007);
    expect((await x!.request('official.send', { Official_Account: '@TOA#_missing', MsgBody: text('nope') })).ErrorCode).toBe(10010);
    expect(await info(id)).toMatchObject({ LastMsgTime: 0 });

    const first = await oa('send_official_account_msg', { Official_Account: id, Random: 1, MsgBody: text('hello') });
    expect(first).toMatchObject({ ErrorCode: 0 });
    expect(first.MsgKey).toMatch(/^1_1_\d+$/);
    const evA = await a!.event('official.message');
    expect(evA.data).toMatchObject({ Official_Account: id, MsgKey: first.MsgKey, MsgSeq: 1, MsgBody: text('hello') });
    await b!.event('official.message');
    await new Promise((r) => setTimeout(r, 300));
    expect(c!.events.filter((e) => e.event.startsWith('official.message'))).toEqual([]);
    expect(x!.events.filter((e) => e.event.startsWith('official.message'))).toEqual([]);
    void o;

    // Conversation list: the account with its unread count, in Tencent's conversation id form.
    const listed = await a!.request('conversation.list', { Count: 50 });
    const row = (listed.data!.Conversations as Array<Record<string, unknown>>).find((r) => r.Type === 'Official');
    expect(row).toMatchObject({ Official_Account: id, ConversationID: `C2C${id}`, LastMsgSeq: 1, ReadMsgSeq: 0, UnreadNum: 1, LastMsg: { MsgKey: first.MsgKey } });
    const contacts = await rest(stack, 'recentcontact/get_list', { From_Account: alice, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 0 });
    expect(contacts.SessionItem).toEqual([{ Type: 1, To_Account: id, MsgTime: first.MsgTime ?? expect.any(Number), TopFlag: 0 }]);
    expect((await a!.request('official.read', { Official_Account: id })).data).toMatchObject({ ReadMsgSeq: 1, UnreadNum: 0 });
    const list = await a!.request('official.list', {});
    expect((list.data!.OfficialAccounts as Array<Record<string, unknown>>)[0]).toMatchObject({ Official_Account: id, UnreadNum: 0 });

    // The owner over the WebSocket; the 5-minute duplicate rule answers the first key and sends nothing.
    await nextSecond();
    const second = await o!.request('official.send', { Official_Account: id, MsgBody: text('second') });
    expect(second.ErrorCode).toBe(0);
    await nextSecond();
    expect((await oa('send_official_account_msg', { Official_Account: id, MsgBody: text('second') })).MsgKey).toBe(second.data!.MsgKey);
    // Hourly limit: 2 broadcasts an hour by default.
    expect((await oa('send_official_account_msg', { Official_Account: id, MsgBody: text('third') })).ErrorCode).toBe(10023);

    const history = await oa('official_account_msg_get_simple', { Official_Account: id, ReqMsgNumber: 1 });
    expect(history).toMatchObject({ ErrorCode: 0, IsFinished: 0, RspMsgList: [{ MsgSeq: 2, IsPlaceMsg: 0, From_Account: id }] });
    const older = await oa('official_account_msg_get_simple', { Official_Account: id, ReqMsgNumber: 5, LastMsgKey: history.LastMsgKey });
    expect(older).toMatchObject({ IsFinished: 1, RspMsgList: [{ MsgSeq: 1, MsgBody: text('hello') }] });

    const recall = await oa('official_account_msg_recall', { Official_Account: id, MsgKeyList: [first.MsgKey, '99_1_1'] });
    expect(recall.RecallRetList).toEqual([{ MsgKey: first.MsgKey, MsgSeq: 1, RetCode: 0 }, { MsgKey: '99_1_1', MsgSeq: 99, RetCode: 10030 }]);
    expect((await a!.event('official.recalled')).data).toMatchObject({ Official_Account: id, MsgKey: first.MsgKey });
    expect((await oa('official_account_msg_get_simple', { Official_Account: id })).RspMsgList).toEqual([expect.objectContaining({ MsgSeq: 2 })]);
    expect((await oa('official_account_msg_get_simple', { Official_Account: id, WithRecalledMsg: 1 })).RspMsgList)
      .toEqual([expect.objectContaining({ MsgSeq: 2 }), expect.objectContaining({ MsgSeq: 1, IsPlaceMsg: 2, MsgBody: [] })]);
    expect((await x!.request('official.history', { Official_Account: id })).ErrorCode).toBe(10007);
    expect((await a!.request('official.history', { Official_Account: id })).data).toMatchObject({ RspMsgList: [{ MsgSeq: 2 }, { MsgSeq: 1, IsPlaceMsg: 2 }] });

    const cbs = await callbacksByCommand(receiver, ['OfficialAccount.CallbackAfterSendMsg', 'OfficialAccount.CallbackAfterMsgWithDraw', 'OfficialAccount.CallbackBeforeSendMsg']);
    expect((cbs.get('OfficialAccount.CallbackAfterSendMsg') ?? []).some((r) => (r.body as { MsgKey: string }).MsgKey === first.MsgKey)).toBe(true);
    expect((cbs.get('OfficialAccount.CallbackAfterMsgWithDraw') ?? []).some((r) => JSON.stringify(r.body).includes(first.MsgKey as string))).toBe(true);

    expect((await b!.request('official.unsubscribe', { Official_Account: id })).ErrorCode).toBe(0);
    expect((await b!.request('official.unsubscribe', { Official_Account: id })).ErrorCode).toBe(10007);
  });

  it('pushes offline subscribers per MsgFlag: AcceptAndNotify gets a push, AcceptNotNotify and Discard none', async () => {
    const users = await newUsers(stack, 4, 'oapush');
    const [owner, notify, quiet, discard] = users;
    const id = await newAccount(owner!);
    const webs = await connectAll(stack, [notify!, quiet!, discard!]);
    for (const [ws, MsgFlag] of [[webs[0]!, 'AcceptAndNotify'], [webs[1]!, 'AcceptNotNotify'], [webs[2]!, 'Discard']] as const) {
      expect((await ws.request('official.subscribe', { Official_Account: id, MsgFlag })).ErrorCode).toBe(0);
    }
    await Promise.all(webs.map((w) => w.close()));
    const [n, q, d] = await Promise.all([pushOnlineUser(stack, notify!), pushOnlineUser(stack, quiet!), pushOnlineUser(stack, discard!)]);
    expect(await oa('send_official_account_msg', { Official_Account: id, Random: 7, MsgBody: text('breaking') })).toMatchObject({ ErrorCode: 0 });
    // The push pages run after the reply (inline on the local stack), then the push worker publishes.
    await eventually(async () => (await publishesTo(stack, n.arn)).length > 0);
    const pushed = await publishesTo(stack, n.arn);
    expect(pushed).toHaveLength(1);
    expect(JSON.stringify(pushed[0]!.message)).toContain('breaking');
    expect(await publishesTo(stack, q.arn)).toEqual([]);
    expect(await publishesTo(stack, d.arn)).toEqual([]);
    // OnlineOnlyFlag: no push for anyone.
    await nextSecond();
    expect(await oa('send_official_account_msg', { Official_Account: id, Random: 8, OnlineOnlyFlag: 1, MsgBody: text('live only') })).toMatchObject({ ErrorCode: 0 });
    // A control for the wait: a third, pushed broadcast arrives, and the online-only one before it never did.
    await nextSecond();
    expect(await oa('send_official_account_msg', { Official_Account: id, Random: 9, MsgBody: text('third') })).toMatchObject({ ErrorCode: 0 });
    await eventually(async () => (await publishesTo(stack, n.arn)).length > 1);
    const all = await publishesTo(stack, n.arn);
    expect(all.map((e) => JSON.stringify(e.message).includes('third'))).toEqual([false, true]);
    expect(JSON.stringify(all)).not.toContain('live only');
  });

  it('a subscriber marked without a push device by one broadcast is pushed the next once it registers a phone', async () => {
    const [owner, reader] = await newUsers(stack, 2, 'oamark');
    const id = await newAccount(owner!);
    const [web] = await connectAll(stack, [reader!]);
    expect((await web!.request('official.subscribe', { Official_Account: id, MsgFlag: 'AcceptAndNotify' })).ErrorCode).toBe(0);
    await web!.close();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const subscriber = async () => (await db.send(new GetCommand({ TableName: stack.tableNames.IM_TABLE_GROUPS!, Key: { pk: `G#${id}`, sk: `M#${reader}` } }))).Item!;
    expect((await subscriber()).pushPk).toBe(`G#${id}`);
    expect(await oa('send_official_account_msg', { Official_Account: id, Random: 1, MsgBody: text('before the phone') })).toMatchObject({ ErrorCode: 0 });
    // The push pages look the subscriber up, find no device, mark it and take it out of the push candidates.
    await eventually(async () => typeof (await subscriber()).noPushSince === 'number');
    expect((await subscriber()).pushPk).toBeUndefined();
    const phone = await pushOnlineUser(stack, reader!);
    expect((await subscriber()).pushPk).toBe(`G#${id}`);
    await nextSecond();
    expect(await oa('send_official_account_msg', { Official_Account: id, Random: 2, MsgBody: text('after the phone') })).toMatchObject({ ErrorCode: 0 });
    await eventually(async () => (await publishesTo(stack, phone.arn)).length > 0);
    expect(JSON.stringify((await publishesTo(stack, phone.arn)).map((e) => e.message))).toContain('after the phone');
    db.destroy();
  });

  it('holds 1 broadcast a second per account: two at once in one second, one is refused with 10023', async () => {
    const [owner] = await newUsers(stack, 1, 'oaf');
    const id = await newAccount(owner);
    await startOfSecond();
    const replies = await Promise.all(['a', 'b'].map((t) => oa('send_official_account_msg', { Official_Account: id, MsgBody: text(t) })));
    const ok = replies.filter((r) => r.ErrorCode === 0);
    // Both accepted only if they landed in different seconds.
    if (ok.length === 2) expect(ok[0]!.MsgTime).not.toBe(ok[1]!.MsgTime);
    else expect(replies.map((r) => r.ErrorCode).sort()).toEqual([0, 10023]);
  });

  it('a subscriber\'s private message reaches the owner and the app backend; the owner answers as the account', async () => {
    const users = await newUsers(stack, 3, 'oam');
    const [owner, fan, stranger] = users;
    const id = await newAccount(owner);
    const [o, f, s] = await connectUsers(users);
    await f!.request('official.subscribe', { Official_Account: id });
    expect((await s!.request('official.message', { Official_Account: id, MsgBody: text('hi') })).ErrorCode).toBe(10007);
    const sent = await f!.request('official.message', { Official_Account: id, MsgBody: text('question') });
    expect(sent.ErrorCode).toBe(0);
    expect((await o!.event('official.private')).data).toMatchObject({ Official_Account: id, From_Account: fan, MsgBody: text('question') });
    const cbs = await callbacksByCommand(receiver, ['C2C.CallbackAfterSendMsg']);
    expect((cbs.get('C2C.CallbackAfterSendMsg') ?? []).some((r) => (r.body as { To_Account: string }).To_Account === id)).toBe(true);
    expect((await o!.request('official.message', { Official_Account: id, To_Account: fan, MsgBody: text('answer') })).ErrorCode).toBe(0);
    expect((await f!.event('c2c.message')).data).toMatchObject({ From_Account: id, MsgBody: text('answer') });
    // recentcontact lists the account once, as Tencent's c2c_<account id>, though both a broadcast and a private answer are in it.
    expect(await oa('send_official_account_msg', { Official_Account: id, Random: 3, MsgBody: text('news') })).toMatchObject({ ErrorCode: 0 });
    const contacts = await rest(stack, 'recentcontact/get_list', { From_Account: fan, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 0 });
    expect(contacts).toMatchObject({ ErrorCode: 0, CompleteFlag: 1 });
    expect(contacts.SessionItem).toEqual([{ Type: 1, To_Account: id, MsgTime: expect.any(Number), TopFlag: 0 }]);
    void stranger;
  });

  it('destroying an account tells online subscribers and fires its callbacks', async () => {
    const users = await newUsers(stack, 2, 'oad');
    const [owner] = users;
    const id = await newAccount(owner);
    const [, sub] = await connectUsers(users);
    await sub!.request('official.subscribe', { Official_Account: id });
    expect(await oa('destroy_official_account', { Official_Account: id })).toMatchObject({ ErrorCode: 0 });
    expect((await sub!.event('official.deleted')).data).toEqual({ Official_Account: id });
    const cbs = await callbacksByCommand(receiver, ['OfficialAccount.CallbackAfterOfficialAccountDestroyed', 'OfficialAccount.CallbackAfterCreateOfficialAccount', 'OfficialAccount.CallbackBeforeCreateOfficialAccount']);
    expect((cbs.get('OfficialAccount.CallbackAfterOfficialAccountDestroyed') ?? []).some((r) => (r.body as { Official_Account: string }).Official_Account === id)).toBe(true);
    expect((cbs.get('OfficialAccount.CallbackAfterCreateOfficialAccount') ?? []).some((r) => (r.body as { Official_Account: string }).Official_Account === id)).toBe(true);
    expect(cbs.has('OfficialAccount.CallbackBeforeCreateOfficialAccount')).toBe(true);
  });
});
