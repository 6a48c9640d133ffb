import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ImError } from '../errors.js';
import { restPath } from '../route.js';
import { callbackMetaFor } from '../callback-meta.js';
import { CallLimiter } from './call-limiter.js';
import type { RateCounter } from './rate-counter.js';
import { callsPerSecondOf } from './rest-limits.js';
import type { RestRequestContext } from './rest-request.js';

export const REQUEST_OVER_LIMIT = 'Alert.RequestOverLimit';

/** One limiter per counter: per Lambda container in AWS, per feature handler on the local stack (each builds its own services). */
const limiters = new WeakMap<RateCounter, CallLimiter>();
const limiterOf = (counter: RateCounter): CallLimiter => {
  let limiter = limiters.get(counter);
  if (!limiter) limiters.set(counter, limiter = new CallLimiter(counter));
  return limiter;
};

/**
 * Spec §1.5: the app's calls per second of each command, counted after the admin check and before
 * the body is read, so a refused call changes nothing. The first refusal of a command in a second
 * (per container) raises `Alert.RequestOverLimit` with the calls counted and the limit.
 */
export const limitRestCalls = (): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, RestRequestContext> => ({
  before: async (request) => {
    const { app, route, service, caller } = request.context.im;
    const path = restPath(route!);
    const limit = callsPerSecondOf(app!.config.rest, path);
    const verdict = await limiterOf(app!.services.rates).take(path, limit, app!.services.clock());
    if (verdict.allowed) return;
    if (verdict.firstRefusal) {
      await app!.services.webhooks.after(REQUEST_OVER_LIMIT, {
        ServiceName: route!.service, Command: route!.command, Request: verdict.count + 1, Limit: limit,
      }, callbackMetaFor(caller!, REQUEST_OVER_LIMIT));
    }
    throw new ImError(service!.overLimitCode, `${path} allows ${limit} calls per second for this app; retry in a second`);
  },
});
