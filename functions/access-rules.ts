/**
 * Who may use each WebSocket action: the permission rule every action declares (REST commands all need an
 * app admin's UserSig: functions/shared/rest/verify-admin.ts). The authorization matrix (chaos/authz,
 * test/e2e/authz-matrix.test.ts) tries every action as each caller its rule refuses, and fails for an action
 * without a rule. Rules are stated for a Public group, the type with the full owner / admin / member ladder
 * (docs/websocket.md gives each type's differences).
 */
export type AccessRule =
  /** Any signed-in user: public data, or acts only for the caller (the caller becomes the owner, applicant, …). */
  | 'anyone'
  /** The caller's own data only: account fields in the frame never make it act as, or on the data of, someone else. */
  | 'self'
  /** Members of the group named by `GroupId` (and the app admin). */
  | 'groupMember'
  /** The group's owner and admins (and the app admin). */
  | 'groupAdmin'
  /** The group's owner (and the app admin). */
  | 'groupOwner'
  /** Only the app admin (an admin identifier on the WebSocket). */
  | 'appAdmin';

export const WS_ACCESS: Readonly<Record<string, AccessRule>> = {
  ping: 'anyone',
  logout: 'self',
  'group.create': 'anyone',
  'group.info': 'anyone',
  'group.modify': 'groupAdmin',
  'group.destroy': 'groupOwner',
  'group.transfer': 'groupOwner',
  'group.join': 'anyone',
  'group.quit': 'groupMember',
  // Public and Meeting: only the app admin adds members (Work and Community: any member).
  'group.invite': 'appAdmin',
  'group.kick': 'groupAdmin',
  'group.members': 'groupMember',
  'group.specifiedMembers': 'groupMember',
  'group.onlineCount': 'groupMember',
  // A member changes its own NameCard and MsgFlag; another member's fields need an admin (the matrix tries both).
  'group.modifyMember': 'groupMember',
  'group.setRole': 'groupOwner',
  'group.applications': 'groupAdmin',
  'group.handleApplication': 'groupAdmin',
  'group.joined': 'self',
  'group.system.list': 'self',
  'group.ban': 'groupAdmin',
  'group.unban': 'groupAdmin',
  'group.blocklist': 'groupAdmin',
  'group.whitelistAdd': 'groupAdmin',
  'group.whitelistRemove': 'groupAdmin',
  'group.whitelist': 'groupAdmin',
  'profile.get': 'anyone',
  'profile.set': 'self',
  'friend.add': 'self',
  'friend.respond': 'self',
  'friend.delete': 'self',
  'friend.list': 'self',
  'friend.requests': 'self',
  'friend.requests.delete': 'self',
  'friend.requests.read': 'self',
  'friend.check': 'self',
  'friend.profile': 'self',
  'friend.update': 'self',
  'friend.groups': 'self',
  'friend.groups.change': 'self',
  'blocklist.add': 'self',
  'blocklist.delete': 'self',
  'blocklist.list': 'self',
  // User status: anyone's is readable (as `profile.get`); set, subscriptions and their removal are the caller's own.
  'status.get': 'anyone',
  'status.set': 'self',
  'status.subscribe': 'self',
  'status.unsubscribe': 'self',
  'push.register': 'self',
  'push.unregister': 'self',
  'c2c.send': 'self',
  'history.c2c': 'self',
  'msg.read': 'self',
  'msg.recall': 'self',
  // C2C: the sender's own message; group: the sender, or the owner and admins (the matrix tries a stranger's edit).
  'msg.modify': 'self',
  'msg.delete': 'self',
  'c2c.receiveOpt.set': 'self',
  'c2c.receiveOpt.get': 'self',
  // C2C: the caller's own conversation; group: the domain checks membership (the matrix tries outsiders on groups).
  'msg.extensions.set': 'self',
  'msg.extensions.delete': 'self',
  'msg.extensions.get': 'self',
  // C2C: the caller's own conversation; group: members (their own messages' counts, any message for owners and admins).
  'msg.receipt.send': 'self',
  'msg.receipt.get': 'self',
  'conversation.list': 'self',
  'conversation.pin': 'self',
  'conversation.delete': 'self',
  // A group's conversation: the caller's own view of it (a non-member is refused 10007).
  'conversation.clearHistory': 'self',
  'conversation.mark': 'self',
  'conversation.setCustomData': 'self',
  'conversation.groups': 'self',
  'conversation.createGroup': 'self',
  'conversation.renameGroup': 'self',
  'conversation.deleteGroup': 'self',
  'conversation.addToGroup': 'self',
  'conversation.removeFromGroup': 'self',
  'conversation.groupUnread': 'self',
  'broadcast.sync': 'self',
  'group.send': 'groupMember',
  'history.group': 'groupMember',
  'group.message.pin': 'groupAdmin',
  'group.message.pins': 'groupMember',
  // The message's sender, or the owner and admins (the matrix's messages are the owner's).
  'msg.receipt.detail': 'groupAdmin',
  'group.attributes.get': 'groupMember',
  'group.attributes.init': 'groupMember',
  'group.attributes.set': 'groupMember',
  'group.attributes.delete': 'groupMember',
  'group.counters.get': 'groupMember',
  'group.counters.set': 'groupMember',
  'group.counters.increase': 'groupMember',
  'group.counters.decrease': 'groupMember',
  // Community topics (functions/topics): in the Public group the matrix uses, every caller gets 11000 (no topics).
  'topic.list': 'groupMember',
  'topic.create': 'groupAdmin',
  'topic.modify': 'groupAdmin',
  'topic.destroy': 'groupAdmin',
  'permission.list': 'groupMember',
  // Without permission groups the owner and admins manage them; with them, the bits decide (test/e2e/community-permissions.test.ts).
  'permission.create': 'groupAdmin',
  'permission.modify': 'groupAdmin',
  'permission.destroy': 'groupAdmin',
  'permission.get': 'groupMember',
  'permission.topic.add': 'groupAdmin',
  'permission.topic.set': 'groupAdmin',
  'permission.topic.delete': 'groupAdmin',
  'permission.topic.get': 'groupMember',
  'permission.member.add': 'groupAdmin',
  'permission.member.delete': 'groupAdmin',
  'permission.member.list': 'groupMember',
  'group.mute': 'groupAdmin',
  // Official accounts (functions/official): a subscriber acts for itself; sending needs the account's owner.
  'official.subscribe': 'self',
  'official.unsubscribe': 'self',
  'official.list': 'self',
  'official.history': 'self',
  'official.read': 'self',
  'official.send': 'self',
  'official.message': 'self',
};
