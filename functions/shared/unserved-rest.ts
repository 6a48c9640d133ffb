/**
 * REST commands of the contract (shared/spec/rest-api.md §3) that this server
 * knows and deliberately does not serve, with why. The router answers them with
 * 60009 like any unknown path, but names the reason, so a backend (and its
 * developer) can tell "not yet / never" from a typo. docs/rest.md is the same
 * list for people; test/unit/unserved-rest.test.ts keeps it apart from the route list.
 */
const WAVE_2 = 'wave 2';
const LATER = 'later or never';

const group = (reason: string, service: string, commands: readonly string[]) =>
  commands.map((command) => [`${service}/${command}`, reason] as const);

export const UNSERVED_REST: ReadonlyMap<string, string> = new Map([
  ...group(`${LATER} (streaming messages)`, 'stream_msg', ['send_c2c_stream_msg']),
  ...group(`${LATER} (follow)`, 'follow', ['follow_add', 'follow_delete', 'follow_get', 'follow_check', 'follow_get_info']),
  ...group(`${WAVE_2} (AVChatRoom bans)`, 'group_open_http_svc', ['get_group_ban_member', 'ban_group_member', 'unban_group_member']),
  ...group(`${WAVE_2} (broadcast to all AVChatRooms)`, 'group_open_http_svc', ['send_broadcast_msg']),
  ...group(`${WAVE_2} (AVChatRoom member marks)`, 'group_open_avchatroom_http_svc', ['modify_user_info']),
  ...group('not served yet (contract: unconfirmed AVChatRoom admin commands)', 'group_open_avchatroom_http_svc', ['get_admin_list', 'modify_admin']),
  ['group_open_http_svc/get_group_list', 'not a Tencent command; the group list is get_appid_group_list'],
  ...group(`${LATER} (chat file moderation)`, 'im_cos_msg', ['forbid_illegal_object', 'allow_banned_object', 'get_cos_sig']),
  ...group(`${LATER} (legacy dirty-word list; configure dirtyWords instead)`, 'openim_dirty_words', ['get', 'add', 'delete']),
  ...group(`${LATER} (content moderation)`, 'im_msg_audit', ['content_moderation', 'batch_content_moderation']),
  ...group(`${LATER} (content moderation)`, 'im_msg_audit_mgr', [
    'add_local_audit_keywords', 'delete_local_audit_keywords', 'get_local_audit_keywords', 'get_cloud_audit_keywords_ids',
    'get_cloud_audit_keywords', 'add_cloud_audit_keywords', 'delete_cloud_audit_keywords',
  ]),
  ...group(`${LATER} (robots)`, 'openim_robot_http_svc', ['create_robot', 'delete_robot', 'get_all_robots']),
]);

/** Why `service/command` is not served, if it is a command of the contract. */
export const unservedReason = (service: string, command: string): string | undefined => UNSERVED_REST.get(`${service}/${command}`);
