import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { messagesTable, usersTable } from '../../functions/shared/tables.js';
import { c2cConversationId } from '../../functions/c2c/c2c-keys.js';
import { DynamoC2cStore } from '../../functions/c2c/c2c-store-dynamo.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let store: DynamoC2cStore;
beforeAll(async () => {
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, dirtyWords: ['badword'] });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  store = new DynamoC2cStore(db, stack.tableNames[messagesTable.envVar]!, stack.tableNames[usersTable.envVar]!);
});
afterAll(async () => { db?.destroy(); await stack?.stop(); });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let random = 1000;
const nextRandom = () => ++random;
const send = (client: TestClient, to: string, t: string, extra: Record<string, unknown> = {}) =>
  client.request('c2c.send', { To_Account: to, MsgBody: text(t), MsgRandom: nextRandom(), ...extra });
type Sent = { MsgSeq: number; MsgTime: number; MsgKey: string };
type Listed = { MsgSeq: number; MsgRandom: number; MsgBody: unknown };
const historyOf = async (client: TestClient, peer: string) => (await client.request('history.c2c', { Peer_Account: peer })).data!.Messages as Listed[];
/**
 * The `c2c.message` events a client got up to a marker message sent after everything else:
 * a delivery made before the marker's send (a retry's, say) is in the list by then.
 */
const deliveredUntilMarker = async (sender: TestClient, receiver: TestClient, receiverId: string) => {
  const marker = (await send(sender, receiverId, 'marker')).data as Sent;
  await receiver.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgSeq: number }).MsgSeq === marker.MsgSeq);
  return receiver.events.filter((e) => e.event === 'c2c.message' && e.data.MsgSeq !== marker.MsgSeq).map((e) => e.data as unknown as Listed);
};
const pair = async () => {
  const a = uniqueId('a'); const b = uniqueId('b');
  await rest(stack, 'im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: a, Nick: `nick-${a}`, FaceUrl: 'https://img/a.png' }, { UserID: b }] });
  return [a, b] as const;
};

describe('c2c.send over WebSocket', () => {
  it('assigns MsgSeq from 1 per conversation (same from both sides), MsgKey = seq_random_time, and delivers to the peer and the sender\'s other devices', async () => {
    const [a, b] = await pair();
    const aWeb = await connect(stack, a, { platform: 'Web' });
    const aPhone = await connect(stack, a, { platform: 'Android' });
    const bWeb = await connect(stack, b);
    const first = await aWeb.request('c2c.send', { To_Account: b, MsgBody: text('hi'), MsgRandom: 77, CloudCustomData: 'ccd' });
    expect(first.ErrorCode).toBe(0);
    const { MsgSeq, MsgTime, MsgKey } = first.data as { MsgSeq: number; MsgTime: number; MsgKey: string };
    expect(MsgSeq).toBe(1);
    expect(MsgKey).toBe(`1_77_${MsgTime}`);
    const reply = await send(bWeb, a, 'hello back');
    expect(reply.data!.MsgSeq).toBe(2);
    const atB = await bWeb.event('c2c.message');
    expect(atB.data).toMatchObject({ From_Account: a, To_Account: b, MsgSeq: 1, MsgRandom: 77, MsgKey, MsgBody: text('hi'), CloudCustomData: 'ccd', Nick: `nick-${a}`, FaceUrl: 'https://img/a.png' });
    expect((await aPhone.event('c2c.message')).data).toMatchObject({ MsgSeq: 1, From_Account: a });
    await aWeb.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgSeq: number }).MsgSeq === 2);
    expect(aWeb.events.filter((e) => e.event === 'c2c.message' && e.data.MsgSeq === 1)).toHaveLength(0);
    await Promise.all([aWeb.close(), aPhone.close(), bWeb.close()]);
  });

  it('a retry with the same MsgRandom after success answers the first MsgSeq/MsgTime and stores and delivers nothing new', async () => {
    const [a, b] = await pair();
    const client = await connect(stack, a);
    const peer = await connect(stack, b);
    const first = await client.request('c2c.send', { To_Account: b, MsgBody: text('once'), MsgRandom: 4242 });
    expect(first.ErrorCode).toBe(0);
    await peer.event('c2c.message');
    await new Promise((r) => setTimeout(r, 1100)); // a later second: a new send would get another MsgTime
    const again = await client.request('c2c.send', { To_Account: b, MsgBody: text('once'), MsgRandom: 4242 });
    expect(again.ErrorCode).toBe(0);
    expect(again.data).toEqual(first.data);
    expect((await deliveredUntilMarker(client, peer, b)).map((m) => m.MsgSeq)).toEqual([1]);
    expect((await historyOf(client, b)).map((m) => m.MsgSeq)).toEqual([1, 2]);
    await Promise.all([client.close(), peer.close()]);
  });

  it('a retry after the first send got its MsgSeq but died before storing the message stores it once with that MsgSeq and delivers it', async () => {
    const [a, b] = await pair();
    const client = await connect(stack, a);
    const peer = await connect(stack, b);
    await send(client, b, 'before');
    // What the first attempt left behind when it died between its two writes: the seq, no message.
    const time = Math.floor(Date.now() / 1000) - 2;
    const crashed = await store.allocateSend({
      conversationId: c2cConversationId(a, b), sender: a, recipient: b, time, at: time * 1000,
      noUnread: false, noLastMsg: false, needReceipt: false, senderReads: true,
    }, { random: 777, since: time - 300 });
    expect(crashed.repeated).toBe(false);
    expect(crashed.state.seq).toBe(2);
    expect((await historyOf(client, b)).map((m) => m.MsgSeq)).toEqual([1]);

    const retried = await client.request('c2c.send', { To_Account: b, MsgBody: text('survived'), MsgRandom: 777 });
    expect(retried.ErrorCode).toBe(0);
    expect(retried.data).toEqual({ MsgSeq: 2, MsgTime: time, MsgKey: `2_777_${time}` });
    const again = await client.request('c2c.send', { To_Account: b, MsgBody: text('survived'), MsgRandom: 777 });
    expect(again.data).toEqual(retried.data);

    const delivered = await deliveredUntilMarker(client, peer, b);
    expect(delivered.map((m) => [m.MsgSeq, m.MsgRandom])).toEqual([[1, expect.any(Number)], [2, 777]]);
    expect(delivered[1]!.MsgBody).toEqual(text('survived'));
    const history = await historyOf(client, b);
    expect(history.map((m) => [m.MsgSeq, m.MsgBody])).toEqual([[1, text('before')], [2, text('survived')], [3, text('marker')]]);
    await Promise.all([client.close(), peer.close()]);
  });

  it('two sends with different MsgRandoms are two messages; the same MsgRandom from the peer is its own message', async () => {
    const [a, b] = await pair();
    const ca = await connect(stack, a);
    const cb = await connect(stack, b);
    const one = await ca.request('c2c.send', { To_Account: b, MsgBody: text('one'), MsgRandom: 5 });
    const two = await ca.request('c2c.send', { To_Account: b, MsgBody: text('two'), MsgRandom: 6 });
    const peers = await cb.request('c2c.send', { To_Account: a, MsgBody: text('peer'), MsgRandom: 5 });
    expect([one, two, peers].map((r) => [r.ErrorCode, r.data!.MsgSeq])).toEqual([[0, 1], [0, 2], [0, 3]]);
    expect((await historyOf(ca, b)).map((m) => [m.MsgSeq, m.MsgRandom, m.MsgBody])).toEqual([[1, 5, text('one')], [2, 6, text('two')], [3, 5, text('peer')]]);
    await Promise.all([ca.close(), cb.close()]);
  });

  it('two identical sends racing from two devices store and deliver one message and both get its reply', async () => {
    const [a, b] = await pair();
    const web = await connect(stack, a, { platform: 'Web' });
    const pc = await connect(stack, a, { platform: 'Windows' });
    const peer = await connect(stack, b);
    const data = { To_Account: b, MsgBody: text('race'), MsgRandom: 31337 };
    const replies = await Promise.all([web.request('c2c.send', data), pc.request('c2c.send', data)]);
    expect(replies.map((r) => r.ErrorCode)).toEqual([0, 0]);
    expect(replies[1]!.data).toEqual(replies[0]!.data);
    expect((await historyOf(web, b)).length).toBe(1);
    expect((await web.request('c2c.send', data)).data).toEqual(replies[0]!.data);
    expect((await deliveredUntilMarker(web, peer, b)).map((m) => m.MsgSeq)).toEqual([1]);
    await Promise.all([web.close(), pc.close(), peer.close()]);
  });

  it('refuses malformed input with Tencent codes and stores nothing', async () => {
    const [a, b] = await pair();
    const client = await connect(stack, a);
    const peer = await connect(stack, b);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ To_Account: b, MsgBody: 'x', MsgRandom: 1 }, 90007],
      [{ To_Account: b, MsgRandom: 1 }, 90007],
      [{ To_Account: b, MsgBody: [], MsgRandom: 1 }, 90002],
      [{ To_Account: b, MsgBody: [{ MsgType: 'TIMNopeElem', MsgContent: {} }], MsgRandom: 1 }, 90002],
      [{ To_Account: b, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 5 } }], MsgRandom: 1 }, 90010],
      [{ To_Account: b, MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'a' } }, { MsgType: 'TIMCustomElem', MsgContent: { Data: 'b' } }], MsgRandom: 1 }, 90002],
      [{ To_Account: b, MsgBody: [{ MsgType: 'TIMImageElem', MsgContent: { ImageInfoArray: [{ Type: 'big' }] } }], MsgRandom: 1 }, 90010],
      [{ To_Account: b, MsgBody: [{ MsgType: 'TIMRelayElem', MsgContent: { MsgList: [{ MsgBody: [{ MsgType: 'X' }] }] } }], MsgRandom: 1 }, 90002],
      [{ To_Account: b, MsgBody: text('x'.repeat(12 * 1024)), MsgRandom: 1 }, 93000],
      [{ To_Account: b, MsgBody: text('a BadWord here'), MsgRandom: 1 }, 80001],
      [{ To_Account: b, MsgBody: text('x'), MsgRandom: -1 }, 90005],
      [{ To_Account: b, MsgBody: text('x'), MsgRandom: 'r' }, 90005],
      [{ To_Account: 5, MsgBody: text('x'), MsgRandom: 1 }, 90003],
      [{ To_Account: 'nobody-here-x', MsgBody: text('x'), MsgRandom: 1 }, 20003],
    ];
    for (const [data, code] of cases) {
      const reply = await client.request('c2c.send', data);
      expect(reply.ErrorCode, JSON.stringify(data).slice(0, 200)).toBe(code);
      expect(reply.ErrorInfo).not.toBe('');
    }
    const ok = await send(client, b, 'valid');
    expect(ok.data!.MsgSeq).toBe(1);
    // Only the valid message reached the peer: refused requests sent no event.
    await peer.event('c2c.message');
    expect(peer.events.filter((e) => e.event === 'c2c.message').map((e) => e.data.MsgBody)).toEqual([text('valid')]);
    await Promise.all([client.close(), peer.close()]);
  });

  it('OnlineOnlyFlag delivers to online devices only: no MsgSeq, nothing stored, offline devices never see it', async () => {
    const [a, b] = await pair();
    const client = await connect(stack, a);
    const peer = await connect(stack, b);
    const reply = await client.request('c2c.send', { To_Account: b, MsgBody: text('typing...'), MsgRandom: 5, OnlineOnlyFlag: 1 });
    expect(reply.data).toMatchObject({ MsgSeq: 0 });
    expect((await peer.event('c2c.message')).data).toMatchObject({ MsgSeq: 0, MsgBody: text('typing...') });
    expect((await client.request('history.c2c', { Peer_Account: b })).data).toEqual({ Messages: [], Complete: 1, UnreadNum: 0 });
    expect((await send(client, b, 'stored')).data!.MsgSeq).toBe(1);
    await Promise.all([client.close(), peer.close()]);
  });

  it('accepts every element type of the spec, including TIMRelayElem', async () => {
    const [a, b] = await pair();
    const client = await connect(stack, a);
    const body = [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 't' } },
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'd', Latitude: 22.5, Longitude: 113.9 } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'x' } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'x', Ext: 'e', Sound: 's' } },
      { MsgType: 'TIMSoundElem', MsgContent: { Url: 'u', UUID: 'x', Size: 1, Second: 2, Download_Flag: 2 } },
      { MsgType: 'TIMImageElem', MsgContent: { UUID: 'x', ImageFormat: 1, ImageInfoArray: [{ Type: 1, Size: 2, Width: 3, Height: 4, URL: 'u' }] } },
      { MsgType: 'TIMFileElem', MsgContent: { Url: 'u', UUID: 'x', FileSize: 1, FileName: 'f', Download_Flag: 2 } },
      { MsgType: 'TIMVideoFileElem', MsgContent: { VideoUrl: 'u', VideoSize: 1, VideoSecond: 2, VideoFormat: 'mp4', ThumbUrl: 't', ThumbWidth: 1, ThumbHeight: 1 } },
      { MsgType: 'TIMRelayElem', MsgContent: { Title: 't', MsgNum: 1, CompatibleText: 'c', AbstractList: ['a'], MsgList: [{ From_Account: a, To_Account: b, MsgSeq: 1, MsgRandom: 2, MsgTimeStamp: 3, MsgBody: text('inner') }] } },
    ];
    const reply = await client.request('c2c.send', { To_Account: b, MsgBody: body, MsgRandom: 9 });
    expect(reply.ErrorCode).toBe(0);
    const history = await client.request('history.c2c', { Peer_Account: b });
    expect((history.data!.Messages as Array<{ MsgBody: unknown }>)[0]!.MsgBody).toEqual(body);
    await client.close();
  });
});
