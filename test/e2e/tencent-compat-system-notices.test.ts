import { describe, expect, it } from 'vitest';
import TencentCloudChat, { type Message } from '../../client/src/tencent/index.js';
import { uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { chatSuite, readyUser } from '../support/tencent-chat.js';

const { EVENT, TYPES } = TencentCloudChat;
const suite = chatSuite();

describe('@tencentcloud/chat-compatible API: kept group system notices (@TIM#SYSTEM)', () => {
  it('a user offline when it was added reads the notice after login with getMessageList; a live one is the same message read back', async () => {
    const alice = await suite.ready('alice');
    const bobId = uniqueId('bob');
    expect(await rest(suite.stack(), 'im_open_login_svc/account_import', { UserID: bobId })).toMatchObject({ ErrorCode: 0 });
    const { data } = await alice.chat.createGroup({ name: 'Later', type: TYPES.GRP_WORK });
    const groupID = data.group.groupID;
    await alice.chat.addGroupMember({ groupID, userIDList: [bobId] });

    const bob = suite.track(await readyUser(suite.stack(), bobId));
    const first = (await bob.chat.getMessageList({ conversationID: TYPES.CONV_SYSTEM })).data;
    expect(first.isCompleted).toBe(true);
    expect(first.messageList.map((m) => [m.type, m.conversationID, (m.payload as { operationType: number }).operationType, (m.payload as { groupProfile: { groupID: string } }).groupProfile.groupID]))
      .toEqual([[TYPES.MSG_GRP_SYS_NOTICE, TYPES.CONV_SYSTEM, 7, groupID]]);
    expect((first.messageList[0]!.payload as { operatorID: string }).operatorID).toBe(alice.userID);

    await alice.chat.deleteGroupMember({ groupID, userIDList: [bobId] });
    const [live] = await bob.next<Message[]>(EVENT.MESSAGE_RECEIVED, (list) => list.some((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE));
    expect((live!.payload as { operationType: number }).operationType).toBe(4);
    const again = (await bob.chat.getMessageList({ conversationID: TYPES.CONV_SYSTEM })).data.messageList;
    expect(again.map((m) => (m.payload as { operationType: number }).operationType)).toEqual([7, 4]);
    expect(again[1]).toBe(live);
    expect(again[0]).toBe(first.messageList[0]);
  });
});
