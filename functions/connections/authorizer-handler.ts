import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { lambdaRuntime } from '../aws-runtime.js';
import { authorizerServices } from './services-aws.js';
import { isImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { authorizeConnect } from './authorize-connect.js';

const runtime = lambdaRuntime(authorizerServices);

/**
 * WebSocket `$connect` REQUEST authorizer. Throwing "Unauthorized" makes API
 * Gateway answer 401 before the socket opens; the login travels on as context.
 */
export async function handler(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const query = event.queryStringParameters ?? {};
  try {
    const login = await authorizeConnect(await runtime(), query);
    return {
      principalId: login.userId,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
      context: { userId: login.userId, platform: login.platform, instance: login.instance, sigTime: login.sigTime, accountExists: login.accountExists ? 1 : 0 },
    };
  } catch (error) {
    if (isImError(error)) logger.info('login refused', { userId: query.userid, code: error.code, info: error.info });
    else logger.error('authorizer failed', { userId: query.userid, error });
    throw new Error('Unauthorized');
  }
}
