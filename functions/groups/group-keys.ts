/** Keys of the Groups table (docs/data-model.md, Groups). */
export const groupPk = (groupId: string) => `G#${groupId}`;
export const META = 'META';
export const MEMBER_PREFIX = 'M#';
export const APPLICATION_PREFIX = 'A#';
export const LIST_PREFIX = { blocklist: 'B#', whitelist: 'W#' } as const;
export const metaKey = (groupId: string) => ({ pk: groupPk(groupId), sk: META });
/** The group's entry in the all-groups listing (byMember index, partition `GROUPS`). */
export const listingKey = (groupId: string) => ({ pk: groupPk(groupId), sk: 'LIST' });
export const memberKey = (groupId: string, userId: string) => ({ pk: groupPk(groupId), sk: `${MEMBER_PREFIX}${userId}` });
export const applicationKey = (groupId: string, userId: string) => ({ pk: groupPk(groupId), sk: `${APPLICATION_PREFIX}${userId}` });
/** Count of the group's pending applications (at most `GROUP_LIMITS.pendingApplications`). */
export const applicationCountKey = (groupId: string) => ({ pk: groupPk(groupId), sk: 'APPN' });
/** AVChatRoom `get_members` cursors: a numeric `NextTimestamp` names where a page ended, in one of a few reused slots. */
export const MEMBERS_CURSOR_SLOTS = 64;
export const membersCursorKey = (groupId: string, cursor: number) => ({ pk: groupPk(groupId), sk: `AVPAGE#${cursor % MEMBERS_CURSOR_SLOTS}` });
/**
 * byPushCandidate index (sparse): set to the item's `pk` on member (and subscriber) items that an offline push must
 * look up; removed when a look-up marks the member without a push device, set again by push.register's stamp.
 */
export const PUSH_CANDIDATE_ATTRIBUTE = 'pushPk';
export const PUSH_CANDIDATE_INDEX = 'byPushCandidate';
/** byMember index: a member item's partition there is its user. */
export const memberIndexPk = (userId: string) => `U#${userId}`;
/** byMember index: an official-account subscriber item's partition (its own, so joined-group lists never see it). */
export const subscriptionsIndexPk = (userId: string) => `OS#${userId}`;
/** byMember index partition holding every group's META item (get_appid_group_list). */
export const ALL_GROUPS_INDEX_PK = 'GROUPS';
/** Per-user count of joined groups (10037). */
export const joinedCountKey = (userId: string) => ({ pk: `U#${userId}`, sk: 'JOINED' });
/** Per-app count of existing groups. */
export const GROUP_COUNT_KEY = { pk: 'APP', sk: 'GROUPS' } as const;
