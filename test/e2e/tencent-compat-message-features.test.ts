import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Conversation, type Message } from '../../client/src/tencent/index.js';
import { groupRest } from '../support/groups.js';
import { chatSuite, readyUser, type ChatUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;

const suite = chatSuite();
const { ready } = suite;
const text = (from: ChatUser, to: string, t: string, extra: Record<string, unknown> = {}, conversationType: string = TYPES.CONV_C2C) =>
  from.chat.sendMessage(from.chat.createTextMessage({ to, conversationType, payload: { text: t }, ...extra })).then((r) => r.data.message);
const received = (u: ChatUser, id: string) => u.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => list.some((m) => m.ID === id)).then((list) => list.find((m) => m.ID === id)!);
const texts = (list: Message[]) => list.map((m) => (m.payload as { text: string }).text);
const listed = (u: ChatUser, id: string, test: (c: Conversation) => boolean) =>
  u.next<Conversation[]>(EVENT.CONVERSATION_LIST_UPDATED, (list) => list.some((c) => c.conversationID === id && test(c)));

async function workGroup(owner: ChatUser, members: ChatUser[]): Promise<string> {
  const { data } = await owner.chat.createGroup({ name: 'Team', type: TYPES.GRP_WORK, memberList: members.map((m) => ({ userID: m.userID })) });
  return data.group.groupID;
}

describe('@tencentcloud/chat-compatible API: message features (hopping, extensions, receipts, reads, merged and forwarded messages)', () => {
  it('getMessageListHopping reads from a sequence or a time, older or newer, the start included', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const sent: Message[] = [];
    for (let i = 1; i <= 8; i++) sent.push(await text(alice, bob.userID, `m${i}`));
    const id = `C2C${alice.userID}`;
    const hop = async (o: { sequence?: number; time?: number; count?: number; direction?: number }, conversationID = id) => (await bob.chat.getMessageListHopping({ conversationID, ...o })).data.messageList;

    expect(texts(await hop({ sequence: sent[4]!.sequence, count: 3 }))).toEqual(['m3', 'm4', 'm5']);
    expect(texts(await hop({ sequence: sent[4]!.sequence, count: 3, direction: 1 }))).toEqual(['m5', 'm6', 'm7']);
    expect(texts(await hop({ sequence: sent[6]!.sequence, count: 5, direction: 1 }))).toEqual(['m7', 'm8']);
    // C2C by server time (Tencent's form): all from the first message's second on, and all up to now.
    expect(texts(await hop({ time: sent[0]!.time, direction: 1 }))).toEqual(texts(sent));
    expect(texts(await hop({ time: sent[7]!.time + 5, count: 2 }))).toEqual(['m7', 'm8']);
    const [first] = await hop({ sequence: sent[0]!.sequence, count: 1 });
    expect(first).toMatchObject({ ID: sent[0]!.ID, flow: 'in', from: alice.userID });
    expect(bob.chat.findMessage(sent[0]!.ID)).toBe(first);

    const groupID = await workGroup(alice, [bob]);
    const inGroup: Message[] = [];
    for (let i = 1; i <= 4; i++) inGroup.push(await text(alice, groupID, `g${i}`, {}, TYPES.CONV_GROUP));
    expect(texts(await hop({ sequence: inGroup[2]!.sequence, count: 2 }, `GROUP${groupID}`))).toEqual(['g2', 'g3']);
    expect(texts(await hop({ sequence: inGroup[1]!.sequence, count: 15, direction: 1 }, `GROUP${groupID}`))).toEqual(['g2', 'g3', 'g4']);

    await expect(bob.chat.getMessageListHopping({ conversationID: `GROUP${groupID}`, time: sent[0]!.time })).rejects.toMatchObject({ code: 6017 });
  });

  it('message extensions: set, get and delete on both sides, MESSAGE_EXTENSIONS_UPDATED / _DELETED, refusals', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const sent = await text(alice, bob.userID, 'vote', { isSupportExtension: true });
    const got = await received(bob, sent.ID);

    const set = await bob.chat.setMessageExtensions(got, [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    expect(set).toEqual({ code: 0, data: { extensions: [{ code: 0, key: 'a', value: '1' }, { code: 0, key: 'b', value: '2' }] } });
    await expect(bob.next(EVENT.MESSAGE_EXTENSIONS_UPDATED)).resolves.toEqual({ messageID: sent.ID, extensions: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
    await expect(alice.next(EVENT.MESSAGE_EXTENSIONS_UPDATED)).resolves.toEqual({ messageID: sent.ID, extensions: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });

    const read = await alice.chat.getMessageExtensions(sent);
    expect(read.data.extensions.sort((x, y) => x.key.localeCompare(y.key))).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    // Alice now knows each key's Seq, so she overwrites.
    await expect(alice.chat.setMessageExtensions(sent, [{ key: 'a', value: 'alice' }])).resolves.toMatchObject({ data: { extensions: [{ code: 0, key: 'a', value: 'alice' }] } });
    await bob.next(EVENT.MESSAGE_EXTENSIONS_UPDATED, (d: { extensions: Array<{ value: string }> }) => d.extensions[0]?.value === 'alice');
    // A device that never saw key a's version gets 23001 and the current value; set again, it overwrites.
    const fresh = suite.track(await readyUser(suite.stack(), bob.userID));
    const [copy] = (await fresh.chat.getMessageList({ conversationID: `C2C${alice.userID}` })).data.messageList;
    await expect(fresh.chat.setMessageExtensions(copy!, [{ key: 'a', value: 'fresh' }])).resolves.toEqual({ code: 0, data: { extensions: [{ code: 23001, key: 'a', value: 'alice' }] } });
    await expect(fresh.chat.setMessageExtensions(copy!, [{ key: 'a', value: 'fresh' }])).resolves.toEqual({ code: 0, data: { extensions: [{ code: 0, key: 'a', value: 'fresh' }] } });
    await expect(alice.chat.setMessageExtensions(sent, [{ key: 'a', value: 'alice' }])).resolves.toMatchObject({ data: { extensions: [{ code: 0 }] } });

    await expect(alice.chat.deleteMessageExtensions(sent, ['b'])).resolves.toMatchObject({ code: 0 });
    await expect(bob.next(EVENT.MESSAGE_EXTENSIONS_DELETED)).resolves.toEqual({ messageID: sent.ID, keyList: ['b'] });
    await expect(bob.chat.deleteMessageExtensions(got)).resolves.toMatchObject({ code: 0 });
    await alice.next(EVENT.MESSAGE_EXTENSIONS_DELETED, (d: { keyList: string[] }) => d.keyList.includes('a'));
    expect((await bob.chat.getMessageExtensions(got)).data.extensions).toEqual([]);

    // A group message sent with isSupportExtension: members see the change.
    const groupID = await workGroup(alice, [bob]);
    const inGroup = await text(alice, groupID, 'group vote', { isSupportExtension: true }, TYPES.CONV_GROUP);
    const gotInGroup = await received(bob, inGroup.ID);
    await bob.chat.setMessageExtensions(gotInGroup, [{ key: bob.userID, value: 'yes' }]);
    await expect(alice.next(EVENT.MESSAGE_EXTENSIONS_UPDATED, (d: { messageID: string }) => d.messageID === inGroup.ID))
      .resolves.toEqual({ messageID: inGroup.ID, extensions: [{ key: bob.userID, value: 'yes' }] });

    // Not sent with isSupportExtension: the server refuses (openim 90001).
    const plain = await text(alice, bob.userID, 'plain');
    await expect(alice.chat.setMessageExtensions(plain, [{ key: 'a', value: '1' }])).rejects.toMatchObject({ code: 90001 });
    const unsent = alice.chat.createTextMessage({ to: bob.userID, conversationType: TYPES.CONV_C2C, payload: { text: 'x' } });
    await expect(alice.chat.getMessageExtensions(unsent)).rejects.toMatchObject({ code: 2105 });
  });

  it('group read receipts: sendMessageReadReceipt, MESSAGE_READ_RECEIPT_RECEIVED, getMessageReadReceiptList, getGroupMessageReadMemberList', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    const groupID = await workGroup(alice, [bob, carol]);
    const sent = await text(alice, groupID, 'please read', { needReadReceipt: true }, TYPES.CONV_GROUP);
    const got = await received(bob, sent.ID);
    expect(got.needReadReceipt).toBe(true);

    await expect(bob.chat.sendMessageReadReceipt([got])).resolves.toEqual({ code: 0, data: {} });
    const [receipt] = await alice.next<Array<Record<string, unknown>>>(EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    expect(receipt).toEqual({ groupID, messageID: sent.ID, readCount: 1, unreadCount: 1 });
    expect(sent.readReceiptInfo).toMatchObject({ readCount: 1, unreadCount: 1 });

    const { data } = await alice.chat.getMessageReadReceiptList([sent]);
    expect(data.messageList[0]!.readReceiptInfo).toMatchObject({ readCount: 1, unreadCount: 1 });
    // Reading history again keeps the counts on the message object.
    const page = await alice.chat.getMessageList({ conversationID: `GROUP${groupID}` });
    expect(page.data.messageList.find((m) => m.ID === sent.ID)).toBe(sent);
    expect(sent.readReceiptInfo).toMatchObject({ readCount: 1, unreadCount: 1 });
    await expect(alice.chat.getGroupMessageReadMemberList({ message: sent, filter: 0, cursor: '', count: 30 }))
      .resolves.toEqual({ code: 0, data: { isCompleted: true, cursor: '', messageID: sent.ID, readUserIDList: [bob.userID] } });
    await expect(alice.chat.getGroupMessageReadMemberList({ message: sent, filter: 1 }))
      .resolves.toMatchObject({ data: { isCompleted: true, messageID: sent.ID, unreadUserIDList: [carol.userID] } });

    // One's own message, and a message that asked for no receipt, are refused.
    await expect(alice.chat.sendMessageReadReceipt([sent])).rejects.toMatchObject({ code: 10007 });
    const plain = await text(alice, groupID, 'no receipt', {}, TYPES.CONV_GROUP);
    await expect(bob.chat.sendMessageReadReceipt([await received(bob, plain.ID)])).rejects.toMatchObject({ code: 10062 });
  });

  it('C2C read receipts: the peer\'s receipt reaches the sender as MESSAGE_READ_RECEIPT_RECEIVED and readReceiptInfo.isPeerRead', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const sent = await text(alice, bob.userID, 'read me', { needReadReceipt: true });
    const got = await received(bob, sent.ID);
    expect((await alice.chat.getMessageReadReceiptList([sent])).data.messageList[0]!.readReceiptInfo).toMatchObject({ isPeerRead: false });

    await bob.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 1);
    await expect(bob.chat.sendMessageReadReceipt([got])).resolves.toMatchObject({ code: 0 });
    // The server reads the C2C conversation with the receipt: the count says so.
    expect(bob.chat.getTotalUnreadMessageCount()).toBe(0);
    const [receipt] = await alice.next<Array<Record<string, unknown>>>(EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.events.filter((e) => e.name === EVENT.MESSAGE_READ_RECEIPT_RECEIVED)).toHaveLength(1);
    expect(receipt).toMatchObject({ userID: bob.userID, messageID: sent.ID, isPeerRead: true, timestamp: expect.any(Number) });
    expect(sent.readReceiptInfo.isPeerRead).toBe(true);
    const { data } = await alice.chat.getMessageReadReceiptList([sent]);
    expect(data.messageList[0]!.readReceiptInfo).toMatchObject({ isPeerRead: true });
    // A later login reads it from history.
    const again = suite.track(await readyUser(suite.stack(), alice.userID));
    const [fromHistory] = (await again.chat.getMessageList({ conversationID: `C2C${bob.userID}` })).data.messageList;
    expect(fromHistory).toMatchObject({ ID: sent.ID, isPeerRead: true, readReceiptInfo: { isPeerRead: true } });
  });

  it('setAllMessageRead reads every conversation, or those of its scope; setMessageRemindType sets the group receive option', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    const groupID = await workGroup(alice, [bob]);
    await text(alice, bob.userID, 'one');
    await text(carol, bob.userID, 'two');
    await text(alice, groupID, 'three', {}, TYPES.CONV_GROUP);
    await bob.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 3);

    await expect(bob.chat.setAllMessageRead({ scope: TYPES.READ_ALL_C2C_MSG })).resolves.toEqual({ code: 0, data: {} });
    await bob.next(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, (n) => n === 1);
    expect((await bob.chat.getConversationList()).data.conversationList.filter((c) => c.unreadCount > 0).map((c) => c.conversationID)).toEqual([`GROUP${groupID}`]);
    await bob.chat.setAllMessageRead();
    expect(bob.chat.getTotalUnreadMessageCount()).toBe(0);

    await expect(bob.chat.setMessageRemindType({ groupID, messageRemindType: TYPES.MSG_REMIND_ACPT_NOT_NOTE })).resolves.toEqual({ code: 0, data: {} });
    const members = (await groupRest(suite.stack(), 'get_group_member_info', { GroupId: groupID })).MemberList as Array<{ Member_Account: string; MsgFlag: string }>;
    expect(members.find((m) => m.Member_Account === bob.userID)!.MsgFlag).toBe('AcceptNotNotify');
    await listed(bob, `GROUP${groupID}`, (c) => c.messageRemindType === TYPES.MSG_REMIND_ACPT_NOT_NOTE);
    await bob.next<Array<{ groupID: string; selfInfo: { messageRemindType?: string } }>>(EVENT.GROUP_LIST_UPDATED,
      (list) => list.some((g) => g.groupID === groupID && g.selfInfo.messageRemindType === TYPES.MSG_REMIND_ACPT_NOT_NOTE));
    await expect(bob.chat.setMessageRemindType({ groupID, messageRemindType: 'Loud' })).rejects.toMatchObject({ code: 6017 });
  });

  it('setMessageRemindType with userIDList sets the C2C receive option: DISCARD stops MESSAGE_RECEIVED (history keeps the messages), ACPT_AND_NOTE restores it', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    await text(alice, bob.userID, 'before');
    await listed(bob, `C2C${alice.userID}`, () => true);
    await expect(bob.chat.setMessageRemindType({ userIDList: [alice.userID], messageRemindType: TYPES.MSG_REMIND_DISCARD })).resolves.toEqual({ code: 0, data: {} });
    await listed(bob, `C2C${alice.userID}`, (c) => c.messageRemindType === TYPES.MSG_REMIND_DISCARD);
    expect((await bob.chat.setMessageRemindType({ userIDList: [carol.userID], messageRemindType: TYPES.MSG_REMIND_ACPT_NOT_NOTE })).code).toBe(0);
    await text(alice, bob.userID, 'discarded');
    const fromCarol = await text(carol, bob.userID, 'quiet');
    await received(bob, fromCarol.ID);
    expect(bob.events.filter((e) => e.name === EVENT.MESSAGE_RECEIVED).flatMap((e) => texts(e.data as Message[]))).not.toContain('discarded');
    expect(texts((await bob.chat.getMessageList({ conversationID: `C2C${alice.userID}` })).data.messageList)).toEqual(['before', 'discarded']);

    await bob.chat.setMessageRemindType({ userIDList: [alice.userID], messageRemindType: TYPES.MSG_REMIND_ACPT_AND_NOTE });
    const after = await text(alice, bob.userID, 'heard');
    await received(bob, after.ID);
    // Not as Tencent's (client README): the next delivered message makes our client's gap-free sync fetch the discarded one.
    expect(bob.events.filter((e) => e.name === EVENT.MESSAGE_RECEIVED).flatMap((e) => texts(e.data as Message[]))).toEqual(['before', 'quiet', 'discarded', 'heard']);
    for (const bad of [{ userIDList: [] }, { userIDList: 'x' }, {}, { userIDList: Array.from({ length: 31 }, (_, i) => `u${i}`) }]) {
      await expect(bob.chat.setMessageRemindType({ ...bad, messageRemindType: TYPES.MSG_REMIND_DISCARD } as never)).rejects.toMatchObject({ code: 6017 });
    }
    await expect(bob.chat.setMessageRemindType({ userIDList: [bob.userID], messageRemindType: TYPES.MSG_REMIND_DISCARD })).rejects.toMatchObject({ code: 90001 });
  });

  it('createMergerMessage and createForwardMessage send the messages on; downloadMergerMessage gives the merged list', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    const one = await text(alice, bob.userID, 'one');
    const two = await text(bob, alice.userID, 'two');
    const merger = alice.chat.createMergerMessage({
      to: carol.userID, conversationType: TYPES.CONV_C2C,
      payload: { messageList: [one, two], title: 'Alice and Bob', abstractList: ['alice: one', 'bob: two'], compatibleText: 'upgrade to see it' },
    });
    expect(merger.type).toBe(TYPES.MSG_MERGER);
    await alice.chat.sendMessage(merger);
    const got = await received(carol, merger.ID);
    expect(got).toMatchObject({ type: TYPES.MSG_MERGER, payload: { title: 'Alice and Bob', abstractList: ['alice: one', 'bob: two'], compatibleText: 'upgrade to see it' } });
    const { data } = await carol.chat.downloadMergerMessage(got);
    const list = (data.payload as { messageList: Array<{ from: string; messageBody: Array<{ type: string; payload: { text: string } }> }> }).messageList;
    expect(list.map((m) => [m.from, m.messageBody[0]!.type, m.messageBody[0]!.payload.text])).toEqual([[alice.userID, TYPES.MSG_TEXT, 'one'], [bob.userID, TYPES.MSG_TEXT, 'two']]);
    // A received merged message merges again.
    const again = carol.chat.createMergerMessage({ to: bob.userID, conversationType: TYPES.CONV_C2C, payload: { messageList: [got], title: 'fw', abstractList: [], compatibleText: '' } });
    await carol.chat.sendMessage(again);
    const nested = await received(bob, again.ID);
    const inner = (nested.payload as { messageList: Array<{ messageBody: Array<{ type: string; payload: { title: string } }> }> }).messageList[0]!.messageBody[0]!;
    expect(inner).toMatchObject({ type: TYPES.MSG_MERGER, payload: { title: 'Alice and Bob' } });

    const image = await alice.chat.sendMessage(alice.chat.createImageMessage({ to: bob.userID, conversationType: TYPES.CONV_C2C, payload: { url: 'https://cdn.example/p.png', width: 4, height: 3 } }));
    const forwarded = bob.chat.createForwardMessage({ to: carol.userID, conversationType: TYPES.CONV_C2C, payload: await received(bob, image.data.message.ID) });
    await bob.chat.sendMessage(forwarded);
    const fwd = await received(carol, forwarded.ID);
    expect(fwd).toMatchObject({ type: TYPES.MSG_IMAGE, from: bob.userID, payload: { imageInfoArray: [{ url: 'https://cdn.example/p.png', width: 4, height: 3 }] } });
    await expect(carol.chat.downloadMergerMessage(fwd)).rejects.toMatchObject({ code: 2105 });
  });
});

describe('@tencentcloud/chat-compatible API: conversation marks, custom data and conversation groups', () => {
  it('markConversation, setConversationCustomData and conversation groups, with their events here and on another device', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await text(bob, alice.userID, 'hi');
    const id = `C2C${bob.userID}`;
    await listed(alice, id, () => true);
    const other = suite.track(await readyUser(suite.stack(), alice.userID));

    const marked = await alice.chat.markConversation({ conversationIDList: [id, 'C2Cnobody-here'], markType: TYPES.CONV_MARK_TYPE_STAR, enableMark: true });
    expect(marked.data.successConversationIDList).toEqual([id]);
    expect(marked.data.failureConversationIDList).toEqual([{ conversationID: 'C2Cnobody-here', code: 50002, message: expect.any(String) }]);
    await listed(alice, id, (c) => c.markList.includes(TYPES.CONV_MARK_TYPE_STAR));
    await listed(other, id, (c) => c.markList.includes(TYPES.CONV_MARK_TYPE_STAR));
    await alice.chat.markConversation({ conversationIDList: [id], markType: TYPES.CONV_MARK_TYPE_HIDE, enableMark: true });
    await alice.chat.markConversation({ conversationIDList: [id], markType: TYPES.CONV_MARK_TYPE_STAR, enableMark: false });
    expect((await alice.chat.getConversationProfile(id)).data.conversation.markList).toEqual([TYPES.CONV_MARK_TYPE_HIDE]);
    const only = async (o: { markType?: number; groupName?: string; hasUnreadCount?: boolean }) => (await alice.chat.getConversationList(o)).data.conversationList.map((c) => c.conversationID);
    expect(await only({ markType: TYPES.CONV_MARK_TYPE_HIDE })).toEqual([id]);
    expect(await only({ markType: TYPES.CONV_MARK_TYPE_STAR })).toEqual([]);
    expect(await only({ hasUnreadCount: true })).toEqual([id]);

    await expect(alice.chat.setConversationCustomData({ conversationIDList: [id], customData: 'draft-ish' })).resolves.toMatchObject({ data: { successConversationIDList: [id], failureConversationIDList: [] } });
    await listed(alice, id, (c) => c.customData === 'draft-ish');

    const created = await alice.chat.createConversationGroup({ groupName: 'Work', conversationIDList: [id] });
    expect(created.data).toEqual({ successConversationIDList: [id], failureConversationIDList: [] });
    await expect(alice.next(EVENT.CONVERSATION_GROUP_LIST_UPDATED)).resolves.toEqual(['Work']);
    const inGroup = await alice.next<{ groupName: string; conversationList: Conversation[] }>(EVENT.CONVERSATION_IN_GROUP_UPDATED);
    expect(inGroup.groupName).toBe('Work');
    expect(inGroup.conversationList.map((c) => [c.conversationID, c.conversationGroupList])).toEqual([[id, ['Work']]]);
    await expect(other.next(EVENT.CONVERSATION_GROUP_LIST_UPDATED)).resolves.toEqual(['Work']);
    await expect(alice.chat.getConversationGroupList()).resolves.toEqual({ code: 0, data: ['Work'] });
    expect(await only({ groupName: 'Work' })).toEqual([id]);
    expect(await only({ groupName: 'Other' })).toEqual([]);

    await alice.chat.renameConversationGroup({ oldName: 'Work', newName: 'Home' });
    await alice.next(EVENT.CONVERSATION_GROUP_LIST_UPDATED, (names: string[]) => names[0] === 'Home');
    expect((await alice.chat.getConversationProfile(id)).data.conversation.conversationGroupList).toEqual(['Home']);
    await expect(alice.chat.deleteConversationsFromGroup({ groupName: 'Home', conversationIDList: [id] })).resolves.toMatchObject({ data: { successConversationIDList: [id] } });
    await alice.next(EVENT.CONVERSATION_IN_GROUP_UPDATED, (d: { conversationList: Conversation[] }) => d.conversationList.length === 0);
    await expect(alice.chat.addConversationsToGroup({ groupName: 'Home', conversationIDList: [id] })).resolves.toMatchObject({ data: { successConversationIDList: [id] } });
    await listed(alice, id, (c) => c.conversationGroupList.includes('Home'));
    await alice.chat.deleteConversationGroup('Home');
    await alice.next(EVENT.CONVERSATION_GROUP_LIST_UPDATED, (names: string[]) => names.length === 0);
    await listed(alice, id, (c) => c.conversationGroupList.length === 0);
    await expect(alice.chat.renameConversationGroup({ oldName: 'Home', newName: 'X' })).rejects.toMatchObject({ code: 50002 });
    await expect(alice.chat.markConversation({ conversationIDList: [], markType: 1, enableMark: true })).rejects.toMatchObject({ code: 6017 });
  });
});
