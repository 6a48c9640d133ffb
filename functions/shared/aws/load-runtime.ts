import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseAppConfig, type AppSecrets } from '../config.js';
import type { AppRuntime, Services } from '../runtime.js';
import { connectionsTable, usersTable, type TableDefinition } from '../tables.js';
import { DynamoAccountStore } from '../../accounts/account-store-dynamo.js';
import { DynamoConnectionStore } from '../../connections/connection-store-dynamo.js';
import { ApiGatewayConnectionGateway } from '../../connections/connection-gateway-apigw.js';

type Env = Record<string, string | undefined>;

const required = (env: Env, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
};

const tableName = (env: Env, table: TableDefinition) => required(env, table.envVar);

/** Secrets Manager in AWS (`IM_SECRET_ARN`, a JSON secret); plain variables only on the local stack. */
async function loadSecrets(env: Env): Promise<AppSecrets> {
  const arn = env.IM_SECRET_ARN;
  if (arn) {
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    const parsed = JSON.parse(out.SecretString ?? '{}') as Partial<AppSecrets>;
    if (!parsed.secretKey) throw new Error('the app secret has no secretKey');
    return { secretKey: parsed.secretKey, ...(parsed.callbackToken && { callbackToken: parsed.callbackToken }) };
  }
  return { secretKey: required(env, 'IM_SECRET_KEY'), ...(env.IM_CALLBACK_TOKEN && { callbackToken: env.IM_CALLBACK_TOKEN }) };
}

/** Builds the stores and clients from the environment; the SDK finds local endpoints through AWS_ENDPOINT_URL_*. */
export function servicesFromEnv(env: Env): Services {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const management = new ApiGatewayManagementApiClient({ endpoint: required(env, 'IM_CONNECTIONS_ENDPOINT') });
  return {
    clock: Date.now,
    accounts: new DynamoAccountStore(db, tableName(env, usersTable)),
    connections: new DynamoConnectionStore(db, tableName(env, connectionsTable)),
    gateway: new ApiGatewayConnectionGateway(management),
  };
}

/** Read once per cold start; fails fast when the configuration is missing or wrong. */
export async function runtimeFromEnv(env: Env): Promise<AppRuntime> {
  const config = parseAppConfig(JSON.parse(required(env, 'IM_APP_CONFIG')));
  return { config, secrets: await loadSecrets(env), services: servicesFromEnv(env) };
}

let cached: Promise<AppRuntime> | undefined;

/** The process-wide runtime, built on first use; a failed build is retried on the next call. */
export function sharedRuntime(): Promise<AppRuntime> {
  cached ??= runtimeFromEnv(process.env).catch((e: unknown) => { cached = undefined; throw e; });
  return cached;
}
