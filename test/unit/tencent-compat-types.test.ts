import { describe, expect, expectTypeOf, it } from 'vitest';
import TencentCloudChat, {
  ChatSDK, type Conversation, type Friend, type FriendApplication, type Group, type GroupApplication, type GroupMember, type Message, type Profile, type Topic,
} from '../../client/src/tencent/index.js';
import { NOT_SERVED, NOT_WIRED_YET } from '../../client/src/tencent/unsupported.js';

/**
 * Tencent's declarations (`@tencentcloud/chat` 3.6 index.d.ts) name these methods and fields; an app typed against
 * them must type-check against ours. tsc checks the type assertions (`npm test` runs it first); vitest the values.
 */
describe('@tencentcloud/chat-compatible declarations', () => {
  it('the instance has Tencent\'s method signatures for what it implements', () => {
    expectTypeOf(TencentCloudChat.create).parameter(0).toHaveProperty('SDKAppID').toEqualTypeOf<number>();
    expectTypeOf(TencentCloudChat.create).returns.toEqualTypeOf<ChatSDK>();
    expectTypeOf<ChatSDK['login']>().parameter(0).toEqualTypeOf<{ userID: string; userSig: string }>();
    expectTypeOf<ChatSDK['isReady']>().returns.toEqualTypeOf<boolean>();
    expectTypeOf<ChatSDK['createTextMessage']>().returns.toEqualTypeOf<Message>();
    expectTypeOf<ChatSDK['sendMessage']>().parameter(0).toEqualTypeOf<Message>();
    expectTypeOf<ChatSDK['getMessageList']>().parameter(0).toEqualTypeOf<{ conversationID: string; nextReqMessageID?: string }>();
    expectTypeOf<ChatSDK['getTotalUnreadMessageCount']>().returns.toEqualTypeOf<number>();
    expectTypeOf<ChatSDK['findMessage']>().returns.toEqualTypeOf<Message | null>();
    expectTypeOf<ChatSDK['deleteMessage']>().parameter(0).toEqualTypeOf<Message[]>();
    expectTypeOf<ChatSDK['quitGroup']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<ChatSDK['addFriend']>().parameter(0).toEqualTypeOf<{ to: string; source: string; wording?: string; type?: string; remark?: string; groupName?: string }>();
    expectTypeOf<ChatSDK['deleteFriend']>().parameter(0).toEqualTypeOf<{ userIDList: string[]; type?: string }>();
    expectTypeOf<ChatSDK['addToBlacklist']>().parameter(0).toEqualTypeOf<{ userIDList: string[] }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getFriendList']>>['data']>().toEqualTypeOf<Friend[]>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getBlacklist']>>['data']>().toEqualTypeOf<string[]>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getFriendApplicationList']>>['data']>().toEqualTypeOf<{ friendApplicationList: FriendApplication[]; unreadCount: number }>();
    expectTypeOf<ChatSDK['searchGroupByID']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<ChatSDK['changeGroupOwner']>().parameter(0).toEqualTypeOf<{ groupID: string; newOwnerID: string }>();
    expectTypeOf<ChatSDK['addGroupMember']>().parameter(0).toEqualTypeOf<{ groupID: string; userIDList: string[] }>();
    expectTypeOf<ChatSDK['setGroupMemberRole']>().parameter(0).toEqualTypeOf<{ groupID: string; userID: string; role: string }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['addGroupMember']>>['data']>().toEqualTypeOf<{
      successUserIDList: string[]; failureUserIDList: string[]; existedUserIDList: string[]; overLimitUserIDList: string[]; group: Group;
    }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['setGroupMemberMuteTime']>>['data']>().toEqualTypeOf<{ group: Group; member: GroupMember }>();
    expectTypeOf<ChatSDK['getMessageListHopping']>().parameter(0).toEqualTypeOf<{ conversationID: string; sequence?: number; time?: number; count?: number; direction?: number }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getMessageListHopping']>>['data']>().toEqualTypeOf<{ messageList: Message[] }>();
    expectTypeOf<ChatSDK['setMessageExtensions']>().parameters.toEqualTypeOf<[Message, Array<{ key: string; value: string }>]>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['setMessageExtensions']>>['data']>().toEqualTypeOf<{ extensions: Array<{ code: number; key: string; value: string }> }>();
    expectTypeOf<ChatSDK['deleteMessageExtensions']>().parameters.toEqualTypeOf<[Message, (string[] | undefined)?]>();
    expectTypeOf<ChatSDK['sendMessageReadReceipt']>().parameter(0).toEqualTypeOf<Message[]>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getMessageReadReceiptList']>>['data']>().toEqualTypeOf<{ messageList: Message[] }>();
    expectTypeOf<ChatSDK['markConversation']>().parameter(0).toEqualTypeOf<{ conversationIDList: string[]; markType: number; enableMark: boolean }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['markConversation']>>['data']>().toEqualTypeOf<{
      successConversationIDList: string[]; failureConversationIDList: Array<{ conversationID: string; code: number; message: string }>;
    }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getConversationGroupList']>>['data']>().toEqualTypeOf<string[]>();
    expectTypeOf<ChatSDK['renameConversationGroup']>().parameter(0).toEqualTypeOf<{ oldName: string; newName: string }>();
    expectTypeOf<ChatSDK['createMergerMessage']>().returns.toEqualTypeOf<Message>();
    expectTypeOf<ChatSDK['pinGroupMessage']>().parameter(0).toEqualTypeOf<{ groupID: string; message: Message; isPinned: boolean }>();
    expectTypeOf<ChatSDK['getPinnedGroupMessageList']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<ChatSDK['getGroupCounters']>().parameter(0).toEqualTypeOf<{ groupID: string; keyList?: string[] }>();
    expectTypeOf<ChatSDK['deleteGroupAttributes']>().parameter(0).toEqualTypeOf<{ groupID: string; keyList: string[] }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getGroupApplicationList']>>['data']>().toEqualTypeOf<{ applicationList: GroupApplication[] }>();
    expectTypeOf<Awaited<ReturnType<ChatSDK['getTopicList']>>['data']['successTopicList']>().toEqualTypeOf<Topic[]>();
    expectTypeOf<ChatSDK['deleteTopicFromCommunity']>().parameter(0).toEqualTypeOf<{ groupID: string; topicIDList?: string[] }>();
    // What is not implemented is still there, with any arguments, and rejects.
    expectTypeOf<ChatSDK['searchCloudMessages']>().returns.toEqualTypeOf<Promise<never>>();
  });

  it('Message, Conversation and Profile carry Tencent\'s field names', () => {
    expectTypeOf<Message>().toHaveProperty('ID').toEqualTypeOf<string>();
    expectTypeOf<Message>().toHaveProperty('sequence').toEqualTypeOf<number>();
    expectTypeOf<Message>().toHaveProperty('isRevoked').toEqualTypeOf<boolean>();
    expectTypeOf<Message>().toHaveProperty('atUserList').toEqualTypeOf<string[]>();
    expectTypeOf<Conversation>().toHaveProperty('unreadCount').toEqualTypeOf<number>();
    expectTypeOf<Conversation>().toHaveProperty('isPinned').toEqualTypeOf<boolean>();
    expectTypeOf<Profile>().toHaveProperty('nick').toEqualTypeOf<string>();
    expectTypeOf<Friend>().toHaveProperty('profile').toEqualTypeOf<Profile>();
    expectTypeOf<Friend>().toHaveProperty('groupList').toEqualTypeOf<string[]>();
    expectTypeOf<FriendApplication>().toHaveProperty('type').toEqualTypeOf<string>();
    // `TencentCloudChat.TYPES` is a type too, as Tencent's enum is: option fields typed with it take its values.
    expectTypeOf(TencentCloudChat.TYPES.CONV_C2C).toExtend<TencentCloudChat.TYPES>();
    expectTypeOf<'not a TYPES value'>().not.toExtend<TencentCloudChat.TYPES>();
  });

  it('every unsupported name is a method of the instance that rejects with 7013', async () => {
    const chat = new ChatSDK({ SDKAppID: 1, serverURL: 'ws://unused' });
    expect(new Set([...NOT_WIRED_YET, ...NOT_SERVED]).size).toBe(NOT_WIRED_YET.length + NOT_SERVED.length);
    for (const name of [...NOT_WIRED_YET, ...NOT_SERVED]) {
      await expect(chat[name]()).rejects.toMatchObject({ code: 7013, message: expect.stringContaining(name) });
    }
  });
});
