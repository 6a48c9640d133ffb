import type { GroupType, GroupTypeRules } from '../../functions/groups/group-types.js';
import type { LocalStack } from '../../local/stack.js';
import type { TestClient } from './ws-client.js';
import { connectAll, newGroup, newUsers } from './groups.js';

/**
 * The seeds' tables written out again, independently of the code: seed 003
 * "Group Member Roles", "Differences in Basic Group Capabilities / Joining /
 * Member Management / Message Capabilities", "Group Management"; seed 001
 * 成员变更通知. The behaviour tests below expect these values, and the code's
 * matrix must equal them cell by cell.
 */
const common = { applyJoinOptionChangeable: true, settingsChangeNotice: 'off', importable: true, storesMembers: true, memberInfoReadable: true, storesHistory: true, preJoinHistory: false, transfer: 'Owner' } as const;
export const SEED_RULES: Record<GroupType, GroupTypeRules> = {
  Work: { ...common, roles: ['Owner', 'Member'], modifyProfile: 'Member', modifySettings: 'Owner', invite: 'Member', apply: false, defaultApplyJoinOption: 'DisableApply',
    applyJoinOptionChangeable: false, approve: 'Nobody', kick: 'Owner', setAdmins: 'Nobody', mute: 'Nobody', disband: 'AppAdmin', ownerMayQuit: true,
    defaultMsgFlag: 'AcceptAndNotify', memberChangeNotice: 'stored', profileChangeNotice: 'stored', memberProfileChangeNotice: 'stored' },
  Public: { ...common, roles: ['Owner', 'Admin', 'Member'], modifyProfile: 'Admin', modifySettings: 'Admin', invite: 'AppAdmin', apply: true, defaultApplyJoinOption: 'NeedPermission',
    approve: 'Admin', kick: 'Admin', setAdmins: 'Owner', mute: 'Admin', disband: 'Owner', ownerMayQuit: false,
    defaultMsgFlag: 'AcceptAndNotify', memberChangeNotice: 'stored', profileChangeNotice: 'stored', memberProfileChangeNotice: 'stored' },
  Meeting: { ...common, roles: ['Owner', 'Admin', 'Member'], modifyProfile: 'Owner', modifySettings: 'Owner', invite: 'AppAdmin', apply: true, defaultApplyJoinOption: 'FreeAccess',
    approve: 'Admin', kick: 'Admin', setAdmins: 'Owner', mute: 'Admin', disband: 'Owner', ownerMayQuit: false,
    defaultMsgFlag: 'AcceptNotNotify', memberChangeNotice: 'off', profileChangeNotice: 'stored', memberProfileChangeNotice: 'off' },
  AVChatRoom: { ...common, roles: ['Owner', 'Member'], modifyProfile: 'Owner', modifySettings: 'Owner', invite: 'Nobody', apply: true, defaultApplyJoinOption: 'FreeAccess',
    approve: 'Owner', kick: 'Nobody', setAdmins: 'Nobody', mute: 'Owner', disband: 'Owner', ownerMayQuit: false, storesMembers: false, memberInfoReadable: false,
    storesHistory: false, importable: false, defaultMsgFlag: 'AcceptNotNotify', memberChangeNotice: 'pushed', profileChangeNotice: 'pushed', memberProfileChangeNotice: 'off' },
  Community: { ...common, roles: ['Owner', 'Admin', 'Member'], modifyProfile: 'Admin', modifySettings: 'Admin', invite: 'Member', apply: true, defaultApplyJoinOption: 'FreeAccess',
    approve: 'Admin', kick: 'Admin', setAdmins: 'Owner', mute: 'Admin', disband: 'Owner', ownerMayQuit: false, preJoinHistory: true,
    defaultMsgFlag: 'AcceptAndNotify', memberChangeNotice: 'stored', profileChangeNotice: 'stored', memberProfileChangeNotice: 'stored' },
};


export const GROUP_TYPES_IN_ORDER: readonly GroupType[] = ['Work', 'Public', 'Meeting', 'AVChatRoom', 'Community'];

/** Per type: an owner, an admin, a member and an outsider, each with an open WebSocket. */
export interface Cast { owner: string; admin: string; member: string; outsider: string; ws: Record<'owner' | 'admin' | 'member' | 'outsider', TestClient> }

export async function castsFor(stack: LocalStack): Promise<Record<GroupType, Cast>> {
  const casts = {} as Record<GroupType, Cast>;
  for (const type of GROUP_TYPES_IN_ORDER) {
    const [owner, admin, member, outsider] = await newUsers(stack, 4, type.slice(0, 2));
    const [o, a, m, x] = await connectAll(stack, [owner, admin, member, outsider]);
    casts[type] = { owner, admin, member, outsider, ws: { owner: o!, admin: a!, member: m!, outsider: x! } };
  }
  return casts;
}

export const closeCasts = (casts: Record<GroupType, Cast>) => Promise.all(Object.values(casts).flatMap((c) => Object.values(c.ws).map((w) => w.close())));

/** A fresh group of `type`: owner, an Admin where the seeds give the type admins, an ordinary member (AVChatRoom: joined). */
export async function castGroup(stack: LocalStack, c: Cast, type: GroupType): Promise<string> {
  if (type === 'AVChatRoom') {
    const groupId = await newGroup(stack, { Owner_Account: c.owner, Type: type });
    const joined = await c.ws.member.request('group.join', { GroupId: groupId });
    if (joined.ErrorCode !== 0) throw new Error(`join failed: ${joined.ErrorInfo}`);
    return groupId;
  }
  const list = SEED_RULES[type].roles.includes('Admin') ? [c.admin, c.member] : [c.member];
  return newGroup(stack, { Owner_Account: c.owner, Type: type, MemberList: list.map((u) => ({ Member_Account: u, Role: u === c.admin ? 'Admin' : 'Member' })) });
}
