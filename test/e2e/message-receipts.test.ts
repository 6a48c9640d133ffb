// Read receipts (functions/groupmsg/receipts.ts, functions/c2c/receipts.ts) over the WebSocket and REST, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { messagesTable } from '../../functions/shared/tables.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, textBody } from '../support/groupmsg.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { ImClient, type ImMessage } from '../../client/src/index.js';
import { officialUserSig } from '../support/usersigs.js';

let stack: LocalStack;
let hooks: WebhookReceiver;
let db: DynamoDBDocumentClient;
const clients: TestClient[] = [];
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  stack = await startTestStack({ webhook: { url: hooks.url, commands: ['Group.CallbackAfterReadReceipt'], timeoutMs: 2000, failClosed: false } });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(async () => { await Promise.all(clients.map((c) => c.close())); db?.destroy(); await stack?.stop(); await hooks?.close(); });
const { send } = groupMessageHelpers(() => stack);

type Item = { Code: number; MsgSeq: number; ReadNum: number; UnreadNum: number };
const seqList = (...seqs: number[]) => seqs.map((MsgSeq) => ({ MsgSeq }));
const receipt = (ws: TestClient, GroupId: string, ...seqs: number[]) => ws.request('msg.receipt.send', { GroupId, MsgSeqList: seqList(...seqs) });
const counts = async (ws: TestClient, GroupId: string, ...seqs: number[]) => {
  const reply = await ws.request('msg.receipt.get', { GroupId, MsgSeqList: seqList(...seqs) });
  expect(reply.ErrorCode).toBe(0);
  return reply.data!.GroupMsgReceiptList as Item[];
};
const restCounts = async (GroupId: string, ...seqs: number[]) => {
  const reply = await groupRest(stack, 'get_group_msg_receipt', { GroupId, MsgSeqList: seqList(...seqs) });
  expect(reply.ErrorCode).toBe(0);
  return reply.GroupMsgReceiptList as Item[];
};
/** Every page of a detail list, and the pages' sizes. */
async function allPages(GroupId: string, MsgSeq: number, Filter: 0 | 1, Count: number) {
  const accounts: string[] = [];
  const sizes: number[] = [];
  let Cursor = '';
  for (let i = 0; i < 50; i++) {
    const page = await groupRest(stack, 'get_group_msg_receipt_detail', { GroupId, MsgSeq, Filter, Cursor, Count });
    expect(page).toMatchObject({ ErrorCode: 0, MsgSeq });
    const list = (Filter === 0 ? page.ReadList : page.UnreadList) as Array<Record<string, string>>;
    expect(page[Filter === 0 ? 'UnreadList' : 'ReadList']).toBeUndefined();
    accounts.push(...list.map((r) => r[Filter === 0 ? 'Read_Account' : 'Unread_Account']!));
    sizes.push(list.length);
    if (page.IsFinished === 1) { expect(page.Cursor).toBe(''); return { accounts, sizes }; }
    Cursor = page.Cursor as string;
    expect(Cursor).not.toBe('');
  }
  throw new Error('no last page');
}
const sorted = (ids: readonly string[]) => [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

/** A Public group of an owner and `n` members, all connected; the owner sends one message asking for receipts. */
async function receiptGroup(n: number, type = 'Public') {
  const [owner, ...members] = await newUsers(stack, n + 1, 'rr');
  const groupId = await newGroup(stack, { Owner_Account: owner, Type: type, MemberList: members.map((m) => ({ Member_Account: m })) });
  const ws = await connectAll(stack, [owner!, ...members]);
  clients.push(...ws);
  const [wsOwner, ...wsMembers] = ws;
  return { groupId, owner: owner!, members, wsOwner: wsOwner!, wsMembers };
}

describe('group read receipts', () => {
  it('a member\'s receipt counts once, tells the sender, and shows in counts and lists; a repeat changes nothing', async () => {
    const g = await receiptGroup(3);
    const [a, b, c] = g.members as [string, string, string];
    const [wsA, wsB] = g.wsMembers as [TestClient, TestClient];
    const asked = wsA.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message' && (f.data as { NeedReadReceipt?: number }).NeedReadReceipt === 1);
    const seq = (await send(g.wsOwner, g.groupId, 'please read', { NeedReadReceipt: 1 })).data!.MsgSeq as number;
    expect((await asked).data).toMatchObject({ MsgSeq: seq, NeedReadReceipt: 1 });
    const plain = (await send(g.wsOwner, g.groupId, 'no receipt')).data!.MsgSeq as number;

    const told = g.wsOwner.event('message.receipt');
    const first = await receipt(wsA, g.groupId, seq, plain);
    expect(first).toMatchObject({ ErrorCode: 0, data: { GroupId: g.groupId } });
    expect(first.data!.GroupMsgReceiptList).toEqual([
      { Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 2 }, { Code: 10062, MsgSeq: plain, ReadNum: 0, UnreadNum: 0 },
    ]);
    expect((await told).data).toEqual({ GroupId: g.groupId, MsgSeq: seq, ReadNum: 1, UnreadNum: 2, Reader_Account: a });

    // The same reader again: the same counts, no second event, no second callback.
    expect((await receipt(wsA, g.groupId, seq)).data!.GroupMsgReceiptList).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 2 }]);
    expect(await counts(g.wsOwner, g.groupId, seq, plain)).toEqual([
      { Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 2 }, { Code: 10062, MsgSeq: plain, ReadNum: 0, UnreadNum: 0 },
    ]);
    expect(await restCounts(g.groupId, seq)).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 2 }]);
    expect((await allPages(g.groupId, seq, 0, 10)).accounts).toEqual([a]);
    expect((await allPages(g.groupId, seq, 1, 10)).accounts).toEqual(sorted([b, c]));
    const read = await g.wsOwner.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 0, Cursor: '', Count: 10 });
    expect(read).toMatchObject({ ErrorCode: 0, data: { IsFinished: 1, MsgSeq: seq, ReadList: [{ Read_Account: a }], Cursor: '' } });
    const unread = await g.wsOwner.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 1 });
    expect(unread.data!.UnreadList).toEqual(sorted([b, c]).map((u) => ({ Unread_Account: u })));

    // Who may see what: the sender and admins everything; a plain member only its own messages.
    expect(await counts(wsB, g.groupId, seq)).toEqual([{ Code: 10007, MsgSeq: seq, ReadNum: 0, UnreadNum: 0 }]);
    expect(await wsB.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: seq })).toMatchObject({ ErrorCode: 10007 });
    await groupRest(stack, 'modify_group_member_info', { GroupId: g.groupId, Member_Account: b, Role: 'Admin' });
    expect(await counts(wsB, g.groupId, seq)).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 2 }]);
    expect(await wsB.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 0 })).toMatchObject({ ErrorCode: 0 });

    // The sender's own message and a message without NeedReadReceipt get their codes; detail refuses the latter.
    expect((await receipt(g.wsOwner, g.groupId, seq)).data!.GroupMsgReceiptList).toEqual([{ Code: 10007, MsgSeq: seq, ReadNum: 0, UnreadNum: 0 }]);
    expect(await g.wsOwner.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: plain })).toMatchObject({ ErrorCode: 10062 });
    expect((await receipt(wsA, g.groupId, 9999)).data!.GroupMsgReceiptList).toEqual([{ Code: 10062, MsgSeq: 9999, ReadNum: 0, UnreadNum: 0 }]);
    expect(g.wsOwner.events.filter((e) => e.event === 'message.receipt')).toHaveLength(1);
    expect(await restCounts(g.groupId, seq)).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 2 }]);

    const callbacks = hooks.requests.filter((r) => r.query.CallbackCommand === 'Group.CallbackAfterReadReceipt' && (r.body as { GroupId?: string }).GroupId === g.groupId);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.query.OptPlatform).toBe('Web');
    expect(callbacks[0]!.body).toEqual({
      CallbackCommand: 'Group.CallbackAfterReadReceipt', GroupId: g.groupId, Type: 'Public',
      GroupMsgReceiptList: [{ MsgSeq: seq, ReadNum: 1, UnreadNum: 2, ReadReceiptMembers: [{ Member_Account: a }] }], EventTime: expect.any(Number),
    });
  });

  it('pages both lists by Cursor, counts members at send time, and keeps readers only as long as the message', async () => {
    const [owner, ...members] = await newUsers(stack, 12, 'rp');
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Work', MemberList: members.map((m) => ({ Member_Account: m })) });
    const sent = await groupRest(stack, 'send_group_msg', { GroupId: groupId, From_Account: owner, Random: 11, MsgBody: textBody('page me'), NeedReadReceipt: 1 });
    const seq = sent.MsgSeq as number;
    const readers = members.slice(0, 5);
    for (const r of readers) expect(await groupRest(stack, 'group_msg_receipt', { GroupId: groupId, From_Account: r, MsgSeqList: seqList(seq) })).toMatchObject({ ErrorCode: 0 });
    // A member who joined after the message is not among its readers, and may not send one.
    const [late] = await newUsers(stack, 1, 'rl');
    await groupRest(stack, 'add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: late }] });
    expect((await groupRest(stack, 'group_msg_receipt', { GroupId: groupId, From_Account: late, MsgSeqList: seqList(seq) })).GroupMsgReceiptList)
      .toEqual([{ Code: 10007, MsgSeq: seq, ReadNum: 0, UnreadNum: 0 }]);

    expect(await restCounts(groupId, seq)).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 5, UnreadNum: 6 }]);
    const readPages = await allPages(groupId, seq, 0, 2);
    expect(readPages.accounts).toEqual(sorted(readers));
    expect(readPages.sizes).toEqual([2, 2, 1]);
    const unreadPages = await allPages(groupId, seq, 1, 4);
    expect(unreadPages.accounts).toEqual(sorted(members.slice(5)));
    expect(unreadPages.sizes).toEqual([4, 2]);

    // The reader items expire with the message (its ttl).
    const table = stack.tableNames[messagesTable.envVar]!;
    const pk = `C#group:${groupId}`;
    const message = (await db.send(new GetCommand({ TableName: table, Key: { pk, sk: `M#${String(seq).padStart(10, '0')}` } }))).Item!;
    const reader = (await db.send(new GetCommand({ TableName: table, Key: { pk, sk: `RR#${String(seq).padStart(10, '0')}#${readers[0]}` } }))).Item!;
    expect(reader).toMatchObject({ userId: readers[0], ttl: message.ttl });
    expect(message).toMatchObject({ readNum: 5, receiptBase: 11 });
  });

  it('never loses a count when 20 members read at once, and counts a reader once however often it repeats', async () => {
    const [owner, ...members] = await newUsers(stack, 21, 'rc');
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: members.map((m) => ({ Member_Account: m })) });
    const seq = (await groupRest(stack, 'send_group_msg', { GroupId: groupId, From_Account: owner, Random: 12, MsgBody: textBody('race'), NeedReadReceipt: 1 })).MsgSeq as number;
    const wsOwner = await connect(stack, owner!);
    clients.push(wsOwner);
    const replies = await Promise.all([...members, members[0]!, members[0]!, members[1]!].map((m) =>
      groupRest(stack, 'group_msg_receipt', { GroupId: groupId, From_Account: m, MsgSeqList: seqList(seq) })));
    expect(replies.every((r) => r.ErrorCode === 0)).toBe(true);
    expect(await restCounts(groupId, seq)).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 20, UnreadNum: 0 }]);
    expect((await allPages(groupId, seq, 0, 200)).accounts).toEqual(sorted(members));
    expect((await allPages(groupId, seq, 1, 200)).accounts).toEqual([]);
    // Each new reader's event, with every count from 1 to 20 exactly once.
    await wsOwner.waitFor((f) => f.event === 'message.receipt' && (f.data as { ReadNum: number }).ReadNum === 20);
    const seen = wsOwner.events.filter((e) => e.event === 'message.receipt').map((e) => e.data.ReadNum as number);
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses outsiders, AVChatRoom and Community, and every limit with its code, changing nothing', async () => {
    const g = await receiptGroup(1);
    const [wsA] = g.wsMembers as [TestClient];
    const seq = (await send(g.wsOwner, g.groupId, 'limits', { NeedReadReceipt: 1 })).data!.MsgSeq as number;
    const [outsider] = await newUsers(stack, 1, 'ro');
    const wsOut = await connect(stack, outsider!);
    clients.push(wsOut);
    expect(await receipt(wsOut, g.groupId, seq)).toMatchObject({ ErrorCode: 10007 });
    expect(await wsOut.request('msg.receipt.get', { GroupId: g.groupId, MsgSeqList: seqList(seq) })).toMatchObject({ ErrorCode: 10007 });
    expect(await wsOut.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: seq })).toMatchObject({ ErrorCode: 10007 });
    expect(await groupRest(stack, 'group_msg_receipt', { GroupId: g.groupId, From_Account: outsider, MsgSeqList: seqList(seq) })).toMatchObject({ ErrorCode: 10007 });

    const many = (n: number) => Array.from({ length: n }, (_, i) => seq + i);
    expect(await receipt(wsA, g.groupId, ...many(31))).toMatchObject({ ErrorCode: 10005 });
    expect(await wsA.request('msg.receipt.get', { GroupId: g.groupId, MsgSeqList: seqList(...many(31)) })).toMatchObject({ ErrorCode: 10005 });
    expect(await wsA.request('msg.receipt.send', { GroupId: g.groupId, MsgSeqList: [] })).toMatchObject({ ErrorCode: 10004 });
    expect(await wsA.request('msg.receipt.send', { GroupId: g.groupId })).toMatchObject({ ErrorCode: 10004 });
    expect(await wsA.request('msg.receipt.send', { GroupId: g.groupId, MsgSeqList: [{ MsgSeq: 0 }] })).toMatchObject({ ErrorCode: 10004 });
    expect(await wsA.request('msg.receipt.send', { GroupId: '', MsgSeqList: seqList(seq) })).toMatchObject({ ErrorCode: 10015 });
    expect(await wsA.request('msg.receipt.send', { GroupId: '@TGS#none', MsgSeqList: seqList(seq) })).toMatchObject({ ErrorCode: 10010 });
    expect(await groupRest(stack, 'group_msg_receipt', { GroupId: g.groupId, From_Account: g.members[0], MsgSeqList: seqList(...many(51)) })).toMatchObject({ ErrorCode: 10005 });
    expect(await groupRest(stack, 'get_group_msg_receipt', { GroupId: g.groupId, MsgSeqList: seqList(...many(51)) })).toMatchObject({ ErrorCode: 10005 });
    expect(await groupRest(stack, 'get_group_msg_receipt', { GroupId: g.groupId, MsgSeqList: [] })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'get_group_msg_receipt_detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 0, Cursor: '', Count: 201 })).toMatchObject({ ErrorCode: 10004 });
    expect(await groupRest(stack, 'get_group_msg_receipt_detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 2, Cursor: '', Count: 10 })).toMatchObject({ ErrorCode: 10004 });
    expect(await wsA.request('msg.receipt.detail', { GroupId: g.groupId, MsgSeq: seq, Count: 201 })).toMatchObject({ ErrorCode: 10004 });
    // Typed SDKs' zero values and nulls mean "not given": the first page of 100.
    expect(await groupRest(stack, 'get_group_msg_receipt_detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 1, Cursor: null, Count: 0 }))
      .toMatchObject({ ErrorCode: 0, IsFinished: 1, UnreadList: [{ Unread_Account: g.members[0] }], Cursor: '' });
    expect(await groupRest(stack, 'group_msg_receipt', { GroupId: g.groupId, From_Account: g.members[0], MsgSeqList: seqList(seq), TopicId: '@TGS#_x@TOPIC#_t' })).toMatchObject({ ErrorCode: 10004 });
    // A targeted message cannot ask for receipts.
    expect(await send(g.wsOwner, g.groupId, 'for a', { To_Account: [g.members[0]], NeedReadReceipt: 1 })).toMatchObject({ ErrorCode: 10004 });
    expect(await restCounts(g.groupId, seq)).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 0, UnreadNum: 1 }]);
    expect(g.wsOwner.events.filter((e) => e.event === 'message.receipt')).toEqual([]);

    for (const Type of ['AVChatRoom', 'Community']) {
      const id = await newGroup(stack, { Type, Owner_Account: g.owner });
      const reply = await g.wsOwner.request('msg.receipt.send', { GroupId: id, MsgSeqList: seqList(1) });
      expect(reply).toMatchObject({ ErrorCode: 10007 });
      expect(reply.ErrorInfo).toMatch(/do not support read receipts/);
      expect(await groupRest(stack, 'get_group_msg_receipt', { GroupId: id, MsgSeqList: seqList(1) })).toMatchObject({ ErrorCode: 10007 });
      expect(await groupRest(stack, 'get_group_msg_receipt_detail', { GroupId: id, MsgSeq: 1, Filter: 1, Cursor: '', Count: 10 })).toMatchObject({ ErrorCode: 10007 });
    }
  });

  it('recalled messages have no receipts left; a message read before its recall answers 10062', async () => {
    const g = await receiptGroup(2);
    const [wsA] = g.wsMembers as [TestClient];
    const seq = (await send(g.wsOwner, g.groupId, 'soon gone', { NeedReadReceipt: 1 })).data!.MsgSeq as number;
    expect((await receipt(wsA, g.groupId, seq)).data!.GroupMsgReceiptList).toEqual([{ Code: 0, MsgSeq: seq, ReadNum: 1, UnreadNum: 1 }]);
    expect(await g.wsOwner.request('msg.recall', { GroupId: g.groupId, MsgSeq: seq })).toMatchObject({ ErrorCode: 0 });
    expect(await restCounts(g.groupId, seq)).toEqual([{ Code: 10062, MsgSeq: seq, ReadNum: 0, UnreadNum: 0 }]);
    expect(await groupRest(stack, 'get_group_msg_receipt_detail', { GroupId: g.groupId, MsgSeq: seq, Filter: 0, Cursor: '', Count: 10 })).toMatchObject({ ErrorCode: 10062 });
  });
});

describe('C2C read receipts', () => {
  async function pair() {
    const [a, b] = await newUsers(stack, 2, 'rk');
    const [wsA, wsB] = await connectAll(stack, [a!, b!]);
    clients.push(wsA!, wsB!);
    return { a: a!, b: b!, wsA: wsA!, wsB: wsB! };
  }
  const c2c = async (ws: TestClient, to: string, t: string, extra: Record<string, unknown> = {}) =>
    (await ws.request('c2c.send', { To_Account: to, MsgBody: textBody(t), MsgRandom: Math.floor(Math.random() * 2 ** 31), ...extra })).data as { MsgSeq: number; MsgKey: string };

  it('msg.receipt.send marks read up to the newest key; the sender gets c2c.receipt and sees IsPeerRead', async () => {
    const { a, b, wsA, wsB } = await pair();
    const first = await c2c(wsA, b, 'one', { IsNeedReadReceipt: 1 });
    const second = await c2c(wsA, b, 'two', { IsNeedReadReceipt: 1 });
    const third = await c2c(wsA, b, 'three');
    expect((await wsA.request('msg.receipt.get', { Peer_Account: b, MsgKeyList: [first.MsgKey, second.MsgKey] })).data!.C2CMsgReceiptList).toEqual([
      { MsgKey: first.MsgKey, Code: 0, IsPeerRead: 0 }, { MsgKey: second.MsgKey, Code: 0, IsPeerRead: 0 },
    ]);
    const told = wsA.event('c2c.receipt');
    const reply = await wsB.request('msg.receipt.send', { Peer_Account: a, MsgKeyList: [first.MsgKey, second.MsgKey] });
    expect(reply).toMatchObject({ ErrorCode: 0, data: { Peer_Account: a, MsgSeq: second.MsgSeq, UnreadNum: 1 } });
    expect((await told).data).toMatchObject({ Peer_Account: b, MsgSeq: second.MsgSeq });
    expect((await wsA.request('msg.receipt.get', { Peer_Account: b, MsgKeyList: [first.MsgKey, second.MsgKey, third.MsgKey, '1_2_3'] })).data!.C2CMsgReceiptList).toEqual([
      { MsgKey: first.MsgKey, Code: 0, IsPeerRead: 1 }, { MsgKey: second.MsgKey, Code: 0, IsPeerRead: 1 },
      { MsgKey: third.MsgKey, Code: 0, IsPeerRead: 0 }, { MsgKey: '1_2_3', Code: 20026, IsPeerRead: 0 },
    ]);
    const history = (await wsA.request('history.c2c', { Peer_Account: b })).data!.Messages as Array<{ MsgSeq: number; IsPeerRead: number }>;
    expect(history.map((m) => m.IsPeerRead)).toEqual([1, 1, 0]);

    // Keys that name none of the peer's messages, bad keys and too many keys: refused, nothing read.
    expect(await wsB.request('msg.receipt.send', { Peer_Account: a, MsgKeyList: ['1_2_3'] })).toMatchObject({ ErrorCode: 20026 });
    expect(await wsA.request('msg.receipt.send', { Peer_Account: b, MsgKeyList: [third.MsgKey] })).toMatchObject({ ErrorCode: 20026 });
    expect(await wsB.request('msg.receipt.send', { Peer_Account: a, MsgKeyList: ['nope'] })).toMatchObject({ ErrorCode: 90054 });
    expect(await wsB.request('msg.receipt.send', { Peer_Account: a, MsgKeyList: Array.from({ length: 31 }, (_, i) => `${i + 1}_1_1`) })).toMatchObject({ ErrorCode: 90001 });
    expect(await wsB.request('msg.receipt.send', { Peer_Account: a, MsgKeyList: [] })).toMatchObject({ ErrorCode: 90001 });
    expect(await wsA.request('msg.receipt.get', { Peer_Account: b, MsgKeyList: Array.from({ length: 31 }, (_, i) => `${i + 1}_1_1`) })).toMatchObject({ ErrorCode: 90001 });
    expect(await wsA.request('msg.receipt.get', { Peer_Account: b, MsgKeyList: ['nope'] })).toMatchObject({ ErrorCode: 90054 });
    expect(await wsB.request('msg.receipt.send', { MsgKeyList: [third.MsgKey] })).toMatchObject({ ErrorCode: 90001 });
    expect(wsA.events.filter((e) => e.event === 'c2c.receipt')).toHaveLength(1);
    expect((await wsA.request('history.c2c', { Peer_Account: b })).data!.Messages).toMatchObject([{ IsPeerRead: 1 }, { IsPeerRead: 1 }, { IsPeerRead: 0 }]);
  });

  it('openim/c2c_msg_read_receipt: the peer gets c2c.receipt and admin_getroammsg answers IsPeerRead 1', async () => {
    const { a, b, wsA } = await pair();
    const sent = await c2c(wsA, b, 'read me', { IsNeedReadReceipt: 1 });
    const told = wsA.event('c2c.receipt');
    const body = { Operator_Account: b, Peer_Account: a, C2CMsgInfo: [{ From_Account: a, To_Account: b, MsgKey: sent.MsgKey }] };
    expect(await rest(stack, 'openim/c2c_msg_read_receipt', body)).toMatchObject({ ErrorCode: 0, ActionStatus: 'OK' });
    expect((await told).data).toMatchObject({ Peer_Account: b, MsgSeq: sent.MsgSeq });
    const now = Math.floor(Date.now() / 1000);
    const roam = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: a, Peer_Account: b, MaxCnt: 10, MinTime: now - 600, MaxTime: now + 600 });
    expect(roam.MsgList).toMatchObject([{ MsgKey: sent.MsgKey, IsPeerRead: 1 }]);

    expect(await rest(stack, 'openim/c2c_msg_read_receipt', { ...body, C2CMsgInfo: [{ From_Account: b, To_Account: a, MsgKey: sent.MsgKey }] })).toMatchObject({ ErrorCode: 90001 });
    expect(await rest(stack, 'openim/c2c_msg_read_receipt', { ...body, C2CMsgInfo: [] })).toMatchObject({ ErrorCode: 90001 });
    expect(await rest(stack, 'openim/c2c_msg_read_receipt', { ...body, C2CMsgInfo: Array.from({ length: 51 }, () => body.C2CMsgInfo[0]) })).toMatchObject({ ErrorCode: 90001 });
    expect(await rest(stack, 'openim/c2c_msg_read_receipt', { ...body, Peer_Account: 'nobody-here', C2CMsgInfo: [{ From_Account: 'nobody-here', To_Account: b, MsgKey: sent.MsgKey }] })).toMatchObject({ ErrorCode: 70107 });
    expect(await rest(stack, 'openim/c2c_msg_read_receipt', { ...body, C2CMsgInfo: [{ ...body.C2CMsgInfo[0], MsgKey: '9_9_9' }] })).toMatchObject({ ErrorCode: 20026 });
    expect(wsA.events.filter((e) => e.event === 'c2c.receipt')).toHaveLength(1);
  });
});

describe('read receipts in the client SDK', () => {
  it('sendMessageReadReceipt, getMessageReadReceiptList, getGroupMessageReadMemberList and the typed events', async () => {
    const [owner, member] = await newUsers(stack, 2, 'rs');
    const GroupId = await newGroup(stack, { Type: 'Public', Owner_Account: owner, MemberList: [{ Member_Account: member }] });
    const ims = [owner!, member!].map(() => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId }));
    try {
      const [imOwner, imMember] = ims as [ImClient, ImClient];
      await imOwner.login(owner!, officialUserSig(owner!));
      await imMember.login(member!, officialUserSig(member!));
      const received = new Promise<ImMessage>((resolve) => imMember.on('message', (m) => { if (m.ConversationID === `GROUP${GroupId}` && m.IsNeedReadReceipt === 1) resolve(m); }));
      const sent = await imOwner.sendGroup(GroupId, textBody('sdk'), { NeedReadReceipt: 1 });
      expect(sent.message).toMatchObject({ IsNeedReadReceipt: 1 });
      const message = await received;
      expect(message).toMatchObject({ MsgSeq: sent.MsgSeq, IsNeedReadReceipt: 1 });

      const told = new Promise<{ ReadNum: number; Reader_Account: string }>((resolve) => imOwner.on('message.receipt', (r) => resolve(r)));
      expect(await imMember.sendMessageReadReceipt([message])).toMatchObject({ GroupMsgReceiptList: [{ Code: 0, MsgSeq: sent.MsgSeq, ReadNum: 1, UnreadNum: 0 }] });
      expect(await told).toMatchObject({ ReadNum: 1, Reader_Account: member });
      expect(await imOwner.getMessageReadReceiptList([sent.message!])).toEqual([
        { ConversationID: `GROUP${GroupId}`, MsgSeq: sent.MsgSeq, Code: 0, ReadNum: 1, UnreadNum: 0 },
      ]);
      expect(await imOwner.getGroupMessageReadMemberList({ message: sent.message! })).toMatchObject({ IsFinished: 1, ReadList: [{ Read_Account: member }] });
      expect(await imOwner.getGroupMessageReadMemberList({ message: sent.message!, filter: 1 })).toMatchObject({ IsFinished: 1, UnreadList: [] });

      const c2cIn = new Promise<ImMessage>((resolve) => imMember.on('message', (m) => { if (m.ConversationID === `C2C${owner}`) resolve(m); }));
      const direct = await imOwner.sendC2C(member!, textBody('dm'), { IsNeedReadReceipt: 1 });
      const peerRead = new Promise<{ Peer_Account: string }>((resolve) => imOwner.on('c2c.receipt', (r) => resolve(r)));
      expect(await imMember.sendMessageReadReceipt([await c2cIn])).toMatchObject({ Peer_Account: owner, MsgSeq: direct.MsgSeq });
      expect((await peerRead).Peer_Account).toBe(member);
      expect(await imOwner.getMessageReadReceiptList([direct.message!])).toEqual([
        { ConversationID: `C2C${member}`, MsgSeq: direct.MsgSeq, MsgKey: direct.MsgKey, Code: 0, IsPeerRead: 1 },
      ]);
      await expect(imOwner.sendMessageReadReceipt([direct.message!, sent.message!])).rejects.toThrow(/one conversation/);
    } finally {
      ims.forEach((im) => im.close());
    }
  });
});
