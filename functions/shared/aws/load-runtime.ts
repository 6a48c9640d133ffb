import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { meterCapacity } from './capacity-meter.js';
import { dynamoCostSink } from './cost-sink.js';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { onFirstUse } from './on-first-use.js';
import { parseAppConfig, type AppConfig, type AppSecrets } from '../config.js';
import type { AppRuntime, Clock, Services } from '../runtime.js';
import { connectionsTable, usersTable, type TableDefinition, groupsTable, messagesTable } from '../tables.js';
import { DynamoAccountStore } from '../../accounts/account-store-dynamo.js';
import { DynamoConnectionStore } from '../../connections/connection-store-dynamo.js';
import { ApiGatewayConnectionGateway } from '../../connections/connection-gateway-apigw.js';
import { createWebhooks, type Webhooks } from '../../webhooks/webhooks.js';
import { httpCallbackSender } from '../../webhooks/http-sender.js';
import { AFTER_CALLBACK_QUEUE, missingAfterCallbackQueue } from '../../webhooks/after-callback-queue.js';
import { SqsAfterCallbackQueue } from '../../webhooks/after-callback-queue-sqs.js';
import { DynamoGroupStore } from '../../groups/group-store-dynamo.js';
import { DynamoProfileStore } from '../../profile/profile-store-dynamo.js';
import { DynamoSnsStore } from '../../sns/sns-store-dynamo.js';
import { SnsPushGateway } from '../../push/push-gateway-sns.js';
import { parsePushApplications } from '../../push/push-applications.js';
import { noPushQueue, PUSH_QUEUE } from '../../push/push-queue.js';
import { SqsPushQueue } from '../../push/push-queue-sqs.js';
import { DynamoBroadcastStore } from '../../broadcast/broadcast-store-dynamo.js';
import { DynamoC2cStore } from '../../c2c/c2c-store-dynamo.js';
import { DynamoRelationshipChecks } from '../relationships-dynamo.js';
import { DynamoGroupMessageStore } from '../../groupmsg/groupmsg-store-dynamo.js';
import { GROUP_FANOUT_QUEUE, inlineFanOut } from '../../groupmsg/fan-out-queue.js';
import { SqsGroupFanOutQueue } from '../../groupmsg/fan-out-queue-sqs.js';
import { DynamoRateCounter } from '../rest/rate-counter-dynamo.js';
import { DynamoGroupAttributeStore } from '../../groupattrs/group-attr-store-dynamo.js';
import { DynamoOfficialAccountStore } from '../../official/official-store-dynamo.js';
import { DynamoPinnedMessageStore } from '../../groupmsg/pinned-store-dynamo.js';
import { DynamoMessageExtensionStore } from '../../msgext/extension-store-dynamo.js';
import { DynamoTopicStore } from '../../topics/topic-store-dynamo.js';
import { DynamoPermissionGroupStore } from '../../topics/permission-store-dynamo.js';

type Env = Record<string, string | undefined>;

const required = (env: Env, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
};

const tableName = (env: Env, table: TableDefinition) => required(env, table.envVar);

/**
 * Secrets Manager in AWS (`IM_SECRET_ARN`, a JSON secret); plain variables only on the local stack.
 * Its SDK package is imported here, once per container: nothing else reads secrets.
 */
async function loadSecrets(env: Env): Promise<AppSecrets> {
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

const configFromEnv = (env: Env): AppConfig => parseAppConfig(JSON.parse(required(env, 'IM_APP_CONFIG')));

/**
 * An SQS client per queue, built on the first enqueue (most invocations queue nothing). A queue failure only
 * loses notifications or pushes, and must not hold up the user's reply: short timeouts, one retry.
 */
const queueClient = () => onFirstUse(async (): Promise<SQSClient> => {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } });
});

/** Callbacks post with fetch; after-callbacks go through the SQS queue named by IM_WEBHOOK_QUEUE_URL. */
function webhooksFromEnv(env: Env, config: AppConfig, callbackToken: string | undefined, clock: Clock): Webhooks {
  const queueUrl = env[AFTER_CALLBACK_QUEUE.envVar];
  if (!queueUrl && config.webhook.url) throw new Error(`missing environment variable ${AFTER_CALLBACK_QUEUE.envVar} (webhook.url is set)`);
  const queue = queueUrl
    ? new SqsAfterCallbackQueue(queueClient(), queueUrl)
    : missingAfterCallbackQueue;
  return createWebhooks({ sdkAppId: config.sdkAppId, webhook: config.webhook, callbackToken, send: httpCallbackSender(), queue, clock });
}

/**
 * Builds the stores and clients from the environment; the SDK finds local endpoints through AWS_ENDPOINT_URL_*.
 * Without `config`/`secrets`, they come from IM_APP_CONFIG and IM_CALLBACK_TOKEN (the local stack's variables).
 */
export function servicesFromEnv(
  env: Env,
  config: AppConfig = configFromEnv(env),
  secrets: Pick<AppSecrets, 'callbackToken'> = { callbackToken: env.IM_CALLBACK_TOKEN },
  /** A DynamoDB client to use instead of a new one (e.g. one with the capacity meter, test/integration). */
  dynamo?: DynamoDBDocumentClient,
): Services {
  const db = dynamo ?? DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const costSink = dynamoCostSink();
  if (!dynamo && costSink) meterCapacity(db, costSink);
  const management = new ApiGatewayManagementApiClient({ endpoint: required(env, 'IM_CONNECTIONS_ENDPOINT') });
  return {
    clock: Date.now,
    accounts: new DynamoAccountStore(db, tableName(env, usersTable)),
    connections: new DynamoConnectionStore(db, tableName(env, connectionsTable)),
    gateway: new ApiGatewayConnectionGateway(management),
    webhooks: webhooksFromEnv(env, config, secrets.callbackToken, Date.now),
    groups: new DynamoGroupStore(db, tableName(env, groupsTable)),
    profiles: new DynamoProfileStore(db, tableName(env, usersTable)),
    sns: new DynamoSnsStore(db, tableName(env, usersTable)),
    push: new SnsPushGateway(async () => new (await import('@aws-sdk/client-sns')).SNSClient({})),
    pushApplications: parsePushApplications(env.IM_PUSH_APPLICATIONS),
    pushQueue: env[PUSH_QUEUE.envVar] ? new SqsPushQueue(queueClient(), env[PUSH_QUEUE.envVar]!) : noPushQueue,
    broadcast: new DynamoBroadcastStore(db, { users: tableName(env, usersTable), messages: tableName(env, messagesTable), connections: tableName(env, connectionsTable) }),
    c2c: new DynamoC2cStore(db, tableName(env, messagesTable), tableName(env, usersTable)),
    relationships: new DynamoRelationshipChecks(db, tableName(env, usersTable)),
    groupMessages: new DynamoGroupMessageStore(db, {
      messages: tableName(env, messagesTable), groups: tableName(env, groupsTable), connections: tableName(env, connectionsTable),
      users: tableName(env, usersTable),
    }, config.retentionDays),
    // Large and AVChatRoom deliveries: the fan-out queue and its worker Lambda; in this process without one.
    groupFanOut: env[GROUP_FANOUT_QUEUE.envVar]
      ? new SqsGroupFanOutQueue(queueClient(), env[GROUP_FANOUT_QUEUE.envVar]!, config.groupMessages)
      : inlineFanOut(config.groupMessages),
    rates: new DynamoRateCounter(db, tableName(env, messagesTable)),
    groupAttributes: new DynamoGroupAttributeStore(db, tableName(env, groupsTable)),
    pinnedMessages: new DynamoPinnedMessageStore(db, tableName(env, groupsTable)),
    messageExtensions: new DynamoMessageExtensionStore(db, tableName(env, messagesTable)),
    topics: new DynamoTopicStore(db, { groups: tableName(env, groupsTable), messages: tableName(env, messagesTable) }),
    permissionGroups: new DynamoPermissionGroupStore(db, tableName(env, groupsTable)),
    officialAccounts: new DynamoOfficialAccountStore(db, tableName(env, groupsTable)),
  };
}

/** Read once per cold start; fails fast when the configuration is missing or wrong. */
export async function runtimeFromEnv(env: Env): Promise<AppRuntime> {
  const config = configFromEnv(env);
  const secrets = await loadSecrets(env);
  return { config, secrets, services: servicesFromEnv(env, config, secrets) };
}

let cached: Promise<AppRuntime> | undefined;

/** The process-wide runtime, built on first use; a failed build is retried on the next call. */
export function sharedRuntime(): Promise<AppRuntime> {
  cached ??= runtimeFromEnv(process.env).catch((e: unknown) => { cached = undefined; throw e; });
  return cached;
}
