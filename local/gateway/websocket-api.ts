import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { LocalLambdas } from '../lambda-runtime.js';
import type { RouteTable } from './route-table.js';
import { parseQuery } from './http-api.js';

/** API Gateway WebSocket quotas that clients can observe. */
export interface WebSocketLimits {
  /** Whole message; larger ones close the connection with 1009. */
  maxMessageBytes: number;
  idleTimeoutMs: number;
  maxConnectionMs: number;
}

export const AWS_WEBSOCKET_LIMITS: WebSocketLimits = {
  maxMessageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionMs: 2 * 60 * 60 * 1000,
};

/** What the WebSocket API reports to the cost meter. */
export interface WebSocketTraffic {
  messageIn(bytes: number): void;
  messageOut(bytes: number): void;
  connectionOpened(connectionId: string): void;
  connectionClosed(connectionId: string): void;
}

export interface LocalConnection {
  connectionId: string;
  socket: WebSocket;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  authorizer: Record<string, unknown>;
  timers: NodeJS.Timeout[];
}

const STAGE = 'local';

/** API Gateway connection ids look like `L0SM9cOFvHcCIhw=`. */
const newConnectionId = () => randomBytes(10).toString('base64');

const reject = (socket: Duplex, status: number, text: string) => {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"message":"${text}"}`);
};

/**
 * The WebSocket half of API Gateway: the REQUEST authorizer and `$connect`
 * before the upgrade completes, route selection on `action` with route
 * responses, `$disconnect`, and the quotas above.
 */
export class LocalWebSocketApi {
  readonly connections = new Map<string, LocalConnection>();
  private readonly wss: WebSocketServer;
  traffic?: WebSocketTraffic;
  /**
   * Lets tests make the next frames of a route fail as a throttled or timed-out integration does on AWS: the
   * client gets API Gateway's `Internal server error` frame and the handler never runs; or (`delayReplyMs`) make
   * the route response of the next `failNext` frames come that late, after the handler ran: a reply slower than the
   * client's request timeout.
   */
  readonly routeFaults = new Map<string, { failNext: number; delayReplyMs?: number }>();

  constructor(
    private readonly lambdas: LocalLambdas,
    private readonly table: RouteTable,
    private readonly domainName: string,
    private readonly limits: WebSocketLimits = AWS_WEBSOCKET_LIMITS,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  }

  private requestContext(connection: Pick<LocalConnection, 'connectionId' | 'connectedAt' | 'sourceIp' | 'userAgent'>, routeKey: string, eventType: string) {
    return {
      routeKey, eventType, connectionId: connection.connectionId, connectedAt: connection.connectedAt,
      requestId: randomUUID(), messageId: randomBytes(8).toString('base64'), extendedRequestId: randomUUID(),
      domainName: this.domainName, stage: STAGE, apiId: 'local', requestTimeEpoch: Date.now(), messageDirection: 'IN',
      identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    };
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const query = parseQuery(url.search.slice(1));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    const pending = {
      connectionId: newConnectionId(), connectedAt: Date.now(),
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '',
    };
    let authorizer: Record<string, unknown>;
    try {
      // Identity sources: a missing one is a 401 without calling the authorizer, as in API Gateway.
      if (!query.usersig || !query.userid || !query.sdkappid) return reject(socket, 401, 'Unauthorized');
      const policy = (await this.lambdas.invoke('authorizer', {
        type: 'REQUEST', methodArn: `arn:aws:execute-api:us-east-1:000000000000:local/${STAGE}/$connect`,
        headers, queryStringParameters: query, requestContext: this.requestContext(pending, '$connect', 'CONNECT'),
      })) as APIGatewayAuthorizerResult;
      const allowed = policy.policyDocument.Statement.some((s) => s.Effect === 'Allow');
      if (!allowed) return reject(socket, 403, 'Forbidden');
      authorizer = { principalId: policy.principalId, ...policy.context };
    } catch {
      return reject(socket, 401, 'Unauthorized');
    }
    const connect = (await this.lambdas.invoke('connections', {
      headers, queryStringParameters: query, isBase64Encoded: false,
      requestContext: { ...this.requestContext(pending, '$connect', 'CONNECT'), authorizer },
    }).catch(() => ({ statusCode: 500 }))) as { statusCode?: number };
    const status = connect?.statusCode ?? 200;
    if (status < 200 || status > 299) return reject(socket, status, 'Forbidden');
    if (socket.destroyed || !socket.writable) {
      // The client left while $connect ran: API Gateway still sends $disconnect, so the record goes.
      return void this.disconnected({ ...pending, authorizer }, 1006, 'Client left during $connect');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, { ...pending, authorizer }));
  }

  /** Listeners are attached synchronously so no frame sent right after open is lost. */
  private accept(socket: WebSocket, meta: Omit<LocalConnection, 'socket' | 'lastActiveAt' | 'timers'>): void {
    const connection: LocalConnection = { ...meta, socket, lastActiveAt: Date.now(), timers: [] };
    this.connections.set(connection.connectionId, connection);
    this.traffic?.connectionOpened(connection.connectionId);
    const idle = () => {
      clearTimeout(connection.timers[0]);
      connection.timers[0] = setTimeout(() => socket.close(1001, 'Going away'), this.limits.idleTimeoutMs);
    };
    idle();
    connection.timers[1] = setTimeout(() => socket.close(1001, 'Going away'), this.limits.maxConnectionMs);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      connection.lastActiveAt = Date.now();
      idle();
      const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      this.traffic?.messageIn(buffer.length);
      void this.onMessage(connection, buffer, isBinary);
    });
    socket.on('close', (code: number, reason: Buffer) => void this.onClose(connection, code, reason.toString()));
    socket.on('error', () => socket.terminate());
  }

  private async onMessage(connection: LocalConnection, data: Buffer, isBinary: boolean): Promise<void> {
    const body = isBinary ? data.toString('base64') : data.toString('utf8');
    const { routeKey, feature } = this.table.wsRoute(isBinary ? '' : body);
    try {
      const fault = this.routeFaults.get(routeKey);
      const delayReplyMs = fault && fault.failNext > 0 && fault.delayReplyMs;
      if (fault && fault.failNext > 0) {
        fault.failNext -= 1;
        if (!delayReplyMs) throw new Error('injected integration failure');
      }
      const result = (await this.lambdas.invoke(feature, {
        body, isBase64Encoded: isBinary,
        requestContext: { ...this.requestContext(connection, routeKey, 'MESSAGE'), authorizer: connection.authorizer },
      }, 'api')) as { body?: string } | undefined;
      if (delayReplyMs) await new Promise((resolve) => setTimeout(resolve, delayReplyMs));
      // Every route is configured with a route response, so the integration's body goes back to the client.
      if (result?.body && connection.socket.readyState === connection.socket.OPEN) {
        this.traffic?.messageOut(Buffer.byteLength(result.body));
        connection.socket.send(result.body);
      }
    } catch {
      if (connection.socket.readyState === connection.socket.OPEN) {
        // API Gateway's own frame: its requestId, never the client's reqId.
        const body = JSON.stringify({ message: 'Internal server error', connectionId: connection.connectionId, requestId: randomUUID() });
        this.traffic?.messageOut(Buffer.byteLength(body));
        connection.socket.send(body);
      }
    }
  }

  private async onClose(connection: LocalConnection, code: number, reason: string): Promise<void> {
    connection.timers.forEach(clearTimeout);
    if (!this.connections.delete(connection.connectionId)) return;
    this.traffic?.connectionClosed(connection.connectionId);
    await this.disconnected(connection, code, reason);
  }

  private async disconnected(
    connection: Pick<LocalConnection, 'connectionId' | 'connectedAt' | 'sourceIp' | 'userAgent' | 'authorizer'>, code: number, reason: string,
  ): Promise<void> {
    await this.lambdas.invoke('connections', {
      isBase64Encoded: false,
      requestContext: {
        ...this.requestContext(connection, '$disconnect', 'DISCONNECT'), authorizer: connection.authorizer,
        disconnectStatusCode: code, disconnectReason: reason,
      },
    }).catch(() => undefined);
  }

  /**
   * `$disconnect` for connection records this gateway does not hold open (a gateway that crashed never sent theirs):
   * they leave the registry, the groups' online index and presence, and State.StateChange reports them. Returns how many.
   */
  async disconnectLeftovers(records: ReadonlyArray<{ userId: string; connectionId: string; platform: string; instance: string; connectedAt: number }>): Promise<number> {
    const gone = records.filter((r) => !this.connections.has(r.connectionId));
    await Promise.all(gone.map((r) => this.disconnected({
      connectionId: r.connectionId, connectedAt: r.connectedAt, sourceIp: '', userAgent: '',
      authorizer: { principalId: r.userId, userId: r.userId, platform: r.platform, instance: r.instance },
    }, 1006, 'Gateway restarted')));
    return gone.length;
  }

  /** Closes every connection (each gets its `$disconnect`). */
  async closeAll(code = 1001, reason = 'Going away'): Promise<void> {
    const closing = [...this.connections.values()].map((c) => new Promise<void>((done) => {
      c.socket.once('close', () => done());
      c.socket.close(code, reason);
      setTimeout(() => { c.socket.terminate(); done(); }, 1000).unref();
    }));
    await Promise.all(closing);
  }
}
