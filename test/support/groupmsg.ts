import type { LocalStack } from '../../local/stack.js';
import { rest } from './rest-client.js';
import type { TestClient } from './ws-client.js';
import { connectAll, groupRest, newGroup, newUsers } from './groups.js';

export const textBody = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

/**
 * Helpers the group-message suites share; `stackOf` is read lazily because
 * the suites start their stack in `beforeAll`.
 */
export function groupMessageHelpers(stackOf: () => LocalStack) {
  let random = 5000;
  const nextRandom = () => ++random;
  const send = (ws: TestClient, groupId: string, t: string, extra: Record<string, unknown> = {}) =>
    ws.request('group.send', { GroupId: groupId, MsgBody: textBody(t), Random: nextRandom(), ...extra });
  const nextMsgSeq = async (groupId: string) =>
    ((await groupRest(stackOf(), 'get_group_info', { GroupIdList: [groupId] })).GroupInfo as Array<{ NextMsgSeq: number }>)[0]!.NextMsgSeq;
  const history = async (groupId: string, extra: Record<string, unknown> = {}) =>
    groupRest(stackOf(), 'group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 20, ...extra });

  /** A group (Public by default) with an owner and two members, all connected; member a has a nickname. */
  async function publicGroup(type = 'Public') {
    const stack = stackOf();
    const users = await newUsers(stack, 3, 'm');
    const [owner, a, b] = users;
    await rest(stack, 'profile/portrait_set', { From_Account: a, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: `nick-${a}` }] });
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: type, MemberList: [{ Member_Account: a }, { Member_Account: b }] });
    const [wsOwner, wsA, wsB] = await connectAll(stack, users);
    return { groupId, owner, a, b, wsOwner: wsOwner!, wsA: wsA!, wsB: wsB!, close: () => Promise.all([wsOwner!.close(), wsA!.close(), wsB!.close()]) };
  }
  return { nextRandom, send, nextMsgSeq, history, publicGroup };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
