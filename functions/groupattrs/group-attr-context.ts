import { ImError } from '../shared/errors.js';
import type { RestCaller, RouteCall, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { actorInGroup, actorOf, loadGroup, requireMember, type Actor } from '../groups/group-access.js';
import type { GroupRecord } from '../groups/group-store.js';
import { GroupAttrCode } from './group-attr-codes.js';
import { callbackMetaFor, type CallbackMeta } from '../shared/callback-meta.js';

export type GroupAttrServices = Pick<ServiceCatalog, 'groups' | 'groupAttributes' | 'groupMessages' | 'groupFanOut' | 'gateway' | 'connections' | 'clock' | 'webhooks'>;

export interface GroupAttrContext {
  services: GroupAttrServices;
  actor: Actor;
  /** Who called, for webhook metadata (ClientIP, OptPlatform). */
  callback(command: string): CallbackMeta;
}

export const groupAttrContext = (call: RouteCall<RestCaller, GroupAttrServices> | RouteCall<WsCaller, GroupAttrServices>): GroupAttrContext =>
  ({ services: call.app.services, actor: actorOf(call.caller, call.app.config.admins), callback: (command) => callbackMetaFor(call.caller, command) });

/**
 * The group, if the caller may use its attributes or counters: the app admin always, a user only as a
 * member (10007 otherwise; 10010 for an unknown group).
 */
export async function groupForMember(ctx: GroupAttrContext, groupId: string): Promise<GroupRecord> {
  const group = await loadGroup(ctx.services.groups, groupId);
  requireMember(await actorInGroup(ctx.services.groups, group, ctx.actor), group);
  return group;
}

/** Community groups hold no counters (Tencent's "Applicable group types" of the counter commands). */
export function refuseCommunity(group: GroupRecord, what: string): void {
  if (group.type === 'Community') throw new ImError(GroupAttrCode.NoPermission, `Community groups do not support ${what}`);
}
