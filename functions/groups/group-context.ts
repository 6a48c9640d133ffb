import type { AppConfig } from '../shared/config.js';
import type { RestCaller, RouteCall, Services, WsCaller } from '../shared/runtime.js';
import { callbackMetaFor, type CallbackMeta } from '../webhooks/callback-meta.js';
import { actorOf, type Actor } from './group-access.js';

/** Everything a group operation needs: stores, configuration, who calls and as whom. */
export interface GroupContext {
  services: Services;
  config: AppConfig;
  caller: RestCaller | WsCaller;
  actor: Actor;
}

export const groupContext = (call: RouteCall<RestCaller> | RouteCall<WsCaller>): GroupContext => ({
  services: call.app.services, config: call.app.config, caller: call.caller, actor: actorOf(call.caller, call.app.config.admins),
});

export const metaFor = (ctx: GroupContext, command: string): CallbackMeta => callbackMetaFor(ctx.caller, command);
export const nowS = (ctx: GroupContext): number => Math.floor(ctx.services.clock() / 1000);
