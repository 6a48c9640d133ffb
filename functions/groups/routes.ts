import * as z from 'zod/mini';
import { restRoute, wsRoute } from './services.js';
import { GroupCode } from './group-codes.js';
import { groupContext } from './group-context.js';
import { toGroupType, type GroupType } from './group-types.js';
import { changeOwner, createGroup, destroyGroup, getGroupInfo, listAppGroups, modifyGroup } from './lifecycle.js';
import {
  addMembers, applyToJoin, deleteMembers, editUserList, getMemberInfo, getSpecifiedMemberInfo, handleApplication, joinedGroupList, listApplications,
  modifyMember, quitGroup, rolesInGroup,
} from './membership.js';
import { onlineMemberCount, onlineMembers, presentMembers } from './online-members.js';
import { listSystemNotices, systemNoticesInput } from './system-notices.js';
import {
  addMembersInput, appGroupListInput, checkMembersInput, onlineMembersInput, changeOwnerInput, createGroupInput, deleteMembersInput, getGroupInfoInput, groupIdInput,
  handleApplicationInput, importGroupInput, importMembersInput, joinInput, joinedListInput, memberInfoInput, modifyGroupInput,
  modifyMemberInput, roleInGroupInput, specifiedMembersInput, userListInput,
} from './schemas.js';

const service = 'group_open_http_svc';
const avService = 'group_open_avchatroom_http_svc';
const feature = 'groups';
const invalidParamCode = GroupCode.InvalidParam;
const typeOf = (t: string): GroupType => toGroupType(t)!;
const ok = async (p: Promise<unknown>) => { await p; return {}; };

/** group_open_http_svc management commands (spec §3.8) and the group.* WebSocket actions (docs/websocket.md). */
export const groupsRoutes = [
  restRoute({
    service, feature, command: 'create_group', input: createGroupInput,
    run: (call, input) => createGroup(groupContext(call), { ...input, Type: typeOf(input.Type) }),
  }),
  restRoute({
    service, feature, command: 'import_group', input: importGroupInput,
    run: (call, input) => createGroup(groupContext(call), { ...input, Type: typeOf(input.Type), MemberList: [] }, 'import'),
  }),
  restRoute({ service, feature, command: 'get_group_info', input: getGroupInfoInput, run: (call, input) => getGroupInfo(groupContext(call), input.GroupIdList, input.ResponseFilter) }),
  restRoute({ service, feature, command: 'modify_group_base_info', input: modifyGroupInput, run: (call, input) => ok(modifyGroup(groupContext(call), input)) }),
  restRoute({ service, feature, command: 'destroy_group', input: groupIdInput, run: (call, input) => ok(destroyGroup(groupContext(call), input.GroupId)) }),
  restRoute({ service, feature, command: 'change_group_owner', input: changeOwnerInput, run: (call, input) => ok(changeOwner(groupContext(call), input.GroupId, input.NewOwner_Account)) }),
  restRoute({
    service, feature, command: 'get_appid_group_list', input: appGroupListInput,
    run: (call, input) => listAppGroups(groupContext(call), input.Limit ?? 10000, input.Next ?? 0, input.GroupType ? typeOf(input.GroupType) : undefined),
  }),
  restRoute({
    service, feature, command: 'add_group_member', input: addMembersInput,
    run: (call, input) => addMembers(groupContext(call), input.GroupId, input.MemberList, { silence: input.Silence === 1, mode: 'invite' }),
  }),
  restRoute({
    service, feature, command: 'import_group_member', input: importMembersInput,
    run: (call, input) => addMembers(groupContext(call), input.GroupId, input.MemberList, { mode: 'import' }),
  }),
  restRoute({
    service, feature, command: 'delete_group_member', input: deleteMembersInput,
    run: (call, input) => ok(deleteMembers(groupContext(call), input.GroupId, input.MemberToDel_Account, { reason: input.Reason, silence: input.Silence === 1 })),
  }),
  restRoute({ service, feature, command: 'get_group_member_info', input: memberInfoInput, run: (call, input) => getMemberInfo(groupContext(call), input.GroupId, input) }),
  restRoute({
    service, feature, command: 'get_specified_group_member_info', input: specifiedMembersInput,
    run: (call, input) => getSpecifiedMemberInfo(groupContext(call), input.GroupId, input.Member_List_Account, input),
  }),
  restRoute({ service, feature, command: 'modify_group_member_info', input: modifyMemberInput, run: (call, input) => ok(modifyMember(groupContext(call), input)) }),
  restRoute({
    service, feature, command: 'get_joined_group_list', input: joinedListInput,
    run: (call, input) => joinedGroupList(groupContext(call), input.Member_Account, { ...input, GroupType: input.GroupType ? typeOf(input.GroupType) : undefined }),
  }),
  restRoute({ service, feature, command: 'get_role_in_group', input: roleInGroupInput, run: (call, input) => rolesInGroup(groupContext(call), input.GroupId, input.User_Account) }),
  restRoute({
    service: avService, feature, command: 'get_members', input: onlineMembersInput,
    run: (call, input) => onlineMembers(groupContext(call), input.GroupId, input.Timestamp, input.Mark),
  }),
  restRoute({ service: avService, feature, command: 'check_members', input: checkMembersInput, run: (call, input) => presentMembers(groupContext(call), input.GroupId, input.Member_Account) }),

  wsRoute({
    feature, invalidParamCode, action: 'group.create', input: createGroupInput,
    run: (call, input) => createGroup(groupContext(call), { ...input, Type: typeOf(input.Type) }),
  }),
  wsRoute({ feature, invalidParamCode, action: 'group.info', input: getGroupInfoInput, run: (call, input) => getGroupInfo(groupContext(call), input.GroupIdList, input.ResponseFilter) }),
  wsRoute({ feature, invalidParamCode, action: 'group.modify', input: modifyGroupInput, run: (call, input) => ok(modifyGroup(groupContext(call), input)) }),
  wsRoute({ feature, invalidParamCode, action: 'group.destroy', input: groupIdInput, run: (call, input) => ok(destroyGroup(groupContext(call), input.GroupId)) }),
  wsRoute({ feature, invalidParamCode, action: 'group.transfer', input: changeOwnerInput, run: (call, input) => ok(changeOwner(groupContext(call), input.GroupId, input.NewOwner_Account)) }),
  wsRoute({ feature, invalidParamCode, action: 'group.join', input: joinInput, run: (call, input) => applyToJoin(groupContext(call), input.GroupId, input.ApplyMsg ?? '') }),
  wsRoute({ feature, invalidParamCode, action: 'group.quit', input: groupIdInput, run: (call, input) => ok(quitGroup(groupContext(call), input.GroupId)) }),
  wsRoute({
    feature, invalidParamCode, action: 'group.invite', input: addMembersInput,
    run: (call, input) => addMembers(groupContext(call), input.GroupId, input.MemberList, { silence: input.Silence === 1, mode: 'invite' }),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.kick', input: deleteMembersInput,
    run: (call, input) => ok(deleteMembers(groupContext(call), input.GroupId, input.MemberToDel_Account, { reason: input.Reason, silence: input.Silence === 1 })),
  }),
  wsRoute({ feature, invalidParamCode, action: 'group.members', input: memberInfoInput, run: (call, input) => getMemberInfo(groupContext(call), input.GroupId, input) }),
  wsRoute({
    feature, invalidParamCode, action: 'group.specifiedMembers', input: specifiedMembersInput,
    run: (call, input) => getSpecifiedMemberInfo(groupContext(call), input.GroupId, input.Member_List_Account, input),
  }),
  wsRoute({ feature, invalidParamCode, action: 'group.onlineCount', input: groupIdInput, run: (call, input) => onlineMemberCount(groupContext(call), input.GroupId) }),
  wsRoute({ feature, invalidParamCode, action: 'group.modifyMember', input: modifyMemberInput, run: (call, input) => ok(modifyMember(groupContext(call), input)) }),
  wsRoute({
    feature, invalidParamCode, action: 'group.setRole',
    input: z.object({ GroupId: modifyMemberInput.shape.GroupId, Member_Account: modifyMemberInput.shape.Member_Account, Role: z.enum(['Admin', 'Member']) }),
    run: (call, input) => ok(modifyMember(groupContext(call), input)),
  }),
  wsRoute({ feature, invalidParamCode, action: 'group.applications', input: groupIdInput, run: (call, input) => listApplications(groupContext(call), input.GroupId) }),
  wsRoute({
    feature, invalidParamCode, action: 'group.handleApplication', input: handleApplicationInput,
    run: (call, input) => ok(handleApplication(groupContext(call), input.GroupId, input.Requestor_Account, input.Decision === 'Approve')),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.joined', input: z.object({ ...joinedListInput.shape, Member_Account: z.optional(z.string()) }),
    run: (call, input) => joinedGroupList(groupContext(call), call.caller.userId, { ...input, GroupType: input.GroupType ? typeOf(input.GroupType) : undefined }),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.system.list', input: systemNoticesInput,
    run: ({ app, caller }, input) => listSystemNotices(app.services, caller.userId, input),
  }),
  wsRoute({ feature, invalidParamCode, action: 'group.ban', input: userListInput, run: (call, input) => editUserList(groupContext(call), input.GroupId, 'blocklist', 'add', input.Members_Account) }),
  wsRoute({ feature, invalidParamCode, action: 'group.unban', input: userListInput, run: (call, input) => editUserList(groupContext(call), input.GroupId, 'blocklist', 'remove', input.Members_Account) }),
  wsRoute({ feature, invalidParamCode, action: 'group.blocklist', input: groupIdInput, run: (call, input) => editUserList(groupContext(call), input.GroupId, 'blocklist', 'get') }),
  wsRoute({ feature, invalidParamCode, action: 'group.whitelistAdd', input: userListInput, run: (call, input) => editUserList(groupContext(call), input.GroupId, 'whitelist', 'add', input.Members_Account) }),
  wsRoute({ feature, invalidParamCode, action: 'group.whitelistRemove', input: userListInput, run: (call, input) => editUserList(groupContext(call), input.GroupId, 'whitelist', 'remove', input.Members_Account) }),
  wsRoute({ feature, invalidParamCode, action: 'group.whitelist', input: groupIdInput, run: (call, input) => editUserList(groupContext(call), input.GroupId, 'whitelist', 'get') }),
];
