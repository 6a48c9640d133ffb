// Pinned group messages (functions/groupmsg/pinned-*.ts) over the WebSocket, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers } from '../support/groupmsg.js';
import type { TestClient } from '../support/ws-client.js';
import { ImClient } from '../../client/src/index.js';
import { officialUserSig } from '../support/usersigs.js';

let stack: LocalStack;
const clients: TestClient[] = [];
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await Promise.all(clients.map((c) => c.close())); await stack?.stop(); });
const { send, publicGroup } = groupMessageHelpers(() => stack);

const pins = async (ws: TestClient, GroupId: string) => {
  const reply = await ws.request('group.message.pins', { GroupId });
  expect(reply.ErrorCode).toBe(0);
  return (reply.data!.PinnedMessages as Array<Record<string, unknown>>);
};
const pin = (ws: TestClient, GroupId: string, MsgSeq: number, IsPinned: 0 | 1 = 1) => ws.request('group.message.pin', { GroupId, MsgSeq, IsPinned });

describe('pinned group messages', () => {
  it('owners and admins pin and unpin; every online member gets group.message.pinned; members list them, newest pin first', async () => {
    const g = await publicGroup();
    clients.push(g.wsOwner, g.wsA, g.wsB);
    const first = (await send(g.wsA, g.groupId, 'first')).data!.MsgSeq as number;
    const second = (await send(g.wsB, g.groupId, 'second')).data!.MsgSeq as number;

    const seenByB = g.wsB.event('group.message.pinned');
    expect(await pin(g.wsOwner, g.groupId, first)).toMatchObject({ ErrorCode: 0 });
    const event = (await seenByB).data;
    expect(event).toMatchObject({ GroupId: g.groupId, MsgSeq: first, IsPinned: 1, Operator_Account: g.owner });
    expect(event.Message).toMatchObject({ GroupId: g.groupId, MsgSeq: first, From_Account: g.a, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'first' } }] });

    // An ordinary member may not pin, but may list.
    expect(await pin(g.wsA, g.groupId, second)).toMatchObject({ ErrorCode: 10007 });
    await groupRest(stack, 'modify_group_member_info', { GroupId: g.groupId, Member_Account: g.a, Role: 'Admin' });
    expect(await pin(g.wsA, g.groupId, second)).toMatchObject({ ErrorCode: 0 });
    const listed = await pins(g.wsB, g.groupId);
    expect(listed.map((p) => p.MsgSeq)).toEqual([second, first]);
    expect(listed[0]).toMatchObject({ Pinner_Account: g.a, From_Account: g.b, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'second' } }] });
    expect(typeof listed[0]!.PinTime).toBe('number');

    // Pinning again changes nothing (no second event); unpinning tells everyone.
    const before = g.wsB.events.filter((e) => e.event === 'group.message.pinned').length;
    expect(await pin(g.wsOwner, g.groupId, first)).toMatchObject({ ErrorCode: 0 });
    const unpinned = g.wsB.waitFor<{ data: Record<string, unknown> }>((f) => f.event === 'group.message.pinned' && (f.data as { IsPinned?: number }).IsPinned === 0);
    expect(await pin(g.wsOwner, g.groupId, first, 0)).toMatchObject({ ErrorCode: 0 });
    expect((await unpinned).data).toMatchObject({ GroupId: g.groupId, MsgSeq: first, IsPinned: 0, Operator_Account: g.owner });
    expect(g.wsB.events.filter((e) => e.event === 'group.message.pinned').length).toBe(before + 1);
    expect((await pins(g.wsOwner, g.groupId)).map((p) => p.MsgSeq)).toEqual([second]);
    expect(await pin(g.wsOwner, g.groupId, first, 0)).toMatchObject({ ErrorCode: 0 });
  });

  it('holds at most 10 pins even when admins pin at once (10070), and changes nothing on refusal', async () => {
    const g = await publicGroup();
    clients.push(g.wsOwner, g.wsA, g.wsB);
    const seqs: number[] = [];
    for (let i = 0; i < 12; i++) seqs.push((await send(g.wsOwner, g.groupId, `m${i}`)).data!.MsgSeq as number);
    const replies = await Promise.all(seqs.map((seq) => pin(g.wsOwner, g.groupId, seq)));
    expect(replies.filter((r) => r.ErrorCode === 0)).toHaveLength(10);
    const refused = replies.filter((r) => r.ErrorCode !== 0);
    expect(refused.map((r) => r.ErrorCode)).toEqual([10070, 10070]);
    expect(refused[0]!.ErrorInfo).toMatch(/10 pinned messages/);
    expect(await pins(g.wsA, g.groupId)).toHaveLength(10);
    // Unpinning one frees a place.
    const pinnedSeqs = (await pins(g.wsA, g.groupId)).map((p) => p.MsgSeq as number);
    const left = seqs.find((s) => !pinnedSeqs.includes(s))!;
    expect(await pin(g.wsOwner, g.groupId, pinnedSeqs[0]!, 0)).toMatchObject({ ErrorCode: 0 });
    expect(await pin(g.wsOwner, g.groupId, left)).toMatchObject({ ErrorCode: 0 });
    expect(await pins(g.wsA, g.groupId)).toHaveLength(10);
  });

  it('a recalled message leaves the list and its place; unknown, tip and targeted messages cannot be pinned', async () => {
    const g = await publicGroup();
    clients.push(g.wsOwner, g.wsA, g.wsB);
    const seq = (await send(g.wsA, g.groupId, 'soon gone')).data!.MsgSeq as number;
    expect(await pin(g.wsOwner, g.groupId, seq)).toMatchObject({ ErrorCode: 0 });
    expect(await g.wsA.request('msg.recall', { GroupId: g.groupId, MsgSeq: seq })).toMatchObject({ ErrorCode: 0 });
    expect(await pins(g.wsB, g.groupId)).toEqual([]);
    expect(await pin(g.wsOwner, g.groupId, seq)).toMatchObject({ ErrorCode: 10030 });
    expect(await pin(g.wsOwner, g.groupId, 999)).toMatchObject({ ErrorCode: 10030 });
    const targeted = (await send(g.wsOwner, g.groupId, 'for a', { To_Account: [g.a] })).data!.MsgSeq as number;
    expect(await pin(g.wsOwner, g.groupId, targeted)).toMatchObject({ ErrorCode: 10004 });
    const tip = g.wsB.waitFor<{ data: { MsgSeq?: number } }>((f) => f.event === 'group.tip' && (f.data as { TipType?: string }).TipType === 'GroupInfoChanged');
    await groupRest(stack, 'modify_group_base_info', { GroupId: g.groupId, Name: 'renamed' });
    const tipSeq = (await tip).data.MsgSeq;
    expect(tipSeq).toBeGreaterThan(targeted); // a stored tip, in history
    expect(await pin(g.wsOwner, g.groupId, tipSeq!)).toMatchObject({ ErrorCode: 10030 });
    expect(await pins(g.wsB, g.groupId)).toEqual([]);
  });

  it('refuses outsiders, AVChatRoom and Community groups, unknown groups and bad input', async () => {
    const [owner, outsider] = await newUsers(stack, 2, 'pin');
    const [wsOwner, wsOut] = await connectAll(stack, [owner!, outsider!]);
    clients.push(wsOwner!, wsOut!);
    const work = await newGroup(stack, { Type: 'Work', Owner_Account: owner });
    const seq = (await send(wsOwner!, work, 'hello')).data!.MsgSeq as number;
    expect(await pin(wsOut!, work, seq)).toMatchObject({ ErrorCode: 10007 });
    expect((await wsOut!.request('group.message.pins', { GroupId: work })).ErrorCode).toBe(10007);
    for (const Type of ['AVChatRoom', 'Community']) {
      const id = await newGroup(stack, { Type, Owner_Account: owner });
      const reply = await pin(wsOwner!, id, 1);
      expect(reply.ErrorCode).toBe(10007);
      expect(reply.ErrorInfo).toMatch(/ordinary groups/);
    }
    expect(await pin(wsOwner!, '@TGS#nope', 1)).toMatchObject({ ErrorCode: 10010 });
    expect(await wsOwner!.request('group.message.pin', { GroupId: work, MsgSeq: 0, IsPinned: 1 })).toMatchObject({ ErrorCode: 10004 });
    expect(await wsOwner!.request('group.message.pin', { GroupId: work, MsgSeq: seq, IsPinned: 2 })).toMatchObject({ ErrorCode: 10004 });
    expect(await wsOwner!.request('group.message.pin', { GroupId: work, MsgSeq: seq })).toMatchObject({ ErrorCode: 10004 });
    expect(await pins(wsOwner!, work)).toEqual([]);
  });

  it('works through the client SDK: pinGroupMessage, getPinnedGroupMessageList and the group.message.pinned event', async () => {
    const [owner, member] = await newUsers(stack, 2, 'pinc');
    const GroupId = await newGroup(stack, { Type: 'Public', Owner_Account: owner, MemberList: [{ Member_Account: member }] });
    const ims = [owner!, member!].map(() => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId }));
    try {
      await Promise.all([ims[0]!.login(owner!, officialUserSig(owner!)), ims[1]!.login(member!, officialUserSig(member!))]);
      const { MsgSeq } = await ims[1]!.sendGroup(GroupId, [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'pin me' } }]);
      const seen = new Promise((resolve) => ims[1]!.on('group.message.pinned', resolve));
      await ims[0]!.pinGroupMessage({ GroupId, MsgSeq, IsPinned: 1 });
      expect(await seen).toMatchObject({ GroupId, MsgSeq, IsPinned: 1, Operator_Account: owner, Message: { MsgBody: [{ MsgContent: { Text: 'pin me' } }] } });
      const list = await ims[1]!.getPinnedGroupMessageList({ GroupId });
      expect(list.PinnedMessages.map((m) => [m.MsgSeq, m.Pinner_Account])).toEqual([[MsgSeq, owner]]);
      await expect(ims[1]!.pinGroupMessage({ GroupId, MsgSeq, IsPinned: 0 })).rejects.toMatchObject({ code: 10007 });
    } finally {
      ims.forEach((im) => im.close());
    }
  });
});
