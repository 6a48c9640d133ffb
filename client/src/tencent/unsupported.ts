import { notSupported } from './errors.js';

/**
 * Tencent Web SDK methods this SDK does not implement yet although the server serves their feature
 * (docs/websocket.md names the action): they reject until they are wired (client/src/tencent/README.md, the table).
 */
export const NOT_WIRED_YET = [
] as const;

/** Tencent Web SDK methods whose feature the server does not serve over the WebSocket. */
export const NOT_SERVED = [
  'translateText', 'convertVoiceToText', 'searchCloudMessages', 'searchCloudGroups', 'searchCloudUsers',
  'searchCloudGroupMembers', 'addMessageReaction', 'removeMessageReaction', 'getMessageReactions', 'getAllUserListOfMessageReaction',
  'setConversationDraft', 'setAllReceiveMessageOpt', 'getAllReceiveMessageOpt',
  'followUser', 'unfollowUser', 'getMyFollowersList', 'getMyFollowingList',
  'getMutualFollowersList', 'getUserFollowInfo', 'checkFollowType', 'markGroupMemberList',
  'invite', 'inviteInGroup', 'cancel', 'accept', 'reject', 'modifyInvitation', 'callExperimentalAPI',
] as const;

type Name = (typeof NOT_WIRED_YET)[number] | (typeof NOT_SERVED)[number];
/** Each one takes Tencent's arguments and rejects with Tencent's "not supported" (code 7013). */
export type UnsupportedApis = { [K in Name]: (...args: unknown[]) => Promise<never> };

export function installUnsupported(prototype: object): void {
  const define = (name: string, why: string) => {
    // A name listed here and implemented too would silently replace the implementation.
    if (Object.prototype.hasOwnProperty.call(prototype, name)) throw new Error(`${name} is implemented: take it off the unsupported lists`);
    Object.defineProperty(prototype, name, {
      value: () => Promise.reject(notSupported(name, why)), writable: true, configurable: true,
    });
  };
  for (const name of NOT_WIRED_YET) define(name, 'not wired in this SDK yet (the server serves it: use ImClient meanwhile)');
  for (const name of NOT_SERVED) define(name, 'this server does not serve it');
}
