import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, sleep, textBody } from '../support/groupmsg.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** Group messages (issue 7): history, recall and delete, tips with SEQ, conversations and unread, import, system notifications. */
let stack: LocalStack;
let hooks: WebhookReceiver;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  stack = await startTestStack({
    multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, dirtyWords: ['badword'], groupMessages: { recallLimitSeconds: 1 },
    webhook: { url: hooks.url, commands: ['Group.CallbackBeforeSendMsg', 'Group.CallbackAfterSendMsg', 'Group.CallbackAfterRecallMsg'], timeoutMs: 2000, failClosed: false },
  });
});
afterAll(async () => { await stack?.stop(); await hooks?.close(); });

const text = textBody;
const { nextRandom, send, nextMsgSeq, history, publicGroup } = groupMessageHelpers(() => stack);

describe('history', () => {
  it('group_msg_get_simple and history.group: newest first from ReqMsgSeq, at most 20, IsPlaceMsg 2 for recalled and 1 for deleted', async () => {
    const g = await publicGroup();
    for (let i = 1; i <= 5; i++) await send(i % 2 ? g.wsA : g.wsB, g.groupId, `h${i}`);
    expect((await g.wsA.request('msg.recall', { GroupId: g.groupId, MsgSeq: 1 })).ErrorCode).toBe(10032);
    expect((await g.wsA.request('msg.recall', { GroupId: g.groupId, MsgSeq: 3 })).ErrorCode).toBe(10007);
    expect((await g.wsOwner.request('msg.recall', { GroupId: g.groupId, MsgSeq: 2 })).ErrorCode).toBe(0);
    expect((await g.wsOwner.request('msg.recall', { GroupId: g.groupId, MsgSeq: 2 })).ErrorCode).toBe(10032);
    expect((await g.wsA.request('msg.recall', { GroupId: g.groupId, MsgSeq: 99 })).ErrorCode).toBe(10030);
    const recalledEvent = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'msg.recalled');
    expect(recalledEvent.data).toEqual({ GroupId: g.groupId, MsgSeq: 2 });
    expect((await groupRest(stack, 'delete_group_msg_by_sender', { GroupId: g.groupId, Sender_Account: g.b })).ErrorCode).toBe(0);
    const page = await history(g.groupId, { ReqMsgNumber: 3 });
    expect(page).toMatchObject({ GroupId: g.groupId, IsFinished: 0 });
    expect((page.RspMsgList as Array<Record<string, unknown>>).map((m) => [m.MsgSeq, m.IsPlaceMsg])).toEqual([[6, 0], [5, 1], [4, 0]]);
    expect((page.RspMsgList as Array<Record<string, unknown>>)[0]).toMatchObject({ From_Account: g.a, MsgBody: text('h5'), MsgPriority: 2 });
    const ws = await g.wsOwner.request('history.group', { GroupId: g.groupId, ReqMsgSeq: 3, ReqMsgNumber: 20 });
    expect(ws.data).toMatchObject({ IsFinished: 1 });
    expect((ws.data!.RspMsgList as Array<Record<string, unknown>>).map((m) => [m.MsgSeq, m.IsPlaceMsg, (m.MsgBody as unknown[]).length])).toEqual([[3, 1, 0], [2, 2, 0], [1, 0, 1]]);
    expect((await history(g.groupId, { ReqMsgNumber: 21 })).ErrorCode).toBe(10004);
    const [outsider] = await newUsers(stack, 1);
    const wsOut = await connect(stack, outsider!);
    expect((await wsOut.request('history.group', { GroupId: g.groupId })).ErrorCode).toBe(10007);
    await wsOut.close();
    await g.close();
  });

  it('members see messages from before they joined only where the type allows it (Community yes, Public no)', async () => {
    for (const [type, visible] of [['Public', false], ['Community', true]] as const) {
      const users = await newUsers(stack, 2, 'p');
      const groupId = await newGroup(stack, { Owner_Account: users[0], Type: type });
      await groupRest(stack, 'send_group_msg', { GroupId: groupId, Random: nextRandom(), MsgBody: text('early') });
      await groupRest(stack, 'add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: users[1] }] });
      await groupRest(stack, 'send_group_msg', { GroupId: groupId, Random: nextRandom(), MsgBody: text('late') });
      const ws = await connect(stack, users[1]!);
      const page = await ws.request('history.group', { GroupId: groupId });
      const bodies = (page.data!.RspMsgList as Array<{ MsgBody: Array<{ MsgType: string; MsgContent: { Text?: string } }> }>)
        .filter((m) => m.MsgBody[0]?.MsgType === 'TIMTextElem').map((m) => m.MsgBody[0]!.MsgContent.Text);
      expect(bodies).toEqual(visible ? ['late', 'early'] : ['late']);
      expect(page.data!.IsFinished).toBe(1);
      await ws.close();
    }
  });

  it('stored tips take a SEQ and appear in history as system messages; pushed-only tips do not', async () => {
    const g = await publicGroup();
    await send(g.wsA, g.groupId, 'before tip');
    await groupRest(stack, 'modify_group_base_info', { GroupId: g.groupId, Name: 'renamed' });
    const tip = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.tip');
    expect(tip.data).toMatchObject({ TipType: 'GroupInfoChanged', MsgSeq: 3 });
    const after = await send(g.wsA, g.groupId, 'after tip');
    expect(after.data!.MsgSeq).toBe(4);
    const page = await history(g.groupId);
    const items = page.RspMsgList as Array<Record<string, unknown>>;
    expect(items[1]).toMatchObject({ MsgSeq: 3, IsSystemMsg: 1, IsPlaceMsg: 0, MsgBody: [{ MsgType: 'TIMGroupTipElem', MsgContent: { TipType: 'GroupInfoChanged', Name: 'renamed' } }] });
    // Meeting: member changes are not tipped at all; no SEQ is taken.
    const users = await newUsers(stack, 2, 't');
    const meeting = await newGroup(stack, { Owner_Account: users[0], Type: 'Meeting' });
    await groupRest(stack, 'add_group_member', { GroupId: meeting, MemberList: [{ Member_Account: users[1] }] });
    expect(await nextMsgSeq(meeting)).toBe(1);
    await g.close();
  });

  it('AVChatRoom: messages are delivered, never stored, take no SEQ; history answers 10007', async () => {
    const users = await newUsers(stack, 3, 'av');
    const groupId = await newGroup(stack, { Owner_Account: users[0], Type: 'AVChatRoom' });
    const sockets = await connectAll(stack, users);
    for (const ws of sockets.slice(1)) expect((await ws.request('group.join', { GroupId: groupId })).ErrorCode).toBe(0);
    const reply = await send(sockets[1]!, groupId, 'live');
    expect(reply).toMatchObject({ ErrorCode: 0, data: { MsgSeq: 0 } });
    const ev = await sockets[2]!.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message');
    expect(ev.data).toMatchObject({ GroupId: groupId, From_Account: users[1], MsgBody: text('live') });
    expect(await nextMsgSeq(groupId)).toBe(1);
    expect((await history(groupId)).ErrorCode).toBe(10007);
    expect((await groupRest(stack, 'get_online_member_num', { GroupId: groupId })).OnlineMemberNum).toBe(3);
    await Promise.all(sockets.map((s) => s.close()));
  });
});

describe('conversations and unread', () => {
  it('group conversations are listed with unread = last seq − read seq; msg.read with GroupId; set_unread_msg_num; NoUnread and NoLastMsg', async () => {
    const g = await publicGroup();
    for (let i = 1; i <= 3; i++) await send(g.wsA, g.groupId, `u${i}`);
    const list = async (ws: TestClient) => ((await ws.request('conversation.list', {})).data!.Conversations as Array<Record<string, unknown>>)
      .find((c) => c.GroupId === g.groupId)!;
    // Seq 1 is the creation's stored tip; it counts as unread like any stored message.
    expect(await list(g.wsB)).toMatchObject({ Type: 'Group', GroupId: g.groupId, LastMsgSeq: 4, ReadMsgSeq: 0, UnreadNum: 4, LastMsg: { MsgSeq: 4, MsgBody: text('u3') } });
    expect((await g.wsB.request('msg.read', { GroupId: g.groupId, MsgSeq: 3 })).data).toEqual({ UnreadNum: 1 });
    expect(await list(g.wsB)).toMatchObject({ ReadMsgSeq: 3, UnreadNum: 1 });
    expect((await g.wsB.request('msg.read', { GroupId: g.groupId, MsgSeq: 1 })).data).toEqual({ UnreadNum: 1 });
    expect((await groupRest(stack, 'set_unread_msg_num', { GroupId: g.groupId, Member_Account: g.b, UnreadMsgNum: 3 })).ErrorCode).toBe(0);
    expect(await list(g.wsB)).toMatchObject({ UnreadNum: 3 });
    expect((await groupRest(stack, 'set_unread_msg_num', { GroupId: g.groupId, Member_Account: g.b, UnreadMsgNum: 5 })).ErrorCode).toBe(10004);
    await send(g.wsA, g.groupId, 'quiet', { SendMsgControl: ['NoUnread', 'NoLastMsg'] });
    expect(await list(g.wsB)).toMatchObject({ LastMsgSeq: 5, UnreadNum: 3, LastMsg: { MsgSeq: 4 } });
    expect((await g.wsB.request('msg.read', { GroupId: g.groupId, MsgSeq: 99 })).data).toEqual({ UnreadNum: 0 });
    await g.close();
  });
});

describe('recall over REST, import, system notifications', () => {
  it('group_msg_recall: at most 10 seqs, RecallRetList per seq, no time limit for the admin; members recall their own within the limit (10031 after); Group.CallbackAfterRecallMsg', async () => {
    const g = await publicGroup();
    const s1 = (await send(g.wsA, g.groupId, 'r1')).data!.MsgSeq as number;
    const s2 = (await send(g.wsB, g.groupId, 'r2')).data!.MsgSeq as number;
    const s3 = (await send(g.wsB, g.groupId, 'r3')).data!.MsgSeq as number;
    expect((await g.wsB.request('msg.recall', { GroupId: g.groupId, MsgSeq: s3 })).ErrorCode).toBe(0);
    await sleep(2100);
    expect((await g.wsA.request('msg.recall', { GroupId: g.groupId, MsgSeq: s1 })).ErrorCode).toBe(10031);
    expect((await g.wsOwner.request('msg.recall', { GroupId: g.groupId, MsgSeq: s1 })).ErrorCode).toBe(0);
    const reply = await groupRest(stack, 'group_msg_recall', { GroupId: g.groupId, MsgSeqList: [{ MsgSeq: s1 }, { MsgSeq: s2 }, { MsgSeq: 999 }] });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(reply.RecallRetList).toEqual([{ MsgSeq: s1, RetCode: 10032 }, { MsgSeq: s2, RetCode: 0 }, { MsgSeq: 999, RetCode: 10030 }]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ MsgSeq: i + 1 }));
    expect((await groupRest(stack, 'group_msg_recall', { GroupId: g.groupId, MsgSeqList: eleven })).ErrorCode).toBe(10005);
    await sleep(300);
    const recalls = hooks.requests.filter((r) => r.query.CallbackCommand === 'Group.CallbackAfterRecallMsg' && (r.body as { GroupId: string }).GroupId === g.groupId);
    expect(recalls.map((r) => (r.body as { MsgSeqList: unknown }).MsgSeqList)).toEqual([[{ MsgSeq: s3 }], [{ MsgSeq: s1 }], [{ MsgSeq: s2 }]]);
    await g.close();
  });

  it('import_group_msg: at most 7, ascending times after the group\'s creation; each takes a SEQ and keeps its time; per-message Result', async () => {
    const users = await newUsers(stack, 2, 'i');
    const created = Math.floor(Date.now() / 1000) - 3600;
    const imported = await groupRest(stack, 'import_group', { Owner_Account: users[0], Type: 'Public', Name: 'old', CreateTime: created });
    const groupId = imported.GroupId as string;
    const msg = (t: number, body = text(`at ${t}`)) => ({ From_Account: users[1], SendTime: t, Random: t, MsgBody: body });
    const reply = await groupRest(stack, 'import_group_msg', {
      GroupId: groupId, MsgList: [msg(created - 10), msg(created + 10), msg(created + 20, text('x'.repeat(12 * 1024))), msg(created + 30)],
    });
    expect(reply.ImportMsgResult).toEqual([
      { Result: 10004, MsgTime: created - 10, MsgSeq: 0 }, { Result: 0, MsgTime: created + 10, MsgSeq: 1 },
      { Result: 80002, MsgTime: created + 20, MsgSeq: 0 }, { Result: 0, MsgTime: created + 30, MsgSeq: 2 },
    ]);
    expect((await groupRest(stack, 'import_group_msg', { GroupId: groupId, MsgList: [msg(created + 50), msg(created + 40)] })).ErrorCode).toBe(10004);
    expect((await groupRest(stack, 'import_group_msg', { GroupId: groupId, MsgList: Array.from({ length: 8 }, (_, i) => msg(created + i)) })).ErrorCode).toBe(10005);
    const page = await history(groupId);
    expect((page.RspMsgList as Array<Record<string, unknown>>).map((m) => [m.MsgSeq, m.MsgTimeStamp, m.From_Account])).toEqual([[2, created + 30, users[1]], [1, created + 10, users[1]]]);
  });

  it('send_group_system_notification: online members only (all or those named), never stored, no SEQ', async () => {
    const g = await publicGroup();
    const before = await nextMsgSeq(g.groupId);
    expect((await groupRest(stack, 'send_group_system_notification', { GroupId: g.groupId, Content: 'maintenance' })).ErrorCode).toBe(0);
    for (const ws of [g.wsOwner, g.wsA, g.wsB]) {
      const ev = await ws.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.system' && (f.data as { Type: string }).Type === 'Notification');
      expect(ev.data).toMatchObject({ GroupId: g.groupId, Type: 'Notification', Content: 'maintenance' });
    }
    expect((await groupRest(stack, 'send_group_system_notification', { GroupId: g.groupId, Content: 'only a', ToMembers_Account: [g.a] })).ErrorCode).toBe(0);
    await g.wsA.waitFor((f) => f.event === 'group.system' && (f.data as { Content: string }).Content === 'only a');
    await sleep(150);
    expect(g.wsB.events.filter((e) => e.data.Content === 'only a')).toHaveLength(0);
    expect(await nextMsgSeq(g.groupId)).toBe(before);
    expect((await groupRest(stack, 'send_group_system_notification', { GroupId: g.groupId })).ErrorCode).toBe(10004);
    expect((await groupRest(stack, 'send_group_system_notification', { GroupId: '@TGS#gone', Content: 'x' })).ErrorCode).toBe(10010);
    await g.close();
  });
});

describe('the fan-out worker (groupfanout Lambda)', () => {
  it('posts an SQS batch of jobs, combining the messages for one connection into one group.messages frame', async () => {
    const { fanOutConsumer } = await import('../../functions/groupmsg/fan-out-worker.js');
    const { encodeFanOutJob } = await import('../../functions/groupmsg/fan-out-queue.js');
    const { allServicesFromEnv } = await import('../support/all-services.js');
    const services = allServicesFromEnv(process.env, stack.config);
    const g = await publicGroup();
    const connections = (await services.groupMessages.online(g.groupId)).filter((c) => c.userId === g.b);
    expect(connections).toHaveLength(1);
    const job = (n: number) => encodeFanOutJob({ groupId: g.groupId, groupType: 'AVChatRoom', data: { GroupId: g.groupId, MsgRandom: n, MsgBody: text(`w${n}`) }, connections });
    const consume = fanOutConsumer(async () => ({ services, config: stack.config }));
    const record = (body: string, i: number) => ({ messageId: `m${i}`, body }) as never;
    expect(await consume({ Records: [job(1), job(2), '{"not":"a job"}'].map(record) })).toEqual({ batchItemFailures: [] });
    const frame = await g.wsB.waitFor<{ data: { Messages: Array<{ MsgRandom: number }> } }>((f) => f.event === 'group.messages');
    expect(frame.data.Messages.map((m) => m.MsgRandom)).toEqual([1, 2]);
    await g.close();
  });
});
