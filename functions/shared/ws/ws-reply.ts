import type { MiddlewareObj } from '@middy/core';
import { isImError, INTERNAL_ERROR_CODE } from '../errors.js';
import { logger } from '../logger.js';
import { replyFrame } from './frames.js';
import type { WsEvent, WsRequestContext, WsResult } from './ws-event.js';

/**
 * Every request gets exactly one reply, carried by the route response (no
 * extra PostToConnection): success with `data`, or `ErrorCode`/`ErrorInfo`.
 */
export const wsReply = <E extends Pick<WsEvent, 'requestContext'> | { requestContext: { requestId?: string } } = WsEvent>(
  headers?: Record<string, string>,
): MiddlewareObj<E, WsResult, Error, WsRequestContext> => ({
  before: (request) => { request.context.im = {}; },
  after: (request) => {
    const { reqId, action } = request.context.im;
    const data = (request.response ?? {}) as unknown as Record<string, unknown>;
    request.response = { statusCode: 200, ...(headers && { headers }), body: replyFrame({ ...(reqId !== undefined && { reqId }), action, ErrorCode: 0, ErrorInfo: '', data }) };
  },
  onError: (request) => {
    const { reqId, action } = request.context.im ?? {};
    const error = request.error;
    const requestId = request.event.requestContext.requestId ?? request.context.awsRequestId;
    let code = INTERNAL_ERROR_CODE;
    let info = `internal server error; retry later (request id ${requestId})`;
    let data: Record<string, unknown> | undefined;
    if (isImError(error)) {
      ({ code, info, data } = error);
    } else {
      logger.error('websocket request failed', { requestId, action, error });
    }
    request.response = { statusCode: 200, ...(headers && { headers }), body: replyFrame({ ...(reqId !== undefined && { reqId }), ...(action !== undefined && { action }), ErrorCode: code, ErrorInfo: info, ...(data && { data }) }) };
  },
});
