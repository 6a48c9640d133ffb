import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Message, type Profile } from '../../client/src/tencent/index.js';
import { uniqueId } from '../support/stack.js';
import { chatSuite, readyUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;
const suite = chatSuite();
const { ready } = suite;

describe('@tencentcloud/chat-compatible API: groups and profiles', () => {
  it('createGroup, joinGroup, group messages with @-mentions, getGroupList, getGroupProfile, getGroupMemberList, quitGroup', async () => {
    const [owner, member] = [await ready('owner'), await ready('member')];
    const groupID = uniqueId('g');
    const created = await owner.chat.createGroup({ name: 'Team', type: TYPES.GRP_PUBLIC, groupID, joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS, introduction: 'hi' });
    expect(created).toMatchObject({ code: 0, data: { group: { groupID, name: 'Team', type: 'Public', ownerID: owner.userID, introduction: 'hi', joinOption: 'FreeAccess' } } });

    await expect(member.chat.joinGroup({ groupID })).resolves.toMatchObject({ code: 0, data: { status: TYPES.JOIN_STATUS_SUCCESS, group: { groupID } } });
    await expect(member.chat.joinGroup({ groupID })).resolves.toMatchObject({ code: 0, data: { status: TYPES.JOIN_STATUS_ALREADY_IN_GROUP } });

    const message = owner.chat.createTextAtMessage({ to: groupID, conversationType: TYPES.CONV_GROUP, payload: { text: `@${member.userID} welcome`, atUserList: [member.userID] } });
    expect(message.conversationID).toBe(`GROUP${groupID}`);
    const got = member.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => list.some((m) => m.ID === message.ID));
    await expect(owner.chat.sendMessage(message)).resolves.toMatchObject({ code: 0, data: { message: { status: 'success' } } });
    const [received] = await got;
    expect(received).toMatchObject({
      ID: message.ID, conversationID: `GROUP${groupID}`, conversationType: TYPES.CONV_GROUP, to: groupID, from: owner.userID, flow: 'in',
      payload: { text: `@${member.userID} welcome` }, atUserList: [member.userID], sequence: message.sequence,
    });
    const history = await member.chat.getMessageList({ conversationID: `GROUP${groupID}` });
    expect(history.data.messageList.map((m) => m.ID)).toContain(message.ID);
    // Another device of the member reads it from history.group only: atUserList comes from the stored GroupAtInfo.
    const otherDevice = suite.track(await readyUser(suite.stack(), member.userID));
    const fromHistory = await otherDevice.chat.getMessageList({ conversationID: `GROUP${groupID}` });
    expect(fromHistory.data.messageList.find((m) => m.sequence === message.sequence)).toMatchObject({ atUserList: [member.userID], payload: { text: `@${member.userID} welcome` } });

    const list = await member.chat.getGroupList();
    expect(list.data.groupList.map((g) => [g.groupID, g.type, g.name, g.selfInfo.role])).toEqual([[groupID, 'Public', 'Team', 'Member']]);
    await expect(member.chat.getGroupProfile({ groupID })).resolves.toMatchObject({ data: { group: { groupID, memberCount: 2, selfInfo: { role: 'Member' } } } });
    const members = await owner.chat.getGroupMemberList({ groupID, count: 30, offset: 0 });
    expect(members.data.memberList.map((m) => [m.userID, m.role]).sort()).toEqual([[member.userID, 'Member'], [owner.userID, 'Owner']].sort());

    await expect(member.chat.quitGroup(groupID)).resolves.toEqual({ code: 0, data: { groupID } });
    expect((await member.chat.getGroupList()).data.groupList).toEqual([]);
    await expect(member.chat.getGroupMemberList({ groupID })).rejects.toMatchObject({ code: 10007 });
  });

  it('a Work group (GRP_WORK, Private) takes members at creation and shows its Web SDK type', async () => {
    const [owner, member] = [await ready('owner'), await ready('member')];
    const { data } = await owner.chat.createGroup({ name: 'Work', type: TYPES.GRP_WORK, memberList: [{ userID: member.userID }] });
    expect(data.group).toMatchObject({ type: TYPES.GRP_WORK, memberCount: 2 });
    await expect(member.chat.getGroupProfile({ groupID: data.group.groupID })).resolves.toMatchObject({ data: { group: { type: 'Private' } } });
    await expect(owner.chat.dismissGroup(data.group.groupID)).rejects.toMatchObject({ code: 10007 });
  });

  it('updateMyProfile, getMyProfile, getUserProfile, and the nick on messages; another device of the user gets PROFILE_UPDATED', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const updated = await alice.chat.updateMyProfile({ nick: 'Alice', avatar: 'https://cdn.example.com/alice.png', gender: TYPES.GENDER_FEMALE, level: 3 });
    expect(updated).toMatchObject({ code: 0, data: { userID: alice.userID, nick: 'Alice', avatar: 'https://cdn.example.com/alice.png', gender: 'Gender_Type_Female', level: 3 } });
    await expect(alice.chat.getMyProfile()).resolves.toMatchObject({ data: { nick: 'Alice' } });
    const others = await bob.chat.getUserProfile({ userIDList: [alice.userID] });
    expect(others.data).toEqual([expect.objectContaining({ userID: alice.userID, nick: 'Alice', allowType: TYPES.ALLOW_TYPE_NEED_CONFIRM })]);

    const message = alice.chat.createTextMessage({ to: bob.userID, conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } });
    const got = bob.next<Message[]>(EVENT.MESSAGE_RECEIVED);
    await alice.chat.sendMessage(message);
    expect((await got)[0]).toMatchObject({ nick: 'Alice', avatar: 'https://cdn.example.com/alice.png' });
    const conversations = await bob.chat.getConversationList();
    expect(conversations.data.conversationList[0]!.userProfile).toMatchObject({ userID: alice.userID, nick: 'Alice' });

    // The server tells the user's other devices (and friends) of profile changes.
    const otherDevice = suite.track(await readyUser(suite.stack(), alice.userID));
    await alice.chat.updateMyProfile({ nick: 'Alice B' });
    const [changed] = await otherDevice.next<Profile[]>(EVENT.PROFILE_UPDATED);
    expect(changed).toMatchObject({ userID: alice.userID, nick: 'Alice B' });
  });
});
