import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Group } from '../../client/src/tencent/index.js';
import { uniqueId } from '../support/stack.js';
import { chatSuite } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;
const suite = chatSuite({
  groups: { groupFields: [{ key: 'Level', read: 'Anyone', write: 'Admin' }], memberFields: [{ key: 'Bio', read: 'Member', write: 'Member' }] },
});
const { ready } = suite;
const has = (groupID: string) => (list: Group[]) => list.some((g) => g.groupID === groupID);

describe('@tencentcloud/chat-compatible API: group management', () => {
  it('updateGroupProfile by the owner is what a member and a stranger (searchGroupByID) read; dismissGroup empties the member\'s GROUP_LIST_UPDATED', async () => {
    const [owner, member, stranger] = [await ready('owner'), await ready('member'), await ready('stranger')];
    const groupID = uniqueId('g');
    await owner.chat.createGroup({ name: 'Team', type: TYPES.GRP_PUBLIC, groupID, joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS });
    const [mine] = await owner.next<Group[]>(EVENT.GROUP_LIST_UPDATED, has(groupID));
    expect(mine).toMatchObject({ groupID, name: 'Team', selfInfo: { role: 'Owner' } });
    await member.chat.joinGroup({ groupID });
    await member.next<Group[]>(EVENT.GROUP_LIST_UPDATED, has(groupID));

    const updated = await owner.chat.updateGroupProfile({
      groupID, name: 'Team 2', introduction: 'intro', notification: 'notice', avatar: 'https://cdn.example.com/g.png', maxMemberNum: 50,
      joinOption: TYPES.JOIN_OPTIONS_NEED_PERMISSION, muteAllMembers: true, groupCustomField: [{ key: 'Level', value: 'gold' }],
    });
    const expected = {
      groupID, name: 'Team 2', introduction: 'intro', notification: 'notice', avatar: 'https://cdn.example.com/g.png', maxMemberCount: 50,
      joinOption: 'NeedPermission', muteAllMembers: true,
    };
    expect(updated).toMatchObject({ code: 0, data: { group: { ...expected, groupCustomField: [{ key: 'Level', value: 'gold' }] } } });
    await expect(member.chat.getGroupProfile({ groupID })).resolves.toMatchObject({ data: { group: expected } });
    // The member's list follows the profile change (the server's GroupInfoChanged tip).
    await member.next<Group[]>(EVENT.GROUP_LIST_UPDATED, (list) => list.some((g) => g.groupID === groupID && g.name === 'Team 2'));
    await expect(stranger.chat.searchGroupByID(groupID)).resolves.toMatchObject({ code: 0, data: { group: { ...expected, ownerID: owner.userID, memberCount: 2 } } });

    await expect(member.chat.updateGroupProfile({ groupID, name: 'mine' })).rejects.toMatchObject({ code: 10007 });
    await expect(owner.chat.updateGroupProfile({ groupID })).rejects.toMatchObject({ code: 6017 });
    await expect(stranger.chat.searchGroupByID(uniqueId('nogroup'))).rejects.toMatchObject({ code: 10010 });
    // Both members are logged in: two online.
    await expect(member.chat.getGroupOnlineMemberCount(groupID)).resolves.toEqual({ code: 0, data: { memberCount: 2 } });
    await expect(stranger.chat.getGroupOnlineMemberCount(groupID)).rejects.toMatchObject({ code: 10007 });

    await owner.chat.dismissGroup(groupID);
    await expect(member.next<Group[]>(EVENT.GROUP_LIST_UPDATED, (list) => !has(groupID)(list))).resolves.toEqual([]);
  });

  it('addGroupMember and deleteGroupMember with their result lists; GROUP_LIST_UPDATED for the added and the removed member', async () => {
    const [owner, a, b] = [await ready('owner'), await ready('a'), await ready('b')];
    const { data: { group } } = await owner.chat.createGroup({ name: 'Work', type: TYPES.GRP_WORK });
    const groupID = group.groupID;

    const added = await owner.chat.addGroupMember({ groupID, userIDList: [a.userID, b.userID] });
    expect(added).toMatchObject({ code: 0, data: { successUserIDList: [a.userID, b.userID], failureUserIDList: [], existedUserIDList: [], group: { groupID, memberCount: 3 } } });
    const [listed] = await a.next<Group[]>(EVENT.GROUP_LIST_UPDATED, has(groupID));
    expect(listed).toMatchObject({ groupID, name: 'Work', type: TYPES.GRP_WORK, selfInfo: { role: 'Member' } });
    await b.next<Group[]>(EVENT.GROUP_LIST_UPDATED, has(groupID));

    const ghost = uniqueId('ghost');
    const again = await owner.chat.addGroupMember({ groupID, userIDList: [a.userID, ghost] });
    expect(again.data).toMatchObject({ successUserIDList: [], failureUserIDList: [ghost], existedUserIDList: [a.userID], overLimitUserIDList: [], group: { memberCount: 3 } });

    // A plain member may not remove others (a Work group: only the owner kicks).
    await expect(b.chat.deleteGroupMember({ groupID, userIDList: [a.userID] })).rejects.toMatchObject({ code: 10007 });

    a.events.splice(0);
    const removed = await owner.chat.deleteGroupMember({ groupID, userIDList: [a.userID], reason: 'bye' });
    expect(removed).toEqual({ code: 0, data: { group: expect.objectContaining({ groupID, memberCount: 2 }), userIDList: [a.userID] } });
    await expect(a.next<Group[]>(EVENT.GROUP_LIST_UPDATED)).resolves.toEqual([]);
    await expect(a.chat.getGroupList()).resolves.toMatchObject({ data: { groupList: [] } });
    // b is still in: its list did not lose the group.
    expect(b.events.filter((e) => e.name === EVENT.GROUP_LIST_UPDATED).every((e) => has(groupID)(e.data as Group[]))).toBe(true);

    await expect(owner.chat.addGroupMember({ groupID, userIDList: [] })).rejects.toMatchObject({ code: 6017 });
    await expect(owner.chat.deleteGroupMember({ groupID } as never)).rejects.toMatchObject({ code: 6017 });
  });

  it('setGroupMemberRole, then the admin mutes (setGroupMemberMuteTime); name card, custom fields, getGroupMemberProfile; changeGroupOwner', async () => {
    const [owner, m1, m2, stranger] = [await ready('owner'), await ready('m1'), await ready('m2'), await ready('stranger')];
    const groupID = uniqueId('g');
    await owner.chat.createGroup({ name: 'Club', type: TYPES.GRP_PUBLIC, groupID, joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS });
    await m1.chat.joinGroup({ groupID });
    await m2.chat.joinGroup({ groupID });

    // A plain member is refused with the server's code.
    await expect(m1.chat.setGroupMemberMuteTime({ groupID, userID: m2.userID, muteTime: 60 })).rejects.toMatchObject({ code: 10007 });
    await expect(m1.chat.deleteGroupMember({ groupID, userIDList: [m2.userID] })).rejects.toMatchObject({ code: 10007 });
    await expect(m1.chat.setGroupMemberRole({ groupID, userID: m2.userID, role: TYPES.GRP_MBR_ROLE_ADMIN })).rejects.toMatchObject({ code: 10007 });

    const promoted = await owner.chat.setGroupMemberRole({ groupID, userID: m1.userID, role: TYPES.GRP_MBR_ROLE_ADMIN });
    expect(promoted).toMatchObject({ code: 0, data: { group: { groupID }, member: { userID: m1.userID, role: 'Admin' } } });
    await expect(m1.next<Group[]>(EVENT.GROUP_LIST_UPDATED, (list) => list.some((g) => g.groupID === groupID && g.selfInfo.role === 'Admin'))).resolves.toBeTruthy();

    const before = Math.floor(Date.now() / 1000);
    const muted = await m1.chat.setGroupMemberMuteTime({ groupID, userID: m2.userID, muteTime: 600 });
    expect(muted).toMatchObject({ code: 0, data: { group: { groupID }, member: { userID: m2.userID, role: 'Member' } } });
    expect(muted.data.member.muteUntil).toBeGreaterThanOrEqual(before + 599);
    expect(muted.data.member.muteUntil).toBeLessThanOrEqual(before + 605);
    const text = m2.chat.createTextMessage({ to: groupID, conversationType: TYPES.CONV_GROUP, payload: { text: 'can I speak?' } });
    await expect(m2.chat.sendMessage(text)).rejects.toMatchObject({ code: 10017 });
    const unmuted = await m1.chat.setGroupMemberMuteTime({ groupID, userID: m2.userID, muteTime: 0 });
    expect(unmuted.data.member.muteUntil).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    await expect(m1.chat.setGroupMemberMuteTime({ groupID, userID: m2.userID, muteTime: -1 })).rejects.toMatchObject({ code: 6017 });

    const demoted = await owner.chat.setGroupMemberRole({ groupID, userID: m1.userID, role: TYPES.GRP_MBR_ROLE_MEMBER });
    expect(demoted.data.member).toMatchObject({ userID: m1.userID, role: 'Member' });
    await expect(owner.chat.setGroupMemberRole({ groupID, userID: m1.userID, role: TYPES.GRP_MBR_ROLE_OWNER })).rejects.toMatchObject({ code: 6017 });

    // Name card and custom fields: one's own by default (userID left out), another's by the owner.
    const card = await m2.chat.setGroupMemberNameCard({ groupID, nameCard: 'Bee' });
    expect(card).toMatchObject({ code: 0, data: { group: { groupID }, member: { userID: m2.userID, nameCard: 'Bee' } } });
    const custom = await m2.chat.setGroupMemberCustomField({ groupID, memberCustomField: [{ key: 'Bio', value: 'hi' }] });
    expect(custom.data.member).toMatchObject({ userID: m2.userID, memberCustomField: [{ key: 'Bio', value: 'hi' }] });
    const byOwner = await owner.chat.setGroupMemberNameCard({ groupID, userID: m2.userID, nameCard: 'B.' });
    expect(byOwner.data.member).toMatchObject({ userID: m2.userID, nameCard: 'B.', memberCustomField: [{ key: 'Bio', value: 'hi' }] });
    await expect(m1.chat.setGroupMemberNameCard({ groupID, userID: m2.userID, nameCard: 'x' })).rejects.toMatchObject({ code: 10007 });
    await expect(m2.chat.setGroupMemberCustomField({ groupID, memberCustomField: [] })).rejects.toMatchObject({ code: 6017 });
    // getGroupMemberProfile: the named members only (non-members left out), with nick and the member custom fields asked for.
    await m2.chat.updateMyProfile({ nick: 'Bee Nick' });
    const ghost = uniqueId('ghost');
    const profiles = await m1.chat.getGroupMemberProfile({ groupID, userIDList: [m2.userID, ghost, owner.userID] });
    expect(profiles).toMatchObject({ code: 0, data: { memberList: [
      { userID: m2.userID, nick: 'Bee Nick', role: 'Member', nameCard: 'B.', memberCustomField: [{ key: 'Bio', value: 'hi' }] },
      { userID: owner.userID, role: 'Owner' },
    ] } });
    expect(profiles.data.memberList).toHaveLength(2);
    const none = await m1.chat.getGroupMemberProfile({ groupID, userIDList: [m2.userID], memberCustomFieldFilter: ['Other'] });
    expect(none.data.memberList[0]!.memberCustomField).toEqual([]);
    await expect(m1.chat.getGroupMemberProfile({ groupID, userIDList: [] })).rejects.toMatchObject({ code: 6017 });
    await expect(stranger.chat.getGroupMemberProfile({ groupID, userIDList: [m2.userID] })).rejects.toMatchObject({ code: 10007 });
    const members = await owner.chat.getGroupMemberList({ groupID, count: 10 });
    expect(members.data.memberList.find((m) => m.userID === m2.userID)).toMatchObject({ nameCard: 'B.' });

    const transferred = await owner.chat.changeGroupOwner({ groupID, newOwnerID: m1.userID });
    expect(transferred).toMatchObject({ code: 0, data: { group: { groupID, ownerID: m1.userID, selfInfo: { role: 'Member' } } } });
    await expect(owner.next<Group[]>(EVENT.GROUP_LIST_UPDATED, (list) => list.some((g) => g.groupID === groupID && g.selfInfo.role === 'Member'))).resolves.toBeTruthy();
    await expect(m1.chat.getGroupProfile({ groupID })).resolves.toMatchObject({ data: { group: { ownerID: m1.userID, selfInfo: { role: 'Owner' } } } });
    await expect(owner.chat.changeGroupOwner({ groupID, newOwnerID: m2.userID })).rejects.toMatchObject({ code: 10007 });
    await expect(m1.chat.changeGroupOwner({ groupID } as never)).rejects.toMatchObject({ code: 6017 });
  });
});
