import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ImError, RestCode, SigCode } from '../errors.js';
import { verifyUserSig } from '../usersig.js';
import { nowSeconds, type AppRuntime, type RestStackServices } from '../runtime.js';
import { COMMON_SERVICE } from '../rest-services.js';
import type { RestRequestContext } from './rest-request.js';

const UINT32_MAX = 4294967295;

/**
 * How long a container trusts what it read of an admin's `sigNotBefore`: a kick of the admin
 * identifier stops its older UserSigs within this time, at one read per admin per container per period
 * instead of one per REST call.
 */
export const ADMIN_KICK_CACHE_MS = 10_000;

interface CachedKick { until: number; notBefore: Promise<number | undefined> }
const kicksByStore = new WeakMap<RestStackServices['accounts'], Map<string, CachedKick>>();

/** The admin account's `sigNotBefore` (set by `kick`), read at most once per ADMIN_KICK_CACHE_MS. */
function sigNotBeforeOf(accounts: RestStackServices['accounts'], admin: string, now: number): Promise<number | undefined> {
  let kicks = kicksByStore.get(accounts);
  if (!kicks) kicksByStore.set(accounts, kicks = new Map());
  const cached = kicks.get(admin);
  if (cached && cached.until > now) return cached.notBefore;
  const notBefore = accounts.get(admin).then((a) => a?.sigNotBefore);
  kicks.set(admin, { until: now + ADMIN_KICK_CACHE_MS, notBefore });
  notBefore.catch(() => kicks.delete(admin));
  return notBefore;
}

/**
 * The query string of spec §1.1 and the admin check of §1.4: the UserSig must
 * be valid for `identifier`, `identifier` must be an app admin, and the UserSig
 * must not be older than a `kick` of that identifier (70052).
 */
export const verifyAdmin = (loadRuntime: () => Promise<AppRuntime<RestStackServices>>): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, RestRequestContext> => ({
  before: async (request) => {
    const app = await loadRuntime();
    request.context.im.app = app;
    const query = request.event.queryStringParameters ?? {};
    const { sdkappid, identifier, usersig, random, contenttype } = query;
    if (sdkappid === undefined || sdkappid === '') throw new ImError(RestCode.SdkAppIdMissing, 'sdkappid is missing from the URL');
    if (!/^\d+$/.test(sdkappid) || Number(sdkappid) !== app.config.sdkAppId) {
      throw new ImError(SigCode.SdkAppIdNotFound, `sdkappid ${sdkappid} is not this app's SDKAppID`);
    }
    if (random !== undefined && (!/^\d{1,10}$/.test(random) || Number(random) > UINT32_MAX)) {
      throw new ImError(RestCode.HttpParse, 'random must be an unsigned 32-bit integer');
    }
    if (contenttype !== undefined && contenttype !== 'json') throw new ImError(RestCode.HttpParse, 'contenttype must be json');
    if (identifier === undefined || identifier === '') throw new ImError(RestCode.BadSignatureInUrl, 'identifier is missing from the URL');
    const sig = verifyUserSig({
      sdkAppId: app.config.sdkAppId, secretKey: app.secrets.secretKey, identifier, userSig: usersig,
      now: nowSeconds(app.services.clock),
    });
    if (!app.config.admins.includes(identifier)) {
      const service = request.context.im.service ?? COMMON_SERVICE;
      throw new ImError(service.needsAdminCode, `${identifier} is not an app admin; the REST API needs an app admin identifier`);
    }
    // Spec §1.4: after `kick` of the admin identifier, its older UserSigs fail (as at WebSocket login).
    const notBefore = await sigNotBeforeOf(app.services.accounts, identifier, app.services.clock());
    if (notBefore !== undefined && sig.time < notBefore) {
      throw new ImError(SigCode.Invalidated, 'UserSig was invalidated by a kick of this identifier; generate a new one');
    }
    request.context.im.caller = {
      transport: 'rest',
      admin: identifier,
      clientIp: request.event.requestContext?.http?.sourceIp ?? '',
      requestId: request.event.requestContext?.requestId ?? request.context.awsRequestId,
    };
  },
});
