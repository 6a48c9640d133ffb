import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ImError, RestCode } from '../errors.js';
import { restPath, type RestRoute } from '../route.js';
import { restServiceOf } from '../rest-services.js';
import { unservedReason } from '../unserved-rest.js';
import type { RestRequestContext } from './rest-request.js';

const PATH = /^(?:\/[^/]+)?\/v4\/([^/]+)\/([^/?]+)\/?$/;

/**
 * Finds `v4/{service}/{command}` among this function's routes; anything else is 60009.
 * The command comes from `rawPath`, which API Gateway (and the local gateway) send
 * alike for the three kinds of route that reach a handler: a service's
 * `/v4/{service}/{command}` (which also carries `pathParameters.command`), a
 * command's literal path, and `$default` (no path parameters). So an unknown
 * command of a routed service, answered by that service's Lambda, gets the same
 * 60009 (with the reason, if it is a known unserved command) as an unknown
 * service answered by `connections` on `$default`.
 */
export const resolveRestRoute = (routes: readonly RestRoute[]): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, RestRequestContext> => {
  const byPath = new Map(routes.map((r) => [restPath(r), r]));
  return {
    before: (request) => {
      const match = PATH.exec(request.event.rawPath ?? '');
      if (match) request.context.im.service = restServiceOf(match[1]!);
      if (request.event.requestContext?.http?.method !== 'POST') {
        throw new ImError(RestCode.HttpParse, 'the REST API takes POST requests only');
      }
      const route = match ? byPath.get(`${match[1]}/${match[2]}`) : undefined;
      if (!route) {
        const reason = match ? unservedReason(match[1]!, match[2]!) : undefined;
        if (reason) throw new ImError(RestCode.UnknownResource, `${match![1]}/${match![2]} is not served by this server: ${reason} (see docs/rest.md)`);
        throw new ImError(RestCode.UnknownResource, `unknown REST command "${request.event.rawPath}"; expected /v4/{service}/{command}`);
      }
      request.context.im.route = route;
    },
  };
};
