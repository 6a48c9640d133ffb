import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAppConfig } from '../functions/app-config.js';
import type { AppConfig, AppSecrets } from '../functions/shared/config.js';
import { LOCAL_CONCURRENCY, type LambdaConcurrency } from './lambda-runtime.js';

/** How the local stack is started (local-stack.md, Settings). */
export interface LocalSettings {
  port: number;
  host: string;
  /** Undefined: data in memory. */
  dataDir?: string;
  config: AppConfig;
  secrets: AppSecrets;
  /** Use an already running DynamoDB Local instead of spawning one (tests share one). */
  dynamodbEndpoint?: string;
  tablePrefix: string;
  /** Each feature's concurrency (local/lambda-runtime.ts): IM_LAMBDA_CONCURRENCY invocations at once, as Lambda bounds them. */
  concurrency: LambdaConcurrency;
}

type Env = Record<string, string | undefined>;

const positiveInt = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
};

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** The app key: IM_SECRET_KEY, else the one saved in the data dir, else a new one (saved when on disk). */
function resolveSecretKey(env: Env, dataDir: string | undefined): string {
  if (env.IM_SECRET_KEY) return env.IM_SECRET_KEY;
  const file = dataDir && join(dataDir, 'secret.json');
  if (file && existsSync(file)) return String(readJson(file).secretKey);
  const key = randomBytes(32).toString('hex');
  if (file) writeFileSync(file, JSON.stringify({ secretKey: key }, null, 2), { mode: 0o600 });
  return key;
}

export function settingsFromEnv(env: Env, overrides: Partial<LocalSettings> = {}): LocalSettings {
  const memory = env.IM_MEMORY === '1';
  const dataDir = memory ? undefined : resolve(env.IM_DATA_DIR ?? '.data');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const file = env.IM_CONFIG ? readJson(resolve(env.IM_CONFIG)) : {};
  const webhook = (file.webhook ?? {}) as Record<string, unknown>;
  const config = parseAppConfig({
    ...file,
    sdkAppId: Number(env.IM_SDKAPPID ?? file.sdkAppId ?? 1400000000),
    admins: env.IM_ADMIN ? env.IM_ADMIN.split(',').map((a) => a.trim()).filter(Boolean) : file.admins,
    webhook: { ...webhook, ...(env.IM_CALLBACK_URL && { url: env.IM_CALLBACK_URL }) },
  });
  return {
    port: Number(env.PORT ?? 9000),
    host: env.IM_HOST ?? '127.0.0.1',
    ...(dataDir && { dataDir }),
    config,
    secrets: { secretKey: resolveSecretKey(env, dataDir), ...(env.IM_CALLBACK_TOKEN && { callbackToken: env.IM_CALLBACK_TOKEN }) },
    ...(env.IM_DYNAMODB_ENDPOINT && { dynamodbEndpoint: env.IM_DYNAMODB_ENDPOINT }),
    tablePrefix: env.IM_TABLE_PREFIX ?? 'im-local-',
    concurrency: { ...LOCAL_CONCURRENCY, ...(env.IM_LAMBDA_CONCURRENCY && { perFeature: positiveInt('IM_LAMBDA_CONCURRENCY', env.IM_LAMBDA_CONCURRENCY) }) },
    ...overrides,
  };
}
