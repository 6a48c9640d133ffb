import type { AppConfig } from '../shared/config.js';
import type { RestCaller, RouteCall, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';
import { callbackMetaFor, type CallbackMeta } from '../shared/callback-meta.js';
import { actorOf, type Actor } from './group-access.js';

/** Everything a group operation needs: stores, configuration, who calls and as whom. */
/** What group management and Community topics use (the groups Lambda's services, functions/groups/services.ts). */
export type GroupServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'permissionGroups' | 'topics' | 'webhooks'>;

export interface GroupContext {
  services: GroupServices;
  config: AppConfig;
  caller: RestCaller | WsCaller;
  actor: Actor;
}

export const groupContext = (call: RouteCall<RestCaller, GroupServices> | RouteCall<WsCaller, GroupServices>): GroupContext => ({
  services: call.app.services, config: call.app.config, caller: call.caller, actor: actorOf(call.caller, call.app.config.admins),
});

export const metaFor = (ctx: GroupContext, command: string): CallbackMeta => callbackMetaFor(ctx.caller, command);
export const nowS = (ctx: GroupContext): number => Math.floor(ctx.services.clock() / 1000);
