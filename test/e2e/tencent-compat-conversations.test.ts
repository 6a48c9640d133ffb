import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Conversation, type Message } from '../../client/src/tencent/index.js';
import { uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { chatSuite, readyUser, type ChatUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;

const suite = chatSuite();
const { ready } = suite;
const send = (from: ChatUser, to: string, text: string) =>
  from.chat.sendMessage(from.chat.createTextMessage({ to, conversationType: TYPES.CONV_C2C, payload: { text } })).then((r) => r.data.message);
const listed = (u: ChatUser, id: string, test: (c: Conversation) => boolean) =>
  u.next<Conversation[]>(EVENT.CONVERSATION_LIST_UPDATED, (list) => list.some((c) => c.conversationID === id && test(c)));

describe('@tencentcloud/chat-compatible API: conversations, unread counts and reads', () => {
  it('messages update the conversation list and the total unread count; setMessageRead clears them and the peer gets MESSAGE_READ_BY_PEER', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const id = `C2C${alice.userID}`;
    const first = await send(alice, bob.userID, 'one');
    const second = await send(alice, bob.userID, 'two');

    const list = await listed(bob, id, (c) => c.unreadCount === 2);
    const conversation = list.find((c) => c.conversationID === id)!;
    expect(conversation).toMatchObject({ type: TYPES.CONV_C2C, unreadCount: 2, lastMessage: { lastSequence: 2, fromAccount: alice.userID, payload: { text: 'two' }, messageForShow: 'two' } });
    await bob.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 2);
    expect(bob.chat.getTotalUnreadMessageCount()).toBe(2);

    const fetched = await bob.chat.getConversationList();
    expect(fetched).toMatchObject({ code: 0, data: { isSyncCompleted: true } });
    expect(fetched.data.conversationList.map((c) => [c.conversationID, c.unreadCount])).toEqual([[id, 2]]);
    expect(fetched.data.conversationList[0]!.userProfile).toMatchObject({ userID: alice.userID });
    await expect(bob.chat.getConversationProfile(id)).resolves.toMatchObject({ code: 0, data: { conversation: { conversationID: id, unreadCount: 2 } } });

    await expect(bob.chat.setMessageRead({ conversationID: id })).resolves.toEqual({ code: 0, data: {} });
    await bob.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 0);
    expect(bob.chat.getTotalUnreadMessageCount()).toBe(0);
    await listed(bob, id, (c) => c.unreadCount === 0);

    const read = await alice.next<Message[]>(EVENT.MESSAGE_READ_BY_PEER);
    expect(read.map((m) => m.ID).sort()).toEqual([first.ID, second.ID].sort());
    expect(first.isPeerRead && second.isPeerRead).toBe(true);
    // History says so too, from the server's IsPeerRead.
    const page = await alice.chat.getMessageList({ conversationID: `C2C${bob.userID}` });
    expect(page.data.messageList.map((m) => m.isPeerRead)).toEqual([true, true]);
  });

  it('a user logging in later gets SDK_READY with the list and unread counts from the server, and MESSAGE_RECEIVED only for what comes after', async () => {
    const alice = await ready('alice');
    const bobId = uniqueId('bob');
    expect(await rest(suite.stack(), 'im_open_login_svc/account_import', { UserID: bobId })).toMatchObject({ ErrorCode: 0 });
    await send(alice, bobId, 'while you were away');

    const bob = await readyUser(suite.stack(), bobId);
    suite.track(bob);
    const fetched = await bob.chat.getConversationList();
    expect(fetched.data.conversationList.map((c) => [c.conversationID, c.unreadCount, (c.lastMessage as unknown as { payload: { text: string } }).payload.text]))
      .toEqual([[`C2C${alice.userID}`, 1, 'while you were away']]);
    expect(bob.chat.getTotalUnreadMessageCount()).toBe(1);
    expect(bob.events.filter((e) => e.name === EVENT.MESSAGE_RECEIVED)).toEqual([]);
    const live = await send(alice, bobId, 'now');
    const [got] = await bob.next<Message[]>(EVENT.MESSAGE_RECEIVED);
    expect(got).toMatchObject({ ID: live.ID, payload: { text: 'now' } });
  });

  it('pinConversation puts a conversation first with isPinned', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    await send(bob, alice.userID, 'from bob');
    await send(carol, alice.userID, 'from carol');
    await listed(alice, `C2C${carol.userID}`, () => true);
    const before = (await alice.chat.getConversationList()).data.conversationList.map((c) => c.conversationID);
    expect(before.sort()).toEqual([`C2C${bob.userID}`, `C2C${carol.userID}`].sort());
    // Pinning the one listed last moves it first.
    const [top, bottom] = (await alice.chat.getConversationList()).data.conversationList.map((c) => c.conversationID);
    await expect(alice.chat.pinConversation({ conversationID: bottom!, isPinned: true })).resolves.toMatchObject({ code: 0 });
    const after = (await alice.chat.getConversationList()).data.conversationList;
    expect(after.map((c) => [c.conversationID, c.isPinned])).toEqual([[bottom, true], [top, false]]);
    await alice.chat.pinConversation({ conversationID: bottom!, isPinned: false });
    expect((await alice.chat.getConversationList()).data.conversationList.find((c) => c.conversationID === bottom)!.isPinned).toBe(false);
  });
  it('deleteConversation (one ID or a list) takes conversations out of the list here and on the user\'s other instance; a new message lists one again', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    const other = await readyUser(suite.stack(), alice.userID);
    suite.track(other);
    await send(bob, alice.userID, 'b');
    await send(carol, alice.userID, 'c');
    const [withBob, withCarol] = [`C2C${bob.userID}`, `C2C${carol.userID}`];
    await listed(alice, withCarol, () => true);
    await listed(other, withCarol, () => true);
    expect(alice.chat.getTotalUnreadMessageCount()).toBe(2);

    await expect(alice.chat.deleteConversation(withBob)).resolves.toEqual({ code: 0, data: { conversationID: withBob } });
    const gone = (u: ChatUser, id: string) => u.next<Conversation[]>(EVENT.CONVERSATION_LIST_UPDATED, (list) => !list.some((c) => c.conversationID === id));
    await gone(alice, withBob);
    await gone(other, withBob);
    expect((await alice.chat.getConversationList()).data.conversationList.map((c) => c.conversationID)).toEqual([withCarol]);
    await alice.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 1);

    await expect(alice.chat.deleteConversation({ conversationIDList: [withCarol], clearHistoryMessage: true })).resolves.toEqual({ code: 0, data: { conversationIDList: [withCarol] } });
    await gone(other, withCarol);
    expect((await other.chat.getConversationList()).data.conversationList).toEqual([]);
    expect((await alice.chat.getMessageList({ conversationID: withCarol })).data.messageList).toEqual([]);
    await expect(alice.chat.deleteConversation({ conversationIDList: [] })).rejects.toMatchObject({ code: expect.any(Number) });

    await send(bob, alice.userID, 'again');
    await listed(alice, withBob, (c) => c.unreadCount === 1);
  });
});
