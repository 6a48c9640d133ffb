import { describe, expect, it } from 'vitest';
import { FEATURES, type Feature } from '../../functions/shared/features.js';
import { awsContext } from '../../functions/shared/aws/load-runtime.js';
import { parseAppConfig } from '../../functions/app-config.js';
import { tables } from '../../functions/shared/tables.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { LAMBDA_SERVICES } from '../support/lambda-services.js';
import { featureBundle } from '../support/feature-bundles.js';

/** The adapter files (AWS-side implementations) behind each service of the catalog; helpers they import included. */
const ADAPTERS: Record<keyof ServiceCatalog, readonly string[]> = {
  clock: [], pushApplications: [],
  accounts: ['accounts/account-store-dynamo.ts'],
  connections: ['connections/connection-store-dynamo.ts'],
  gateway: ['connections/connection-gateway-apigw.ts'],
  webhooks: ['webhooks/after-callback-queue-sqs.ts'],
  groups: ['groups/group-store-dynamo.ts', 'groups/group-count-dynamo.ts', 'groups/group-listing-dynamo.ts'],
  groupCount: ['groups/group-count-dynamo.ts'],
  profiles: ['profile/profile-store-dynamo.ts'],
  sns: ['sns/sns-store-dynamo.ts'],
  push: ['push/push-gateway-sns.ts'],
  pushQueue: ['push/push-queue-sqs.ts'],
  broadcast: ['broadcast/broadcast-store-dynamo.ts'],
  c2c: ['c2c/c2c-store-dynamo.ts', 'c2c/conversation-settings-dynamo.ts'],
  relationships: ['sns/relationships-dynamo.ts'],
  groupMessages: ['groupmsg/groupmsg-store-dynamo.ts', 'groupmsg/group-conversation-reads-dynamo.ts'],
  groupFanOut: ['groupmsg/fan-out-queue-sqs.ts'],
  rates: ['shared/rest/rate-counter-dynamo.ts'],
  groupAttributes: ['groupattrs/group-attr-store-dynamo.ts'],
  pinnedMessages: ['groupmsg/pinned-store-dynamo.ts'],
  messageExtensions: ['msgext/extension-store-dynamo.ts'],
  topics: ['topics/topic-store-dynamo.ts', 'topics/topic-conversation-reads-dynamo.ts'],
  permissionGroups: ['topics/permission-store-dynamo.ts'],
  officialAccounts: ['official/official-store-dynamo.ts', 'official/official-account-reads-dynamo.ts', 'official/official-subscription-reads-dynamo.ts'],
};
/**
 * Narrow views a Lambda may build in place of a whole store (functions/aws-services.ts `conversationReads`), by class:
 * a service built as one of these ships its view's file and not the store's.
 */
const VIEW_ADAPTERS: Record<string, readonly string[]> = {
  DynamoGroupListing: ['groups/group-listing-dynamo.ts'],
  DynamoGroupConversationReads: ['groupmsg/group-conversation-reads-dynamo.ts'],
  DynamoTopicConversationReads: ['topics/topic-conversation-reads-dynamo.ts'],
  DynamoOfficialSubscriptionReads: ['official/official-subscription-reads-dynamo.ts', 'official/official-account-reads-dynamo.ts'],
  DynamoOfficialAccountReads: ['official/official-account-reads-dynamo.ts'],
  // Views with the operations a Lambda names (functions/shared/aws/store-view.ts): the store's file, of which esbuild keeps those.
  DynamoGroupMessageView: ['groupmsg/groupmsg-store-dynamo.ts', 'groupmsg/group-conversation-reads-dynamo.ts'],
  DynamoGroupStoreView: ['groups/group-store-dynamo.ts', 'groups/group-listing-dynamo.ts'],
  DynamoPermissionGroupsView: ['topics/permission-store-dynamo.ts'],
  DynamoC2cView: ['c2c/c2c-store-dynamo.ts', 'c2c/conversation-settings-dynamo.ts'],
};
const ADAPTER_FILE = /functions\/(.+-(?:dynamo|sqs|sns|apigw)\.ts)$/;

// Every variable a Lambda's services read; the values are never used (nothing is called).
const env = {
  ...Object.fromEntries(tables.map((t) => [t.envVar, t.id])),
  IM_CONNECTIONS_ENDPOINT: 'https://example.com/stage', AWS_REGION: 'us-east-1',
};

/** The adapter files esbuild put in the feature's bundle. */
async function adaptersIn(feature: Feature): Promise<string[]> {
  const { metafile } = await featureBundle(feature);
  // esbuild lists every file it read; of a tree-shaken adapter only its SDK require() (side effects) is left,
  // a few dozen bytes, while the smallest adapter class weighs over 300.
  const inputs = Object.entries(Object.values(metafile.outputs)[0]!.inputs).filter(([, i]) => i.bytesInOutput > 250).map(([f]) => f);
  return inputs.map((f) => ADAPTER_FILE.exec(f)?.[1]).filter((f): f is string => f !== undefined).sort();
}

describe('Lambda bundles carry only their own adapters', () => {
  it.each(Object.keys(FEATURES) as Feature[])('%s: the adapters of the services it builds, no other', async (feature) => {
    const built = Object.entries(LAMBDA_SERVICES[feature](awsContext(env, parseAppConfig({ sdkAppId: 1400000000 }), {}))) as [keyof ServiceCatalog, unknown][];
    const adaptersOf = (service: keyof ServiceCatalog, value: unknown) => VIEW_ADAPTERS[(value as object | undefined)?.constructor?.name ?? ''] ?? ADAPTERS[service];
    const expected = [...new Set(built.flatMap(([service, value]) => adaptersOf(service, value)))].sort();
    const shipped = await adaptersIn(feature);
    expect(shipped.filter((file) => !expected.includes(file))).toEqual([]);
    // And it does ship the big ones it builds (the small queue adapters fall under the threshold).
    expect(expected.filter((file) => file.endsWith('-store-dynamo.ts')).every((file) => shipped.includes(file))).toBe(true);
  });
});
