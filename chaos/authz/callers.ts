import type { AccessRule } from '../../functions/access-rules.js';
import type { Role } from './cast.js';

/**
 * For each group rule: who must be refused, and who may (tried in order as the control that shows the same
 * input works for a caller the rule allows: a refusal with no allowed control proves nothing).
 */
export const GROUP_RULE_CALLERS: Record<Exclude<AccessRule, 'anyone' | 'self'>, { refused: Role[]; allowed: Role[] }> = {
  groupMember: { refused: ['outsider', 'kicked'], allowed: ['member', 'admin', 'owner'] },
  groupAdmin: { refused: ['member', 'muted', 'outsider', 'kicked'], allowed: ['admin', 'owner'] },
  groupOwner: { refused: ['admin', 'member', 'outsider'], allowed: ['owner'] },
  appAdmin: { refused: ['owner', 'admin', 'member', 'outsider'], allowed: ['appAdmin'] },
};

/**
 * Fields that would name the actor if a handler trusted them: added to `self` and `anyone` frames with the
 * victim's id. The caller is the connection's user; nothing in a frame may make it someone else.
 */
export const ACTOR_FIELDS = ['From_Account', 'Operator_Account', 'Identifier', 'UserID', 'userId', 'From', 'Sender_Account', 'Owner_Account', 'Admin_Account', 'Member_Account', 'Requestor_Account'] as const;
