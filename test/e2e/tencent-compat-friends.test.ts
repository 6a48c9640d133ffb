import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Friend, type FriendApplication } from '../../client/src/tencent/index.js';
import { chatSuite, readyUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;
// Friend custom fields users may write (Mood) and one only the app admin writes (Admin).
const suite = chatSuite({ sns: { customTags: [{ key: 'Mood', maxBytes: 20 }, { key: 'Admin', write: ['admin'] }] } });
const { ready } = suite;
const SOURCE = 'AddSource_Type_Web';
type Applications = { friendApplicationList: FriendApplication[]; unreadCount: number };
const ids = (list: Friend[]) => list.map((f) => f.userID).sort();

describe('@tencentcloud/chat-compatible API: friends and the blocklist', () => {
  it('addFriend to a user who allows anyone: both lists change at once, FRIEND_LIST_UPDATED on both sides, getFriendList with profiles', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY, nick: 'Bob' });
    const aliceSees = alice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === bob.userID));
    const bobSees = bob.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === alice.userID));

    const added = await alice.chat.addFriend({ to: bob.userID, source: SOURCE, wording: 'hi Bob', remark: 'B', groupName: 'Work', type: TYPES.SNS_ADD_TYPE_BOTH });
    expect(added).toEqual({ code: 0, data: { userID: bob.userID, code: 0, message: '' } });
    expect(ids(await aliceSees)).toEqual([bob.userID]);
    expect(ids(await bobSees)).toEqual([alice.userID]);

    const { data } = await alice.chat.getFriendList();
    expect(data).toEqual([{
      userID: bob.userID, remark: 'B', groupList: ['Work'], source: SOURCE, wording: 'hi Bob', addTime: expect.any(Number),
      profile: expect.objectContaining({ userID: bob.userID, nick: 'Bob' }), friendCustomField: [],
    }]);
    expect(data[0]!.addTime).toBeGreaterThan(1_600_000_000);
    expect(ids((await bob.chat.getFriendList()).data)).toEqual([alice.userID]);
    // The call and the server's echo of it make one event.
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.events.filter((e) => e.name === EVENT.FRIEND_LIST_UPDATED)).toHaveLength(1);
  });

  it('SNS_ADD_TYPE_SINGLE adds the target to the caller\'s list only', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY });
    await expect(alice.chat.addFriend({ to: bob.userID, source: SOURCE, type: TYPES.SNS_ADD_TYPE_SINGLE })).resolves.toMatchObject({ data: { code: 0 } });
    expect(ids((await alice.chat.getFriendList()).data)).toEqual([bob.userID]);
    expect((await bob.chat.getFriendList()).data).toEqual([]);
  });

  it('a target who confirms: 30539, the application on both sides with its events, accept makes friends both ways', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_NEED_CONFIRM });
    await alice.chat.updateMyProfile({ nick: 'Alice', avatar: 'https://cdn.example.com/a.png' });
    const bobGets = bob.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length > 0);
    const aliceGets = alice.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length > 0);

    const asked = await alice.chat.addFriend({ to: bob.userID, source: SOURCE, wording: 'me, Alice' });
    expect(asked).toMatchObject({ code: 0, data: { userID: bob.userID, code: 30539 } });
    expect((await alice.chat.getFriendList()).data).toEqual([]);

    const incoming = { userID: alice.userID, nick: 'Alice', avatar: 'https://cdn.example.com/a.png', source: SOURCE, wording: 'me, Alice', type: TYPES.SNS_APPLICATION_SENT_TO_ME };
    expect(await bobGets).toEqual({ friendApplicationList: [{ ...incoming, time: expect.any(Number) }], unreadCount: 1 });
    expect(await aliceGets).toMatchObject({ friendApplicationList: [{ userID: bob.userID, type: TYPES.SNS_APPLICATION_SENT_BY_ME, wording: 'me, Alice' }], unreadCount: 0 });
    await expect(bob.chat.getFriendApplicationList()).resolves.toMatchObject({ code: 0, data: { friendApplicationList: [incoming], unreadCount: 1 } });

    const aliceFriends = alice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === bob.userID));
    const aliceEmpty = alice.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length === 0);
    const bobEmpty = bob.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length === 0);
    const bobFriends = bob.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === alice.userID));
    await expect(bob.chat.acceptFriendApplication({ userID: alice.userID, remark: 'A', type: TYPES.SNS_APPLICATION_AGREE_AND_ADD }))
      .resolves.toEqual({ code: 0, data: { userID: alice.userID, code: 0, message: '' } });
    expect(await bobEmpty).toEqual({ friendApplicationList: [], unreadCount: 0 });
    await aliceEmpty;
    expect((await bobFriends).find((f) => f.userID === alice.userID)).toMatchObject({ remark: 'A' });
    expect(ids(await aliceFriends)).toEqual([bob.userID]);
    // No application is left to answer.
    await expect(bob.chat.acceptFriendApplication({ userID: alice.userID })).rejects.toMatchObject({ code: 30614 });
  });

  it('refuseFriendApplication drops the application and makes no friends', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await expect(alice.chat.addFriend({ to: bob.userID, source: SOURCE })).resolves.toMatchObject({ data: { code: 30539 } });
    await bob.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.unreadCount === 1);
    const aliceEmpty = alice.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length === 0);
    await expect(bob.chat.refuseFriendApplication({ userID: alice.userID })).resolves.toMatchObject({ code: 0, data: { userID: alice.userID } });
    await expect(bob.chat.getFriendApplicationList()).resolves.toEqual({ code: 0, data: { friendApplicationList: [], unreadCount: 0 } });
    expect(await aliceEmpty).toEqual({ friendApplicationList: [], unreadCount: 0 });
    expect((await alice.chat.getFriendList()).data).toEqual([]);
    expect((await bob.chat.getFriendList()).data).toEqual([]);
  });

  it('setFriendApplicationRead zeroes unreadCount (on another device too); deleteFriendApplication drops one received or sent', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    const bobPhone = suite.track(await readyUser(suite.stack(), bob.userID));
    await alice.chat.addFriend({ to: bob.userID, source: SOURCE });
    await carol.chat.addFriend({ to: bob.userID, source: SOURCE });
    await bob.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.unreadCount === 2);

    const phoneRead = bobPhone.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length === 2 && d.unreadCount === 0);
    await expect(bob.chat.setFriendApplicationRead()).resolves.toEqual({ code: 0, data: {} });
    expect((await bob.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.unreadCount === 0)).friendApplicationList).toHaveLength(2);
    await phoneRead;
    await expect(bob.chat.getFriendApplicationList()).resolves.toMatchObject({ data: { unreadCount: 0 } });

    // Bob deletes Alice's application; Carol withdraws hers. Neither makes friends.
    const aliceEmpty = alice.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length === 0);
    await expect(bob.chat.deleteFriendApplication({ userID: alice.userID, type: TYPES.SNS_APPLICATION_SENT_TO_ME }))
      .resolves.toEqual({ code: 0, data: { userID: alice.userID, code: 0, message: '' } });
    await aliceEmpty;
    const bobEmpty = bob.next<Applications>(EVENT.FRIEND_APPLICATION_LIST_UPDATED, (d) => d.friendApplicationList.length === 0);
    await expect(carol.chat.deleteFriendApplication({ userID: bob.userID, type: TYPES.SNS_APPLICATION_SENT_BY_ME })).resolves.toMatchObject({ code: 0 });
    expect(await bobEmpty).toEqual({ friendApplicationList: [], unreadCount: 0 });
    expect((await bob.chat.getFriendList()).data).toEqual([]);
    await expect(bob.chat.deleteFriendApplication({ userID: alice.userID, type: TYPES.SNS_APPLICATION_SENT_TO_ME })).rejects.toMatchObject({ code: 30614 });
    await expect(bob.chat.deleteFriendApplication({ userID: alice.userID, type: 'both' })).rejects.toMatchObject({ code: 30001 });
    await expect(bob.chat.deleteFriendApplication({} as { userID: string; type: string })).rejects.toMatchObject({ code: 6017 });
  });

  it('deleteFriend (both ways by default) with per-user results; FRIEND_LIST_UPDATED with the emptied list on both sides', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY });
    await alice.chat.addFriend({ to: bob.userID, source: SOURCE });
    await bob.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.length === 1);
    const aliceEmpty = alice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.length === 0);
    const bobEmpty = bob.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.length === 0);
    const stranger = 'nobody-' + bob.userID;
    const deleted = await alice.chat.deleteFriend({ userIDList: [bob.userID, stranger] });
    expect(deleted).toEqual({ code: 0, data: {
      successUserIDList: [{ userID: bob.userID, code: 0, message: expect.any(String) }],
      failureUserIDList: [{ userID: stranger, code: expect.any(Number), message: expect.any(String) }],
    } });
    expect(deleted.data.failureUserIDList[0]!.code).not.toBe(0);
    expect(await aliceEmpty).toEqual([]);
    expect(await bobEmpty).toEqual([]);
    expect((await bob.chat.getFriendList()).data).toEqual([]);
  });

  it('checkFriend, getFriendProfile, updateFriend; friend groups: create, add, remove, rename, list, delete', async () => {
    const [alice, bob, carol, dave] = [await ready('alice'), await ready('bob'), await ready('carol'), await ready('dave')];
    for (const u of [bob, carol, dave]) await u.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY, nick: `nick-${u.userID}` });
    await alice.chat.addFriend({ to: bob.userID, source: SOURCE });
    await alice.chat.addFriend({ to: carol.userID, source: SOURCE, type: TYPES.SNS_ADD_TYPE_SINGLE });

    const checked = await alice.chat.checkFriend({ userIDList: [bob.userID, carol.userID, dave.userID] });
    expect(checked).toEqual({ code: 0, data: { failureUserIDList: [], successUserIDList: [
      { userID: bob.userID, code: 0, relation: TYPES.SNS_TYPE_BOTH_WAY },
      { userID: carol.userID, code: 0, relation: TYPES.SNS_TYPE_A_WITH_B },
      { userID: dave.userID, code: 0, relation: TYPES.SNS_TYPE_NO_RELATION },
    ] } });
    const single = await carol.chat.checkFriend({ userIDList: [alice.userID], type: TYPES.SNS_CHECK_TYPE_SINGLE });
    expect(single.data.successUserIDList).toEqual([{ userID: alice.userID, code: 0, relation: TYPES.SNS_TYPE_NO_RELATION }]);

    const updated = await alice.chat.updateFriend({ userID: bob.userID, remark: 'Bobby' });
    expect(updated).toMatchObject({ code: 0, data: { userID: bob.userID, remark: 'Bobby', source: SOURCE, profile: { nick: `nick-${bob.userID}` } } });
    await expect(alice.chat.updateFriend({ userID: dave.userID, remark: 'x' })).rejects.toMatchObject({ code: 31704 });
    const custom = await alice.chat.updateFriend({ userID: bob.userID, friendCustomField: [{ key: 'Tag_SNS_Custom_Mood', value: 'sunny' }] });
    expect(custom.data).toMatchObject({ userID: bob.userID, remark: 'Bobby', friendCustomField: [{ key: 'Tag_SNS_Custom_Mood', value: 'sunny' }] });
    await expect(alice.chat.updateFriend({ userID: bob.userID, friendCustomField: [{ key: 'Tag_SNS_Custom_Admin', value: 'y' }] })).rejects.toMatchObject({ code: 30001 });
    await expect(alice.chat.updateFriend({ userID: bob.userID, friendCustomField: [{ key: 'Tag_SNS_Custom_Mood', value: 'x'.repeat(21) }] })).rejects.toMatchObject({ code: 30001 });
    await expect(alice.chat.updateFriend({ userID: bob.userID, friendCustomField: [{ key: 'Nick', value: 'y' }] })).rejects.toMatchObject({ code: 30001 });
    await expect(alice.chat.updateFriend({ userID: bob.userID })).rejects.toMatchObject({ code: 6017 });
    const profiles = await alice.chat.getFriendProfile({ userIDList: [bob.userID, dave.userID] });
    expect(profiles.data.friendList).toEqual([expect.objectContaining({ userID: bob.userID, remark: 'Bobby', profile: expect.objectContaining({ nick: `nick-${bob.userID}` }) })]);
    expect(profiles.data.failureUserIDList).toEqual([{ userID: dave.userID, code: 31704, message: expect.any(String) }]);

    type Groups = Array<{ name: string; userIDList: string[]; count: number }>;
    const aliceGroups = alice.next<Groups>(EVENT.FRIEND_GROUP_LIST_UPDATED, (list) => list.some((g) => g.name === 'Close'));
    const created = await alice.chat.createFriendGroup({ name: 'Close', userIDList: [bob.userID, dave.userID] });
    expect(await aliceGroups).toEqual([{ name: 'Close', userIDList: [bob.userID], count: 1 }]);
    expect(created).toEqual({ code: 0, data: { friendGroup: { name: 'Close', userIDList: [bob.userID], count: 1 }, failureUserIDList: [dave.userID] } });
    await expect(alice.chat.createFriendGroup({ name: 'Close', userIDList: [] })).rejects.toMatchObject({ code: 30001 });
    const added = await alice.chat.addToFriendGroup({ name: 'Close', userIDList: [carol.userID] });
    expect(added.data).toEqual({ friendGroup: { name: 'Close', userIDList: [bob.userID, carol.userID].sort(), count: 2 }, failureUserIDList: [] });
    const removed = await alice.chat.removeFromFriendGroup({ name: 'Close', userIDList: [bob.userID] });
    expect(removed.data.friendGroup).toEqual({ name: 'Close', userIDList: [carol.userID], count: 1 });
    const renamed = await alice.chat.renameFriendGroup({ oldName: 'Close', newName: 'Inner' });
    expect(renamed).toEqual({ code: 0, data: { name: 'Inner', userIDList: [carol.userID], count: 1 } });
    await expect(alice.chat.getFriendGroupList()).resolves.toEqual({ code: 0, data: [{ name: 'Inner', userIDList: [carol.userID], count: 1 }] });
    // The friend's groupList follows (FRIEND_LIST_UPDATED carries it).
    await alice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === carol.userID && f.groupList.includes('Inner')));
    await alice.next<Groups>(EVENT.FRIEND_GROUP_LIST_UPDATED, (list) => list.some((g) => g.name === 'Inner'));
    await expect(alice.chat.deleteFriendGroup({ name: 'Inner' })).resolves.toEqual({ code: 0, data: { name: 'Inner', userIDList: [carol.userID], count: 1 } });
    await alice.next<Groups>(EVENT.FRIEND_GROUP_LIST_UPDATED, (list) => list.length === 0);
    await expect(alice.chat.getFriendGroupList()).resolves.toEqual({ code: 0, data: [] });
    // A change makes one event: create, add, remove, rename, delete.
    expect(alice.events.filter((e) => e.name === EVENT.FRIEND_GROUP_LIST_UPDATED)).toHaveLength(5);
    await expect(alice.chat.renameFriendGroup({ oldName: 'Inner', newName: 'X' })).rejects.toMatchObject({ code: 30001 });
    await expect(alice.chat.addToFriendGroup({ name: 'Close', userIDList: [] })).rejects.toMatchObject({ code: 6017 });
    await expect(alice.chat.checkFriend({ userIDList: [] })).rejects.toMatchObject({ code: 6017 });
  });

  it('addToBlacklist, getBlacklist, removeFromBlacklist with BLACKLIST_UPDATED; a block ends the friendship', async () => {
    const [alice, bob, carol] = [await ready('alice'), await ready('bob'), await ready('carol')];
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY });
    await alice.chat.addFriend({ to: bob.userID, source: SOURCE });
    await expect(alice.chat.getBlacklist()).resolves.toEqual({ code: 0, data: [] });

    const blocked = alice.next<string[]>(EVENT.BLACKLIST_UPDATED, (list) => list.length === 2);
    const unfriended = alice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.length === 0);
    await expect(alice.chat.addToBlacklist({ userIDList: [bob.userID, carol.userID] })).resolves.toEqual({ code: 0, data: [bob.userID, carol.userID] });
    expect((await blocked).sort()).toEqual([bob.userID, carol.userID].sort());
    await unfriended;
    expect((await alice.chat.getBlacklist()).data.sort()).toEqual([bob.userID, carol.userID].sort());
    expect((await alice.chat.getFriendList()).data).toEqual([]);
    // A blocked user's request is refused with the server's code.
    await expect(bob.chat.addFriend({ to: alice.userID, source: SOURCE })).rejects.toMatchObject({ code: 30525 });
    // The one blocked (bob) does not see a blocklist of his change.
    expect(bob.events.some((e) => e.name === EVENT.BLACKLIST_UPDATED)).toBe(false);

    const unblocked = alice.next<string[]>(EVENT.BLACKLIST_UPDATED, (list) => list.length === 1);
    await expect(alice.chat.removeFromBlacklist({ userIDList: [bob.userID] })).resolves.toEqual({ code: 0, data: [bob.userID] });
    expect(await unblocked).toEqual([carol.userID]);
    await expect(alice.chat.getBlacklist()).resolves.toEqual({ code: 0, data: [carol.userID] });
    // Removing one who is not in the list removes nothing.
    await expect(alice.chat.removeFromBlacklist({ userIDList: [bob.userID] })).resolves.toEqual({ code: 0, data: [] });
  });

  it('another device of the user gets FRIEND_LIST_UPDATED, BLACKLIST_UPDATED and FRIEND_GROUP_LIST_UPDATED for this device\'s calls', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY });
    const otherDevice = suite.track(await readyUser(suite.stack(), alice.userID));
    const friendsThere = otherDevice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === bob.userID));
    await alice.chat.addFriend({ to: bob.userID, source: SOURCE });
    expect(ids(await friendsThere)).toEqual([bob.userID]);
    const blockedThere = otherDevice.next<string[]>(EVENT.BLACKLIST_UPDATED);
    await alice.chat.addToBlacklist({ userIDList: [bob.userID] });
    expect(await blockedThere).toEqual([bob.userID]);
    await otherDevice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.length === 0);
    // A friend's fields: the server's friend.updated.
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY });
    await alice.chat.removeFromBlacklist({ userIDList: [bob.userID] });
    await alice.chat.addFriend({ to: bob.userID, source: SOURCE });
    await otherDevice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.userID === bob.userID));
    await alice.chat.updateFriend({ userID: bob.userID, remark: 'seen there' });
    await otherDevice.next<Friend[]>(EVENT.FRIEND_LIST_UPDATED, (list) => list.some((f) => f.remark === 'seen there'));
    // Friend groups: the server's friend.groups.changed.
    const groupsThere = otherDevice.next<Array<{ name: string }>>(EVENT.FRIEND_GROUP_LIST_UPDATED);
    await alice.chat.createFriendGroup({ name: 'Later' });
    expect(await groupsThere).toEqual([{ name: 'Later', userIDList: [], count: 0 }]);
  });

  it('bad input rejects with Tencent codes: oneself, an unknown user, a bad source, a missing argument, not logged in', async () => {
    const alice = await ready('alice');
    await expect(alice.chat.addFriend({ to: alice.userID, source: SOURCE })).rejects.toMatchObject({ code: 30001 });
    await expect(alice.chat.addFriend({ to: `nobody-${alice.userID}`, source: SOURCE })).rejects.toMatchObject({ code: 30003 });
    await expect(alice.chat.addFriend({ to: alice.userID + 'x', source: 'Web' })).rejects.toMatchObject({ code: 30001 });
    await expect(alice.chat.deleteFriend({} as never)).rejects.toMatchObject({ code: 6017 });
    await expect(alice.chat.addToBlacklist({ userIDList: [] })).rejects.toMatchObject({ code: 30001 });
    await alice.chat.logout();
    await expect(alice.chat.getFriendList()).rejects.toMatchObject({ code: 2024 });
  });
});
