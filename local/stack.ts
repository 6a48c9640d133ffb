import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tables } from '../functions/shared/tables.js';
import { signUserSig } from '../functions/shared/usersig.js';
import type { AppConfig, AppSecrets } from '../functions/shared/config.js';
import { assertLocalEndpoint, ensureTables, localDynamoClient, startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local.js';
import { importHandlerModule, LocalLambdas } from './lambda-runtime.js';
import { RouteTable } from './gateway/route-table.js';
import { serveHttpApi } from './gateway/http-api.js';
import { LocalWebSocketApi, AWS_WEBSOCKET_LIMITS, type WebSocketLimits } from './gateway/websocket-api.js';
import { serveConnectionsApi, type ConnectionsApiStats } from './gateway/connections-api.js';
import { LocalSns } from './sns-standin.js';
import { LocalCostMeter } from './cost-meter.js';
import { pricesFromEnv } from './aws-prices.js';
import { setDynamoCostSink } from '../functions/shared/aws/cost-sink.js';
import { LocalSqs } from './sqs-standin.js';
import { AFTER_CALLBACK_QUEUE } from '../functions/webhooks/after-callback-queue.js';
import { PUSH_QUEUE } from '../functions/push/push-queue.js';
import type { LocalSettings } from './settings.js';
import { LocalS3 } from './s3-standin.js';
import { LocalStreamPoller } from './stream-poller.js';
import { ARCHIVER, matchesArchiveFilter, MESSAGE_LOG_BUCKET_ENV } from '../functions/history/archive-source.js';
import { connectionsTable, messagesTable } from '../functions/shared/tables.js';
import { serveDemo } from './demo/serve-demo.js';
import { listConnectionRecords } from './leftover-connections.js';

export interface LocalStack {
  url: string;
  wsUrl: string;
  port: number;
  config: AppConfig;
  secrets: AppSecrets;
  /** A UserSig for the first admin identifier, valid 7 days. */
  adminUserSig: string;
  sns: LocalSns;
  /** What AWS would bill for everything since start or the last reset (also at GET /_local/cost). */
  cost: LocalCostMeter;
  /** SQS with its event source mappings: queued work reaches the consuming feature Lambda. */
  sqs: LocalSqs;
  /** S3 (the message-log bucket), served at /_local/s3 to the real S3Client and to presigned URLs. */
  s3: LocalS3;
  messageLogBucket: string;
  /** The Messages table stream's event source mapping: inserted messages reach the archiver. */
  messageLogStream: LocalStreamPoller;
  websocket: LocalWebSocketApi;
  /** Connection records found at start (left by a gateway that died without their `$disconnect`) and disconnected. */
  leftoverConnections: number;
  connectionsApi: ConnectionsApiStats;
  lambdas: LocalLambdas;
  tableNames: Record<string, string>;
  dynamodbEndpoint: string;
  stop(): Promise<void>;
}

const ADMIN_SIG_LIFETIME_S = 7 * 86400;

const LOCAL_PUSH_APPLICATIONS = {
  APNs: 'arn:aws:sns:us-east-1:000000000000:app/APNS/im-local',
  APNsSandbox: 'arn:aws:sns:us-east-1:000000000000:app/APNS_SANDBOX/im-local',
  FCM: 'arn:aws:sns:us-east-1:000000000000:app/GCM/im-local',
};

let started = false;

/**
 * Starts the product on one machine: DynamoDB Local, the handlers in this
 * process, and one HTTP port serving the REST API, the WebSocket API, the
 * @connections API, the SNS stand-in and /healthz. One per process: the
 * handlers read their configuration from process.env, as in Lambda.
 */
export async function startLocalStack(settings: LocalSettings, limits: WebSocketLimits = AWS_WEBSOCKET_LIMITS): Promise<LocalStack> {
  if (started) throw new Error('a local stack is already running in this process');
  started = true;
  // Lambda runs Node 22; the SDK's warning about this machine's Node 20 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let dynamo: RunningDynamoDb | undefined;
  const dynamodbEndpoint = settings.dynamodbEndpoint ?? (dynamo = await startDynamoDbLocal({ dataDir: settings.dataDir })).endpoint;
  assertLocalEndpoint(dynamodbEndpoint);
  const admin = localDynamoClient(dynamodbEndpoint);
  const tableNames = await ensureTables(admin, tables, settings.tablePrefix);
  admin.destroy();

  const lambdas = new LocalLambdas(settings.concurrency);
  const routeTable = new RouteTable();
  const sns = new LocalSns();
  const connectionsApi: ConnectionsApiStats = { posts: 0, gone: 0 };
  let ready = false;
  /** Set by stop(): new REST requests and WebSocket upgrades are refused; the stand-ins' own endpoints keep serving. */
  let stopping = false;
  let websocket: LocalWebSocketApi | undefined;
  let sqs: LocalSqs | undefined;
  const queueNames = [AFTER_CALLBACK_QUEUE.localName, PUSH_QUEUE.localName];
  const cost = new LocalCostMeter(pricesFromEnv(process.env.IM_PRICES), () => ({
    snsPublishes: sns.outbox.filter((e) => e.action === 'Publish').length,
    // SendMessage calls, plus the event source mapping's receive and delete per batch.
    sqsRequests: sqs ? queueNames.reduce((t, q) => { const st = sqs!.statsOf(q); return t + st.sent + 2 * st.invocations; }, 0) : 0,
  }));
  setDynamoCostSink(cost.dynamoCall);
  lambdas.onInvocation = (_feature, ms) => cost.lambdaInvocation(ms);

  // The message-log bucket, one per stack like its tables; on disk under the data dir unless IM_MEMORY=1.
  const messageLogBucket = `${settings.tablePrefix}message-log`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  const s3 = new LocalS3({ basePath: '/_local/s3', buckets: [messageLogBucket], ...(settings.dataDir && { dataDir: settings.dataDir }) });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
    }
    if (path === '/_local/push-outbox') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(sns.outbox));
    }
    if (path === '/_local/cost') {
      if (req.method === 'POST' || req.method === 'DELETE') cost.reset();
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(cost.snapshot()));
    }
    if (path.startsWith('/_local/sns')) return sns.serve(req, res);
    // The browser chat demo and its dev UserSigs: local stack only, never Lambda routes.
    if (path === '/demo' || path.startsWith('/demo/') || path === '/_local/dev-usersig') {
      return serveDemo(req, res, { sdkAppId: settings.config.sdkAppId, secretKey: settings.secrets.secretKey });
    }
    if (path.startsWith('/_local/sqs') && sqs) return sqs.serve(req, res);
    if (path.startsWith('/_local/s3/')) return s3.serve(req, res);
    if (path.includes('/@connections/')) return serveConnectionsApi(req, res, websocket!, connectionsApi);
    if (path.startsWith('/v4/') || path.startsWith('/im/')) {
      if (stopping) {
        res.writeHead(503, { 'content-type': 'application/json', connection: 'close' });
        return void res.end('{"message":"Service Unavailable"}');
      }
      cost.httpRequest();
      return serveHttpApi(req, res, lambdas, routeTable);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"Not Found"}');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: { status?: number }) => {
      if (!res.headersSent) res.writeHead(e.status ?? 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: e.status === 413 ? 'Request Entity Too Large' : 'Internal Server Error' }));
    });
  });
  // Node closes idle keep-alive sockets after 5 s; a handler's SDK client that reuses one just then gets
  // ECONNRESET (not retried for a POST). AWS endpoints keep idle connections far longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${settings.host}:${port}`;
  // Each queue and the feature its event source mapping invokes; later queues join this map.
  sqs = new LocalSqs({
    endpoint: `${url}/_local/sqs`,
    consumers: { [AFTER_CALLBACK_QUEUE.localName]: AFTER_CALLBACK_QUEUE.consumer, [PUSH_QUEUE.localName]: PUSH_QUEUE.consumer },
    invoke: (feature, event) => lambdas.invoke(feature, event),
  });

  // Put back on stop: the next stack in this process starts from the same environment as this one did.
  const environmentBefore = { ...process.env };
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
    AWS_ENDPOINT_URL_SNS: `${url}/_local/sns`,
    AWS_ENDPOINT_URL_SQS: `${url}/_local/sqs`,
    AWS_ENDPOINT_URL_S3: `${url}/_local/s3`,
    [MESSAGE_LOG_BUCKET_ENV]: messageLogBucket,
    [AFTER_CALLBACK_QUEUE.envVar]: sqs.queueUrl(AFTER_CALLBACK_QUEUE.localName),
    [PUSH_QUEUE.envVar]: sqs.queueUrl(PUSH_QUEUE.localName),
    IM_CONNECTIONS_ENDPOINT: `${url}/local`,
    // Stand-in platform applications so push works out of the box; IM_PUSH_APPLICATIONS overrides them.
    IM_PUSH_APPLICATIONS: process.env.IM_PUSH_APPLICATIONS ?? JSON.stringify(LOCAL_PUSH_APPLICATIONS),
    IM_APP_CONFIG: JSON.stringify(settings.config),
    IM_SECRET_KEY: settings.secrets.secretKey,
    ...(settings.secrets.callbackToken && { IM_CALLBACK_TOKEN: settings.secrets.callbackToken }),
    ...tableNames,
  });
  delete process.env.IM_SECRET_ARN;
  await lambdas.load();
  const { handler: archiveHandler } = await importHandlerModule<typeof import('../functions/history/archive-handler.js')>(ARCHIVER.entry);
  // Positioned before the stack is ready, so every message stored from now on reaches the message log.
  const messageLogStream = new LocalStreamPoller({
    endpoint: dynamodbEndpoint, tableName: tableNames[messagesTable.envVar]!, filter: matchesArchiveFilter,
    // Not metered by /_local/cost: locally it runs at every poll, where AWS batches up to 60 s (docs/data-model.md, "Message log").
    invoke: (event) => archiveHandler(event),
  });
  await messageLogStream.start();
  websocket = new LocalWebSocketApi(lambdas, routeTable, `${settings.host}:${port}`, limits);
  websocket.traffic = cost;
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/ws' && path !== '/') return void socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    if (stopping) return void socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
    websocket!.handleUpgrade(req, socket, head).catch(() => socket.destroy());
  });
  // Connections left by a gateway that died without their $disconnect (a crash, SIGKILL): none is open now.
  const leftoverConnections = await websocket.disconnectLeftovers(await listConnectionRecords(dynamodbEndpoint, tableNames[connectionsTable.envVar]!));
  ready = true;

  const adminUserSig = signUserSig({
    sdkAppId: settings.config.sdkAppId, secretKey: settings.secrets.secretKey, identifier: settings.config.admins[0]!,
    expire: ADMIN_SIG_LIFETIME_S, time: Math.floor(Date.now() / 1000),
  });

  const stop = async () => {
    ready = false;
    stopping = true;
    // The port stays open until the end: the handlers still running, the $disconnects of the connections closed
    // below and the queued work reach SQS, SNS, S3 and @connections through it (closing it first made each
    // State.StateChange of those $disconnects log "after-callback not queued ... ECONNREFUSED").
    await websocket!.closeAll();
    await lambdas.drain();
    // Queued work already accepted is delivered (delayed messages are dropped), then its invocations finish.
    await sqs!.close();
    await lambdas.drain();
    await messageLogStream.close();
    server.close();
    server.closeAllConnections();
    await dynamo?.stop();
    setDynamoCostSink(undefined);
    for (const key of Object.keys(process.env)) if (!(key in environmentBefore)) delete process.env[key];
    Object.assign(process.env, environmentBefore);
    started = false;
  };

  return {
    url, wsUrl: `ws://${settings.host}:${port}/ws`, port, config: settings.config, secrets: settings.secrets, adminUserSig, cost,
    sns, sqs, s3, messageLogBucket, messageLogStream, websocket, leftoverConnections, connectionsApi, lambdas, tableNames, dynamodbEndpoint, stop,
  };
}
