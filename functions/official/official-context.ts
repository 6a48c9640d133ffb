import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { RestCaller, RouteCall, WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog, Uses } from '../services.js';
import type { OfficialGroupMessageOps } from './services.js';
import { callbackMetaFor, type CallbackMeta } from '../shared/callback-meta.js';
import { OfficialCode as C } from './official-codes.js';
import type { OfficialAccount, OfficialAccountStore } from './official-store.js';

export type OfficialServices = Pick<ServiceCatalog,
  'clock' | 'officialAccounts' | 'accounts' | 'groupFanOut' | 'gateway' | 'connections' | 'webhooks'
  | 'pushQueue'> & Uses<'groupMessages', OfficialGroupMessageOps>;

/** Who calls: the app admin over REST, or a logged-in user over the WebSocket. */
export type OfficialActor = { kind: 'admin'; id: string } | { kind: 'user'; id: string; connectionId: string };

export interface OfficialContext<S = OfficialServices> {
  services: S;
  config: AppConfig;
  actor: OfficialActor;
  callback(command: string): CallbackMeta;
}

export const officialContext = <S = OfficialServices>(call: RouteCall<RestCaller, S> | RouteCall<WsCaller, S>): OfficialContext<S> => ({
  services: call.app.services,
  config: call.app.config,
  actor: call.caller.transport === 'rest'
    ? { kind: 'admin', id: call.caller.admin }
    : { kind: 'user', id: call.caller.userId, connectionId: call.caller.connectionId },
  callback: (command) => callbackMetaFor(call.caller, command),
});

/** The account, or 10010. */
export async function loadAccount(ctx: { services: { officialAccounts: Pick<OfficialAccountStore, 'get'> } }, id: string, consistent = false): Promise<OfficialAccount> {
  const account = await ctx.services.officialAccounts.get(id, consistent);
  if (!account) throw new ImError(C.NotFound, `official account ${id} does not exist or was destroyed`);
  return account;
}

/** The app admin, or the account's owner over the WebSocket; 10007 for anyone else. */
export function requireManager(ctx: OfficialContext, account: OfficialAccount): void {
  if (ctx.actor.kind === 'admin' || ctx.actor.id === account.owner) return;
  throw new ImError(C.NoPermission, `only the owner of ${account.id} or the app admin may do this`);
}

/** `Operator_Account` of callbacks. */
export const operatorOf = (ctx: OfficialContext): string => ctx.actor.id;
