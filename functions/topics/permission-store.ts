/** A permission group of a Community (seed 002 权限组资料). */
export interface PermissionGroupRecord {
  groupId: string;
  permissionGroupId: string;
  name: string;
  /** Community permission bits (permissions.ts COMMUNITY_BITS). */
  permission: number;
  customString: string;
  memberNum: number;
  /** unix s */
  createTime: number;
}

export type PermissionGroupChanges = Partial<Pick<PermissionGroupRecord, 'name' | 'permission' | 'customString'>>;

export interface TopicPermission {
  topicId: string;
  /** Topic permission bits (permissions.ts TOPIC_BITS). */
  permission: number;
}

/** Permission groups, their members and their topic permissions (Groups table, the Community's partition). */
export interface PermissionGroupStore {
  /** Writes the group and counts it on the Community (`permissionGroupNum` < max), in one transaction. */
  create(group: PermissionGroupRecord, max: number): Promise<'created' | 'exists' | 'limit' | 'gone'>;
  get(groupId: string, ids: readonly string[]): Promise<Map<string, PermissionGroupRecord>>;
  /** A page in id order after `after`. */
  list(groupId: string, limit: number, after: string | undefined): Promise<{ groups: PermissionGroupRecord[]; next?: string }>;
  modify(groupId: string, id: string, changes: PermissionGroupChanges): Promise<boolean>;
  /** Deletes the group, its member entries (and their back-references) and its topic permissions. */
  destroy(groupId: string, id: string): Promise<boolean>;
  /** Per user: added, already a member, or the group is gone. */
  addMember(groupId: string, id: string, userId: string): Promise<'added' | 'already' | 'gone'>;
  removeMember(groupId: string, id: string, userId: string): Promise<boolean>;
  members(groupId: string, id: string, limit: number, after: string | undefined): Promise<{ userIds: string[]; next?: string }>;
  /** The permission groups a member belongs to (one GetItem). */
  groupsOf(groupId: string, userId: string): Promise<string[]>;
  putTopicPermissions(groupId: string, id: string, list: readonly TopicPermission[], mode: 'add' | 'set'): Promise<Map<string, 'ok' | 'exists' | 'missing'>>;
  deleteTopicPermissions(groupId: string, id: string, topicIds: readonly string[]): Promise<void>;
  /** All topic permissions of the group, or those of `topicIds`. */
  topicPermissions(groupId: string, id: string, topicIds?: readonly string[]): Promise<TopicPermission[]>;
  /** Topic permissions of several groups for one topic (one BatchGetItem). */
  topicPermissionsOf(groupId: string, ids: readonly string[], topicId: string): Promise<number[]>;
}
