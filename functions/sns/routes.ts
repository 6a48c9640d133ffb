import { restRoute, wsRoute } from './services.js';
import { ImError } from '../shared/errors.js';
import { SnsCode } from './sns-codes.js';
import * as s from './schemas.js';
import { addFriends, listRequests, respondToRequest } from './add-friends.js';
import { checkFriends, deleteAllFriends, deleteFriends, getFriendList, getFriends, importFriends, updateFriends } from './friends.js';
import { addToBlocklist, checkBlocklist, getBlocklist, removeFromBlocklist } from './blocklist.js';
import { addFriendLists, deleteFriendLists, getFriendLists } from './friend-lists.js';
import { friendGetAll, friendGetAllInput } from './friend-get-all.js';
import * as w from './friend-ws.js';
import { afterFriendListsChange, afterFriendsUpdate } from './notify.js';
import { deleteFriendRequest, markFriendRequestsRead, wsRequestDeleteInput } from './friend-requests.js';

const service = 'sns';
const feature = 'sns';
const invalidParamCode = SnsCode.InvalidParam;

export const snsRoutes = [
  restRoute({
    service, feature, command: 'friend_add', input: s.friendAddInput,
    run: ({ app, caller }, input) => addFriends(app.services, app.config, caller, {
      fromId: input.From_Account, items: input.AddFriendItem, addType: input.AddType ?? 'Add_Type_Both', force: input.ForceAddFlags === 1,
    }),
  }),
  restRoute({
    service, feature, command: 'friend_import', input: s.friendImportInput,
    run: ({ app }, input) => importFriends(app.services, app.config, input.From_Account, input.AddFriendItem),
  }),
  restRoute({
    service, feature, command: 'friend_update', input: s.friendUpdateInput,
    run: ({ app }, input) => afterFriendsUpdate(app.services, input.From_Account, updateFriends(app.services, app.config, input.From_Account, input.UpdateItem),
      input.UpdateItem.some((i) => i.SnsItem.some((t) => t.Tag === 'Tag_SNS_IM_Group'))),
  }),
  restRoute({
    service, feature, command: 'friend_delete', input: s.friendDeleteInput,
    run: ({ app, caller }, input) => deleteFriends(app.services, caller, input.From_Account, input.To_Account, input.DeleteType ?? 'Delete_Type_Single'),
  }),
  restRoute({
    service, feature, command: 'friend_delete_all', input: s.friendDeleteAllInput,
    run: async ({ app, caller }, input) => {
      await deleteAllFriends(app.services, caller, input.From_Account, input.DeleteType ?? 'Delete_Type_Single');
      return {};
    },
  }),
  restRoute({
    service, feature, command: 'friend_check', input: s.friendCheckInput,
    run: ({ app }, input) => checkFriends(app.services, input.From_Account, input.To_Account, input.CheckType),
  }),
  restRoute({
    service, feature, command: 'friend_get', input: s.friendGetInput,
    run: ({ app }, input) => getFriends(app.services, input.From_Account, input.StartIndex),
  }),
  restRoute({
    service, feature, command: 'friend_get_all', input: friendGetAllInput,
    run: ({ app }, input) => friendGetAll(app.services, app.config, {
      fromId: input.From_Account, startIndex: input.StartIndex ?? 0, getCount: input.GetCount, tagList: input.TagList,
    }),
  }),
  restRoute({
    service, feature, command: 'friend_get_list', input: s.friendGetListInput,
    run: ({ app }, input) => getFriendList(app.services, app.config, input.From_Account, input.To_Account, input.TagList),
  }),
  restRoute({
    service, feature, command: 'black_list_add', input: s.blockInput,
    run: ({ app, caller }, input) => addToBlocklist(app.services, caller, input.From_Account, input.To_Account),
  }),
  restRoute({
    service, feature, command: 'black_list_delete', input: s.blockInput,
    run: ({ app, caller }, input) => removeFromBlocklist(app.services, caller, input.From_Account, input.To_Account),
  }),
  restRoute({
    service, feature, command: 'black_list_get', input: s.blockGetInput,
    run: ({ app }, input) => getBlocklist(app.services, input.From_Account, input.StartIndex, input.MaxLimited || s.DEFAULT_BLOCKLIST_PAGE),
  }),
  restRoute({
    service, feature, command: 'black_list_check', input: s.blockCheckInput,
    run: ({ app }, input) => checkBlocklist(app.services, input.From_Account, input.To_Account, input.CheckType),
  }),
  restRoute({
    service, feature, command: 'group_add', input: s.groupAddInput,
    run: ({ app }, input) => afterFriendListsChange(app.services, input.From_Account, addFriendLists(app.services, input.From_Account, input.GroupName, input.To_Account ?? [])),
  }),
  restRoute({
    service, feature, command: 'group_delete', input: s.groupDeleteInput,
    run: ({ app }, input) => afterFriendListsChange(app.services, input.From_Account, deleteFriendLists(app.services, input.From_Account, input.GroupName)),
  }),
  restRoute({
    service, feature, command: 'group_get', input: s.groupGetInput,
    run: ({ app }, input) => getFriendLists(app.services, input.From_Account, input.GroupName, input.NeedFriend === 'Need_Friend_Type_Yes'),
  }),

  wsRoute({
    feature, action: 'friend.add', input: s.wsFriendAddInput, invalidParamCode,
    run: async ({ app, caller }, input) => {
      const { To_Account, AddType, ...item } = input;
      const reply = await addFriends(app.services, app.config, caller, {
        fromId: caller.userId, items: [{ To_Account, ...item }], addType: AddType ?? 'Add_Type_Both', force: false,
      });
      const result = reply.ResultItem[0]!;
      if (result.ResultCode === 0) return { Result: 'Added' };
      if (result.ResultCode === SnsCode.PendingCreated) return { Result: 'Pending' };
      throw new ImError(result.ResultCode, result.ResultInfo);
    },
  }),
  wsRoute({
    feature, action: 'friend.respond', input: s.wsRespondInput, invalidParamCode,
    run: ({ app, caller }, input) => respondToRequest(app.services, caller, {
      requesterId: input.To_Account, action: input.ResponseAction, remark: input.Remark, tagName: input.TagName,
    }),
  }),
  wsRoute({
    feature, action: 'friend.delete', input: s.wsFriendDeleteInput, invalidParamCode,
    run: ({ app, caller }, input) => deleteFriends(app.services, caller, caller.userId, input.To_Account, input.DeleteType ?? 'Delete_Type_Single'),
  }),
  wsRoute({
    feature, action: 'friend.list', input: s.wsFriendListInput, invalidParamCode,
    run: ({ app, caller }, input) => getFriends(app.services, caller.userId, input.StartIndex ?? 0, false),
  }),
  wsRoute({
    feature, action: 'friend.requests', input: s.wsEmptyInput, invalidParamCode,
    run: ({ app, caller }) => listRequests(app.services, caller.userId),
  }),
  wsRoute({
    feature, action: 'friend.requests.delete', input: wsRequestDeleteInput, invalidParamCode,
    run: ({ app, caller }, input) => deleteFriendRequest(app.services, caller.userId, input),
  }),
  wsRoute({
    feature, action: 'friend.requests.read', input: s.wsEmptyInput, invalidParamCode,
    run: ({ app, caller }) => markFriendRequestsRead(app.services, caller.userId),
  }),
  wsRoute({
    feature, action: 'friend.check', input: w.wsFriendCheckInput, invalidParamCode,
    run: ({ app, caller }, input) => checkFriends(app.services, caller.userId, input.To_Account, input.CheckType ?? 'CheckResult_Type_Both'),
  }),
  wsRoute({
    feature, action: 'friend.profile', input: w.wsFriendProfileInput, invalidParamCode,
    run: ({ app, caller }, input) => w.getGivenFriends(app.services, caller.userId, input.To_Account),
  }),
  wsRoute({
    feature, action: 'friend.update', input: w.wsFriendUpdateInput, invalidParamCode,
    run: ({ app, caller }, input) => afterFriendsUpdate(app.services, caller.userId, updateFriends(app.services, app.config, caller.userId, w.updateItems(input.UpdateItem), 'app'),
      input.UpdateItem.some((i) => i.GroupName !== undefined)),
  }),
  wsRoute({
    feature, action: 'friend.groups', input: w.wsFriendGroupsInput, invalidParamCode,
    run: ({ app, caller }, input) => getFriendLists(app.services, caller.userId, input.GroupName, true),
  }),
  wsRoute({
    feature, action: 'friend.groups.change', input: w.wsFriendGroupsChangeInput, invalidParamCode,
    run: ({ app, caller }, input) => afterFriendListsChange(app.services, caller.userId, w.changeFriendList(app.services, caller.userId, input)),
  }),
  wsRoute({
    feature, action: 'blocklist.add', input: s.wsAccountsInput, invalidParamCode,
    run: ({ app, caller }, input) => addToBlocklist(app.services, caller, caller.userId, input.To_Account),
  }),
  wsRoute({
    feature, action: 'blocklist.delete', input: s.wsAccountsInput, invalidParamCode,
    run: ({ app, caller }, input) => removeFromBlocklist(app.services, caller, caller.userId, input.To_Account),
  }),
  wsRoute({
    feature, action: 'blocklist.list', input: s.wsBlocklistListInput, invalidParamCode,
    run: ({ app, caller }, input) => getBlocklist(app.services, caller.userId, input.StartIndex ?? 0, input.MaxLimited ?? 100, false),
  }),
];
