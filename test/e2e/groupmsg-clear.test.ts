import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import type { TestClient } from '../support/ws-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, textBody } from '../support/groupmsg.js';

/** `clear_group_msg`: history up to a seq is gone for everyone, unread follows, SEQ keeps counting; errors change nothing. */
let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const { send, nextMsgSeq, history, publicGroup } = groupMessageHelpers(() => stack);
const clear = (body: Record<string, unknown>) => groupRest(stack, 'clear_group_msg', body);
const seqsOf = (page: Record<string, unknown>) => (page.RspMsgList as Array<{ MsgSeq: number }>).map((m) => m.MsgSeq);
const conversation = async (ws: TestClient, groupId: string) =>
  ((await ws.request('conversation.list', {})).data!.Conversations as Array<Record<string, unknown>>).find((c) => c.GroupId === groupId)!;

describe('clear_group_msg', () => {
  it('clears up to MsgSeq: history, recall and unread skip the cleared messages; new messages keep increasing SEQ', async () => {
    const g = await publicGroup();
    // Seq 1 is the creation tip; 2-5 are messages.
    for (let i = 2; i <= 5; i++) await send(g.wsA, g.groupId, `m${i}`);
    expect((await g.wsA.request('msg.read', { GroupId: g.groupId, MsgSeq: 5 })).data).toEqual({ UnreadNum: 0 });
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ UnreadNum: 5 });

    expect(await clear({ GroupId: g.groupId, MsgSeq: 3 })).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });

    const page = await history(g.groupId);
    expect(seqsOf(page)).toEqual([5, 4]);
    expect(page.IsFinished).toBe(1);
    expect((page.RspMsgList as Array<Record<string, unknown>>)[1]).toMatchObject({ MsgSeq: 4, IsPlaceMsg: 0, MsgBody: textBody('m4') });
    const below = await history(g.groupId, { ReqMsgSeq: 3 });
    expect([seqsOf(below), below.IsFinished]).toEqual([[], 1]);
    const wsPage = (await g.wsB.request('history.group', { GroupId: g.groupId })).data!;
    expect([seqsOf(wsPage), wsPage.IsFinished]).toEqual([[5, 4], 1]);

    // B had read nothing: only the two kept messages are unread. A had read everything: still nothing.
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ LastMsgSeq: 5, UnreadNum: 2 });
    expect(await conversation(g.wsA, g.groupId)).toMatchObject({ UnreadNum: 0 });
    expect((await groupRest(stack, 'set_unread_msg_num', { GroupId: g.groupId, Member_Account: g.b, UnreadMsgNum: 3 })).ErrorCode).toBe(10004);

    const recall = await groupRest(stack, 'group_msg_recall', { GroupId: g.groupId, MsgSeqList: [{ MsgSeq: 2 }, { MsgSeq: 4 }] });
    expect(recall.RecallRetList).toEqual([{ MsgSeq: 2, RetCode: 10030 }, { MsgSeq: 4, RetCode: 0 }]);

    expect((await send(g.wsA, g.groupId, 'after')).data!.MsgSeq).toBe(6);
    expect(await nextMsgSeq(g.groupId)).toBe(7);
    expect(seqsOf(await history(g.groupId))).toEqual([6, 5, 4]);
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ LastMsgSeq: 6, UnreadNum: 3, LastMsg: { MsgSeq: 6 } });
    expect((await g.wsB.request('msg.read', { GroupId: g.groupId, MsgSeq: 5 })).data).toEqual({ UnreadNum: 1 });
    await g.close();
  });

  it('without MsgSeq (or 0) clears everything up to the newest, NoUnread messages included; the conversation keeps no LastMsg', async () => {
    const g = await publicGroup();
    await send(g.wsA, g.groupId, 'one');
    await send(g.wsA, g.groupId, 'quiet', { SendMsgControl: ['NoUnread'] });
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ LastMsgSeq: 3, UnreadNum: 2 });

    expect((await clear({ GroupId: g.groupId })).ErrorCode).toBe(0);
    expect(seqsOf(await history(g.groupId))).toEqual([]);
    const cleared = await conversation(g.wsB, g.groupId);
    expect(cleared).toMatchObject({ LastMsgSeq: 3, UnreadNum: 0 });
    expect(cleared.LastMsg).toBeUndefined();

    await send(g.wsA, g.groupId, 'fresh');
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ LastMsgSeq: 4, UnreadNum: 1, LastMsg: { MsgSeq: 4, MsgBody: textBody('fresh') } });
    expect((await clear({ GroupId: g.groupId, MsgSeq: 0 })).ErrorCode).toBe(0);
    expect(seqsOf(await history(g.groupId))).toEqual([]);
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ UnreadNum: 0 });
    expect((await send(g.wsB, g.groupId, 'again')).data!.MsgSeq).toBe(5);
    await g.close();
  });

  it('errors change nothing: unknown group 10010, bad parameters 10004, AVChatRoom 10007; an older MsgSeq does not move the mark back', async () => {
    const g = await publicGroup();
    for (let i = 2; i <= 4; i++) await send(g.wsA, g.groupId, `e${i}`);
    expect((await clear({ GroupId: g.groupId, MsgSeq: 2 })).ErrorCode).toBe(0);
    const before = seqsOf(await history(g.groupId));
    expect(before).toEqual([4, 3]);

    expect((await clear({ GroupId: 'no-such-group', MsgSeq: 3 })).ErrorCode).toBe(10010);
    expect((await clear({ GroupId: g.groupId, MsgSeq: -1 })).ErrorCode).toBe(10004);
    expect((await clear({ GroupId: g.groupId, MsgSeq: '4' })).ErrorCode).toBe(10004);
    expect((await clear({ GroupId: g.groupId, MsgSeq: 4, TopicId: 'topic' })).ErrorCode).toBe(10004);
    expect((await clear({ MsgSeq: 4 })).ErrorCode).toBe(10004);
    expect((await clear({ GroupId: g.groupId, MsgSeq: 1 })).ErrorCode).toBe(0);

    expect(seqsOf(await history(g.groupId))).toEqual(before);
    expect(await conversation(g.wsB, g.groupId)).toMatchObject({ UnreadNum: 2 });
    expect(await nextMsgSeq(g.groupId)).toBe(5);

    const [owner] = await newUsers(stack, 1, 'av');
    const room = await newGroup(stack, { Owner_Account: owner, Type: 'AVChatRoom' });
    expect((await clear({ GroupId: room })).ErrorCode).toBe(10007);
    await g.close();
  });
});
