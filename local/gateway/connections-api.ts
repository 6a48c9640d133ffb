import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalWebSocketApi } from './websocket-api.js';
import { readBody } from './http-api.js';

/** PostToConnection accepts at most 128 KB. */
const MAX_POST_BYTES = 128 * 1024;

const gone = (res: ServerResponse) => {
  res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
  res.end('{"message":null}');
};

/** Counters the cost meter and tests read. */
export interface ConnectionsApiStats {
  posts: number;
  gone: number;
  /** Posts answered 429 LimitExceededException (the account's API Gateway throttle), and how many more to answer so. */
  throttled?: number;
  throttleNext?: number;
}

/**
 * The `@connections` management API at `/<stage>/@connections/<id>`, in the
 * shape the real ApiGatewayManagementApiClient sends and expects.
 */
export async function serveConnectionsApi(
  req: IncomingMessage, res: ServerResponse, ws: LocalWebSocketApi, stats: ConnectionsApiStats,
): Promise<void> {
  const match = /^\/[^/]+\/@connections\/([^/?]+)/.exec(req.url ?? '');
  const connection = match ? ws.connections.get(decodeURIComponent(match[1]!)) : undefined;
  if (!connection || connection.socket.readyState !== connection.socket.OPEN) {
    if (req.method === 'POST') stats.gone++;
    await readBody(req).catch(() => undefined);
    return gone(res);
  }
  switch (req.method) {
    case 'POST': {
      const body = await readBody(req, MAX_POST_BYTES + 1);
      if (stats.throttleNext) {
        // What API Gateway answers beyond the account's request rate: the SDK retries it with jittered backoff.
        stats.throttleNext--;
        stats.throttled = (stats.throttled ?? 0) + 1;
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'LimitExceededException' });
        res.end('{"message":"Rate exceeded"}');
        return;
      }
      if (body.length > MAX_POST_BYTES) {
        res.writeHead(413, { 'content-type': 'application/json', 'x-amzn-errortype': 'PayloadTooLargeException' });
        res.end('{"message":"Message too long"}');
        return;
      }
      stats.posts++;
      ws.traffic?.messageOut(body.length);
      connection.socket.send(body.toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
      return;
    }
    case 'GET':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        connectedAt: new Date(connection.connectedAt).toISOString(),
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
      }));
      return;
    case 'DELETE':
      connection.socket.close(1000, 'Connection closed by server');
      res.writeHead(204);
      res.end();
      return;
    default:
      res.writeHead(405);
      res.end();
  }
}
