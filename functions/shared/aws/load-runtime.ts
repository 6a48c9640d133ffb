import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { meterCapacity } from './capacity-meter.js';
import { dynamoCostSink } from './cost-sink.js';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { onFirstUse } from './on-first-use.js';
import type { AppConfig, AppConfigParser, AppSecrets } from '../config.js';
import type { AppRuntime } from '../runtime.js';
import type { TableDefinition } from '../tables.js';
import { CONNECTIONS_CLIENT, DYNAMODB_CLIENT, MESSAGING_CLIENT } from './sdk-timeouts.js';

export type Env = Record<string, string | undefined>;

export const required = (env: Env, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
};

/**
 * Secrets Manager in AWS (`IM_SECRET_ARN`, a JSON secret); plain variables only on the local stack.
 * Its SDK package is imported here, once per container: nothing else reads secrets.
 */
export async function loadSecrets(env: Env): Promise<AppSecrets> {
  const arn = env.IM_SECRET_ARN;
  if (arn) {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    const parsed = JSON.parse(out.SecretString ?? '{}') as Partial<AppSecrets>;
    if (!parsed.secretKey) throw new Error('the app secret has no secretKey');
    return { secretKey: parsed.secretKey, ...(parsed.callbackToken && { callbackToken: parsed.callbackToken }) };
  }
  return { secretKey: required(env, 'IM_SECRET_KEY'), ...(env.IM_CALLBACK_TOKEN && { callbackToken: env.IM_CALLBACK_TOKEN }) };
}

/** IM_APP_CONFIG parsed by `parse` (functions/aws-runtime.ts binds the app's parser). */
export const configFromEnv = (env: Env, parse: AppConfigParser): AppConfig => parse(JSON.parse(required(env, 'IM_APP_CONFIG')));

/**
 * What a Lambda's services are built from: the environment, the configuration, one DynamoDB client, the
 * `@connections` client and SQS clients, each made on first use, so a Lambda pays only for what it builds.
 */
export interface AwsContext {
  env: Env;
  config: AppConfig;
  secrets: Pick<AppSecrets, 'callbackToken'>;
  db: DynamoDBDocumentClient;
  /** The name of a table, from its IM_TABLE_* variable. */
  table(table: TableDefinition): string;
  /** The `@connections` client (IM_CONNECTIONS_ENDPOINT). */
  management(): ApiGatewayManagementApiClient;
  /**
   * An SQS client per queue, built on the first enqueue (most invocations queue nothing). A queue failure only
   * loses notifications or pushes, and must not hold up the user's reply: short timeouts, one retry.
   */
  queueClient(): () => Promise<SQSClient>;
}

/**
 * The SDK finds local endpoints through AWS_ENDPOINT_URL_*. Without `secrets`, the callback token comes from
 * IM_CALLBACK_TOKEN (the local stack's variable).
 */
export function awsContext(
  env: Env,
  config: AppConfig,
  secrets: Pick<AppSecrets, 'callbackToken'> = { callbackToken: env.IM_CALLBACK_TOKEN },
  /** A DynamoDB client to use instead of a new one (e.g. one with the capacity meter, test/integration). */
  dynamo?: DynamoDBDocumentClient,
): AwsContext {
  let db = dynamo;
  if (!db) {
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...DYNAMODB_CLIENT }), { marshallOptions: { removeUndefinedValues: true } });
    const costSink = dynamoCostSink();
    if (costSink) meterCapacity(db, costSink);
  }
  let management: ApiGatewayManagementApiClient | undefined;
  return {
    env, config, secrets, db,
    table: (table) => required(env, table.envVar),
    management: () => (management ??= new ApiGatewayManagementApiClient({ ...CONNECTIONS_CLIENT, endpoint: required(env, 'IM_CONNECTIONS_ENDPOINT') })),
    queueClient: () => onFirstUse(async (): Promise<SQSClient> => {
      const { SQSClient } = await import('@aws-sdk/client-sqs');
      return new SQSClient({ ...MESSAGING_CLIENT });
    }),
  };
}

/** Read once per cold start; fails fast when the configuration is missing or wrong. */
export async function runtimeFromEnv<S>(env: Env, parse: AppConfigParser, build: (context: AwsContext) => S): Promise<AppRuntime<S>> {
  const config = configFromEnv(env, parse);
  const secrets = await loadSecrets(env);
  return { config, secrets, services: build(awsContext(env, config, secrets)) };
}

/**
 * A Lambda's runtime: its services as `build` makes them (functions/<feature>/services-aws.ts), built on first
 * use and kept for the container's life; a failed build is retried on the next call. Handlers take it from
 * functions/aws-runtime.ts, which hands in the app's configuration parser.
 */
export function lambdaRuntime<S>(parse: AppConfigParser, build: (context: AwsContext) => S): () => Promise<AppRuntime<S>> {
  let cached: Promise<AppRuntime<S>> | undefined;
  return () => (cached ??= runtimeFromEnv(process.env, parse, build).catch((e: unknown) => { cached = undefined; throw e; }));
}
