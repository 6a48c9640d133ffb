// conversation.clearHistory (the Web SDK's clearHistoryMessage) against the real local stack: one user's own view cleared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect, type Reply, type TestClient } from '../support/ws-client.js';
import { newGroup, newUsers } from '../support/groups.js';
import { groupMessageHelpers, sleep, textBody } from '../support/groupmsg.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const { send: groupSend, publicGroup } = groupMessageHelpers(() => stack);
let random = 70_000;
/** ErrorCode and whether ErrorInfo says why. */
const outcome = (reply: Reply) => [reply.ErrorCode, reply.ErrorCode === 0 || String(reply.ErrorInfo).length > 0];
const send = async (ws: TestClient, to: string, text: string) =>
  expect(outcome(await ws.request('c2c.send', { To_Account: to, MsgBody: textBody(text), MsgRandom: ++random }))).toEqual([0, true]);
const refused = (reply: Reply, code: number) => expect(outcome(reply), String(reply.ErrorInfo)).toEqual([code, true]);
const c2cTexts = async (ws: TestClient, peer: string) =>
  ((await ws.request('history.c2c', { Peer_Account: peer })).data as { Messages: Array<{ MsgBody: Array<{ MsgContent: { Text: string } }> }> })
    .Messages.map((m) => m.MsgBody[0]!.MsgContent.Text);
const groupSeqs = async (ws: TestClient, groupId: string) => {
  const page = (await ws.request('history.group', { GroupId: groupId })).data as { RspMsgList: Array<{ MsgSeq: number }>; IsFinished: number };
  return { seqs: page.RspMsgList.map((m) => m.MsgSeq), finished: page.IsFinished };
};
const roam = async (operator: string, peer: string) => ((await rest(stack, 'openim/admin_getroammsg', {
  Operator_Account: operator, Peer_Account: peer, MaxCnt: 100, MinTime: 0, MaxTime: 4294967295,
})).MsgList as unknown[]).length;
const listed = async (ws: TestClient, pick: (c: Record<string, unknown>) => boolean) =>
  ((await ws.request('conversation.list', {})).data as { Conversations: Array<Record<string, unknown>> }).Conversations.find(pick);

describe('conversation.clearHistory', () => {
  it('C2C: clears the caller\'s history and unread, keeps the conversation listed; the peer keeps everything; the next message shows', async () => {
    const [alice, bob] = await newUsers(stack, 2, 'ch');
    const alice1 = await connect(stack, alice, { platform: 'Web' });
    const alice2 = await connect(stack, alice, { platform: 'Windows' });
    const wsBob = await connect(stack, bob);
    await send(alice1, bob, 'one');
    await send(wsBob, alice, 'two');
    await send(wsBob, alice, 'three');
    expect(await listed(alice1, (c) => c.Peer_Account === bob)).toMatchObject({ UnreadNum: 2, LastMsgSeq: 3 });

    const reply = await alice1.request('conversation.clearHistory', { ConversationID: `C2C${bob}` });
    expect(reply).toMatchObject({ ErrorCode: 0, data: { ClearedMsgSeq: 3 } });
    expect((await alice2.event('conversation.cleared')).data).toEqual({ ConversationID: `C2C${bob}`, ClearedMsgSeq: 3 });
    await sleep(150);
    expect(alice1.events.filter((e) => e.event === 'conversation.cleared')).toEqual([]);
    expect(wsBob.events.filter((e) => e.event === 'conversation.cleared' || e.event === 'c2c.read')).toEqual([]);

    expect(await c2cTexts(alice1, bob)).toEqual([]);
    expect(await roam(alice, bob)).toBe(0);
    const item = await listed(alice1, (c) => c.Peer_Account === bob);
    expect(item).toMatchObject({ UnreadNum: 0, ReadMsgSeq: 3, LastMsgSeq: 3 });
    expect(item!.LastMsg).toBeUndefined();
    // The peer's view is untouched, its own messages still unread by alice as far as receipts go.
    expect(await c2cTexts(wsBob, alice)).toEqual(['one', 'two', 'three']);
    expect(await roam(bob, alice)).toBe(3);

    await send(wsBob, alice, 'four');
    expect(await c2cTexts(alice1, bob)).toEqual(['four']);
    expect(await listed(alice1, (c) => c.Peer_Account === bob)).toMatchObject({ UnreadNum: 1, LastMsg: { MsgBody: textBody('four') } });
    // A conversation without messages: nothing to clear.
    const [carol] = await newUsers(stack, 1, 'ch');
    expect(await alice1.request('conversation.clearHistory', { ConversationID: `C2C${carol}` })).toMatchObject({ ErrorCode: 0, data: { ClearedMsgSeq: 0 } });
    await Promise.all([alice1.close(), alice2.close(), wsBob.close()]);
  });

  it('group: clears the member\'s own history and unread; other members keep theirs; later messages show', async () => {
    const g = await publicGroup();
    for (const t of ['m2', 'm3', 'm4']) expect((await groupSend(g.wsA, g.groupId, t)).ErrorCode).toBe(0);
    expect(await listed(g.wsB, (c) => c.GroupId === g.groupId)).toMatchObject({ LastMsgSeq: 4 });

    const reply = await g.wsB.request('conversation.clearHistory', { ConversationID: `GROUP${g.groupId}` });
    expect(reply).toMatchObject({ ErrorCode: 0, data: { ClearedMsgSeq: 4 } });
    expect(await groupSeqs(g.wsB, g.groupId)).toEqual({ seqs: [], finished: 1 });
    const item = await listed(g.wsB, (c) => c.GroupId === g.groupId);
    expect(item).toMatchObject({ UnreadNum: 0, LastMsgSeq: 4 });
    expect(item!.LastMsg).toBeUndefined();
    expect((await groupSeqs(g.wsA, g.groupId)).seqs).toEqual([4, 3, 2, 1]);
    expect((await groupSeqs(g.wsOwner, g.groupId)).seqs).toEqual([4, 3, 2, 1]);
    expect(await listed(g.wsOwner, (c) => c.GroupId === g.groupId)).toMatchObject({ LastMsg: { MsgBody: textBody('m4') } });

    expect((await groupSend(g.wsA, g.groupId, 'm5')).ErrorCode).toBe(0);
    expect(await groupSeqs(g.wsB, g.groupId)).toEqual({ seqs: [5], finished: 1 });
    expect(await listed(g.wsB, (c) => c.GroupId === g.groupId)).toMatchObject({ UnreadNum: 1, LastMsg: { MsgBody: textBody('m5') } });
    await g.close();
  });

  it('refuses bad input, non-members, unknown groups and topics, and changes nothing', async () => {
    const [alice, bob, outsider] = await newUsers(stack, 3, 'ch');
    const groupId = await newGroup(stack, { Owner_Account: alice, Type: 'Public', MemberList: [{ Member_Account: bob }] });
    const wsAlice = await connect(stack, alice);
    const wsOut = await connect(stack, outsider);
    await send(wsAlice, bob, 'kept');
    expect((await groupSend(wsAlice, groupId, 'kept')).ErrorCode).toBe(0);
    for (const data of [{}, { ConversationID: 'bob' }, { ConversationID: 'C2C' }, { ConversationID: 7 }, { ConversationID: [`C2C${bob}`] }, { ConversationID: `C2C${alice}` }]) {
      refused(await wsAlice.request('conversation.clearHistory', data), 50002);
    }
    refused(await wsOut.request('conversation.clearHistory', { ConversationID: `GROUP${groupId}` }), 10007);
    refused(await wsOut.request('conversation.clearHistory', { ConversationID: 'GROUP@TGS#nosuchgroup' }), 10010);
    refused(await wsAlice.request('conversation.clearHistory', { ConversationID: `GROUP${groupId}@TOPIC#_x` }), 50002);
    expect(await c2cTexts(wsAlice, bob)).toEqual(['kept']);
    expect((await groupSeqs(wsAlice, groupId)).seqs).toEqual([2, 1]);
    await Promise.all([wsAlice.close(), wsOut.close()]);
  });
});
