import type { Uses } from '../services.js';

/**
 * A user who leaves a Community (quits, is kicked or banned, or its account is deleted) leaves its permission
 * groups too: otherwise MemberNum counts it, the member lists show it, and a rejoin would bring its old bits back.
 * One GetItem of its permission groups per user, then one transaction per group it was in.
 */
export async function leavePermissionGroups(services: Uses<'permissionGroups', 'groupsOf' | 'removeMember'>, communityId: string, userIds: readonly string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 16) {
    await Promise.all(userIds.slice(i, i + 16).map(async (userId) => {
      const ids = await services.permissionGroups.groupsOf(communityId, userId);
      await Promise.all(ids.map((id) => services.permissionGroups.removeMember(communityId, id, userId)));
    }));
  }
}
