import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';

/**
 * An AVChatRoom with 400 real WebSocket clients on the local stack: every client receives every message, and
 * messages within the batching window reach a connection in one `group.messages` frame (fewer frames than messages).
 * The audience's member items are written directly (400 joins, each tipped to every online member, would dominate
 * the test's time); each client is then put in the room's online index by its own `$connect`, as a member's is.
 *
 * Time: nearly all of it is the 401 `$connect`s and `$disconnect`s, not the fan-out. Measured on 2 busy cores:
 * (measured with 2,000) connecting 2,000 clients = 12,000 DynamoDB calls (6 per `$connect`), ~15 s of CPU in this process; the 10 messages to
 * all of them ~3 s; teardown as below ~8 s. The room is destroyed before the clients leave, as when a live stream
 * ends: each `$disconnect` then finds no membership to unindex or remove (2 calls instead of 6), which halves the
 * teardown's calls (≈ 6,200 with the destroy instead of ≈ 12,000).
 */
// 400 (was 2,000, then 1,500, which timed out at 90 s in CI on a loaded machine) still shows every copy delivered and
// the frames combined; `npm run bench -- av-chatroom` measures the large rooms.
const AUDIENCE = 400;
const MESSAGES = 10;

let stack: LocalStack;
let db: DynamoDBDocumentClient;
beforeAll(async () => {
  stack = await startTestStack({ groupMessages: { avBatchMs: 200 } });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(async () => { await stack?.stop(); });

async function inParallel<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) { const i = next++; out[i] = await fn(i); }
  }));
  return out;
}

const received = (ws: TestClient) => ws.events.flatMap((e) => e.event === 'group.message' ? [e.data] : e.event === 'group.messages' ? (e.data.Messages as Array<Record<string, unknown>>) : []);

describe('AVChatRoom at scale', () => {
  it(`${AUDIENCE} online members each receive all ${MESSAGES} messages, combined into fewer frames`, { timeout: 60_000 }, async () => {
    const [owner, speaker] = await newUsers(stack, 2, 'av');
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'AVChatRoom' });
    const audience = Array.from({ length: AUDIENCE }, () => uniqueId('aud'));
    // Member items as group.join writes them (the store's item layout), in batches of 25.
    const now = Math.floor(Date.now() / 1000);
    const items = audience.map((userId) => ({
      pk: `G#${groupId}`, sk: `M#${userId}`, gsi1pk: `U#${userId}`, gsi1sk: groupId, groupId, userId, groupType: 'AVChatRoom', role: 'Member',
      joinTime: now, msgFlag: 'AcceptNotNotify', nameCard: '', muteUntil: 0, msgSeq: 0, lastSendMsgTime: 0, appMemberDefinedData: {},
    }));
    await inParallel(Math.ceil(AUDIENCE / 25), 10, (i) => db.send(new BatchWriteCommand({
      RequestItems: { [stack.tableNames.IM_TABLE_GROUPS!]: items.slice(i * 25, i * 25 + 25).map((Item) => ({ PutRequest: { Item } })) },
    })));
    const clients = await inParallel(AUDIENCE, 200, (i) => connect(stack, audience[i]!));
    const wsSpeaker = await connect(stack, speaker!);
    expect((await wsSpeaker.request('group.join', { GroupId: groupId })).ErrorCode).toBe(0);
    expect((await stack.lambdas.drain(), true)).toBe(true);

    const replies = await Promise.all(Array.from({ length: MESSAGES }, (_, i) =>
      wsSpeaker.request('group.send', { GroupId: groupId, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `live ${i}` } }], Random: 1000 + i })));
    expect(replies.map((r) => [r.ErrorCode, r.data!.MsgDropReason ?? null, r.data!.MsgSeq])).toEqual(replies.map(() => [0, null, 0]));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && clients.some((ws) => received(ws).length < MESSAGES)) await new Promise((r) => setTimeout(r, 200));
    const counts = clients.map((ws) => received(ws).filter((m) => m.GroupId === groupId).length);
    expect(counts.filter((n) => n !== MESSAGES)).toEqual([]);
    for (const ws of clients.slice(0, 20)) {
      expect(new Set(received(ws).map((m) => m.MsgRandom))).toEqual(new Set(Array.from({ length: MESSAGES }, (_, i) => 1000 + i)));
    }
    const frames = clients.reduce((n, ws) => n + ws.events.filter((e) => e.event === 'group.message' || e.event === 'group.messages').length, 0);
    // One PostToConnection carries several messages: well under one frame per delivered copy.
    expect(frames).toBeLessThan(AUDIENCE * MESSAGES / 2);
    expect((await groupRest(stack, 'get_online_member_num', { GroupId: groupId })).OnlineMemberNum).toBe(AUDIENCE + 1);
    // The stream ends: the room goes first (its index is cleared), then the audience leaves.
    expect((await groupRest(stack, 'destroy_group', { GroupId: groupId })).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'get_online_member_num', { GroupId: groupId })).ErrorCode).toBe(10010);
    await Promise.all([...clients, wsSpeaker].map((ws) => { ws.socket.terminate(); return Promise.resolve(); }));
    // Stopping here: the 1,501 $disconnects are part of the bounded run.
    await stack.stop();
  });
});
