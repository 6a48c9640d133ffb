import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ImError, RestCode } from '../errors.js';
import { parseInput } from '../validation.js';
import { COMMON_SERVICE } from '../rest-services.js';
import type { RestRequestContext } from './rest-request.js';

/** The JSON body: never empty (`{}` is fine), an object, and valid for the command's schema. */
export const parseTencentBody = (): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, RestRequestContext> => ({
  before: (request) => {
    const { im } = request.context;
    const service = im.service ?? COMMON_SERVICE;
    const raw = request.event.isBase64Encoded && request.event.body
      ? Buffer.from(request.event.body, 'base64').toString('utf8')
      : request.event.body ?? '';
    if (raw.trim() === '') throw new ImError(RestCode.JsonParse, 'the request body is empty; send {} for a command without parameters');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new ImError(service.jsonParseCode, service.jsonParseInfo);
    }
    // Tencent decodes the body into the command's object: `[]` or `"x"` fail the same way as broken JSON.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ImError(service.jsonParseCode, service.jsonParseInfo);
    }
    im.input = parseInput(im.route!.input, body, service.invalidParamCode);
  },
});
