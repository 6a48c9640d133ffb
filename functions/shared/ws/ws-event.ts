import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { WsRoute } from '../route.js';
import type { AppRuntime, WsCaller } from '../runtime.js';

/** The parts of an API Gateway WebSocket event the product reads. */
export interface WsEvent {
  body?: string | null;
  isBase64Encoded?: boolean;
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined> | null;
  requestContext: {
    connectionId: string;
    routeKey: string;
    eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    requestId?: string;
    /** When API Gateway received the frame (ms since the epoch). */
    requestTimeEpoch?: number;
    domainName?: string;
    stage?: string;
    identity?: { sourceIp?: string };
    authorizer?: Record<string, unknown> | null;
    disconnectStatusCode?: number;
    disconnectReason?: string;
  };
}

export type WsResult = APIGatewayProxyResult;

export interface WsRequestContext extends Context {
  im: {
    reqId?: string;
    action?: string;
    route?: WsRoute;
    app?: AppRuntime;
    caller?: WsCaller;
    input?: unknown;
  };
}

/** Who the authorizer said this connection is (its context travels with every event of the connection). */
export function callerFromEvent(event: WsEvent, requestId: string): WsCaller {
  const auth = event.requestContext.authorizer ?? {};
  return {
    transport: 'ws',
    userId: String(auth.userId ?? ''),
    platform: String(auth.platform ?? 'Web') as WsCaller['platform'],
    instance: String(auth.instance ?? ''),
    connectionId: event.requestContext.connectionId,
    clientIp: event.requestContext.identity?.sourceIp ?? '',
    requestId,
  };
}
