/**
 * A `@tencentcloud/chat`-compatible entry point: apps written against Tencent's Web SDK switch by changing the import
 * (or a bundler alias) and passing our `serverURL` (client/src/tencent/README.md). Our own implementation over
 * `ImClient`; no Tencent code.
 */
import { ChatSDK, type CreateOptions } from './chat.js';
import { EVENT, TYPES, type EventName, type TypesValue } from './constants.js';

const instances = new Map<number, ChatSDK>();

// A class only so that a namespace of the same name can carry Tencent's type names (`TencentCloudChat.TYPES`).
class TencentCloudChat {
  private constructor() {}
  static readonly EVENT = EVENT;
  static readonly TYPES = TYPES;

  /** One instance per SDKAppID, as Tencent's `create` (a second call returns the first instance until it is destroyed). */
  static create(options: CreateOptions): ChatSDK {
    const appId = Number(options?.SDKAppID);
    if (!Number.isInteger(appId) || appId <= 0) throw new TypeError('TencentCloudChat.create needs a numeric SDKAppID');
    let chat = instances.get(appId);
    if (!chat) {
      chat = new ChatSDK({ ...options, SDKAppID: appId }, () => instances.delete(appId));
      instances.set(appId, chat);
    }
    return chat;
  }
}

declare namespace TencentCloudChat {
  /** Any `TencentCloudChat.TYPES` value, as Tencent's declarations type their options. */
  type TYPES = TypesValue;
  type EVENT = EventName;
}

export default TencentCloudChat;
export { ChatSDK, type CreateOptions, type ChatEvent } from './chat.js';
export type { Message, UserInfo } from './message.js';
export type { Conversation } from './conversation.js';
export type { Profile } from './profile.js';
export type { Group, GroupMember } from './group.js';
export type { GroupApplication } from './group-applications.js';
export type { Topic } from './topics.js';
export type { Friend, FriendApplication, FriendResult, AddFriendOptions } from './friends.js';
export type { MessageOptions } from './create-message.js';
export type { SendMessageOptions } from './messaging.js';
export type { UserStatus } from './user-status.js';
export { ChatError } from './errors.js';
export { EVENT, TYPES } from './constants.js';
