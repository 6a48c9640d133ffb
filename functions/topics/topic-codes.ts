/** Codes of Community topics and permission groups (group_open_http_svc family, spec §5.7; docs/rest.md "Community topics"). */
export const TopicCode = {
  Internal: 10002,
  InvalidParam: 10004,
  TooMany: 10005,
  NoPermission: 10007,
  GroupNotFound: 10010,
  /** An unknown topic or permission group: Tencent's "does not exist" code of the group family. */
  TopicNotFound: 10010,
  PermissionGroupNotFound: 10010,
  AlreadyMember: 10013,
  InvalidId: 10015,
  RefusedByCallback: 10016,
  UserNotFound: 10019,
  IdTaken: 10021,
  /** Tencent's destroy_topic page: "the current group does not support the community topic feature". */
  TopicsUnsupported: 11000,
  /** Tencent's destroy_topic page: the topic was already deleted. */
  TopicAlreadyDestroyed: 110003,
  /** More topics or permission groups than the Community may hold: no Tencent code is documented (docs/rest.md). */
  TooManyTopics: 10004,
  TooManyPermissionGroups: 10004,
} as const;
