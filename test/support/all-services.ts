import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as build from '../../functions/aws-services.js';
import type { Builder } from '../../functions/aws-services.js';
import { awsContext, type Env } from '../../functions/shared/aws/load-runtime.js';
import { configFromEnv, runtimeFromEnv } from '../../functions/aws-runtime.js';
import type { AppConfig, AppSecrets } from '../../functions/shared/config.js';
import type { AppRuntime } from '../../functions/shared/runtime.js';
import type { ServiceCatalog } from '../../functions/services.js';

/** Every builder of the catalog: tests that reach into any store build them all, the way Lambdas build theirs. */
const ALL: { [K in keyof ServiceCatalog]: Builder<K> } = {
  clock: build.clock, accounts: build.accounts, connections: build.connections, gateway: build.gateway, webhooks: build.webhooks,
  groups: build.groups, groupCount: build.groupCount, profiles: build.profiles, sns: build.sns, push: build.push, pushApplications: build.pushApplications,
  pushQueue: build.pushQueue, broadcast: build.broadcast, c2c: build.c2c, relationships: build.relationships,
  groupMessages: build.groupMessages, groupFanOut: build.groupFanOut, groupAttributes: build.groupAttributes,
  pinnedMessages: build.pinnedMessages, messageExtensions: build.messageExtensions, topics: build.topics,
  permissionGroups: build.permissionGroups, officialAccounts: build.officialAccounts, rates: build.rates,
};

const buildAll = (aws: Parameters<Builder<'clock'>>[0]): ServiceCatalog => build.buildServices<keyof ServiceCatalog>(aws, ALL);

/** Every service of the catalog, from the environment (the local stack's variables unless `config`/`secrets` are given). */
export const allServicesFromEnv = (
  env: Env, config?: AppConfig, secrets?: Pick<AppSecrets, 'callbackToken'>, dynamo?: DynamoDBDocumentClient,
): ServiceCatalog => buildAll(awsContext(env, config ?? configFromEnv(env), secrets, dynamo));

/** A runtime with every service, as a Lambda reads its own at cold start. */
export const allServicesRuntime = (env: Env): Promise<AppRuntime<ServiceCatalog>> => runtimeFromEnv(env, buildAll);
