import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Message } from '../../client/src/tencent/index.js';
import { textElem } from '../../client/src/index.js';
import { uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';
import { chatSuite, chatUser, type ChatUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;

const suite = chatSuite();
const { ready } = suite;
const importAccount = async (id: string) => expect(await rest(suite.stack(), 'im_open_login_svc/account_import', { UserID: id })).toMatchObject({ ErrorCode: 0 });
const text = (from: ChatUser, to: string, t: string) => from.chat.createTextMessage({ to, conversationType: TYPES.CONV_C2C, payload: { text: t } });
const received = (u: ChatUser, test: (m: Message) => boolean) => u.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => list.some(test)).then((list) => list.find(test)!);

describe('@tencentcloud/chat-compatible API: login and one-to-one messages', () => {
  it('create is one instance per SDKAppID; login fires SDK_READY and NET_STATE_CHANGE; results are { code: 0, data }', async () => {
    const first = TencentCloudChat.create({ SDKAppID: suite.stack().config.sdkAppId, serverURL: suite.stack().wsUrl });
    expect(TencentCloudChat.create({ SDKAppID: suite.stack().config.sdkAppId, serverURL: 'ws://ignored' })).toBe(first);
    expect(EVENT.SDK_READY).toBe('sdkStateReady');
    expect(TYPES.GRP_WORK).toBe('Private');
    const userID = uniqueId('login');
    const states: unknown[] = [];
    let readyEvents = 0;
    first.on(EVENT.NET_STATE_CHANGE, (e) => states.push(e.data));
    first.on(EVENT.SDK_READY, () => { readyEvents++; });
    expect(first.isReady()).toBe(false);
    await expect(first.login({ userID, userSig: officialUserSig(userID) })).resolves.toEqual({ code: 0, data: { repeatLogin: false } });
    await expect.poll(() => first.isReady()).toBe(true);
    expect(readyEvents).toBe(1);
    expect(states).toContainEqual({ state: TYPES.NET_STATE_CONNECTED });
    expect(first.getLoginUser()).toBe(userID);
    await expect(first.login({ userID, userSig: officialUserSig(userID) })).resolves.toEqual({ code: 0, data: { repeatLogin: true } });
    await first.destroy();
    expect(first.isReady()).toBe(false);
    expect(TencentCloudChat.create({ SDKAppID: suite.stack().config.sdkAppId, serverURL: suite.stack().wsUrl })).not.toBe(first);
    await TencentCloudChat.create({ SDKAppID: suite.stack().config.sdkAppId }).destroy();
  });

  it('rejects in Tencent\'s shape: a refused UserSig, a call before login, a method the server does not serve', async () => {
    const u = chatUser(suite.stack(), uniqueId('bad'));
    suite.track(u);
    await expect(u.chat.login({ userID: u.userID, userSig: officialUserSig(u.userID, { key: 'wrong' }) })).rejects.toMatchObject({ code: 70001 });
    await expect(u.chat.getMessageList({ conversationID: 'C2Cx' })).rejects.toMatchObject({ code: 2024 });
    expect(() => u.chat.createTextMessage({ to: 'x', conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } })).toThrow(expect.objectContaining({ code: 2024 }));
    const a = await ready('a');
    await expect(a.chat.searchCloudMessages({ keywordList: ['x'] })).rejects.toMatchObject({ code: 7013, message: expect.stringContaining('searchCloudMessages') });
    expect(() => a.chat.createImageMessage({ to: 'x', conversationType: TYPES.CONV_C2C, payload: { file: {} } })).toThrow(expect.objectContaining({ code: 7013 }));
  });

  it('sends text between two users: the receiver gets MESSAGE_RECEIVED with Tencent\'s fields, the sender only its promise', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const message = text(alice, bob.userID, 'hello bob');
    expect(message).toMatchObject({ status: 'unSend', flow: 'out', from: alice.userID, to: bob.userID, conversationID: `C2C${bob.userID}`, type: TYPES.MSG_TEXT });
    const got = received(bob, (m) => m.ID === message.ID);
    const result = await alice.chat.sendMessage(message);
    expect(result).toEqual({ code: 0, data: { message } });
    expect(message).toMatchObject({ status: 'success', sequence: 1 });
    const m = await got;
    expect(m).toMatchObject({
      ID: message.ID, type: 'TIMTextElem', payload: { text: 'hello bob' }, conversationID: `C2C${alice.userID}`, conversationType: 'C2C',
      from: alice.userID, to: bob.userID, flow: 'in', status: 'success', sequence: 1, time: message.time, isRevoked: false,
    });
    // The sender's own message is not "received" by the device that sent it.
    await new Promise((r) => setTimeout(r, 200));
    expect(alice.events.filter((e) => e.name === EVENT.MESSAGE_RECEIVED)).toEqual([]);
    expect(alice.chat.findMessage(message.ID)).toBe(message);
  });

  it('custom, face, location and URL-based image messages arrive with Tencent\'s payloads', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const to = bob.userID;
    const c2c = TYPES.CONV_C2C;
    const sent = [
      alice.chat.createCustomMessage({ to, conversationType: c2c, payload: { data: '{"k":1}', description: 'd', extension: 'e' } }),
      alice.chat.createFaceMessage({ to, conversationType: c2c, payload: { index: 3, data: 'smile' } }),
      alice.chat.createLocationMessage({ to, conversationType: c2c, payload: { description: 'here', longitude: 114.1, latitude: 22.5 } }),
      alice.chat.createImageMessage({ to, conversationType: c2c, payload: { url: 'https://cdn.example.com/a.png', width: 40, height: 30, size: 999 } }),
      alice.chat.createTextAtMessage({ to, conversationType: c2c, payload: { text: '@x hi', atUserList: ['x'] } }),
    ];
    for (const m of sent) await alice.chat.sendMessage(m);
    const last = await received(bob, (m) => m.ID === sent[4]!.ID);
    const byId = (id: string) => bob.chat.findMessage(id);
    expect(byId(sent[0]!.ID)).toMatchObject({ type: TYPES.MSG_CUSTOM, payload: { data: '{"k":1}', description: 'd', extension: 'e' } });
    expect(byId(sent[1]!.ID)).toMatchObject({ type: TYPES.MSG_FACE, payload: { index: 3, data: 'smile' } });
    expect(byId(sent[2]!.ID)).toMatchObject({ type: TYPES.MSG_LOCATION, payload: { description: 'here', longitude: 114.1, latitude: 22.5 } });
    expect(byId(sent[3]!.ID)).toMatchObject({ type: TYPES.MSG_IMAGE, payload: { imageInfoArray: [{ url: 'https://cdn.example.com/a.png', width: 40, height: 30, size: 999, type: 0 }] } });
    expect(last).toMatchObject({ type: TYPES.MSG_TEXT, payload: { text: '@x hi' } });
  });

  it('getMessageList pages 15 at a time, oldest first, with nextReqMessageID, and says isCompleted on the last page', async () => {
    const [alice, bob] = [uniqueId('alice'), await ready('bob')];
    await importAccount(alice);
    for (let i = 1; i <= 20; i++) {
      expect(await rest(suite.stack(), 'openim/sendmsg', { From_Account: alice, To_Account: bob.userID, MsgRandom: 1000 + i, MsgBody: [textElem(`m${i}`)] })).toMatchObject({ ErrorCode: 0 });
    }
    const conversationID = `C2C${alice}`;
    const first = await bob.chat.getMessageList({ conversationID });
    expect(first.code).toBe(0);
    expect(first.data.messageList.map((m) => m.payload.text)).toEqual(Array.from({ length: 15 }, (_, i) => `m${i + 6}`));
    expect(first.data.isCompleted).toBe(false);
    expect(first.data.nextReqMessageID).toBe(first.data.messageList[0]!.ID);
    const second = await bob.chat.getMessageList({ conversationID, nextReqMessageID: first.data.nextReqMessageID });
    expect(second.data.messageList.map((m) => m.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(second.data.isCompleted).toBe(true);
    expect(second.data.messageList.every((m) => m.flow === 'in' && m.from === alice)).toBe(true);
    await expect(bob.chat.getMessageList({ conversationID, nextReqMessageID: 'not-one-of-ours' })).rejects.toMatchObject({ code: 6017 });
  });

  it('revokeMessage: the receiver gets MESSAGE_REVOKED on the object it already holds, and history says isRevoked', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const message = text(alice, bob.userID, 'oops');
    const got = received(bob, (m) => m.ID === message.ID);
    await alice.chat.sendMessage(message);
    const held = await got;
    await expect(alice.chat.revokeMessage(message)).resolves.toMatchObject({ code: 0, data: { message: { isRevoked: true } } });
    const [revoked] = await bob.next<Message[]>(EVENT.MESSAGE_REVOKED);
    expect(revoked).toBe(held);
    expect(held.isRevoked).toBe(true);
    const page = await bob.chat.getMessageList({ conversationID: `C2C${alice.userID}` });
    expect(page.data.messageList.map((m) => [m.ID, m.isRevoked])).toEqual([[message.ID, true]]);
  });

  it('modifyMessage: the app edits payload and passes the message; the peer gets MESSAGE_MODIFIED', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const message = text(alice, bob.userID, 'draft');
    const got = received(bob, (m) => m.ID === message.ID);
    await alice.chat.sendMessage(message);
    await got;
    message.payload = { text: 'final' };
    const edited = await alice.chat.modifyMessage(message);
    expect(edited.data.message).toMatchObject({ ID: message.ID, payload: { text: 'final' }, isModified: true, version: 1 });
    const [modified] = await bob.next<Message[]>(EVENT.MESSAGE_MODIFIED);
    expect(modified).toMatchObject({ ID: message.ID, payload: { text: 'final' }, isModified: true });
  });

  it('deleteMessage deletes C2C messages for this user only; group messages reject as not supported', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const keep = text(alice, bob.userID, 'keep');
    const drop = text(alice, bob.userID, 'drop');
    await alice.chat.sendMessage(keep);
    await alice.chat.sendMessage(drop);
    await expect(alice.chat.deleteMessage([drop])).resolves.toMatchObject({ code: 0 });
    const mine = await alice.chat.getMessageList({ conversationID: `C2C${bob.userID}` });
    expect(mine.data.messageList.map((m) => m.payload.text)).toEqual(['keep']);
    const theirs = await bob.chat.getMessageList({ conversationID: `C2C${alice.userID}` });
    expect(theirs.data.messageList.map((m) => m.payload.text)).toEqual(['keep', 'drop']);
    const group = { ...keep, conversationType: TYPES.CONV_GROUP, conversationID: 'GROUPg' };
    await expect(alice.chat.deleteMessage([group])).rejects.toMatchObject({ code: 7013 });
  });

  it('a REST kick fires KICKED_OUT (REST_API_Kick) and SDK_NOT_READY', async () => {
    const alice = await ready('alice');
    await rest(suite.stack(), 'im_open_login_svc/kick', { UserID: alice.userID });
    await expect(alice.next(EVENT.KICKED_OUT)).resolves.toEqual({ type: TYPES.KICKED_OUT_REST_API });
    await alice.next(EVENT.SDK_NOT_READY);
    expect(alice.chat.isReady()).toBe(false);
  });
});
