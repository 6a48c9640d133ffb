import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Conversation, type Group, type GroupApplication, type Message, type Topic } from '../../client/src/tencent/index.js';
import { ImClient } from '../../client/src/index.js';
import { uniqueId } from '../support/stack.js';
import { chatSuite, type ChatUser } from '../support/tencent-chat.js';
import { officialUserSig } from '../support/usersigs.js';

const { EVENT, TYPES } = TencentCloudChat;
const { ready, stack } = chatSuite();
const has = (groupID: string) => (list: Group[]) => list.some((g) => g.groupID === groupID);
const notice = (groupID: string, operationType: number) => (list: Message[]) =>
  list.some((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE && (m.payload as { groupProfile: { groupID: string } }).groupProfile.groupID === groupID && m.payload.operationType === operationType);
const named = (user: ChatUser, name: string) => user.events.filter((e) => e.name === name);

/** A Public group of `owner` that `members` joined freely. */
async function publicGroup(owner: ChatUser, members: ChatUser[]): Promise<string> {
  const groupID = uniqueId('g');
  await owner.chat.createGroup({ name: 'Room', type: TYPES.GRP_PUBLIC, groupID, joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS });
  for (const m of members) await m.chat.joinGroup({ groupID });
  return groupID;
}

describe('@tencentcloud/chat-compatible API: group applications, attributes, counters, pinned messages, topics', () => {
  it('joinGroup waits for approval; the owner gets the notice and getGroupApplicationList; handleGroupApplication agrees or rejects, and the applicant is told', async () => {
    const [owner, alice, bob] = [await ready('owner'), await ready('alice'), await ready('bob')];
    const groupID = uniqueId('g');
    await owner.chat.createGroup({ name: 'Club', type: TYPES.GRP_PUBLIC, groupID, joinOption: TYPES.JOIN_OPTIONS_NEED_PERMISSION });

    await expect(alice.chat.joinGroup({ groupID, applyMessage: 'let me in' })).resolves.toMatchObject({ code: 0, data: { status: TYPES.JOIN_STATUS_WAIT_APPROVAL } });
    // The group system notice, as Tencent's SDK delivers it: a message of the @TIM#SYSTEM conversation.
    const [applied] = await owner.next<Message[]>(EVENT.MESSAGE_RECEIVED, notice(groupID, 1));
    expect(applied).toMatchObject({
      type: TYPES.MSG_GRP_SYS_NOTICE, conversationID: TYPES.CONV_SYSTEM, conversationType: TYPES.CONV_SYSTEM, flow: 'in',
      payload: { operationType: 1, operatorID: alice.userID, handleMessage: 'let me in', groupProfile: { groupID, type: TYPES.GRP_PUBLIC } },
    });
    await bob.chat.joinGroup({ groupID, applyMessage: 'me too' });
    const [bobApplied] = await owner.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => notice(groupID, 1)(list) && list[0]!.payload.operatorID === bob.userID);

    const { data: { applicationList } } = await owner.chat.getGroupApplicationList();
    const mine = (applicationList as GroupApplication[]).filter((a) => a.groupID === groupID).sort((a, b) => a.note.localeCompare(b.note));
    expect(mine).toEqual([
      expect.objectContaining({ applicant: alice.userID, groupID, groupName: 'Club', applicationType: 0, userID: '', note: 'let me in', messageKey: expect.any(Number) }),
      expect.objectContaining({ applicant: bob.userID, groupID, groupName: 'Club', applicationType: 0, note: 'me too' }),
    ]);
    // Only owners and admins see applications.
    await expect(alice.chat.getGroupApplicationList()).resolves.toEqual({ code: 0, data: { applicationList: [] } });

    // Agree from the list item, as the docs do.
    const agreed = await owner.chat.handleGroupApplication({ handleAction: 'Agree', handleMessage: 'welcome', application: { ...mine[0] } });
    expect(agreed).toMatchObject({ code: 0, data: { group: { groupID, memberCount: 2 } } });
    await alice.next<Message[]>(EVENT.MESSAGE_RECEIVED, notice(groupID, 2));
    await alice.next<Group[]>(EVENT.GROUP_LIST_UPDATED, has(groupID));
    // Reject from the notice message.
    await owner.chat.handleGroupApplication({ handleAction: 'Reject', message: bobApplied! });
    await bob.next<Message[]>(EVENT.MESSAGE_RECEIVED, notice(groupID, 3));
    await expect(owner.chat.getGroupApplicationList()).resolves.toMatchObject({ data: { applicationList: [] } });
    await expect(bob.chat.getGroupList()).resolves.toMatchObject({ data: { groupList: [] } });

    await expect(owner.chat.handleGroupApplication({ handleAction: 'Agree', application: { ...mine[1] } })).rejects.toMatchObject({ code: 10024 });
    await expect(owner.chat.handleGroupApplication({ handleAction: 'Maybe', application: { ...mine[1] } })).rejects.toMatchObject({ code: 6017 });
    await expect(owner.chat.handleGroupApplication({ handleAction: 'Agree' })).rejects.toMatchObject({ code: 6017 });
    // A kick is a notice too (operationType 4), to the removed member.
    await owner.chat.deleteGroupMember({ groupID, userIDList: [alice.userID] });
    await alice.next<Message[]>(EVENT.MESSAGE_RECEIVED, notice(groupID, 4));
  });

  it('in a Community with permission groups, a member holding ManageGroupMember lists and handles applications; an admin without it sees none', async () => {
    const [owner, moderator, admin, applicant] = [await ready('owner'), await ready('mod'), await ready('admin'), await ready('applicant')];
    // Permission groups are not in Tencent's Web SDK: the owner's app sets them up through our client.
    const im = new ImClient({ url: stack().wsUrl, sdkAppId: stack().config.sdkAppId });
    await im.login(owner.userID, officialUserSig(owner.userID));
    try {
      const { GroupId: groupID } = await im.createGroup({
        Type: 'Community', Name: 'Guild', ApplyJoinOption: 'NeedPermission', EnablePermission: 1,
        MemberList: [{ Member_Account: moderator.userID }, { Member_Account: admin.userID, Role: 'Admin' }],
      });
      const { PermissionGroupId } = await im.createPermissionGroupInCommunity({ GroupId: groupID, PermissionGroupName: 'mods', Permission: 1 << 1 });
      await im.addCommunityMembersToPermissionGroup({ GroupId: groupID, PermissionGroupId, MemberList: [{ Member_Account: moderator.userID }] });

      await expect(applicant.chat.joinGroup({ groupID, applyMessage: 'hi' })).resolves.toMatchObject({ data: { status: TYPES.JOIN_STATUS_WAIT_APPROVAL } });
      const { data: { applicationList } } = await moderator.chat.getGroupApplicationList();
      expect(applicationList).toEqual([expect.objectContaining({ applicant: applicant.userID, groupID, groupName: 'Guild', note: 'hi' })]);
      await expect(admin.chat.getGroupApplicationList()).resolves.toEqual({ code: 0, data: { applicationList: [] } });
      await expect(admin.chat.handleGroupApplication({ handleAction: 'Agree', application: applicationList[0] })).rejects.toMatchObject({ code: 10007 });
      await moderator.chat.handleGroupApplication({ handleAction: 'Agree', application: applicationList[0] });
      await applicant.next<Group[]>(EVENT.GROUP_LIST_UPDATED, has(groupID));
    } finally {
      await im.logout();
    }
  });

  it('group attributes: init, set, delete, get, and GROUP_ATTRIBUTES_UPDATED once per change on every member, the writer too', async () => {
    const [owner, member, stranger] = [await ready('owner'), await ready('member'), await ready('stranger')];
    const groupID = await publicGroup(owner, [member]);

    await expect(owner.chat.initGroupAttributes({ groupID, groupAttributes: { seat1: 'alice', seat2: 'bob' } }))
      .resolves.toEqual({ code: 0, data: { groupAttributes: { seat1: 'alice', seat2: 'bob' } } });
    const first = { groupID, groupAttributes: { seat1: 'alice', seat2: 'bob' } };
    await expect(member.next(EVENT.GROUP_ATTRIBUTES_UPDATED)).resolves.toMatchObject(first);
    await expect(owner.next(EVENT.GROUP_ATTRIBUTES_UPDATED)).resolves.toMatchObject(first);

    await member.chat.setGroupAttributes({ groupID, groupAttributes: { seat2: 'carol' } });
    const set = (d: { groupAttributes: Record<string, string> }) => d.groupAttributes.seat2 === 'carol';
    await expect(owner.next(EVENT.GROUP_ATTRIBUTES_UPDATED, set)).resolves.toEqual({ groupID, groupAttributes: { seat1: 'alice', seat2: 'carol' }, updatedKeyList: ['seat2'], deletedKeyList: [] });
    await member.next(EVENT.GROUP_ATTRIBUTES_UPDATED, set);
    await expect(member.chat.getGroupAttributes({ groupID, keyList: ['seat2'] })).resolves.toEqual({ code: 0, data: { groupAttributes: { seat2: 'carol' } } });
    await expect(stranger.chat.getGroupAttributes({ groupID, keyList: [] })).rejects.toMatchObject({ code: 10007 });

    await expect(owner.chat.deleteGroupAttributes({ groupID, keyList: ['seat1', 'nothing'] })).resolves.toEqual({ code: 0, data: { keyList: ['seat1'] } });
    await expect(member.next(EVENT.GROUP_ATTRIBUTES_UPDATED, (d: { deletedKeyList: string[] }) => d.deletedKeyList.includes('seat1')))
      .resolves.toMatchObject({ groupAttributes: { seat2: 'carol' } });
    await expect(owner.chat.getGroupAttributes({ groupID, keyList: [] })).resolves.toEqual({ code: 0, data: { groupAttributes: { seat2: 'carol' } } });
    // A call and the server's echo of it make one event for the writer.
    await new Promise((r) => setTimeout(r, 300));
    expect(named(owner, EVENT.GROUP_ATTRIBUTES_UPDATED)).toHaveLength(3);
    await expect(owner.chat.setGroupAttributes({ groupID, groupAttributes: 'seat' as never })).rejects.toMatchObject({ code: 6017 });
  });

  it('group counters: set, increase, decrease, get, and GROUP_COUNTER_UPDATED per changed key', async () => {
    const [owner, member] = [await ready('owner'), await ready('member')];
    const groupID = await publicGroup(owner, [member]);

    await expect(owner.chat.setGroupCounters({ groupID, counters: { likes: 5, views: 0 } })).resolves.toEqual({ code: 0, data: { counters: { likes: 5, views: 0 } } });
    await member.next(EVENT.GROUP_COUNTER_UPDATED, (d: { key: string }) => d.key === 'views');
    await expect(member.next(EVENT.GROUP_COUNTER_UPDATED, (d: { key: string }) => d.key === 'likes')).resolves.toEqual({ groupID, key: 'likes', value: 5 });

    await expect(member.chat.increaseGroupCounter({ groupID, key: 'likes', value: 2 })).resolves.toMatchObject({ code: 0, data: { groupID, key: 'likes', value: 7, counters: { likes: 7 } } });
    await owner.next(EVENT.GROUP_COUNTER_UPDATED, (d: { value: number }) => d.value === 7);
    await expect(owner.chat.decreaseGroupCounter({ groupID, key: 'likes', value: 10 })).resolves.toMatchObject({ data: { key: 'likes', value: -3 } });
    await member.next(EVENT.GROUP_COUNTER_UPDATED, (d: { value: number }) => d.value === -3);
    await expect(owner.chat.increaseGroupCounter({ groupID, key: 'fresh', value: 1 })).resolves.toMatchObject({ data: { value: 1 } });

    await expect(member.chat.getGroupCounters({ groupID, keyList: ['likes'] })).resolves.toEqual({ code: 0, data: { counters: { likes: -3 } } });
    await expect(member.chat.getGroupCounters({ groupID })).resolves.toEqual({ code: 0, data: { counters: { likes: -3, views: 0, fresh: 1 } } });
    await expect(owner.chat.increaseGroupCounter({ groupID, key: 'likes', value: 1.5 })).rejects.toMatchObject({ code: 6017 });
  });

  it('pinGroupMessage and getPinnedGroupMessageList; PINNED_GROUP_MESSAGE_UPDATED on pin and unpin; members may not pin', async () => {
    const [owner, member] = [await ready('owner'), await ready('member')];
    const groupID = await publicGroup(owner, [member]);
    const { data: { message } } = await owner.chat.sendMessage(owner.chat.createTextMessage({ to: groupID, conversationType: TYPES.CONV_GROUP, payload: { text: 'read the rules' } }));
    const [received] = await member.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => list.some((m) => m.to === groupID));

    await expect(owner.chat.pinGroupMessage({ groupID, message, isPinned: true })).resolves.toEqual({ code: 0, data: {} });
    const pinned = await member.next<{ groupID: string; message: Message; isPinned: boolean; operatorInfo: { userID: string } }>(EVENT.PINNED_GROUP_MESSAGE_UPDATED);
    expect(pinned).toMatchObject({ groupID, isPinned: true, operatorInfo: { userID: owner.userID }, message: { ID: message.ID, payload: { text: 'read the rules' } } });
    // The SDK's one object per message: the member's received copy is the one in the event.
    expect(pinned.message).toBe(received);

    const { data: { messageList } } = await member.chat.getPinnedGroupMessageList(groupID);
    expect(messageList).toEqual([expect.objectContaining({ ID: message.ID, sequence: message.sequence, pinnerInfo: expect.objectContaining({ userID: owner.userID }) })]);
    await expect(member.chat.pinGroupMessage({ groupID, message: received!, isPinned: false })).rejects.toMatchObject({ code: 10007 });
    await expect(owner.chat.pinGroupMessage({ groupID, message: owner.chat.createTextMessage({ to: groupID, conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } }), isPinned: true }))
      .rejects.toMatchObject({ code: 2105 });

    await owner.chat.pinGroupMessage({ groupID, message, isPinned: false });
    await expect(member.next(EVENT.PINNED_GROUP_MESSAGE_UPDATED, (d: { isPinned: boolean }) => !d.isPinned)).resolves.toMatchObject({ groupID, message: { ID: message.ID } });
    await expect(member.chat.getPinnedGroupMessageList(groupID)).resolves.toEqual({ code: 0, data: { messageList: [] } });

    // The group's conversation carries its name, and follows a rename.
    const { data: { conversationList } } = await member.chat.getConversationList();
    expect(conversationList.find((c) => c.conversationID === `GROUP${groupID}`)).toMatchObject({ groupProfile: { groupID, name: 'Room' } });
    await owner.chat.updateGroupProfile({ groupID, name: 'Hall' });
    await member.next<Conversation[]>(EVENT.CONVERSATION_LIST_UPDATED, (list) => list.some((c) => c.conversationID === `GROUP${groupID}` && c.groupProfile.name === 'Hall'));
  });

  it('Community topics: getJoinedCommunityList, createTopicInCommunity, getTopicList, updateTopicProfile, deleteTopicFromCommunity, with the TOPIC_* events', async () => {
    const [owner, member] = [await ready('owner'), await ready('member')];
    const { data: { group } } = await owner.chat.createGroup({ name: 'Fans', type: TYPES.GRP_COMMUNITY, isSupportTopic: true, memberList: [{ userID: member.userID }] });
    const groupID = group.groupID;
    await owner.chat.createGroup({ name: 'Plain', type: TYPES.GRP_COMMUNITY });
    const { data: { groupList } } = await member.chat.getJoinedCommunityList();
    expect(groupList).toEqual([expect.objectContaining({ groupID, name: 'Fans', type: TYPES.GRP_COMMUNITY, isSupportTopic: true })]);
    await expect(owner.chat.getJoinedCommunityList()).resolves.toMatchObject({ data: { groupList: [{ groupID }] } });

    const { data: { topicID } } = await owner.chat.createTopicInCommunity({ groupID, topicName: 'News', introduction: 'intro', notification: 'notice', avatar: 'https://cdn.example.com/t.png', customData: 'c1' });
    expect(topicID).toEqual(expect.stringContaining(groupID));
    await expect(member.next(EVENT.TOPIC_CREATED)).resolves.toEqual({ groupID, topicID });

    await owner.chat.sendMessage(owner.chat.createTextMessage({ to: topicID, conversationType: TYPES.CONV_GROUP, payload: { text: 'first news' } }));
    await member.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => list.some((m) => m.to === topicID));
    const listed = await member.chat.getTopicList({ groupID });
    expect(listed).toEqual({
      code: 0, data: {
        failureTopicList: [],
        successTopicList: [expect.objectContaining({
          topicID, topicName: 'News', introduction: 'intro', notification: 'notice', avatar: 'https://cdn.example.com/t.png', customData: 'c1',
          muteAllMembers: false, unreadCount: 1, selfInfo: expect.objectContaining({ readedSequence: 0 }),
        })],
      },
    });

    const updated = await owner.chat.updateTopicProfile({ groupID, topicID, topicName: 'Headlines', muteAllMembers: true, customData: 'c2' });
    expect(updated).toMatchObject({ code: 0, data: { topic: { topicID, topicName: 'Headlines', muteAllMembers: true, customData: 'c2', introduction: 'intro' } } });
    await expect(member.next<{ topic: Topic }>(EVENT.TOPIC_UPDATED, (d) => d.topic.topicName === 'Headlines')).resolves.toMatchObject({ groupID, topic: { topicID, muteAllMembers: true } });

    const ghost = `${groupID}@TOPIC#_ghost`;
    await expect(member.chat.getTopicList({ groupID, topicIDList: [ghost] })).resolves.toMatchObject({ data: { successTopicList: [], failureTopicList: [{ topicID: ghost, code: 10010 }] } });
    await expect(member.chat.createTopicInCommunity({ groupID, topicName: 'Mine' })).rejects.toMatchObject({ code: 10007 });
    await expect(owner.chat.updateTopicProfile({ groupID, topicID })).rejects.toMatchObject({ code: 6017 });

    await expect(owner.chat.deleteTopicFromCommunity({ groupID, topicIDList: [topicID] })).resolves.toEqual({ code: 0, data: { successTopicList: [{ topicID }], failureTopicList: [] } });
    await expect(member.next(EVENT.TOPIC_DELETED)).resolves.toEqual({ groupID, topicIDList: [topicID] });
    await expect(member.chat.getTopicList({ groupID })).resolves.toMatchObject({ data: { successTopicList: [] } });
  });
});
