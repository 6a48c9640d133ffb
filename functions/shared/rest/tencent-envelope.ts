import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isImError } from '../errors.js';
import { logger } from '../logger.js';
import { COMMON_SERVICE } from '../rest-services.js';
import type { RestReply } from '../route.js';
import type { RestRequestContext } from './rest-request.js';

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'X-Requested-With',
  'access-control-allow-methods': 'POST',
};

const respond = (body: Record<string, unknown>): APIGatewayProxyStructuredResultV2 =>
  ({ statusCode: 200, headers: HEADERS, body: JSON.stringify(body) });

/**
 * Tencent's envelope: always HTTP 200, `ActionStatus`/`ErrorCode`/`ErrorInfo`
 * (plus `ErrorDisplay` where the service has it). Unexpected errors are logged
 * with a request id and answered with the service's generic internal code.
 */
export const tencentEnvelope = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RestRequestContext> => ({
  before: (request) => { request.context.im = {}; },
  after: (request) => {
    const reply = (request.response ?? {}) as unknown as RestReply;
    const service = request.context.im.service ?? COMMON_SERVICE;
    request.response = respond({
      ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...(service.errorDisplay && { ErrorDisplay: '' }), ...reply,
    });
  },
  onError: (request) => {
    const service = request.context.im?.service ?? COMMON_SERVICE;
    const error = request.error;
    const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
    if (isImError(error)) {
      logger.info('rest request refused', { requestId, path: request.event.rawPath, code: error.code, info: error.info });
      request.response = respond({
        ActionStatus: 'FAIL', ErrorInfo: error.info, ErrorCode: error.code, ...(service.errorDisplay && { ErrorDisplay: '' }),
      });
      return;
    }
    logger.error('rest request failed', { requestId, path: request.event.rawPath, error });
    request.response = respond({
      ActionStatus: 'FAIL', ErrorCode: service.internalErrorCode,
      ErrorInfo: `internal server error; retry later (request id ${requestId})`,
      ...(service.errorDisplay && { ErrorDisplay: '' }),
    });
  },
});
