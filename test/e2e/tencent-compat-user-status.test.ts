import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type UserStatus } from '../../client/src/tencent/index.js';
import { chatSuite, readyUser } from '../support/tencent-chat.js';
import { uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';

const { EVENT, TYPES } = TencentCloudChat;
// Friends' statuses are pushed without a subscription (Tencent's console switch).
const suite = chatSuite({ userStatus: { notifyFriends: true } });
const { ready } = suite;
const about = (userID: string, statusType: number, customStatus?: string) => (list: UserStatus[]) =>
  list.some((s) => s.userID === userID && s.statusType === statusType && (customStatus === undefined || s.customStatus === customStatus));

describe('@tencentcloud/chat-compatible API: user status', () => {
  it('getUserStatus: online users with their custom status, a user who is not logged in, failures for unknown ones', async () => {
    const [alice, bob] = [await ready('alice'), await ready('bob')];
    const nobody = uniqueId('nobody');
    const set = await bob.chat.setSelfStatus({ customStatus: 'in a meeting' });
    expect(set).toEqual({ code: 0, data: { userID: bob.userID, statusType: TYPES.USER_STATUS_ONLINE, customStatus: 'in a meeting' } });
    // Oneself too, as Tencent's.
    expect(await bob.next<UserStatus[]>(EVENT.USER_STATUS_UPDATED)).toEqual([{ userID: bob.userID, statusType: TYPES.USER_STATUS_ONLINE, customStatus: 'in a meeting' }]);

    const { data } = await alice.chat.getUserStatus({ userIDList: [bob.userID, alice.userID, nobody] });
    expect(data.successUserList).toEqual([
      { userID: bob.userID, statusType: TYPES.USER_STATUS_ONLINE, customStatus: 'in a meeting' },
      { userID: alice.userID, statusType: TYPES.USER_STATUS_ONLINE, customStatus: '' },
    ]);
    expect(data.failureUserList).toEqual([{ userID: nobody, code: 70107, message: expect.any(String) }]);

    await bob.chat.logout();
    expect((await alice.chat.getUserStatus({ userIDList: [bob.userID] })).data.successUserList)
      .toEqual([{ userID: bob.userID, statusType: TYPES.USER_STATUS_UNLOGINED, customStatus: 'in a meeting' }]);
  });

  it('subscribeUserStatus: USER_STATUS_UPDATED on login, custom status and logout; unsubscribeUserStatus ends it', async () => {
    const alice = await ready('alice');
    const bob = suite.track(await readyUser(suite.stack(), uniqueId('bob')));
    expect(await alice.chat.subscribeUserStatus({ userIDList: [bob.userID, alice.userID] })).toEqual({
      code: 0, data: { failureUserList: [{ userID: alice.userID, code: 90001, message: expect.any(String) }] },
    });
    await bob.chat.setSelfStatus({ customStatus: 'coding' });
    expect(await alice.next(EVENT.USER_STATUS_UPDATED, about(bob.userID, TYPES.USER_STATUS_ONLINE, 'coding')))
      .toEqual([{ userID: bob.userID, statusType: TYPES.USER_STATUS_ONLINE, customStatus: 'coding' }]);
    await bob.chat.logout();
    await alice.next(EVENT.USER_STATUS_UPDATED, about(bob.userID, TYPES.USER_STATUS_UNLOGINED));
    await bob.chat.login({ userID: bob.userID, userSig: officialUserSig(bob.userID) });
    await alice.next(EVENT.USER_STATUS_UPDATED, about(bob.userID, TYPES.USER_STATUS_ONLINE));

    expect(await alice.chat.unsubscribeUserStatus()).toEqual({ code: 0, data: { failureUserList: [] } });
    const seen = alice.events.filter((e) => e.name === EVENT.USER_STATUS_UPDATED).length;
    await bob.next(EVENT.SDK_READY);
    await bob.chat.setSelfStatus({ customStatus: 'unseen' });
    await bob.next(EVENT.USER_STATUS_UPDATED, about(bob.userID, TYPES.USER_STATUS_ONLINE, 'unseen'));
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.events.filter((e) => e.name === EVENT.USER_STATUS_UPDATED)).toHaveLength(seen);
  });

  it('with userStatus.notifyFriends, a user who has another as a friend gets its USER_STATUS_UPDATED without subscribing', async () => {
    const alice = await ready('alice');
    const bob = suite.track(await readyUser(suite.stack(), uniqueId('bob')));
    await bob.chat.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_ALLOW_ANY });
    // One way: Bob is in Alice's list, so Alice hears of Bob (and Bob not of Alice).
    await alice.chat.addFriend({ to: bob.userID, source: 'AddSource_Type_Web', type: TYPES.SNS_ADD_TYPE_SINGLE });
    await bob.chat.setSelfStatus({ customStatus: 'on holiday' });
    expect(await alice.next(EVENT.USER_STATUS_UPDATED, about(bob.userID, TYPES.USER_STATUS_ONLINE, 'on holiday')))
      .toEqual([{ userID: bob.userID, statusType: TYPES.USER_STATUS_ONLINE, customStatus: 'on holiday' }]);
    await bob.chat.logout();
    await alice.next(EVENT.USER_STATUS_UPDATED, about(bob.userID, TYPES.USER_STATUS_UNLOGINED));
    await alice.chat.setSelfStatus({ customStatus: 'home' });
    await new Promise((r) => setTimeout(r, 300));
    expect(bob.events.some((e) => e.name === EVENT.USER_STATUS_UPDATED && (e.data as UserStatus[])[0]!.userID === alice.userID)).toBe(false);
  });

  it('bad arguments reject: no userIDList, a custom status that is no string or longer than 100 bytes', async () => {
    const alice = await ready('alice');
    await expect(alice.chat.getUserStatus({ userIDList: [] })).rejects.toMatchObject({ code: 6017 });
    await expect(alice.chat.subscribeUserStatus({} as { userIDList: string[] })).rejects.toMatchObject({ code: 6017 });
    await expect(alice.chat.unsubscribeUserStatus({ userIDList: [] })).rejects.toMatchObject({ code: 6017 });
    await expect(alice.chat.setSelfStatus({} as { customStatus: string })).rejects.toMatchObject({ code: 6017 });
    await expect(alice.chat.setSelfStatus({ customStatus: 'x'.repeat(101) })).rejects.toMatchObject({ code: 90001 });
  });
});
