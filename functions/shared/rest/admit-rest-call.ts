import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { assertAdmitted, queueDelayMs } from '../admission.js';
import type { AppRuntime, RestStackServices } from '../runtime.js';
import type { RestRequestContext } from './rest-request.js';

/** Refuses a REST call that waited too long for its handler (functions/shared/admission.ts), before any work. */
export const admitRestCall = (loadRuntime: () => Promise<AppRuntime<RestStackServices>>): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, RestRequestContext> => ({
  before: async (request) => {
    // Measured before the runtime loads: a cold start's secret fetch is not a backlog.
    const waited = queueDelayMs(request.event.requestContext.timeEpoch);
    assertAdmitted(waited, (await loadRuntime()).config.admission);
  },
});
