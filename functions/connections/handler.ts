import type { Context } from 'aws-lambda';
import { featureHandler, type FeatureEvent } from '../shared/feature-handler.js';
import { lambdaRuntime } from '../aws-runtime.js';
import { connectionsServices } from './services-aws.js';
import { callerFromEvent, type WsEvent } from '../shared/ws/ws-event.js';
import { logger } from '../shared/logger.js';
import { connectionsRoutes } from './routes.js';
import { closeConnection, openConnection } from './open-connection.js';

const runtime = lambdaRuntime(connectionsServices);
const routed = featureHandler(connectionsRoutes, runtime);

/**
 * The connection lifecycle ($connect after the authorizer, $disconnect), the
 * `$default` routes of both APIs (unknown actions and commands get their
 * error reply there) and the connection actions such as `ping`.
 */
export async function handler(event: FeatureEvent, context: Context) {
  const eventType = (event as WsEvent).requestContext.eventType;
  if (eventType !== 'CONNECT' && eventType !== 'DISCONNECT') return routed(event, context);
  const wsEvent = event as WsEvent;
  const caller = callerFromEvent(wsEvent, wsEvent.requestContext.requestId ?? context.awsRequestId);
  try {
    const { services, config } = await runtime();
    // Authorizer context values may arrive as strings; 1 means the authorizer saw the account.
    const accountExists = Number(wsEvent.requestContext.authorizer?.accountExists) === 1;
    const sigTime = Number(wsEvent.requestContext.authorizer?.sigTime);
    if (eventType === 'CONNECT') {
      const outcome = await openConnection(services, config, caller, { accountExists, ...(Number.isFinite(sigTime) && { sigTime }) });
      // API Gateway refuses the handshake for a non-2xx `$connect` answer.
      if (outcome.refused) return { statusCode: 401, body: '' };
    } else await closeConnection(services, config, caller, wsEvent.requestContext.disconnectStatusCode);
    return { statusCode: 200, body: '' };
  } catch (error) {
    logger.error(`${eventType.toLowerCase()} failed`, { requestId: caller.requestId, userId: caller.userId, error });
    return { statusCode: 500, body: '' };
  }
}
