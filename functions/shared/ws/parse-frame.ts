import type { MiddlewareObj } from '@middy/core';
import { FRAME_TOO_LONG_CODE, ImError, RestCode } from '../errors.js';
import type { WsRoute } from '../route.js';
import type { AppRuntime } from '../runtime.js';
import { parseInput } from '../validation.js';
import { assertAdmitted, queueDelayMs } from '../admission.js';
import { MAX_FRAME_BYTES } from './frames.js';
import { callerFromEvent, type WsEvent, type WsRequestContext, type WsResult } from './ws-event.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A request frame's JSON: an object, else 60002-style refusal (the reply then has no reqId). */
export function frameObject(raw: string): Record<string, unknown> {
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    throw new ImError(RestCode.JsonParse, 'the frame is not valid JSON');
  }
  if (!isObject(frame)) throw new ImError(RestCode.JsonParse, 'the frame must be a JSON object');
  return frame;
}

/**
 * The checks every request frame gets, on either transport: at most 32 KB, an optional string `reqId`, a known
 * `action`, an object `data`. Sets what the reply needs (`reqId`, `action`) as soon as it is known.
 */
export function frameRoute(raw: string, frame: Record<string, unknown>, byAction: ReadonlyMap<string, WsRoute>, im: WsRequestContext['im']): WsRoute {
  if (typeof frame.reqId === 'string' && frame.reqId.length <= 64) im.reqId = frame.reqId;
  if (typeof frame.action === 'string') im.action = frame.action;
  if (Buffer.byteLength(raw, 'utf8') > MAX_FRAME_BYTES) {
    throw new ImError(FRAME_TOO_LONG_CODE, `the frame is longer than ${MAX_FRAME_BYTES} bytes`);
  }
  if (frame.reqId !== undefined && im.reqId === undefined) throw new ImError(RestCode.JsonParse, 'reqId must be a string of at most 64 characters');
  if (im.action === undefined) throw new ImError(RestCode.UnknownResource, 'the frame has no "action"');
  const route = byAction.get(im.action);
  if (!route) throw new ImError(RestCode.UnknownResource, `unknown action "${im.action}"`);
  if (frame.data !== undefined && !isObject(frame.data)) throw new ImError(route.invalidParamCode, '"data" must be a JSON object');
  return route;
}

export const frameText = (event: { body?: string | null; isBase64Encoded?: boolean }): string =>
  event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body ?? '';

/** A request frame: at most 32 KB of JSON with `action`, optional string `reqId` and object `data`. */
export const parseFrame = (routes: readonly WsRoute[], loadRuntime: () => Promise<AppRuntime>): MiddlewareObj<WsEvent, WsResult, Error, WsRequestContext> => {
  const byAction = new Map(routes.map((r) => [r.action, r]));
  return {
    before: async (request) => {
      const { im } = request.context;
      // Measured before the runtime loads: a cold start's secret fetch is not a backlog.
      const waited = queueDelayMs(request.event.requestContext.requestTimeEpoch);
      const raw = frameText(request.event);
      const frame = frameObject(raw);
      const route = frameRoute(raw, frame, byAction, im);
      im.route = route;
      im.app = await loadRuntime();
      // After reqId and action, so that the client can match the refusal to its request.
      assertAdmitted(waited, im.app.config.admission);
      im.caller = callerFromEvent(request.event, request.event.requestContext.requestId ?? request.context.awsRequestId);
      im.input = parseInput(route.input, frame.data ?? {}, route.invalidParamCode);
    },
  };
};
