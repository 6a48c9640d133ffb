// One-sided deletion of C2C messages (msg.delete, openim/delete_c2c_msg_ramble) against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, type ImMessage } from '../../client/src/index.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect, type Reply, type TestClient } from '../support/ws-client.js';
import { newUsers } from '../support/groups.js';
import { sleep, textBody } from '../support/groupmsg.js';
import { officialUserSig } from '../support/usersigs.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

let random = 30_000;
const refused = (reply: Reply | Record<string, unknown>, code: number) => {
  expect(reply.ErrorCode, String(reply.ErrorInfo)).toBe(code);
  expect(reply.ErrorInfo).not.toBe('');
};
async function send(ws: TestClient, to: string, text: string) {
  const reply = await ws.request('c2c.send', { To_Account: to, MsgBody: textBody(text), MsgRandom: ++random });
  expect(reply.ErrorCode, reply.ErrorInfo).toBe(0);
  return reply.data as { MsgKey: string; MsgSeq: number };
}
const texts = async (ws: TestClient, peer: string) => {
  const data = (await ws.request('history.c2c', { Peer_Account: peer })).data as { Messages: Array<{ MsgBody: Array<{ MsgContent: { Text: string } }> }>; SkippedSeqs?: number[] };
  return { texts: data.Messages.map((m) => m.MsgBody[0]!.MsgContent.Text), deleted: data.SkippedSeqs };
};
const roam = async (operator: string, peer: string) => ((await rest(stack, 'openim/admin_getroammsg', {
  Operator_Account: operator, Peer_Account: peer, MaxCnt: 100, MinTime: 0, MaxTime: 4294967295,
})).MsgList as Array<{ MsgBody: Array<{ MsgContent: { Text: string } }> }>).map((m) => m.MsgBody[0]!.MsgContent.Text);
const lastMsgOf = async (ws: TestClient, peer: string) =>
  ((await ws.request('conversation.list', {})).data as { Conversations: Array<{ Peer_Account?: string; LastMsg?: { MsgKey: string } }> }).Conversations.find((c) => c.Peer_Account === peer)?.LastMsg;

async function chat() {
  const [alice, bob] = await newUsers(stack, 2, 'dl');
  const alice1 = await connect(stack, alice, { platform: 'Web' });
  const alice2 = await connect(stack, alice, { platform: 'Windows' });
  const wsBob = await connect(stack, bob);
  const sent = [await send(alice1, bob, 'one'), await send(wsBob, alice, 'two'), await send(alice1, bob, 'three')];
  return { alice, bob, alice1, alice2, wsBob, sent, close: () => Promise.all([alice1.close(), alice2.close(), wsBob.close()]) };
}

describe('msg.delete and openim/delete_c2c_msg_ramble', () => {
  it('hides the messages from the deleting user only: history, admin_getroammsg, conversation list; its other devices get msg.deleted', async () => {
    const c = await chat();
    const reply = await c.alice1.request('msg.delete', { Peer_Account: c.bob, MsgKeyList: [c.sent[1]!.MsgKey, c.sent[2]!.MsgKey] });
    expect(reply).toMatchObject({ ErrorCode: 0, data: {} });
    expect((await c.alice2.event('msg.deleted')).data).toEqual({ Peer_Account: c.bob, MsgKeyList: [c.sent[1]!.MsgKey, c.sent[2]!.MsgKey] });
    await sleep(150);
    expect(c.alice1.events.filter((e) => e.event === 'msg.deleted')).toEqual([]);
    expect(c.wsBob.events.filter((e) => e.event === 'msg.deleted')).toEqual([]);
    expect(await texts(c.alice1, c.bob)).toEqual({ texts: ['one'], deleted: [2, 3] });
    expect(await texts(c.wsBob, c.alice)).toEqual({ texts: ['one', 'two', 'three'], deleted: undefined });
    expect(await roam(c.alice, c.bob)).toEqual(['one']);
    expect(await roam(c.bob, c.alice)).toEqual(['three', 'two', 'one']);
    expect(await lastMsgOf(c.alice1, c.bob)).toBeUndefined();
    expect(await lastMsgOf(c.wsBob, c.alice)).toMatchObject({ MsgKey: c.sent[2]!.MsgKey });
    // Deleting again, or keys of no message, changes nothing and succeeds.
    expect((await c.alice1.request('msg.delete', { Peer_Account: c.bob, MsgKeyList: [c.sent[1]!.MsgKey, '999_1_1'] })).ErrorCode).toBe(0);
    await c.close();
  });

  it('REST as Tencent\'s sample sends it (Operator_Account, Peer_Account, MsgKeyList)', async () => {
    const c = await chat();
    const reply = await rest(stack, 'openim/delete_c2c_msg_ramble', { Operator_Account: c.bob, Peer_Account: c.alice, MsgKeyList: [c.sent[0]!.MsgKey] });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect((await texts(c.wsBob, c.alice)).texts).toEqual(['two', 'three']);
    expect((await texts(c.alice1, c.bob)).texts).toEqual(['one', 'two', 'three']);
    await c.close();
  });

  it('refuses more than 30 keys, malformed keys and an empty list, and changes nothing', async () => {
    const c = await chat();
    const keys = c.sent.map((s) => s.MsgKey);
    refused(await c.alice1.request('msg.delete', { Peer_Account: c.bob, MsgKeyList: [...keys, ...Array.from({ length: 28 }, (_, i) => `${i + 10}_1_1`)] }), 90001);
    refused(await c.alice1.request('msg.delete', { Peer_Account: c.bob, MsgKeyList: [keys[0], 'nope'] }), 90054);
    refused(await c.alice1.request('msg.delete', { Peer_Account: c.bob, MsgKeyList: [] }), 90001);
    refused(await c.alice1.request('msg.delete', { MsgKeyList: [keys[0]] }), 90001);
    refused(await rest(stack, 'openim/delete_c2c_msg_ramble', { Operator_Account: c.alice, Peer_Account: c.bob, MsgKeyList: 'x' }), 90001);
    refused(await rest(stack, 'openim/delete_c2c_msg_ramble', { Peer_Account: c.bob, MsgKeyList: [keys[0]] }), 90001);
    expect((await texts(c.alice1, c.bob)).texts).toEqual(['one', 'two', 'three']);
    await c.close();
  });

  it('the client SDK\'s deleteMessage; a device syncing afterwards passes over the deleted seqs at once', async () => {
    const c = await chat();
    const client = (holeRetryMs: number[]) => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, platform: 'Android', holeRetryMs, reconnectBaseMs: 50 });
    const first = client([100]);
    await first.login(c.alice, officialUserSig(c.alice));
    await first.whenSynced();
    await first.deleteMessage([{ Type: 'C2C', Peer_Account: c.bob, MsgKey: c.sent[1]!.MsgKey }]);
    await expect(first.deleteMessage([{ Type: 'Group', MsgKey: 'x' } as never])).rejects.toThrow(/C2C/);
    first.close();
    await send(c.wsBob, c.alice, 'four');
    // A fresh device with a hole wait longer than the test: it finishes only if the deleted seq is known as such.
    const fresh = client([60_000]);
    const seen: ImMessage[] = [];
    fresh.on('message', (m) => seen.push(m));
    await fresh.login(c.alice, officialUserSig(c.alice));
    await fresh.whenSynced();
    await sleep(200);
    // The stream starts after the read position: Alice read nothing of Bob's, so everything since her last read.
    expect(seen.map((m) => m.MsgSeq).filter((s) => s === 2)).toEqual([]);
    expect(seen.map((m) => m.MsgSeq)).toContain(4);
    fresh.close();
    await c.close();
  }, 20_000);
});
