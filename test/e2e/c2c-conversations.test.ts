import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { messagesTable } from '../../functions/shared/tables.js';
import { c2cConversationId, messageKey } from '../../functions/c2c/c2c-keys.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
beforeAll(async () => {
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, c2c: { recallLimitSeconds: 120, maxConversations: 3, friendCheck: 'off' } });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(async () => { db?.destroy(); await stack?.stop(); });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let random = 5000;
const send = async (client: TestClient, to: string, t: string, extra: Record<string, unknown> = {}) => {
  const reply = await client.request('c2c.send', { To_Account: to, MsgBody: text(t), MsgRandom: ++random, ...extra });
  expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
  return reply.data as { MsgSeq: number; MsgTime: number; MsgKey: string };
};
const users = async (n: number) => {
  const ids = Array.from({ length: n }, () => uniqueId());
  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
  return ids as [string, string, string, string, string];
};
type Conversation = { Peer_Account: string; UnreadNum: number; LastMsgSeq: number; ReadMsgSeq: number; LastMsg?: { MsgBody: unknown; MsgSeq: number } };
const conversations = async (client: TestClient, data: Record<string, unknown> = {}) =>
  (await client.request('conversation.list', data)).data as { Conversations: Conversation[]; Cursor: string; Complete: number };

describe('read state and unread', () => {
  it('unread is last seq minus read seq, honours NoUnread, and the sender gets a receipt for messages that asked for one', async () => {
    const [a, b] = await users(2);
    const ca = await connect(stack, a);
    const cb = await connect(stack, b);
    await send(ca, b, 'one');
    await send(ca, b, 'two', { IsNeedReadReceipt: 1 });
    await send(ca, b, 'quiet', { SendMsgControl: ['NoUnread'] });
    const m4 = await send(ca, b, 'three');
    expect((await conversations(cb)).Conversations[0]).toMatchObject({ Peer_Account: a, UnreadNum: 3, LastMsgSeq: 4, ReadMsgSeq: 0 });
    // The sender has nothing unread: sending reads the conversation.
    expect((await conversations(ca)).Conversations[0]).toMatchObject({ Peer_Account: b, UnreadNum: 0, ReadMsgSeq: 4 });
    expect((await cb.request('msg.read', { Peer_Account: a, MsgSeq: 2 })).data).toEqual({ UnreadNum: 1, LastMsgSeq: 4 });
    const receipt = await ca.event('c2c.receipt');
    expect(receipt.data).toMatchObject({ Peer_Account: b, MsgSeq: 2 });
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: b, Peer_Account: [a] }))).toMatchObject({
      AllC2CUnreadMsgNum: 1, C2CUnreadMsgNumList: [{ Peer_Account: a, C2CUnreadMsgNum: 1 }],
    });
    const peerRead = ca.event('c2c.read');
    expect((await cb.request('msg.read', { Peer_Account: a, MsgSeq: m4.MsgSeq })).data).toEqual({ UnreadNum: 0, LastMsgSeq: 4 });
    // A read that moves without a receipt in range: c2c.read. Reading backwards changes nothing and sends nothing.
    expect((await peerRead).data).toMatchObject({ Peer_Account: b, MsgSeq: 4 });
    expect((await cb.request('msg.read', { Peer_Account: a, MsgSeq: 1 })).data).toEqual({ UnreadNum: 0, LastMsgSeq: 4 });
    await new Promise((r) => setTimeout(r, 200));
    expect(ca.events.filter((e) => e.event === 'c2c.receipt')).toHaveLength(1);
    expect(ca.events.filter((e) => e.event === 'c2c.read')).toHaveLength(1);
    await send(cb, a, 'reply');
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: a }))).toMatchObject({ AllC2CUnreadMsgNum: 1 });
    await rest(stack, 'openim/admin_set_msg_read', { Report_Account: a, Peer_Account: b });
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: a }))).toMatchObject({ AllC2CUnreadMsgNum: 0 });
    await Promise.all([ca.close(), cb.close()]);
  });
});

describe('conversation.list', () => {
  it('lists most recent first with LastMsg, pages with Cursor, keeps at most maxConversations, and NoLastMsg does not move LastMsg', async () => {
    const [me, p1, p2, p3, p4] = await users(5);
    const client = await connect(stack, me);
    for (const peer of [p1, p2, p3, p4]) await send(client, peer, `to ${peer}`);
    await send(client, p2, 'latest to p2');
    await send(client, p2, 'hidden', { SendMsgControl: ['NoLastMsg'] });
    const first = await conversations(client, { Count: 2 });
    expect(first.Conversations.map((c) => c.Peer_Account)).toEqual([p2, p4]);
    expect(first.Conversations[0]!.LastMsg).toMatchObject({ MsgBody: text('latest to p2'), MsgSeq: 2 });
    expect(first.Conversations[0]!.LastMsgSeq).toBe(3);
    expect(first.Complete).toBe(0);
    const second = await conversations(client, { Count: 2, Cursor: first.Cursor });
    expect(second.Conversations.map((c) => c.Peer_Account)).toEqual([p3]);
    expect(second.Complete).toBe(1);
    const contacts = await rest(stack, 'recentcontact/get_list', { From_Account: me, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 });
    expect(contacts).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorDisplay: '', CompleteFlag: 1 });
    expect((contacts.SessionItem as Array<{ To_Account: string; Type: number }>).map((s) => [s.Type, s.To_Account])).toEqual([[1, p2], [1, p4], [1, p3]]);
    await client.close();
  });

  it('recentcontact/delete removes the conversation until the next message; ClearRamble also hides the history for that user only', async () => {
    const [a, b] = await users(2);
    const ca = await connect(stack, a);
    const cb = await connect(stack, b);
    await send(ca, b, 'old');
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 1, To_Account: b, ClearRamble: 1 })).toMatchObject({ ActionStatus: 'OK', ErrorDisplay: '' });
    expect((await conversations(ca)).Conversations).toEqual([]);
    expect((await ca.request('history.c2c', { Peer_Account: b })).data).toEqual({ Messages: [], Complete: 1, UnreadNum: 0 });
    expect(((await cb.request('history.c2c', { Peer_Account: a })).data!.Messages as unknown[]).length).toBe(1);
    await send(cb, a, 'new');
    const listed = (await conversations(ca)).Conversations;
    expect(listed.map((c) => c.Peer_Account)).toEqual([b]);
    expect(((await ca.request('history.c2c', { Peer_Account: b })).data!.Messages as Array<{ MsgBody: unknown }>).map((m) => m.MsgBody)).toEqual([text('new')]);
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 1 })).toMatchObject({ ErrorCode: 50002 });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 2 })).toMatchObject({ ErrorCode: 50002 });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 3, To_Account: b })).toMatchObject({ ErrorCode: 50002 });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 2, ToGroupid: '@TGS#none' })).toMatchObject({ ActionStatus: 'OK' });
    await Promise.all([ca.close(), cb.close()]);
  });
});

describe('history.c2c', () => {
  it('pages by seq oldest first and never returns an expired message, even before DynamoDB deletes it', async () => {
    const [a, b] = await users(2);
    const ca = await connect(stack, a);
    for (let i = 1; i <= 5; i++) await send(ca, b, `m${i}`);
    const page = (await ca.request('history.c2c', { Peer_Account: b, Count: 2 })).data as { Messages: Array<{ MsgSeq: number }>; Complete: number };
    expect(page.Messages.map((m) => m.MsgSeq)).toEqual([4, 5]);
    expect(page.Complete).toBe(0);
    const older = (await ca.request('history.c2c', { Peer_Account: b, Count: 10, BeforeMsgSeq: 4 })).data as typeof page;
    expect(older.Messages.map((m) => m.MsgSeq)).toEqual([1, 2, 3]);
    expect(older.Complete).toBe(1);
    // Make message 1 and 2 expired, as DynamoDB would hold them until its TTL sweep.
    const conversationId = c2cConversationId(a, b);
    const past = Math.floor(Date.now() / 1000) - 10;
    for (const seq of [1, 2]) {
      await db.send(new PutCommand({ TableName: stack.tableNames[messagesTable.envVar], Item: {
        ...messageKey(conversationId, seq), conversationId, from: a, to: b, seq, random: 1, time: past - 100, body: text('expired'), ttl: past,
      } }));
    }
    const after = (await ca.request('history.c2c', { Peer_Account: b, Count: 10 })).data as typeof page;
    expect(after.Messages.map((m) => m.MsgSeq)).toEqual([3, 4, 5]);
    expect(after.Complete).toBe(1);
    const roam = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 100, MinTime: 0, MaxTime: past + 1000 });
    expect((roam.MsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq)).toEqual([5, 4, 3]);
    expect((await ca.request('history.c2c', { Peer_Account: b, Count: 101 })).ErrorCode).toBe(90001);
    await ca.close();
  });
});

describe('recall', () => {
  it('the sender recalls within the limit; both sides get msg.recalled; history keeps it with MsgFlagBits 8; 20023 twice; 20022 for others\' messages', async () => {
    const [a, b] = await users(2);
    const ca = await connect(stack, a);
    const cb = await connect(stack, b);
    const m = await send(ca, b, 'oops');
    await send(cb, a, 'theirs');
    const theirs = (await cb.request('history.c2c', { Peer_Account: a })).data!.Messages as Array<{ MsgKey: string }>;
    expect((await ca.request('msg.recall', { Peer_Account: b, MsgKey: theirs[1]!.MsgKey })).ErrorCode).toBe(20022);
    expect((await ca.request('msg.recall', { Peer_Account: b, MsgKey: 'not-a-key' })).ErrorCode).toBe(90054);
    expect((await ca.request('msg.recall', { Peer_Account: b, MsgKey: m.MsgKey })).ErrorCode).toBe(0);
    expect((await cb.event('msg.recalled')).data).toEqual({ Peer_Account: a, MsgKey: m.MsgKey });
    expect((await ca.request('msg.recall', { Peer_Account: b, MsgKey: m.MsgKey })).ErrorCode).toBe(20023);
    const history = (await cb.request('history.c2c', { Peer_Account: a })).data!.Messages as Array<{ MsgKey: string; MsgFlagBits: number }>;
    expect(history.find((h) => h.MsgKey === m.MsgKey)!.MsgFlagBits).toBe(8);
    await Promise.all([ca.close(), cb.close()]);
  });

  it('a user cannot recall after the limit (20016) but admin_msgwithdraw can, at any time', async () => {
    const [a, b] = await users(2);
    const ca = await connect(stack, a);
    const conversationId = c2cConversationId(a, b);
    const old = Math.floor(Date.now() / 1000) - 600;
    // A message sent 10 minutes ago, written as the send path writes it.
    await db.send(new PutCommand({ TableName: stack.tableNames[messagesTable.envVar], Item: {
      ...messageKey(conversationId, 1), conversationId, from: a, to: b, seq: 1, random: 9, time: old, body: text('old'), ttl: old + 86400,
    } }));
    const key = `1_9_${old}`;
    expect((await ca.request('msg.recall', { Peer_Account: b, MsgKey: key })).ErrorCode).toBe(20016);
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: key })).toMatchObject({ ActionStatus: 'OK' });
    expect((await ca.event('msg.recalled')).data).toEqual({ Peer_Account: b, MsgKey: key });
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: key })).toMatchObject({ ErrorCode: 20023 });
    // A key's seq is only a hint: another seq with the same MsgRandom and MsgTime names the same message.
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: `2_9_${old}` })).toMatchObject({ ErrorCode: 20023 });
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: `1_8_${old}` })).toMatchObject({ ErrorCode: 20022 });
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: b, To_Account: a, MsgKey: key })).toMatchObject({ ErrorCode: 20022 });
    expect(await rest(stack, 'openim/admin_msgwithdraw', { From_Account: a, To_Account: b, MsgKey: 'bad' })).toMatchObject({ ErrorCode: 90054 });
    await ca.close();
  });
});

describe('permissions', () => {
  it('a blocked sender sees success but nothing is stored or delivered', async () => {
    const [a, b] = await users(2);
    expect(await rest(stack, 'sns/black_list_add', { From_Account: b, To_Account: [a] })).toMatchObject({ ActionStatus: 'OK' });
    const ca = await connect(stack, a);
    const cb = await connect(stack, b);
    const reply = await ca.request('c2c.send', { To_Account: b, MsgBody: text('spam'), MsgRandom: 1 });
    expect(reply.ErrorCode).toBe(0);
    await send(cb, a, 'b can still write');
    expect(((await cb.request('history.c2c', { Peer_Account: a })).data!.Messages as Array<{ MsgBody: unknown }>).map((m) => m.MsgBody)).toEqual([text('b can still write')]);
    expect(cb.events.filter((e) => e.event === 'c2c.message')).toHaveLength(0);
    await Promise.all([ca.close(), cb.close()]);
  });

  it('global mute refuses WebSocket sends with 20012 until cancelled; REST sends by the admin are not muted', async () => {
    const [a, b] = await users(2);
    expect(await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: a, C2CmsgNospeakingTime: 4294967295, GroupmsgNospeakingTime: 60 })).toMatchObject({ ActionStatus: 'OK' });
    const got = await rest(stack, 'openconfigsvr/getnospeaking', { Get_Account: a });
    expect(got.C2CmsgNospeakingTime).toBe(4294967295);
    expect(got.GroupmsgNospeakingTime).toBeGreaterThan(55);
    const ca = await connect(stack, a);
    expect((await ca.request('c2c.send', { To_Account: b, MsgBody: text('x'), MsgRandom: 1 })).ErrorCode).toBe(20012);
    expect(await rest(stack, 'openim/sendmsg', { From_Account: a, To_Account: b, MsgRandom: 2, MsgBody: text('admin') })).toMatchObject({ ActionStatus: 'OK' });
    await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: a, C2CmsgNospeakingTime: 0 });
    expect((await rest(stack, 'openconfigsvr/getnospeaking', { Get_Account: a })).C2CmsgNospeakingTime).toBe(0);
    await send(ca, b, 'free again');
    expect(await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: 'nobody-zz', C2CmsgNospeakingTime: 1 })).toMatchObject({ ErrorCode: 70107 });
    expect(await rest(stack, 'openconfigsvr/setnospeaking', { Set_Account: a, C2CmsgNospeakingTime: -1 })).toMatchObject({ ErrorCode: 60003 });
    await ca.close();
  });
});
