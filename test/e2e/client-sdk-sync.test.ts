import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, ImRequestError, ImTimeoutError, MemorySyncStorage, textElem, type ImMessage, type SyncStorage } from '../../client/src/index.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const open: ImClient[] = [];
afterEach(() => { open.splice(0).forEach((im) => im.close()); });

const client = (storage: SyncStorage = new MemorySyncStorage()) => {
  const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, reconnectBaseMs: 20, reconnectMaxMs: 150, storage, requestTimeoutMs: 4000 });
  open.push(im);
  return im;
};
const loggedIn = async (user: string, storage?: SyncStorage) => {
  const im = client(storage);
  await im.login(user, officialUserSig(user));
  await im.whenSynced();
  return im;
};
/** Everything one client delivered to the app, per conversation. */
const recordMessages = (im: ImClient) => {
  const seen: ImMessage[] = [];
  im.on('message', (m) => seen.push(m));
  return seen;
};
const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const restSend = async (from: string, to: string, text: string) => {
  const reply = await rest(stack, 'openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: Math.floor(Math.random() * 2 ** 31), MsgBody: [textElem(text)] });
  expect(reply).toMatchObject({ ErrorCode: 0 });
};
const kill = (user: string) => {
  for (const c of stack.websocket.connections.values()) if (c.authorizer.userId === user) c.socket.terminate();
};
const texts = (messages: ImMessage[]) => messages.map((m) => (m.MsgBody[0]!.MsgContent as { Text: string }).Text);
const seqs = (messages: ImMessage[]) => messages.map((m) => m.MsgSeq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Runs `work` for every item, 8 at a time. */
const inParallel = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(work));
};
const importAccounts = async (...ids: string[]) => {
  for (const id of ids) expect(await rest(stack, 'im_open_login_svc/account_import', { UserID: id })).toMatchObject({ ErrorCode: 0 });
};

/** `b` received a first message from `a` on a client with its own storage, then closed it. */
const wentOffline = async () => {
  const [a, b] = [uniqueId('a'), uniqueId('b')];
  await importAccounts(a);
  const storage = new MemorySyncStorage();
  const first = await loggedIn(b, storage);
  const firstSeen = recordMessages(first);
  await restSend(a, b, 'hello');
  await until(() => firstSeen.length === 1);
  first.close();
  return { a, b, storage };
};

describe('client SDK: one ordered stream per conversation', () => {
  it('delivers live messages and this user\'s own sends in seq order, exactly once, on both sides', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const alice = await loggedIn(a);
    const bob = await loggedIn(b);
    const [aliceSeen, bobSeen] = [recordMessages(alice), recordMessages(bob)];
    for (let i = 1; i <= 5; i++) await alice.sendC2C(b, [textElem(`m${i}`)]);
    await until(() => bobSeen.length === 5 && aliceSeen.length === 5);
    expect(seqs(bobSeen)).toEqual(range(1, 5));
    expect(texts(bobSeen)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(bobSeen.every((m) => m.ConversationID === `C2C${a}` && m.Peer_Account === a && !m.IsSelf)).toBe(true);
    expect(seqs(aliceSeen)).toEqual(range(1, 5));
    expect(aliceSeen.every((m) => m.ConversationID === `C2C${b}` && m.IsSelf && m.MsgKey?.startsWith(`${m.MsgSeq}_`))).toBe(true);
  });

  it('survives a reconnect storm on both sides: no gap and no duplicate reaches the app, every send stored once', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const alice = await loggedIn(a);
    const bob = await loggedIn(b);
    const bobSeen = recordMessages(bob);
    const aliceSeen = recordMessages(alice);
    let bobReconnects = 0;
    const errors: unknown[] = [];
    bob.on('error', (e) => errors.push(e));
    bob.on('connected', ({ reconnect }) => { if (reconnect) bobReconnects++; });
    // Kills follow the message flow (not the clock), so the storm is as hard on a slow machine as on a fast one.
    const c = uniqueId('c');
    await importAccounts(c);
    const N = 24;
    let kills = 0;
    for (let i = 1; i <= N; i++) {
      const send = alice.sendC2C(b, [textElem(`s${i}`)]);
      if (i % 3 === 0) { kill(b); kills++; }
      if (i % 7 === 0) { kill(a); kills++; }
      await send;
      // REST sends from a third account land in another conversation, often while Bob is offline.
      if (i % 4 === 0) await restSend(c, b, `c${i}`);
    }
    expect(kills).toBeGreaterThan(8);
    await until(() => bobSeen.filter((m) => m.Peer_Account === a).length >= N && bobSeen.filter((m) => m.Peer_Account === c).length >= N / 4)
      .catch((e: unknown) => { throw new Error(`${String(e)}; from alice ${seqs(bobSeen.filter((m) => m.Peer_Account === a)).join(',')}; from c ${seqs(bobSeen.filter((m) => m.Peer_Account === c)).join(',')}; errors ${errors.map(String).join('|')}`); });
    await bob.whenSynced();
    // After the storm the server knows Bob's open connection (no delivery dropped it during its handshake),
    // so the next message arrives live, without another reconnect.
    const reconnectsSoFar = bobReconnects;
    const state = await rest(stack, 'openim/querystate', { To_Account: [b], IsNeedDetail: 1 });
    expect(state.QueryResult).toMatchObject([{ To_Account: b, State: 'Online' }]);
    await alice.sendC2C(b, [textElem('after')]);
    await until(() => bobSeen.some((m) => texts([m])[0] === 'after') && aliceSeen.length === N + 1);
    expect(bobReconnects).toBe(reconnectsSoFar);
    await bob.whenSynced();
    expect(bobReconnects).toBeGreaterThan(4);
    const fromAlice = bobSeen.filter((m) => m.Peer_Account === a);
    expect(seqs(fromAlice)).toEqual(range(1, N + 1));
    expect(texts(fromAlice)).toEqual([...range(1, N).map((i) => `s${i}`), 'after']);
    expect(seqs(bobSeen.filter((m) => m.Peer_Account === c))).toEqual(range(1, N / 4));
    expect(seqs(aliceSeen)).toEqual(range(1, N + 1));
    // The server stored each send once, whatever the retries.
    const history = await alice.c2cHistory({ Peer_Account: b, Count: 100 });
    expect(history.Messages.map((m) => m.MsgSeq)).toEqual(range(1, N + 1));
  });

  it('a send retried after its connection died is stored once', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await importAccounts(b);
    const alice = await loggedIn(a);
    const reply = alice.sendC2C(b, [textElem('once')], { MsgRandom: 777 });
    kill(a);
    const first = await reply;
    // The app (or the SDK) sending again with the same MsgRandom gets the same message back.
    const again = await alice.sendC2C(b, [textElem('once')], { MsgRandom: 777 });
    expect(again.MsgSeq).toBe(first.MsgSeq);
    expect(again.MsgKey).toBe(first.MsgKey);
    const history = await alice.c2cHistory({ Peer_Account: b });
    expect(history.Messages.map((m) => (m.MsgBody[0]!.MsgContent as { Text: string }).Text)).toEqual(['once']);
  });

  it('a send and a read API Gateway answers with its error frame (throttled integration, no reqId) are sent again at once, not after the request timeout: the send stored once', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await importAccounts(b);
    // A request timeout longer than the test's: only the error frame can make these requests finish in time.
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, requestTimeoutMs: 120_000 });
    open.push(alice);
    await alice.login(a, officialUserSig(a));
    await alice.whenSynced();
    const faults = stack.websocket.routeFaults;
    faults.set('c2c.send', { failNext: 2 });
    try {
      const first = await alice.sendC2C(b, [textElem('throttled')], { MsgRandom: 4242 });
      expect(faults.get('c2c.send')!.failNext).toBe(0);
      // The read's frame fails while a send is in flight: the gateway names neither, so both go again; the send's
      // MsgRandom returns the first send's result.
      faults.set('history.c2c', { failNext: 1 });
      const [again, history] = await Promise.all([
        alice.sendC2C(b, [textElem('throttled')], { MsgRandom: 4242 }),
        alice.c2cHistory({ Peer_Account: b }),
      ]);
      expect(faults.get('history.c2c')!.failNext).toBe(0);
      expect(again).toMatchObject({ MsgSeq: first.MsgSeq, MsgKey: first.MsgKey });
      expect(history.Messages.map((m) => m.MsgSeq)).toEqual([first.MsgSeq]);
      expect(history.Messages.map((m) => (m.MsgBody[0]!.MsgContent as { Text: string }).Text)).toEqual(['throttled']);
    } finally {
      faults.clear();
    }
  }, 30_000);

  /** A group of a's own and a's client, logged in and synced, for the counter tests. */
  async function counterGroup(requestTimeoutMs: number) {
    const a = uniqueId('a');
    await importAccounts(a);
    const created = await rest(stack, 'group_open_http_svc/create_group', { Owner_Account: a, Type: 'Public', Name: 'counted' });
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, requestTimeoutMs, busyRetryBaseMs: 20 });
    open.push(alice);
    await alice.login(a, officialUserSig(a));
    await alice.whenSynced();
    return { a, GroupId: created.GroupId as string, alice };
  }

  it('a counter step in flight when the error frame comes is not sent again: applied once', async () => {
    const { a, GroupId, alice } = await counterGroup(3000);
    const faults = stack.websocket.routeFaults;
    try {
      for (let round = 1; round <= 5; round++) {
        faults.set('profile.get', { failNext: 1 });
        // The profile read's frame fails while the step runs: a second step would count twice.
        await Promise.all([alice.increaseGroupCounter({ GroupId, Key: 'k', Value: 1 }), alice.getProfiles({ To_Account: [a], TagList: ['Tag_Profile_IM_Nick'] })]);
        expect(faults.get('profile.get')!.failNext).toBe(0);
        expect((await alice.groupCounters({ GroupId })).GroupCounter).toEqual([{ Key: 'k', Value: round }]);
      }
    } finally {
      faults.clear();
    }
  }, 30_000);

  it('does not send a counter step again after a timeout (its reply came late): it rejects, and the step counts once', async () => {
    const { GroupId, alice } = await counterGroup(300);
    const faults = stack.websocket.routeFaults;
    try {
      // The step runs, its reply comes after the client's timeout: a resend would count it again (3 with two retries).
      faults.set('group.counters.increase', { failNext: 3, delayReplyMs: 700 });
      await expect(alice.increaseGroupCounter({ GroupId, Key: 'k', Value: 1 })).rejects.toBeInstanceOf(ImTimeoutError);
      expect(faults.get('group.counters.increase')!.failNext).toBe(2);
      faults.clear();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await alice.groupCounters({ GroupId })).GroupCounter).toEqual([{ Key: 'k', Value: 1 }]);
      // A read that times out the same way is sent again, and answers.
      faults.set('group.counters.get', { failNext: 1, delayReplyMs: 700 });
      expect((await alice.groupCounters({ GroupId })).GroupCounter).toEqual([{ Key: 'k', Value: 1 }]);
    } finally {
      faults.clear();
    }
  }, 30_000);

  it('catches up after being offline (more than one history page), then continues live, with the position kept in storage', async () => {
    const { a, b, storage } = await wentOffline();
    await inParallel(range(2, 105), (i) => restSend(a, b, `offline${i}`));
    // The app restarts with the same storage: exactly 2..105, in order, then live ones.
    const second = client(storage);
    const seen = recordMessages(second);
    const synced = new Promise((resolve) => second.on('synced', resolve));
    await second.login(b, officialUserSig(b));
    await synced;
    expect(seqs(seen)).toEqual(range(2, 105));
    expect(new Set(texts(seen)).size).toBe(104);
    await restSend(a, b, 'live');
    await until(() => seen.length === 105);
    expect(seen.at(-1)).toMatchObject({ MsgSeq: 106, From_Account: a });
    expect(await storage.get(`im:${stack.config.sdkAppId}:${b}:seq:C2C${a}`)).toBe('106');
  });

  it('tries a failed catch-up again: a conversation list and a history fetch that fail (throttled integration) still bring every missed message', async () => {
    const { a, b, storage } = await wentOffline();
    for (const i of range(2, 4)) await restSend(a, b, `offline${i}`);
    // API Gateway answers `Internal server error` (no reqId) for a throttled Lambda: the request is sent again after a
    // pause, and fails when its two retries get the same answer.
    const faults = stack.websocket.routeFaults;
    faults.set('conversation.list', { failNext: 3 });
    faults.set('history.c2c', { failNext: 3 });
    try {
      const second = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, storage, requestTimeoutMs: 300, busyRetries: 2, busyRetryBaseMs: 20 });
      open.push(second);
      const seen = recordMessages(second);
      second.on('error', () => undefined);
      await second.login(b, officialUserSig(b));
      await until(() => seen.length === 3);
      expect(seqs(seen)).toEqual([2, 3, 4]);
      expect(faults.get('conversation.list')!.failNext + faults.get('history.c2c')!.failNext).toBe(0);
    } finally {
      faults.clear();
    }
  });

  it('a live message in a conversation this device never synced waits for the conversation list, then starts after its read position', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await importAccounts(a, b);
    for (const i of range(1, 3)) await restSend(a, b, `before${i}`);
    const faults = stack.websocket.routeFaults;
    // The first list and its two retries fail: a live message arrives before any list has placed the conversation.
    faults.set('conversation.list', { failNext: 3 });
    try {
      const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, requestTimeoutMs: 300, busyRetries: 2, busyRetryBaseMs: 20 });
      open.push(im);
      const seen = recordMessages(im);
      im.on('error', () => undefined);
      await im.login(b, officialUserSig(b));
      await until(() => faults.get('conversation.list')!.failNext === 0);
      await restSend(a, b, 'live');
      await until(() => seen.length === 4);
      expect(seqs(seen)).toEqual([1, 2, 3, 4]);
    } finally {
      faults.clear();
    }
  });

  it('buffers live messages that arrive during the catch-up and delivers them after it, de-duplicated', async () => {
    const { a, b, storage } = await wentOffline();
    await inParallel(range(2, 30), (i) => restSend(a, b, `m${i}`));
    const second = client(storage);
    const seen = recordMessages(second);
    const login = second.login(b, officialUserSig(b));
    // Messages sent while the catch-up runs arrive live and from history: the app still sees each once, in order.
    const sending = (async () => { for (let i = 31; i <= 40; i++) await restSend(a, b, `m${i}`); })();
    await login;
    await sending;
    await until(() => seen.length >= 39);
    await second.whenSynced();
    expect(seqs(seen)).toEqual(range(2, 40));
  });

  it('a new device starts after the read position and keeps unread counts current', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await importAccounts(a, b);
    for (let i = 1; i <= 5; i++) await restSend(a, b, `u${i}`);
    await rest(stack, 'openim/admin_set_msg_read', { Report_Account: b, Peer_Account: a });
    for (let i = 6; i <= 8; i++) await restSend(a, b, `u${i}`);
    const bob = client();
    const seen = recordMessages(bob);
    await bob.login(b, officialUserSig(b));
    await until(() => seen.length === 3);
    await bob.whenSynced();
    expect(texts(seen)).toEqual(['u6', 'u7', 'u8']);
    expect(bob.conversations()).toMatchObject([{ ConversationID: `C2C${a}`, Type: 'C2C', LastMsgSeq: 8, ReadMsgSeq: 5, UnreadNum: 3 }]);
    await restSend(a, b, 'u9');
    await until(() => seen.length === 4);
    expect(bob.conversations()[0]).toMatchObject({ LastMsgSeq: 9, UnreadNum: 4 });
    expect(bob.conversations()[0]!.LastMsg).toMatchObject({ MsgSeq: 9, From_Account: a });
    await bob.markRead(`C2C${a}`, 7);
    expect(bob.conversations()[0]).toMatchObject({ ReadMsgSeq: 7, UnreadNum: 2 });
    await bob.markRead(`C2C${a}`);
    expect(bob.conversations()[0]).toMatchObject({ ReadMsgSeq: 9, UnreadNum: 0 });
    const server = await bob.conversationList();
    expect(server.Conversations[0]).toMatchObject({ Peer_Account: a, UnreadNum: 0, ReadMsgSeq: 9 });
  });

  it('rejects bad sends with typed errors carrying the server\'s ErrorCode and ErrorInfo, and stores nothing', async () => {
    const a = uniqueId('a');
    const alice = await loggedIn(a);
    const noSuchUser = await alice.sendC2C(uniqueId('nobody'), [textElem('x')]).catch((e: unknown) => e);
    expect(noSuchUser).toBeInstanceOf(ImRequestError);
    expect(noSuchUser).toMatchObject({ action: 'c2c.send', code: 20003 });
    const badRandom = await alice.sendC2C(a, [textElem('x')], { MsgRandom: -1 }).catch((e: unknown) => e);
    expect(badRandom).toMatchObject({ name: 'ImRequestError', code: 90005 });
    expect((badRandom as ImRequestError).info).toMatch(/MsgRandom/);
    const badHistory = await alice.c2cHistory({ Peer_Account: a, Count: 101 }).catch((e: unknown) => e);
    expect(badHistory).toMatchObject({ code: 90001 });
    expect((await alice.conversationList()).Conversations).toEqual([]);
  });

  it('recall reaches the other side as msg.recalled and marks the conversation\'s last message', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const alice = await loggedIn(a);
    const bob = await loggedIn(b);
    const bobSeen = recordMessages(bob);
    const recalled = new Promise((resolve) => bob.on('msg.recalled', resolve));
    const sent = await alice.sendC2C(b, [textElem('oops')]);
    await until(() => bobSeen.length === 1);
    await alice.recall(sent.message!);
    expect(await recalled).toEqual({ Peer_Account: a, MsgKey: sent.MsgKey });
    expect(bob.conversations()[0]!.LastMsg!.MsgFlagBits).toBe(8);
  });

  it('group messages reach every member\'s stream in seq order, once, and an offline member catches up through history.group', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const storage = new MemorySyncStorage();
    const alice = await loggedIn(a);
    const bob = await loggedIn(b, storage);
    const { GroupId } = await alice.createGroup({ Type: 'Public', Name: 'sync test', MemberList: [{ Member_Account: b }] });
    const bobSeen = recordMessages(bob);
    const groupTexts = (ms: ImMessage[]) => texts(ms.filter((m) => m.GroupId === GroupId && m.MsgBody[0]?.MsgType === 'TIMTextElem'));
    for (let i = 1; i <= 3; i++) await alice.sendGroup(GroupId, [textElem(`g${i}`)]);
    await until(() => groupTexts(bobSeen).length === 3);
    const first = bobSeen.filter((m) => m.GroupId === GroupId);
    expect(first.every((m) => m.ConversationID === `GROUP${GroupId}` && m.Type === 'Group')).toBe(true);
    expect(groupTexts(first)).toEqual(['g1', 'g2', 'g3']);
    // Strictly increasing seqs without a gap (stored tips share the group's seqs and come in the stream too).
    expect(seqs(first)).toEqual(range(first[0]!.MsgSeq, first.at(-1)!.MsgSeq));
    await bob.whenSynced();
    bob.close();
    for (let i = 4; i <= 26; i++) await alice.sendGroup(GroupId, [textElem(`g${i}`)]);
    const again = client(storage);
    const seen = recordMessages(again);
    const synced = new Promise((resolve) => again.on('synced', resolve));
    await again.login(b, officialUserSig(b));
    await synced;
    await again.whenSynced();
    expect(groupTexts(seen)).toEqual(range(4, 26).map((i) => `g${i}`));
    expect(seqs(seen)).toEqual(range(first.at(-1)!.MsgSeq + 1, seen.at(-1)!.MsgSeq));
    expect(again.conversations().find((c) => c.ConversationID === `GROUP${GroupId}`)).toMatchObject({ Type: 'Group', GroupId, LastMsgSeq: seen.at(-1)!.MsgSeq });
  });

  it('AVChatRoom and online-only messages (no seq) reach the app as they arrive, combined frames split into messages', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    const alice = await loggedIn(a);
    const bob = await loggedIn(b);
    const { GroupId } = await alice.createGroup({ Type: 'AVChatRoom', Name: 'live' });
    await bob.joinGroup({ GroupId });
    const bobSeen = recordMessages(bob);
    const combined: unknown[] = [];
    bob.on('group.messages', (batch) => combined.push(batch));
    // Sent back to back, they fall into one fan-out window and travel as `group.messages`.
    await Promise.all(range(1, 6).map((i) => alice.sendGroup(GroupId, [textElem(`live${i}`)])));
    await until(() => bobSeen.length === 6);
    expect(texts(bobSeen).sort()).toEqual(range(1, 6).map((i) => `live${i}`).sort());
    expect(bobSeen.every((m) => m.MsgSeq === 0 && m.GroupId === GroupId && m.From_Account === a)).toBe(true);
    expect(combined.length).toBeGreaterThan(0);
    // An online-only message in an ordinary group has no seq either, and leaves unread counts alone.
    const { GroupId: work } = await alice.createGroup({ Type: 'Public', Name: 'w', MemberList: [{ Member_Account: b }] });
    await alice.sendGroup(work, [textElem('hi')]);
    await until(() => bobSeen.some((m) => m.GroupId === work && texts([m])[0] === 'hi'));
    await bob.whenSynced();
    const before = bob.conversations().find((c) => c.GroupId === work)!.UnreadNum;
    expect(before).toBeGreaterThan(0);
    await alice.sendGroup(work, [textElem('typing...')], { OnlineOnlyFlag: 1 });
    await until(() => bobSeen.some((m) => m.GroupId === work && texts([m])[0] === 'typing...'));
    expect(bobSeen.find((m) => texts([m])[0] === 'typing...')!.MsgSeq).toBe(0);
    expect(bob.conversations().find((c) => c.GroupId === work)!.UnreadNum).toBe(before);
  });

  it('all_member_push broadcasts reach the app once: live, caught up after a reconnect, and on a later login', async () => {
    const [online, later] = [uniqueId('b'), uniqueId('b')];
    await importAccounts(later);
    const storage = new MemorySyncStorage();
    const im = await loggedIn(online, storage);
    const got: string[] = [];
    im.on('broadcast', (m) => got.push(m.TaskId));
    const reply = await rest(stack, 'all_member_push/im_push', { MsgRandom: 7, MsgLifeTime: 3600, MsgBody: [textElem('hello everyone')] });
    expect(reply).toMatchObject({ ErrorCode: 0 });
    const taskId = reply.TaskId as string;
    await stack.sqs.idle();
    await until(() => got.length === 1);
    expect(got).toEqual([taskId]);
    // A reconnect runs broadcast.sync, which answers the same broadcast again: not a second time to the app.
    const resynced = new Promise((resolve) => im.on('synced', resolve));
    kill(online);
    await resynced;
    await im.syncBroadcasts();
    im.close();
    // Even a fresh client on the same storage (a reload) does not repeat it.
    const reloaded = client(storage);
    const gotAfterReload: string[] = [];
    reloaded.on('broadcast', (m) => gotAfterReload.push(m.TaskId));
    await reloaded.login(online, officialUserSig(online));
    await reloaded.whenSynced();
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toEqual([taskId]);
    expect(gotAfterReload).toEqual([]);
    // A user who was offline gets it on login.
    const late = client();
    const lateGot = new Promise<{ TaskId: string; MsgBody: unknown }>((resolve) => late.on('broadcast', resolve));
    await late.login(later, officialUserSig(later));
    expect(await lateGot).toMatchObject({ TaskId: taskId, MsgBody: [textElem('hello everyone')] });
  });
});
