import { randomBytes } from 'node:crypto';
import { ImError } from '../shared/errors.js';
import { nowSeconds } from '../shared/runtime.js';
import { isLive } from '../accounts/account-store.js';
import { beforeVerdict, GROUP_CUSTOM_CODES } from '../webhooks/before-verdict.js';
import { GENERATED_OFFICIAL_PREFIX, OFFICIAL_LIMITS as L, OfficialCode as C, isReservedOfficialId } from './official-codes.js';
import { OfficialCallback as CB, OfficialEvent } from './official-callbacks.js';
import { loadAccount, operatorOf, requireManager, type OfficialContext } from './official-context.js';
import { deliverOfficialEvent } from './official-online.js';
import type { OfficialAccount, OfficialAccountFields } from './official-store.js';
import { accountView, filtered } from './account-view.js';

export interface CreateRequest extends Partial<OfficialAccountFields> {
  owner: string;
  name: string;
  customId?: string;
}

/** Server-assigned ids: `@TOA#_@TOA#` and 12 random base-32 characters (custom ids may not use that prefix). */
const generatedId = (): string => `${GENERATED_OFFICIAL_PREFIX}${randomBytes(8).toString('hex').slice(0, 12).toUpperCase()}`;

/** create_official_account: the owner must exist; the before-callback may refuse (10016); the id is unique (10021). */
export async function createOfficialAccount(ctx: OfficialContext, req: CreateRequest): Promise<{ OfficialAccountUserID: string }> {
  if (req.customId !== undefined && isReservedOfficialId(req.customId)) {
    throw new ImError(C.InvalidId, `a custom official account id may not start with ${GENERATED_OFFICIAL_PREFIX} (the server's own ids do)`);
  }
  const { services } = ctx;
  if (!isLive(await services.accounts.get(req.owner))) throw new ImError(C.NoSuchUser, `Owner_Account ${req.owner} is not imported`);
  const now = services.clock();
  const verdict = beforeVerdict(await services.webhooks.before(CB.BeforeCreate, {
    Operator_Account: operatorOf(ctx), Owner_Account: req.owner, Name: req.name, EventTime: now,
  }, ctx.callback(CB.BeforeCreate)), GROUP_CUSTOM_CODES);
  if (verdict.action !== 'allow') {
    if (verdict.action === 'refuse' && verdict.custom) throw new ImError(verdict.custom.code, verdict.custom.info);
    throw new ImError(C.RefusedByCallback, 'the app backend refused this official account (OfficialAccount.CallbackBeforeCreateOfficialAccount)');
  }
  const account: OfficialAccount = {
    id: req.customId ?? generatedId(), owner: req.owner, name: req.name, introduction: req.introduction ?? '', faceUrl: req.faceUrl ?? '',
    organization: req.organization ?? '', customString: req.customString ?? '', maxSubscriberNum: req.maxSubscriberNum ?? L.defaultMaxSubscribers,
    subscriberNum: 0, createTime: nowSeconds(services.clock), lastSeq: 0, lastMsgTime: 0, hourStart: 0, hourCount: 0,
  };
  if (!(await services.officialAccounts.create(account))) throw new ImError(C.IdTaken, `official account id ${account.id} is taken`);
  await services.webhooks.after(CB.AfterCreate, {
    Operator_Account: operatorOf(ctx), Official_Account: account.id, Owner_Account: account.owner, Name: account.name, EventTime: services.clock(),
  }, ctx.callback(CB.AfterCreate));
  return { OfficialAccountUserID: account.id };
}

/** destroy_official_account: the account, its subscribers and its online index go; messages expire with retention. */
export async function destroyOfficialAccount(ctx: OfficialContext, id: string): Promise<Record<string, never>> {
  const account = await loadAccount(ctx, id, true);
  requireManager(ctx, account);
  const { services } = ctx;
  // Online subscribers learn first (the index is cleared next).
  await deliverOfficialEvent(services, id, OfficialEvent.Deleted, { Official_Account: id });
  await services.officialAccounts.destroy(id);
  await services.groupMessages.clearIndex(id);
  await services.webhooks.after(CB.AfterDestroyed, {
    Official_Account: id, Owner_Account: account.owner, Name: account.name, EventTime: services.clock(),
  }, ctx.callback(CB.AfterDestroyed));
  return {};
}

/** modify_official_account_base_info: a MaxSubscriberNum below SubscriberNum is refused (10004), nothing changed. */
export async function modifyOfficialAccount(ctx: OfficialContext, id: string, fields: Partial<OfficialAccountFields>): Promise<Record<string, never>> {
  const account = await loadAccount(ctx, id, true);
  requireManager(ctx, account);
  const outcome = await ctx.services.officialAccounts.modify(id, fields);
  if (outcome === 'gone') throw new ImError(C.NotFound, `official account ${id} was destroyed`);
  if (outcome === 'belowCount') throw new ImError(C.InvalidParam, `MaxSubscriberNum ${fields.maxSubscriberNum} is below the ${account.subscriberNum} subscribers the account has`);
  const after = { ...account, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as OfficialAccount;
  await Promise.all([
    deliverOfficialEvent(ctx.services, id, OfficialEvent.Changed, accountView(after)),
    ctx.services.webhooks.after(CB.AfterInfoChanged, {
      Official_Account: id, Operator_Account: operatorOf(ctx), Name: after.name, Introduction: after.introduction, FaceUrl: after.faceUrl,
      Organization: after.organization, EventTime: ctx.services.clock(),
    }, ctx.callback(CB.AfterInfoChanged)),
  ]);
  return {};
}

/** get_official_account_info: one BatchGetItem; an unknown id gets its own ErrorCode 10010 (the call still succeeds). */
export async function officialAccountInfo(ctx: OfficialContext, ids: readonly string[], filter: readonly string[] | undefined) {
  const found = await ctx.services.officialAccounts.getMany(ids);
  return {
    OfficialAccountInfoList: ids.map((id) => {
      const a = found.get(id);
      if (!a) return { Official_Account: id, ActionStatus: 'FAIL', ErrorCode: C.NotFound, ErrorInfo: `official account ${id} does not exist` };
      return { ...filtered(accountView(a), filter), ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
    }),
  };
}
