// Holes: a C2C send that took its seq and died before storing its message (issue 15: unread and LastMsgSeq drifted
// after a crash). Simulated by taking a seq through the real store and never writing the message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { ImClient } from '../../client/src/index.js';
import { allServicesFromEnv } from '../support/all-services.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { c2cConversationId } from '../../functions/c2c/c2c-keys.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { newUsers } from '../support/groups.js';
import { sleep, textBody } from '../support/groupmsg.js';
import { officialUserSig } from '../support/usersigs.js';

const GRACE_S = 1;
let stack: LocalStack;
let services: ServiceCatalog;
beforeAll(async () => {
  stack = await startTestStack({ c2c: { holeRepairAfterSeconds: GRACE_S }, multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  services = allServicesFromEnv(process.env, stack.config, {}, db);
});
afterAll(async () => { await stack?.stop(); });

let random = 50_000;
async function send(ws: TestClient, to: string, text: string, msgRandom = ++random) {
  const reply = await ws.request('c2c.send', { To_Account: to, MsgBody: textBody(text), MsgRandom: msgRandom });
  expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
  return reply.data as { MsgKey: string; MsgSeq: number };
}
/** A send from `from` that took its seq and died before its message was written (what a SIGKILL between the two writes leaves). */
async function deadSend(from: string, to: string, msgRandom = ++random) {
  const now = Date.now();
  const allocation = await services.c2c.allocateSend({
    conversationId: c2cConversationId(from, to), sender: from, recipient: to, time: Math.floor(now / 1000), at: now,
    noUnread: false, noLastMsg: false, needReceipt: false, senderReads: true,
  }, { random: msgRandom, since: Math.floor(now / 1000) - 300 });
  return allocation.state.seq;
}
const list = async (ws: TestClient, peer: string) =>
  ((await ws.request('conversation.list', {})).data as { Conversations: Array<{ Peer_Account?: string; LastMsgSeq: number; UnreadNum: number; LastMsg?: { MsgSeq: number } }> })
    .Conversations.find((c) => c.Peer_Account === peer)!;
const history = async (ws: TestClient, peer: string) => (await ws.request('history.c2c', { Peer_Account: peer })).data as {
  Messages: Array<{ MsgSeq: number }>; SkippedSeqs?: number[]; UnreadNum: number;
};

describe('C2C holes', () => {
  it('a tail hole: counted until the grace passes, then the conversation list fills it, LastMsg is the newest stored message and unread counts only stored ones', async () => {
    const [alice, bob] = await newUsers(stack, 2, 'ho');
    const [wsA, wsB] = [await connect(stack, alice), await connect(stack, bob)];
    await send(wsA, bob, 'one');
    const hole = await deadSend(alice, bob);
    expect(await list(wsB, alice)).toMatchObject({ LastMsgSeq: 2, UnreadNum: 2 }); // within the grace: maybe still under way
    await sleep(GRACE_S * 1000 + 200);
    expect(await list(wsB, alice)).toMatchObject({ LastMsgSeq: 2, UnreadNum: 1, LastMsg: { MsgSeq: 1 } });
    expect(await history(wsB, alice)).toEqual({ Messages: [expect.objectContaining({ MsgSeq: 1 })], Complete: 1, SkippedSeqs: [hole], UnreadNum: 1 });
    expect((await rest(stack, 'openim/get_c2c_unread_msg_num', { To_Account: bob, Peer_Account: [alice] })).C2CUnreadMsgNumList).toEqual([{ Peer_Account: alice, C2CUnreadMsgNum: 1 }]);
    // The sender had read its own sends: nothing unread on its side, before or after.
    expect((await list(wsA, bob)).UnreadNum).toBe(0);
    // Later sends count normally; reading up to the newest leaves nothing.
    await send(wsA, bob, 'three');
    expect((await list(wsB, alice)).UnreadNum).toBe(2);
    expect((await wsB.request('msg.read', { Peer_Account: alice, MsgSeq: 3 })).data).toEqual({ UnreadNum: 0, LastMsgSeq: 3 });
    await Promise.all([wsA.close(), wsB.close()]);
  });

  it('an inner hole: history fills it and lists it in SkippedSeqs, after which unread agrees with the stored messages', async () => {
    const [alice, bob] = await newUsers(stack, 2, 'hi');
    const [wsA, wsB] = [await connect(stack, alice), await connect(stack, bob)];
    await send(wsA, bob, 'one');
    const hole = await deadSend(alice, bob);
    await send(wsA, bob, 'three');
    expect((await list(wsB, alice)).UnreadNum).toBe(3);
    await sleep(GRACE_S * 1000 + 200);
    const page = await history(wsB, alice);
    expect(page.Messages.map((m) => m.MsgSeq)).toEqual([1, 3]);
    expect(page).toMatchObject({ SkippedSeqs: [hole], UnreadNum: 2 });
    expect((await list(wsB, alice)).UnreadNum).toBe(2);
    // Reading up to 1 leaves only 3: the hole is not unread either.
    expect((await wsB.request('msg.read', { Peer_Account: alice, MsgSeq: 1 })).data).toEqual({ UnreadNum: 1, LastMsgSeq: 3 });
    await Promise.all([wsA.close(), wsB.close()]);
  });

  it('a retry of the dead send after its seq was filled gets a new seq and is stored, not lost', async () => {
    const [alice, bob] = await newUsers(stack, 2, 'hr');
    const [wsA, wsB] = [await connect(stack, alice), await connect(stack, bob)];
    const r = ++random;
    const hole = await deadSend(alice, bob, r);
    await sleep(GRACE_S * 1000 + 200);
    expect((await history(wsB, alice)).SkippedSeqs).toEqual([hole]);
    const retry = await send(wsA, bob, 'retried', r);
    expect(retry.MsgSeq).toBe(hole + 1);
    expect((await history(wsB, alice)).Messages.map((m) => m.MsgSeq)).toEqual([retry.MsgSeq]);
    expect((await list(wsB, alice)).UnreadNum).toBe(1);
    // And a retry before the grace stores it at the dead send's seq, as before.
    const r2 = ++random;
    const pending = await deadSend(alice, bob, r2);
    expect((await send(wsA, bob, 'quick retry', r2)).MsgSeq).toBe(pending);
    await Promise.all([wsA.close(), wsB.close()]);
  });

  it('a first send that died before listing the conversation: the next send lists it for both users, keeping nothing wrong', async () => {
    const [alice, bob] = await newUsers(stack, 2, 'hl');
    const [wsA, wsB] = [await connect(stack, alice), await connect(stack, bob)];
    await deadSend(alice, bob);
    const second = await send(wsA, bob, 'second');
    expect(second.MsgSeq).toBe(2);
    expect(await list(wsB, alice)).toMatchObject({ LastMsgSeq: 2, LastMsg: { MsgSeq: 2 } });
    expect(await list(wsA, bob)).toMatchObject({ LastMsgSeq: 2, UnreadNum: 0 });
    // The entry keeps its settings when a later send writes it "again" (pinned stays pinned).
    expect((await wsB.request('conversation.pin', { ConversationID: `C2C${alice}`, IsPinned: 1 })).ErrorCode).toBe(0);
    await send(wsA, bob, 'third');
    expect(await list(wsB, alice)).toMatchObject({ TopFlag: 1 });
    await Promise.all([wsA.close(), wsB.close()]);
  });

  it('the client SDK resyncs past holes without waiting on them, and its unread count follows the server\'s', async () => {
    const [alice, bob] = await newUsers(stack, 2, 'hc');
    const wsA = await connect(stack, alice);
    await send(wsA, bob, 'one');
    await deadSend(alice, bob);
    await send(wsA, bob, 'three');
    await deadSend(alice, bob);
    await sleep(GRACE_S * 1000 + 200);
    // A hole wait longer than the test: the resync finishes only because the server names the holes.
    const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, holeRetryMs: [60_000] });
    const seen: number[] = [];
    im.on('message', (m) => seen.push(m.MsgSeq));
    await im.login(bob, officialUserSig(bob));
    await im.whenSynced();
    expect(seen).toEqual([1, 3]);
    expect(im.conversations().find((c) => c.Peer_Account === alice)).toMatchObject({ UnreadNum: 2, LastMsgSeq: 4 });
    im.close();
    await wsA.close();
  }, 20_000);
});

describe('group holes', () => {
  /** A group send that was admitted (took its seq) and died before storing its message. */
  async function deadGroupSend(groupId: string) {
    const out = await services.groupMessages.admit({ groupId, time: Math.floor(Date.now() / 1000), threshold: Infinity, takeSeq: true, moveLast: true, noUnread: false });
    if (out.outcome !== 'admitted') throw new Error(`not admitted: ${out.outcome}`);
    return out.seq;
  }
  const groupSend = async (ws: TestClient, groupId: string, text: string) => {
    const reply = await ws.request('group.send', { GroupId: groupId, MsgBody: textBody(text), Random: ++random });
    expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
    return (reply.data as { MsgSeq: number }).MsgSeq;
  };
  const groupItem = async (ws: TestClient, groupId: string) =>
    ((await ws.request('conversation.list', {})).data as { Conversations: Array<{ GroupId?: string; UnreadNum: number; LastMsgSeq: number }> }).Conversations.find((c) => c.GroupId === groupId)!;

  it('history records inner and tail holes once they are old; unread leaves them out for every member; the client passes over them', async () => {
    const [owner, member] = await newUsers(stack, 2, 'hg');
    const GroupId = (await rest(stack, 'group_open_http_svc/create_group', { Owner_Account: owner, Type: 'Work', Name: 'holes', MemberList: [{ Member_Account: member }] })).GroupId as string;
    const [wsOwner, wsMember] = [await connect(stack, owner), await connect(stack, member)];
    const first = await groupSend(wsOwner, GroupId, 'one');
    const inner = await deadGroupSend(GroupId);
    const third = await groupSend(wsOwner, GroupId, 'three');
    const tail = await deadGroupSend(GroupId);
    expect(await groupItem(wsMember, GroupId)).toMatchObject({ UnreadNum: 5 }); // the creation tip, two messages, two holes
    await sleep(GRACE_S * 1000 + 1100); // MsgTime has whole seconds
    const page = (await wsMember.request('history.group', { GroupId })).data as { SkippedSeqs?: number[]; RspMsgList: Array<{ MsgSeq: number; IsPlaceMsg?: number; IsSystemMsg?: number }> };
    expect(page.SkippedSeqs).toEqual([tail, inner]);
    expect(page.RspMsgList.filter((m) => !m.IsPlaceMsg && !m.IsSystemMsg).map((m) => m.MsgSeq)).toEqual([third, first]);
    expect(await groupItem(wsMember, GroupId)).toMatchObject({ UnreadNum: 3, LastMsgSeq: tail });
    // The REST shape stays Tencent's: placeholders, no extra field.
    expect(await rest(stack, 'group_open_http_svc/group_msg_get_simple', { GroupId, ReqMsgNumber: 20 })).not.toHaveProperty('SkippedSeqs');
    // Reading up to the first message leaves only the third unread; the owner, who read nothing, has the tip and its two messages.
    expect((await wsMember.request('msg.read', { GroupId, MsgSeq: first })).data).toEqual({ UnreadNum: 1 });
    expect((await groupItem(wsOwner, GroupId)).UnreadNum).toBe(3);
    // A device catching up (hole wait longer than the test) finishes because the server names the holes.
    const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, platform: 'Android', holeRetryMs: [60_000] });
    const seen: number[] = [];
    im.on('message', (m) => { if (m.GroupId === GroupId) seen.push(m.MsgSeq); });
    await im.login(member, officialUserSig(member));
    await im.whenSynced();
    expect(seen).toEqual([third]);
    im.close();
    await Promise.all([wsOwner.close(), wsMember.close()]);
  }, 20_000);
});
