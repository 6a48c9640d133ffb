import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, sleep, textBody } from '../support/groupmsg.js';
import { startWebhookReceiver, OK_REPLY, type WebhookReceiver } from '../support/webhook-receiver.js';

/** Group messages (issue 7): SEQ, sending, storage, delivery through the online index, dedupe, webhooks. */
let stack: LocalStack;
let hooks: WebhookReceiver;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  stack = await startTestStack({
    multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, dirtyWords: ['badword'],
    webhook: { url: hooks.url, commands: ['Group.CallbackBeforeSendMsg', 'Group.CallbackAfterSendMsg', 'Group.CallbackAfterRecallMsg'], timeoutMs: 2000, failClosed: false },
  });
});
afterAll(async () => { await stack?.stop(); await hooks?.close(); });

const text = textBody;
const { nextRandom, send, nextMsgSeq, history, publicGroup } = groupMessageHelpers(() => stack);

describe('group.send and send_group_msg', () => {
  it('SEQ starts at 1 and rises by one per stored message; NextMsgSeq follows; online members get group.message with Nick/NameCard', async () => {
    const g = await publicGroup();
    const empty = await newGroup(stack, { Owner_Account: g.owner, Type: 'Public' });
    expect(await nextMsgSeq(empty)).toBe(1);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: empty, Random: 1, MsgBody: text('first') })).MsgSeq).toBe(1);
    expect(await nextMsgSeq(empty)).toBe(2);
    // The creation's MemberInvited tip is stored: it took SEQ 1 of this group.
    expect(await nextMsgSeq(g.groupId)).toBe(2);
    await groupRest(stack, 'modify_group_member_info', { GroupId: g.groupId, Member_Account: g.a, NameCard: 'Card A' });
    const first = await send(g.wsA, g.groupId, 'hello', { CloudCustomData: 'ccd' });
    expect(first.ErrorCode).toBe(0);
    expect(first.data).toMatchObject({ MsgSeq: 2 });
    expect(typeof first.data!.MsgTime).toBe('number');
    const second = await send(g.wsB, g.groupId, 'second');
    expect(second.data!.MsgSeq).toBe(3);
    expect(await nextMsgSeq(g.groupId)).toBe(4);
    const atB = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message' && (f.data as { MsgSeq: number }).MsgSeq === 2);
    expect(atB.data).toMatchObject({
      GroupId: g.groupId, From_Account: g.a, MsgSeq: 2, MsgBody: text('hello'), CloudCustomData: 'ccd', NameCard: 'Card A', Nick: `nick-${g.a}`, MsgPriority: 'Normal',
    });
    await g.wsOwner.waitFor((f) => f.event === 'group.message' && (f.data as { MsgSeq: number }).MsgSeq === 3);
    // The sending connection gets the reply, not the event.
    await sleep(100);
    expect(g.wsA.events.filter((e) => e.event === 'group.message' && e.data.MsgSeq === 2)).toHaveLength(0);
    await g.close();
  });

  it('the sender\'s other devices get the message; a member with MsgFlag Discard gets nothing', async () => {
    const g = await publicGroup();
    const aPhone = await connect(stack, g.a, { platform: 'Android' });
    await groupRest(stack, 'modify_group_member_info', { GroupId: g.groupId, Member_Account: g.b, MsgFlag: 'Discard' });
    await send(g.wsA, g.groupId, 'to all');
    await aPhone.waitFor((f) => f.event === 'group.message');
    await g.wsOwner.waitFor((f) => f.event === 'group.message');
    await sleep(150);
    expect(g.wsB.events.filter((e) => e.event === 'group.message')).toHaveLength(0);
    await aPhone.close();
    await g.close();
  });

  it('members who connect later and members who join while online are reached; those who quit are not (online index)', async () => {
    const g = await publicGroup();
    const [late] = await newUsers(stack, 1);
    const wsLate = await connect(stack, late!);
    await groupRest(stack, 'add_group_member', { GroupId: g.groupId, MemberList: [{ Member_Account: late }] });
    await g.wsB.close();
    const wsB2 = await connect(stack, g.b);
    await send(g.wsA, g.groupId, 'after changes');
    await wsLate.waitFor((f) => f.event === 'group.message');
    await wsB2.waitFor((f) => f.event === 'group.message');
    expect((await wsLate.request('group.quit', { GroupId: g.groupId })).ErrorCode).toBe(0);
    const seen = wsLate.events.filter((e) => e.event === 'group.message').length;
    await send(g.wsA, g.groupId, 'after quit');
    await wsB2.waitFor((f) => f.event === 'group.message' && (f.data as { MsgBody: unknown }).MsgBody !== undefined && JSON.stringify(f.data).includes('after quit'));
    await sleep(100);
    expect(wsLate.events.filter((e) => e.event === 'group.message')).toHaveLength(seen);
    expect((await groupRest(stack, 'get_online_member_num', { GroupId: g.groupId })).OnlineMemberNum).toBe(3);
    await Promise.all([wsLate.close(), wsB2.close(), g.wsOwner.close(), g.wsA.close()]);
  });

  it('non-members are refused with 10007; the REST admin sends without being a member, as itself or as any imported user', async () => {
    const g = await publicGroup();
    const [outsider] = await newUsers(stack, 1);
    const wsOut = await connect(stack, outsider!);
    expect((await send(wsOut, g.groupId, 'let me in')).ErrorCode).toBe(10007);
    expect((await send(wsOut, '@TGS#nosuchgroup', 'x')).ErrorCode).toBe(10010);
    const asAdmin = await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: nextRandom(), MsgBody: text('from admin') });
    expect(asAdmin).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, MsgSeq: 2 });
    const asOutsider = await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, From_Account: outsider, Random: nextRandom(), MsgBody: text('as outsider') });
    expect(asOutsider.MsgSeq).toBe(3);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, From_Account: 'ghost-user-x', Random: 1, MsgBody: text('x') })).ErrorCode).toBe(10019);
    const ev = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message' && (f.data as { MsgSeq: number }).MsgSeq === 3);
    expect(ev.data.From_Account).toBe(outsider);
    await wsOut.close();
    await g.close();
  });

  it('MsgBody follows the C2C element rules: 80002 at 12 KB, 10004 for a bad element, 80001 for a dirty word; nothing is stored', async () => {
    const g = await publicGroup();
    expect((await send(g.wsA, g.groupId, 'x'.repeat(12 * 1024))).ErrorCode).toBe(80002);
    expect((await g.wsA.request('group.send', { GroupId: g.groupId, MsgBody: [{ MsgType: 'TIMNope', MsgContent: {} }], Random: 1 })).ErrorCode).toBe(10004);
    expect((await g.wsA.request('group.send', { GroupId: g.groupId, MsgBody: text('ok'), Random: -1 })).ErrorCode).toBe(10004);
    expect((await send(g.wsA, g.groupId, 'a BadWord here')).ErrorCode).toBe(80001);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: 1, MsgBody: text('x'.repeat(12 * 1024)) })).ErrorCode).toBe(80002);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: 1, MsgBody: text('x'), MsgPriority: 'Urgent' })).ErrorCode).toBe(10004);
    expect((await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: 1, MsgBody: text('x'), OnlineOnlyFlag: 1, SendMsgControl: ['NoUnread'] })).ErrorCode).toBe(10004);
    expect(await nextMsgSeq(g.groupId)).toBe(2);
    await g.close();
  });

  it('the same Random from the same sender within 5 minutes is a duplicate: the first reply, one stored message', async () => {
    const g = await publicGroup();
    const body = { GroupId: g.groupId, MsgBody: text('once'), Random: 777 };
    const first = await g.wsA.request('group.send', body);
    const again = await g.wsA.request('group.send', body);
    expect(again.data).toEqual(first.data);
    const other = await g.wsB.request('group.send', body);
    expect(other.data!.MsgSeq).toBe(3);
    expect(await nextMsgSeq(g.groupId)).toBe(4);
    await g.close();
  });

  it('concurrent senders: SEQ strictly increasing, no duplicates, no gaps', async () => {
    const users = await newUsers(stack, 6, 'c');
    const groupId = await newGroup(stack, { Owner_Account: users[0], Type: 'Work', MemberList: users.slice(1).map((u) => ({ Member_Account: u })) });
    const sockets = await connectAll(stack, users);
    const replies = await Promise.all(sockets.flatMap((ws, i) => Array.from({ length: 5 }, (_, j) => send(ws, groupId, `m${i}-${j}`, { MsgPriority: 'High' }))));
    expect(replies.every((r) => r.ErrorCode === 0 && r.data!.MsgDropReason === undefined)).toBe(true);
    const seqs = replies.map((r) => r.data!.MsgSeq as number).sort((x, y) => x - y);
    // Seq 1 is the creation's stored tip.
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    const page1 = await history(groupId);
    const page2 = await history(groupId, { ReqMsgSeq: 11 });
    const all = [...(page1.RspMsgList as Array<{ MsgSeq: number; IsPlaceMsg: number }>), ...(page2.RspMsgList as Array<{ MsgSeq: number; IsPlaceMsg: number }>)];
    expect(all.map((m) => m.MsgSeq)).toEqual(Array.from({ length: 31 }, (_, i) => 31 - i));
    expect(all.every((m) => m.IsPlaceMsg === 0)).toBe(true);
    expect(page2.IsFinished).toBe(1);
    expect(page1.IsFinished).toBe(0);
    await Promise.all(sockets.map((s) => s.close()));
  });

  it('OnlineOnlyFlag: delivered to online members, not stored, no SEQ', async () => {
    const g = await publicGroup();
    const reply = await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: nextRandom(), MsgBody: text('live only'), OnlineOnlyFlag: 1 });
    expect(reply).toMatchObject({ ErrorCode: 0, MsgSeq: 0 });
    const ev = await g.wsA.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message');
    expect(ev.data).toMatchObject({ OnlineOnlyFlag: 1, MsgSeq: 0 });
    expect(await nextMsgSeq(g.groupId)).toBe(2);
    await g.close();
  });

  it('GroupAtInfo (@all and @user) travels with the message', async () => {
    const g = await publicGroup();
    await send(g.wsOwner, g.groupId, '@all @b', { GroupAtInfo: [{ GroupAtAllFlag: 1 }, { GroupAtAllFlag: 0, GroupAt_Account: g.b }] });
    const ev = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message');
    expect(ev.data.GroupAtInfo).toEqual([{ GroupAtAllFlag: 1 }, { GroupAtAllFlag: 0, GroupAt_Account: g.b }]);
    await g.close();
  });
});

describe('webhooks', () => {
  it('before-send: 0 allows (with a replaced MsgBody), 1 refuses with 10016, 2 drops silently, 10100-10200 are passed through; after-send fires for stored sends', async () => {
    const g = await publicGroup();
    try {
      hooks.replyWith({ json: { ...OK_REPLY, MsgBody: text('replaced'), CloudCustomData: 'new-ccd' } });
      const ok = await send(g.wsA, g.groupId, 'original');
      expect(ok.data!.MsgSeq).toBe(2);
      const ev = await g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message');
      expect(ev.data).toMatchObject({ MsgBody: text('replaced'), CloudCustomData: 'new-ccd' });
      const before = hooks.requests.find((r) => r.query.CallbackCommand === 'Group.CallbackBeforeSendMsg' && (r.body as { GroupId: string }).GroupId === g.groupId)!;
      expect(before.body).toMatchObject({ GroupId: g.groupId, Type: 'Public', From_Account: g.a, Operator_Account: g.a, MsgBody: text('original') });
      hooks.replyWith({ json: { ...OK_REPLY, ErrorCode: 1 } });
      expect((await send(g.wsA, g.groupId, 'refused')).ErrorCode).toBe(10016);
      hooks.replyWith({ json: { ...OK_REPLY, ErrorCode: 10150, ErrorInfo: 'custom no' } });
      const custom = await send(g.wsA, g.groupId, 'custom');
      expect([custom.ErrorCode, custom.ErrorInfo]).toEqual([10150, 'custom no']);
      hooks.replyWith({ json: { ...OK_REPLY, ErrorCode: 2 } });
      const dropped = await send(g.wsA, g.groupId, 'dropped');
      expect(dropped).toMatchObject({ ErrorCode: 0, data: { MsgSeq: 0 } });
      expect(await nextMsgSeq(g.groupId)).toBe(3);
      const after = await hooks.waitForRequests(1).then(() => hooks.requests.filter((r) => r.query.CallbackCommand === 'Group.CallbackAfterSendMsg' && (r.body as { GroupId: string }).GroupId === g.groupId));
      await sleep(300);
      const afters = hooks.requests.filter((r) => r.query.CallbackCommand === 'Group.CallbackAfterSendMsg' && (r.body as { GroupId: string }).GroupId === g.groupId);
      expect(afters.map((r) => (r.body as { MsgSeq: number }).MsgSeq)).toEqual([2]);
      void after;
      // ForbidCallbackControl skips the before-callback.
      hooks.replyWith({ json: { ...OK_REPLY, ErrorCode: 1 } });
      const forced = await groupRest(stack, 'send_group_msg', { GroupId: g.groupId, Random: nextRandom(), MsgBody: text('admin'), ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'] });
      expect(forced.MsgSeq).toBe(3);
    } finally {
      hooks.replyWith({ json: OK_REPLY });
      await g.close();
    }
  });
});
