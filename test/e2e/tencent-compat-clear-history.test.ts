import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Conversation, type Message } from '../../client/src/tencent/index.js';
import { chatSuite, readyUser, type ChatUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;

const suite = chatSuite();
const { ready } = suite;
const send = (from: ChatUser, to: string, text: string, conversationType: string = TYPES.CONV_C2C) =>
  from.chat.sendMessage(from.chat.createTextMessage({ to, conversationType, payload: { text } })).then((r) => r.data.message as Message);
const listed = (u: ChatUser, id: string, test: (c: Conversation) => boolean) =>
  u.next<Conversation[]>(EVENT.CONVERSATION_LIST_UPDATED, (list) => list.some((c) => c.conversationID === id && test(c)));
const texts = async (u: ChatUser, conversationID: string) =>
  (await u.chat.getMessageList({ conversationID })).data.messageList.map((m) => (m.payload as { text: string }).text);
const noLastMessage = (c: Conversation) => Object.keys(c.lastMessage).length === 0 || (c.lastMessage as { payload?: unknown }).payload === undefined;

describe('@tencentcloud/chat-compatible API: clearHistoryMessage', () => {
  it('C2C: clears this user\'s messages and unread count, the conversation stays; the peer keeps its history; another instance hears of it', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const bob2 = suite.track(await readyUser(suite.stack(), bob.userID));
    const id = `C2C${alice.userID}`;
    const first = await send(alice, bob.userID, 'one');
    await send(alice, bob.userID, 'two');
    await listed(bob, id, (c) => c.unreadCount === 2);
    expect(await texts(bob, id)).toEqual(['one', 'two']);
    expect(bob.chat.findMessage(first.ID)).not.toBeNull();

    await expect(bob.chat.clearHistoryMessage(id)).resolves.toEqual({ code: 0, data: {} });
    await listed(bob, id, (c) => c.unreadCount === 0 && noLastMessage(c));
    await bob.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 0);
    expect((await bob.chat.getConversationList()).data.conversationList.map((c) => c.conversationID)).toEqual([id]);
    expect(await texts(bob, id)).toEqual([]);
    expect(bob.chat.findMessage(first.ID)).toBeNull();
    // The other instance of bob: the list event with the cleared conversation.
    await listed(bob2, id, (c) => c.unreadCount === 0 && noLastMessage(c));
    expect(await texts(alice, `C2C${bob.userID}`)).toEqual(['one', 'two']);

    await send(alice, bob.userID, 'three');
    await listed(bob, id, (c) => c.unreadCount === 1 && (c.lastMessage as { payload?: { text: string } }).payload?.text === 'three');
    expect(await texts(bob, id)).toEqual(['three']);
  });

  it('group: clears the member\'s own view; the others keep theirs', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const { data } = await alice.chat.createGroup({ name: 'Clear', type: TYPES.GRP_WORK, memberList: [{ userID: bob.userID }] });
    const groupID = data.group.groupID;
    const id = `GROUP${groupID}`;
    await send(alice, groupID, 'g1', TYPES.CONV_GROUP);
    await send(alice, groupID, 'g2', TYPES.CONV_GROUP);
    await listed(bob, id, (c) => c.unreadCount === 2);

    await expect(bob.chat.clearHistoryMessage(id)).resolves.toEqual({ code: 0, data: {} });
    await listed(bob, id, (c) => c.unreadCount === 0 && noLastMessage(c));
    expect(await texts(bob, id)).toEqual([]);
    expect((await texts(alice, id)).filter((t) => t !== undefined)).toEqual(['g1', 'g2']);
    await send(alice, groupID, 'g3', TYPES.CONV_GROUP);
    await listed(bob, id, (c) => c.unreadCount === 1);
    expect(await texts(bob, id)).toEqual(['g3']);
  });

  it('rejects bad ids (6017), a group it is not in (10007) and a topic (50002), changing nothing', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    const { data } = await alice.chat.createGroup({ name: 'Closed', type: TYPES.GRP_WORK, memberList: [{ userID: bob.userID }] });
    await send(alice, bob.userID, 'kept');
    for (const bad of [undefined, '', 'alice', 42, { conversationID: 'C2Cx' }]) {
      await expect(alice.chat.clearHistoryMessage(bad as never)).rejects.toMatchObject({ code: 6017 });
    }
    await expect(carol.chat.clearHistoryMessage(`GROUP${data.group.groupID}`)).rejects.toMatchObject({ code: 10007 });
    await expect(alice.chat.clearHistoryMessage(`GROUP${data.group.groupID}@TOPIC#_t`)).rejects.toMatchObject({ code: 50002 });
    expect(await texts(alice, `C2C${bob.userID}`)).toEqual(['kept']);
  });
});
