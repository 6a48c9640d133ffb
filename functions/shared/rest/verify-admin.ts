import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ImError, RestCode, SigCode } from '../errors.js';
import { verifyUserSig } from '../usersig.js';
import { nowSeconds, type AppRuntime } from '../runtime.js';
import { COMMON_SERVICE } from '../rest-services.js';
import type { RestRequestContext } from './rest-request.js';

const UINT32_MAX = 4294967295;

/**
 * The query string of spec §1.1 and the admin check of §1.4: the UserSig must
 * be valid for `identifier`, and `identifier` must be an app admin.
 */
export const verifyAdmin = (loadRuntime: () => Promise<AppRuntime>): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, RestRequestContext> => ({
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
    verifyUserSig({
      sdkAppId: app.config.sdkAppId, secretKey: app.secrets.secretKey, identifier, userSig: usersig,
      now: nowSeconds(app.services.clock),
    });
    if (!app.config.admins.includes(identifier)) {
      const service = request.context.im.service ?? COMMON_SERVICE;
      throw new ImError(service.needsAdminCode, `${identifier} is not an app admin; the REST API needs an app admin identifier`);
    }
    request.context.im.caller = {
      transport: 'rest',
      admin: identifier,
      clientIp: request.event.requestContext?.http?.sourceIp ?? '',
      requestId: request.event.requestContext?.requestId ?? request.context.awsRequestId,
    };
  },
});
