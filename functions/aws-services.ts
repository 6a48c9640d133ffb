import type { AwsContext } from './shared/aws/load-runtime.js';
import { connectionsTable, groupsTable, messagesTable, usersTable } from './shared/tables.js';
import type { ServiceCatalog } from './services.js';
import { DynamoAccountStore } from './accounts/account-store-dynamo.js';
import { DynamoConnectionStore } from './connections/connection-store-dynamo.js';
import { ApiGatewayConnectionGateway } from './connections/connection-gateway-apigw.js';
import { createWebhooks } from './webhooks/webhooks.js';
import { httpCallbackSender } from './webhooks/http-sender.js';
import { AFTER_CALLBACK_QUEUE, missingAfterCallbackQueue } from './webhooks/after-callback-queue.js';
import { SqsAfterCallbackQueue } from './webhooks/after-callback-queue-sqs.js';
import { DynamoGroupStore, DynamoGroupStoreView } from './groups/group-store-dynamo.js';
import * as g from './groups/group-store-dynamo.js';
import { dynamoGroupCount } from './groups/group-count-dynamo.js';
import { DynamoGroupListing } from './groups/group-listing-dynamo.js';
import { DynamoGroupConversationReads } from './groupmsg/group-conversation-reads-dynamo.js';
import { DynamoTopicConversationReads } from './topics/topic-conversation-reads-dynamo.js';
import { DynamoOfficialSubscriptionReads } from './official/official-subscription-reads-dynamo.js';
import { DynamoOfficialAccountReads } from './official/official-account-reads-dynamo.js';
import type { OfficialAccountReads } from './official/official-store.js';
import type { ConversationReads } from './c2c/conversations.js';
import type { AccountRemovalServices } from './groups/account-removal.js';
import type { ConnectionServices } from './connections/open-connection.js';
import { DynamoProfileStore } from './profile/profile-store-dynamo.js';
import { DynamoSnsStore } from './sns/sns-store-dynamo.js';
import { SnsPushGateway } from './push/push-gateway-sns.js';
import { parsePushApplications } from './push/push-applications.js';
import { noPushQueue, PUSH_QUEUE } from './push/push-queue.js';
import { SqsPushQueue } from './push/push-queue-sqs.js';
import { DynamoBroadcastStore } from './broadcast/broadcast-store-dynamo.js';
import { DynamoC2cStore, DynamoC2cView } from './c2c/c2c-store-dynamo.js';
import * as c from './c2c/c2c-store-dynamo.js';
import { DynamoConversationSettingsStore } from './c2c/conversation-settings-dynamo.js';
import type { ConversationsLambdaServices } from './conversations/services.js';
import { DynamoRelationshipChecks } from './sns/relationships-dynamo.js';
import { DynamoGroupMessageStore, DynamoGroupMessageView } from './groupmsg/groupmsg-store-dynamo.js';
import * as gm from './groupmsg/groupmsg-store-dynamo.js';
import { withOps, type StoreOps } from './shared/aws/store-view.js';
import { GROUP_FANOUT_QUEUE, inlineFanOut } from './groupmsg/fan-out-queue.js';
import { SqsGroupFanOutQueue } from './groupmsg/fan-out-queue-sqs.js';
import { DynamoRateCounter } from './shared/rest/rate-counter-dynamo.js';
import { DynamoGroupAttributeStore } from './groupattrs/group-attr-store-dynamo.js';
import { DynamoOfficialAccountStore } from './official/official-store-dynamo.js';
import { DynamoPinnedMessageStore } from './groupmsg/pinned-store-dynamo.js';
import { DynamoMessageExtensionStore } from './msgext/extension-store-dynamo.js';
import { DynamoTopicStore } from './topics/topic-store-dynamo.js';
import { DynamoPermissionGroupStore, DynamoPermissionGroupsBase, DynamoPermissionGroupsView } from './topics/permission-store-dynamo.js';
import * as pg from './topics/permission-store-dynamo.js';
import { MESSAGING_CLIENT } from './shared/aws/sdk-timeouts.js';

/**
 * One builder per service of the catalog, each importing only its own adapter: a Lambda's services-aws.ts
 * calls the builders of what it declares, and esbuild leaves the other adapters out of its bundle
 * (test/cdk/bundle-adapters.test.ts). Each takes the AwsContext, so every Lambda builds a store the same way.
 */
export type Builder<K extends keyof ServiceCatalog> = (aws: AwsContext) => ServiceCatalog[K];

export const clock: Builder<'clock'> = () => Date.now;
export const accounts: Builder<'accounts'> = (aws) => new DynamoAccountStore(aws.db, aws.table(usersTable));
export const connections: Builder<'connections'> = (aws) => new DynamoConnectionStore(aws.db, aws.table(connectionsTable));
export const gateway: Builder<'gateway'> = (aws) => new ApiGatewayConnectionGateway(aws.management());

/** Callbacks post with fetch; after-callbacks go through the SQS queue named by IM_WEBHOOK_QUEUE_URL. */
export const webhooks: Builder<'webhooks'> = (aws) => {
  const queueUrl = aws.env[AFTER_CALLBACK_QUEUE.envVar];
  if (!queueUrl && aws.config.webhook.url) throw new Error(`missing environment variable ${AFTER_CALLBACK_QUEUE.envVar} (webhook.url is set)`);
  const queue = queueUrl ? new SqsAfterCallbackQueue(aws.queueClient(), queueUrl) : missingAfterCallbackQueue;
  return createWebhooks({
    sdkAppId: aws.config.sdkAppId, webhook: aws.config.webhook, callbackToken: aws.secrets.callbackToken, send: httpCallbackSender(), queue, clock: Date.now,
  });
};

export const groups: Builder<'groups'> = (aws) => new DynamoGroupStore(aws.db, aws.table(groupsTable));
export const groupCount: Builder<'groupCount'> = (aws) => dynamoGroupCount(aws.db, aws.table(groupsTable));
export const profiles: Builder<'profiles'> = (aws) => new DynamoProfileStore(aws.db, aws.table(usersTable));
export const sns: Builder<'sns'> = (aws) => new DynamoSnsStore(aws.db, aws.table(usersTable));
export const push: Builder<'push'> = () => new SnsPushGateway(async () => new (await import('@aws-sdk/client-sns')).SNSClient({ ...MESSAGING_CLIENT }));
export const pushApplications: Builder<'pushApplications'> = (aws) => parsePushApplications(aws.env.IM_PUSH_APPLICATIONS);
export const pushQueue: Builder<'pushQueue'> = (aws) => {
  const url = aws.env[PUSH_QUEUE.envVar];
  return url ? new SqsPushQueue(aws.queueClient(), url) : noPushQueue;
};
export const broadcast: Builder<'broadcast'> = (aws) =>
  new DynamoBroadcastStore(aws.db, { users: aws.table(usersTable), messages: aws.table(messagesTable), connections: aws.table(connectionsTable) });
export const c2c: Builder<'c2c'> = (aws) => new DynamoC2cStore(aws.db, aws.table(messagesTable), aws.table(usersTable));
export const relationships: Builder<'relationships'> = (aws) => new DynamoRelationshipChecks(aws.db, aws.table(usersTable));
const groupMessageTables = (aws: AwsContext) => ({
  messages: aws.table(messagesTable), groups: aws.table(groupsTable), connections: aws.table(connectionsTable), users: aws.table(usersTable),
});
export const groupMessages: Builder<'groupMessages'> = (aws) => new DynamoGroupMessageStore(aws.db, groupMessageTables(aws), aws.config.retentionDays);
/** Large and AVChatRoom deliveries: the fan-out queue and its worker Lambda; in this process without one. */
export const groupFanOut: Builder<'groupFanOut'> = (aws) => {
  const url = aws.env[GROUP_FANOUT_QUEUE.envVar];
  return url ? new SqsGroupFanOutQueue(aws.queueClient(), url, aws.config.groupMessages) : inlineFanOut(aws.config.groupMessages);
};
export const rates: Builder<'rates'> = (aws) => new DynamoRateCounter(aws.db, aws.table(messagesTable));
export const groupAttributes: Builder<'groupAttributes'> = (aws) => new DynamoGroupAttributeStore(aws.db, aws.table(groupsTable));
export const pinnedMessages: Builder<'pinnedMessages'> = (aws) => new DynamoPinnedMessageStore(aws.db, aws.table(groupsTable));
export const messageExtensions: Builder<'messageExtensions'> = (aws) => new DynamoMessageExtensionStore(aws.db, aws.table(messagesTable));
const topicTables = (aws: AwsContext) => ({ groups: aws.table(groupsTable), messages: aws.table(messagesTable) });
export const topics: Builder<'topics'> = (aws) => new DynamoTopicStore(aws.db, topicTables(aws));
export const permissionGroups: Builder<'permissionGroups'> = (aws) => new DynamoPermissionGroupStore(aws.db, aws.table(groupsTable));
export const officialAccounts: Builder<'officialAccounts'> = (aws) => new DynamoOfficialAccountStore(aws.db, aws.table(groupsTable));

/**
 * Narrow views of stores, for a Lambda that uses a few operations of another feature's store: each view is a base class
 * of its store (the store extends it), so the Lambda that builds the view alone bundles those operations, not the
 * whole store. The conversation list's reads (functions/c2c/conversations.ts ConversationReads):
 */
export const conversationReads: { [K in keyof ConversationReads]: (aws: AwsContext) => ConversationReads[K] } = {
  groups: (aws) => new DynamoGroupListing(aws.db, aws.table(groupsTable)),
  groupMessages: (aws) => new DynamoGroupConversationReads(aws.db, groupMessageTables(aws), aws.config.retentionDays),
  topics: (aws) => new DynamoTopicConversationReads(aws.db, topicTables(aws)),
  officialAccounts: (aws) => new DynamoOfficialSubscriptionReads(aws.db, aws.table(groupsTable)),
};

/** An official account and one subscriber of it (`official.message`, in the c2c Lambda). */
export const officialAccountReads = (aws: AwsContext): OfficialAccountReads => new DynamoOfficialAccountReads(aws.db, aws.table(groupsTable));

/**
 * A view of the group message store with the operations named (functions of the store's base, groupmsg-store-dynamo.ts):
 * the Lambda's services type says which (`Uses<'groupMessages', ...>`), so one it lacks is a compile error.
 */
const groupMessageView = <M extends StoreOps<DynamoGroupConversationReads>>(aws: AwsContext, ops: M) =>
  withOps(new DynamoGroupMessageView(aws.db, groupMessageTables(aws), aws.config.retentionDays), ops);

const groupStoreView = <M extends StoreOps<DynamoGroupListing>>(aws: AwsContext, ops: M) => withOps(new DynamoGroupStoreView(aws.db, aws.table(groupsTable)), ops);
const permissionGroupsView = <M extends StoreOps<DynamoPermissionGroupsBase>>(aws: AwsContext, ops: M) =>
  withOps(new DynamoPermissionGroupsView(aws.db, aws.table(groupsTable)), ops);

/** Official accounts' messages and online index (functions/official/services.ts OfficialGroupMessageOps). */
export const officialGroupMessages = (aws: AwsContext) => {
  return groupMessageView(aws, {
    putMessage: gm.putMessage, range: gm.range, mark: gm.mark, online: gm.online, indexConnections: gm.indexConnections, unindexConnections: gm.unindexConnections,
    unindexMember: gm.unindexMember, setIndexedFlag: gm.setIndexedFlag, clearIndex: gm.clearIndex, pushCandidatePage: gm.pushCandidatePage, markNoPushDevice: gm.markNoPushDevice,
  });
};

/** Conversation lists, settings and deletion (conversations Lambda, functions/conversations/services.ts ConversationsC2cOps). */
export const conversationsC2c = (aws: AwsContext): ConversationsLambdaServices['c2c'] => {
  const view = new DynamoC2cView(aws.db, aws.table(messagesTable), aws.table(usersTable));
  const ops = withOps(view, {
    listEntries: c.listEntries, getStates: c.getStates, getState: c.getState, getMessages: c.getMessages, history: c.history, deleteEntry: c.deleteEntry,
    fillHoles: c.fillHoles, ensureEntry: c.ensureEntry, clearHistory: c.clearHistory,
  });
  return Object.assign(ops, { conversationSettings: new DynamoConversationSettingsStore(aws.db, aws.table(usersTable)) });
};

/** `$connect` and `$disconnect` (connections Lambda): the user's groups and their online index (functions/connections/open-connection.ts). */
export const connectionViews: { [K in 'groups' | 'groupMessages']: (aws: AwsContext) => ConnectionServices[K] } = {
  groups: (aws) => groupStoreView(aws, { removeMember: g.removeMember, stampPushRegistered: g.stampPushRegistered }),
  groupMessages: (aws) => groupMessageView(aws, { online: gm.online, indexConnections: gm.indexConnections, unindexConnections: gm.unindexConnections, unindexMember: gm.unindexMember }),
};

/** `account_delete` (accounts Lambda): the user leaves its groups and their permission groups (functions/groups/account-removal.ts). */
export const accountRemoval: { [K in 'groups' | 'groupMessages' | 'permissionGroups']: (aws: AwsContext) => AccountRemovalServices[K] } = {
  groups: (aws) => groupStoreView(aws, { getGroup: g.getGroup, updateGroup: g.updateGroup, removeMember: g.removeMember }),
  groupMessages: (aws) => groupMessageView(aws, { storeTip: gm.storeTip, online: gm.online, unindexConnections: gm.unindexConnections }),
  permissionGroups: (aws) => permissionGroupsView(aws, { groupsOf: pg.groupsOf, removeMember: pg.removeMember }),
};

/** Services from builders of any shape (the views above): one builder per name, each returning that name's type. */
export function buildViews<S>(aws: AwsContext, builders: { [K in keyof S]: (aws: AwsContext) => S[K] }): S {
  return Object.fromEntries(Object.entries(builders).map(([name, build]) => [name, (build as (aws: AwsContext) => unknown)(aws)])) as S;
}

/**
 * A Lambda's services from the builders it names: `buildServices<keyof C2cLambdaServices>(aws, { clock, c2c, ... })`
 * must name each service its type declares, and no other.
 */
export function buildServices<K extends keyof ServiceCatalog>(aws: AwsContext, builders: { [P in K]: Builder<P> }): Pick<ServiceCatalog, K> {
  return Object.fromEntries(Object.entries(builders).map(([name, build]) => [name, (build as Builder<K>)(aws)])) as Pick<ServiceCatalog, K>;
}
