import { restRoute, wsRoute } from '../groups/services.js';
import { groupContext } from '../groups/group-context.js';
import { TopicCode } from './topic-codes.js';
import { forbidSendInput } from '../groupmsg/schemas.js';
import { muteInContainer } from './container-mute.js';
import { createTopic, destroyTopics, getTopics, modifyTopic } from './topics.js';
import {
  addPermissionGroupMembers, createPermissionGroup, deletePermissionGroupMembers, deleteTopicPermissions, destroyPermissionGroups, getPermissionGroups,
  getTopicPermissions, modifyPermissionGroup, myPermissions, permissionGroupMembers, putTopicPermissions,
} from './permission-groups.js';
import {
  createPermissionGroupInput, createTopicInput, deleteTopicPermissionInput, destroyPermissionGroupInput, destroyTopicInput, getPermissionGroupInput,
  getTopicInput, getTopicPermissionInput, importTopicInput, modifyPermissionGroupInput, modifyTopicInput, permissionMemberListInput, permissionMembersInput,
  topicPermissionInput, wsPermissionListInput, wsTopicListInput,
} from './schemas.js';

/** Served by the groups Lambda: topics and permission groups are group management (docs/rest.md "Community topics"). */
const feature = 'groups';
const topicService = 'million_group_open_http_svc';
const groupService = 'group_open_http_svc';
const invalidParamCode = TopicCode.InvalidParam;
const ok = async (p: Promise<unknown>) => { await p; return {}; };

/** Community topics and permission groups (spec §3.8; Tencent's pages 49468–49471, 53448, 61232–61242). */
export const topicRoutes = [
  restRoute({ service: topicService, feature, command: 'create_topic', input: createTopicInput, run: (call, input) => createTopic(groupContext(call), input) }),
  restRoute({ service: topicService, feature, command: 'get_topic', input: getTopicInput, run: (call, input) => getTopics(groupContext(call), input) }),
  restRoute({ service: topicService, feature, command: 'modify_topic', input: modifyTopicInput, run: (call, input) => ok(modifyTopic(groupContext(call), input)) }),
  restRoute({ service: topicService, feature, command: 'destroy_topic', input: destroyTopicInput, run: (call, input) => destroyTopics(groupContext(call), input.GroupId, input.TopicIdList) }),
  // Tencent's English page and the SDKs name group_open_http_svc; its Chinese page (2025) million_group_open_http_svc: both are served.
  restRoute({ service: groupService, feature, command: 'import_topic', input: importTopicInput, run: (call, input) => createTopic(groupContext(call), input, 'import') }),
  restRoute({ service: topicService, feature, command: 'import_topic', input: importTopicInput, run: (call, input) => createTopic(groupContext(call), input, 'import') }),

  restRoute({ service: groupService, feature, command: 'create_permission_group', input: createPermissionGroupInput, run: (call, input) => createPermissionGroup(groupContext(call), input) }),
  restRoute({ service: groupService, feature, command: 'modify_permission_group', input: modifyPermissionGroupInput, run: (call, input) => ok(modifyPermissionGroup(groupContext(call), input)) }),
  restRoute({
    service: groupService, feature, command: 'destroy_permission_group', input: destroyPermissionGroupInput,
    run: (call, input) => destroyPermissionGroups(groupContext(call), input.GroupId, input.PermissionGroupIdList),
  }),
  restRoute({ service: groupService, feature, command: 'get_permission_group', input: getPermissionGroupInput, run: (call, input) => getPermissionGroups(groupContext(call), input) }),
  restRoute({ service: groupService, feature, command: 'add_topic_permission_group', input: topicPermissionInput, run: (call, input) => putTopicPermissions(groupContext(call), input, 'add') }),
  restRoute({ service: groupService, feature, command: 'set_topic_permission_group', input: topicPermissionInput, run: (call, input) => putTopicPermissions(groupContext(call), input, 'set') }),
  restRoute({ service: groupService, feature, command: 'delete_topic_permission_group', input: deleteTopicPermissionInput, run: (call, input) => deleteTopicPermissions(groupContext(call), input) }),
  restRoute({ service: groupService, feature, command: 'get_topic_permission_group', input: getTopicPermissionInput, run: (call, input) => getTopicPermissions(groupContext(call), input) }),
  restRoute({ service: groupService, feature, command: 'add_permission_group_member', input: permissionMembersInput, run: (call, input) => addPermissionGroupMembers(groupContext(call), input) }),
  restRoute({ service: groupService, feature, command: 'delete_permission_group_member', input: permissionMembersInput, run: (call, input) => ok(deletePermissionGroupMembers(groupContext(call), input)) }),
  restRoute({ service: groupService, feature, command: 'get_permission_group_member_list', input: permissionMemberListInput, run: (call, input) => permissionGroupMembers(groupContext(call), input) }),

  wsRoute({
    feature, invalidParamCode, action: 'topic.list', input: wsTopicListInput,
    run: (call, input) => getTopics(groupContext(call), { GroupId: input.GroupId, TopicIdList: input.TopicIdList }, true),
  }),
  wsRoute({ feature, invalidParamCode, action: 'topic.create', input: createTopicInput, run: (call, input) => createTopic(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'topic.modify', input: modifyTopicInput, run: (call, input) => ok(modifyTopic(groupContext(call), input)) }),
  wsRoute({ feature, invalidParamCode, action: 'topic.destroy', input: destroyTopicInput, run: (call, input) => destroyTopics(groupContext(call), input.GroupId, input.TopicIdList) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.list', input: wsPermissionListInput, run: (call, input) => myPermissions(groupContext(call), input.GroupId, input.TopicId) }),
  // Members who hold the bits manage permission groups over the WebSocket (Tencent's client SDKs' *PermissionGroup* methods); the REST commands' bodies.
  wsRoute({ feature, invalidParamCode, action: 'permission.create', input: createPermissionGroupInput, run: (call, input) => createPermissionGroup(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.modify', input: modifyPermissionGroupInput, run: (call, input) => ok(modifyPermissionGroup(groupContext(call), input)) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.destroy', input: destroyPermissionGroupInput, run: (call, input) => destroyPermissionGroups(groupContext(call), input.GroupId, input.PermissionGroupIdList) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.get', input: getPermissionGroupInput, run: (call, input) => getPermissionGroups(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.topic.add', input: topicPermissionInput, run: (call, input) => putTopicPermissions(groupContext(call), input, 'add') }),
  wsRoute({ feature, invalidParamCode, action: 'permission.topic.set', input: topicPermissionInput, run: (call, input) => putTopicPermissions(groupContext(call), input, 'set') }),
  wsRoute({ feature, invalidParamCode, action: 'permission.topic.delete', input: deleteTopicPermissionInput, run: (call, input) => deleteTopicPermissions(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.topic.get', input: getTopicPermissionInput, run: (call, input) => getTopicPermissions(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.member.add', input: permissionMembersInput, run: (call, input) => addPermissionGroupMembers(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.member.delete', input: permissionMembersInput, run: (call, input) => ok(deletePermissionGroupMembers(groupContext(call), input)) }),
  wsRoute({ feature, invalidParamCode, action: 'permission.member.list', input: permissionMemberListInput, run: (call, input) => permissionGroupMembers(groupContext(call), input) }),
  wsRoute({ feature, invalidParamCode, action: 'group.mute', input: forbidSendInput, run: (call, input) => ok(muteInContainer(groupContext(call), input)) }),
];
