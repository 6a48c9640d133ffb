import type { ServiceCatalog, Uses } from '../services.js';
import { emitGroupTip, type TipServices } from './group-tips.js';
import { rulesOf } from './group-types.js';
import { leavePermissionGroups } from '../topics/permission-membership.js';

/** What removing a user from its groups asks of the stores (the accounts Lambda builds views of these, functions/aws-services.ts). */
export type AccountRemovalServices = Pick<ServiceCatalog, 'clock'> & TipServices & Uses<'groups', 'joinedGroups' | 'getGroup' | 'updateGroup' | 'removeMember'>
  & Uses<'permissionGroups', 'groupsOf' | 'removeMember'>;

/**
 * `account_delete`: the user leaves every group it joined (one Query on the
 * byMember index). A group it owned is left without an owner, as when a Work
 * owner quits; the members see the usual quit tip.
 */
export async function removeMembershipsOf(services: AccountRemovalServices, userId: string): Promise<void> {
  const memberships = await services.groups.joinedGroups(userId);
  await Promise.all(memberships.map(async (membership) => {
    const group = await services.groups.getGroup(membership.groupId);
    if (!group) return;
    if (membership.role === 'Owner') await services.groups.updateGroup(group.groupId, { ownerAccount: undefined }, Math.floor(services.clock() / 1000));
    const removed = await services.groups.removeMember(group.groupId, userId, group.type !== 'AVChatRoom');
    if (removed && group.type === 'Community') await leavePermissionGroups(services, group.groupId, [userId]);
    if (removed) {
      await emitGroupTip(services, group, { TipType: 'MemberQuit', Operator_Account: userId, MemberList_Account: [userId] }, rulesOf(group.type).memberChangeNotice);
    }
  }));
}
