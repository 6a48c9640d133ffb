import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { settingsFromEnv } from '../../local/settings.js';
import { parseAppConfig, type AppConfigInput } from '../../functions/app-config.js';
import { signUserSig } from '../../functions/shared/usersig.js';
import { connectClient, type BenchClient } from './client.js';
import { inParallel } from './pace.js';

export interface TencentReply {
  ActionStatus: string;
  ErrorCode: number;
  ErrorInfo: string;
  [key: string]: unknown;
}

/** A local stack for one scenario, with the calls scenarios need. */
export class BenchStack {
  private readonly secretKey: string;
  constructor(readonly stack: LocalStack) { this.secretKey = stack.secrets.secretKey; }

  userSig(userId: string): string {
    return signUserSig({ sdkAppId: this.stack.config.sdkAppId, secretKey: this.secretKey, identifier: userId, expire: 86400, time: Math.floor(Date.now() / 1000) });
  }

  connect(userId: string): Promise<BenchClient> {
    return connectClient(this.stack.wsUrl, this.stack.config.sdkAppId, userId, this.userSig(userId));
  }

  /** Opens one connection per user, `width` handshakes at a time. */
  connectAll(users: readonly string[], width = 100, log?: (line: string) => void): Promise<BenchClient[]> {
    let done = 0;
    const t0 = performance.now();
    return inParallel(users.length, width, async (i) => {
      const c = await this.connect(users[i]!);
      if (++done % 500 === 0) log?.(`${done} connected (${(done / ((performance.now() - t0) / 1000)).toFixed(0)}/s)`);
      return c;
    });
  }

  /** `/v4/<path>` as the app admin, over real HTTP. */
  async rest(path: string, body: unknown): Promise<TencentReply> {
    const s = this.stack;
    const query = `sdkappid=${s.config.sdkAppId}&identifier=${encodeURIComponent(s.config.admins[0]!)}&usersig=${s.adminUserSig}&random=${Math.floor(Math.random() * 2 ** 32)}&contenttype=json`;
    const res = await fetch(`${s.url}/v4/${path}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${path}`);
    return (await res.json()) as TencentReply;
  }

  /** For set-up: retries internal errors (an overloaded machine times requests out), throws on anything else. */
  async restOk(path: string, body: unknown, attempts = 4): Promise<TencentReply> {
    for (let attempt = 1; ; attempt++) {
      const reply = await this.rest(path, body).catch((e: Error) => ({ ActionStatus: 'FAIL', ErrorCode: -1, ErrorInfo: e.message }) as TencentReply);
      if (reply.ErrorCode === 0) return reply;
      const retriable = reply.ErrorCode === -1 || /retry later|internal/i.test(reply.ErrorInfo);
      if (!retriable || attempt >= attempts) throw new Error(`${path}: ${reply.ErrorCode} ${reply.ErrorInfo}`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }

  /** Imports accounts (100 per call, as Tencent allows). */
  async importUsers(ids: readonly string[]): Promise<void> {
    await inParallel(Math.ceil(ids.length / 100), 4, (i) => this.restOk('im_open_login_svc/multiaccount_import', { Accounts: ids.slice(i * 100, i * 100 + 100) }));
  }

  /**
   * Writes items straight into the Groups table, 25 per BatchWriteItem, 8 batches at a time: set-up that real
   * commands would make far slower (thousands of joins or subscriptions), in the layout those commands write.
   */
  async putGroupItems(items: readonly Record<string, unknown>[]): Promise<void> {
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: this.stack.dynamodbEndpoint }));
    const table = this.stack.tableNames.IM_TABLE_GROUPS!;
    try {
      await inParallel(Math.ceil(items.length / 25), 8, (i) => db.send(new BatchWriteCommand({
        RequestItems: { [table]: items.slice(i * 25, i * 25 + 25).map((Item) => ({ PutRequest: { Item } })) },
      })));
    } finally {
      db.destroy();
    }
  }

  /** Adds `by` to a group's `memberNum` (META), as the joins that putGroupItems stands in for would have. */
  async countMembers(groupId: string, by: number): Promise<void> {
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: this.stack.dynamodbEndpoint }));
    try {
      await db.send(new UpdateCommand({
        TableName: this.stack.tableNames.IM_TABLE_GROUPS!, Key: { pk: `G#${groupId}`, sk: 'META' },
        UpdateExpression: 'ADD memberNum :n', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':n': by },
      }));
    } finally {
      db.destroy();
    }
  }

  /** Waits for in-process work (fan-out, $disconnect) to finish. */
  drain(): Promise<void> { return this.stack.lambdas.drain(); }
}

export const userIds = (prefix: string, n: number): string[] => {
  const run = randomBytes(3).toString('hex');
  return Array.from({ length: n }, (_, i) => `${prefix}${run}_${i}`);
};

/**
 * The configuration every scenario runs with: the defaults, except `groupMessages.perSecond` 50 so that
 * pacing jitter at the AVChatRoom scenario's 40 msg/s cannot trip frequency control, and REST limits of
 * 5,000 calls/s (spec default 200) so the REST scenario measures throughput, not the limit, and 3,600 official broadcasts
 * an hour; the limiter's
 * claims are still made and costed (blocks of up to 500 instead of 20).
 */
export const BENCH_CONFIG: Partial<AppConfigInput> = {
  groupMessages: { perSecond: 50 },
  // The official scenario broadcasts once a second for 30 s (Tencent's default: 2 an hour).
  officialAccounts: { broadcastsPerHour: 3600 },
  rest: { defaultCallsPerSecond: 5000, callsPerSecond: {} },
};

/**
 * Starts the local stack in this process on a free port, against `dynamodbEndpoint` (fresh tables) or a
 * DynamoDB Local of its own under `dataDir`. One per process: the handlers read their configuration once per
 * cold start, as in Lambda, so every scenario shares it (each with its own users, the cost meter reset).
 * With neither, DynamoDB Local runs in memory.
 */
export async function startBenchStack(where: { dynamodbEndpoint: string } | { dataDir: string } | Record<string, never>): Promise<BenchStack> {
  process.env.IM_LOG_LEVEL ??= 'error';
  const settings = settingsFromEnv({ IM_MEMORY: '1', IM_SECRET_KEY: randomBytes(32).toString('hex') }, {
    port: 0, tablePrefix: `b${randomBytes(4).toString('hex')}-`, ...where,
  });
  settings.config = parseAppConfig({ ...settings.config, ...BENCH_CONFIG });
  return new BenchStack(await startLocalStack(settings));
}

/** Runs a scenario on the shared stack from a clean cost meter; the scenario closes its own clients. */
export async function withShared<T>(ctx: { stack?: BenchStack }, fn: (s: BenchStack) => Promise<T>): Promise<T> {
  if (!ctx.stack) throw new Error('this scenario needs the local stack');
  await ctx.stack.drain();
  ctx.stack.stack.cost.reset();
  return fn(ctx.stack);
}
