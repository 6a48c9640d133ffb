import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { routes } from '../functions/routes.js';
import { FEATURES, type Feature, type RoutedFeature } from '../functions/shared/features.js';
import type { Route } from '../functions/shared/route.js';
import { connectionsTable, groupsTable, messagesTable, tables, usersTable } from '../functions/shared/tables.js';
import { AFTER_CALLBACK_QUEUE } from '../functions/webhooks/after-callback-queue.js';
import { PUSH_QUEUE } from '../functions/push/push-queue.js';
import { GROUP_FANOUT_QUEUE } from '../functions/groupmsg/fan-out-queue.js';
import { ApiGatewayLogsRole } from './constructs/api-gateway-logs-role.js';
import { AppSecret } from './constructs/app-secret.js';
import { HistoryArchive } from './constructs/history-archive.js';
import { ImFunction } from './constructs/im-function.js';
import { ImHttpApi } from './constructs/im-http-api.js';
import { ImTables } from './constructs/im-tables.js';
import { DEFAULT_THROTTLE as WEBSOCKET_DEFAULT_THROTTLE, ImWebSocketApi } from './constructs/im-websocket-api.js';
import { grantPublish, grantPush } from './constructs/push-access.js';
import { PushPlatformApplications } from './constructs/push-platform-applications.js';
import { WebhookQueue } from './constructs/webhook-queue.js';
import { WorkerQueue } from './constructs/worker-queue.js';
import { acknowledgeWildcardResource } from './nag.js';
import { isRoutedFeature, planRoutes } from './route-plan.js';
import { appConfigOf, resolveSettings, type ImSettings, type ImSettingsProps } from './settings.js';

export interface ImStackProps extends StackProps, ImSettingsProps {
  /** The route list; functions/routes.ts unless a test projects a larger surface onto the same features. */
  routes?: readonly Route[];
  /** One role for the Lambdas granted the same (default); `false` gives each its own (tests compare the two). */
  shareRoles?: boolean;
}

/**
 * Routed features granted more than every routed feature is, so they keep a role of their own: `history` reads the
 * message-log bucket (HistoryArchive.grantServe). Every other routed Lambda is granted exactly the same (tables,
 * @connections, push, the three queues, the secret) and shares one role: 2 resources (role, policy) fewer each.
 */
const OWN_ROLE: ReadonlySet<Feature> = new Set(['history']);

/** `accounts` -> `Accounts`: construct ids, hence logical ids and console names. */
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The whole backend: tables, the app secret, one Lambda per feature, the
 * Tencent-style REST API, the WebSocket API and the after-callback queue.
 * What gets routed where comes from the route list (functions/routes.ts),
 * never from this file.
 */
export class ImStack extends Stack {
  readonly settings: ImSettings;
  /** One Lambda per feature of the route plan, the authorizer and the after-callback consumer included. */
  readonly functions: ReadonlyMap<Feature, ImFunction>;
  readonly httpApi: ImHttpApi;
  readonly webSocketApi: ImWebSocketApi;
  readonly webhookQueue: WebhookQueue;
  /** Offline pushes and broadcast fan-out, consumed by the `pushworker` Lambda. */
  readonly pushQueue: WorkerQueue;
  /** Large and AVChatRoom group-message deliveries, consumed by the `groupfanout` Lambda. */
  readonly groupFanOutQueue: WorkerQueue;
  /** The message log behind open_msg_svc/get_history: bucket and stream archiver. */
  readonly messageLog: HistoryArchive;

  constructor(scope: Construct, id: string, props: ImStackProps = {}) {
    super(scope, id, props);
    const settings = this.settings = resolveSettings(props, (key) => this.node.tryGetContext(key));
    const plan = planRoutes(props.routes ?? routes);

    const data = new ImTables(this, 'Tables', { definitions: tables });
    const { secret } = new AppSecret(this, 'AppSecret', settings.secretArn ? { secretArn: settings.secretArn } : {});
    // Applications made from credentials in Secrets Manager join the given ARNs, wired the same way;
    // IAM names them by their known ARN, the environment by the custom resource's answer.
    const created = settings.pushCredentialSecrets && Object.keys(settings.pushCredentialSecrets).length > 0
      ? new PushPlatformApplications(this, 'PushApplications', {
        secrets: settings.pushCredentialSecrets, logRetention: settings.logRetention,
        ...(settings.pushCredentialsRevision !== undefined && { revision: settings.pushCredentialsRevision }),
      })
      : undefined;
    const pushApplications: Record<string, string> = { ...settings.pushPlatformApplicationArns, ...created?.applicationArns };
    const pushPolicyArns = [...Object.values(settings.pushPlatformApplicationArns ?? {}), ...(created?.policyArns ?? [])];

    const sharedRole = props.shareRoles === false ? undefined : new Role(this, 'RoutedRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Routed feature Lambdas granted the same: tables, @connections, push, queues, the app secret, their own log groups',
    });
    const functions = this.functions = new Map(plan.functions.map((feature) => [feature, new ImFunction(this, pascal(feature), {
      ...(sharedRole && isRoutedFeature(feature) && !OWN_ROLE.has(feature) && { role: sharedRole }),
      entry: FEATURES[feature].entry,
      description: FEATURES[feature].description,
      logRetention: settings.logRetention,
      ...(settings.reservedConcurrency?.[feature] !== undefined && { reservedConcurrency: settings.reservedConcurrency[feature] }),
      environment: {
        IM_APP_CONFIG: JSON.stringify(appConfigOf(settings)),
        // Only the ARN: the key is fetched at cold start and never sits in the environment.
        IM_SECRET_ARN: secret.secretArn,
        ...(Object.keys(pushApplications).length > 0 && { IM_PUSH_APPLICATIONS: this.toJsonString(pushApplications) }),
      },
    })] as const));
    const routed = new Map<RoutedFeature, ImFunction>();
    for (const [feature, fn] of functions) if (isRoutedFeature(feature)) routed.set(feature, fn);
    const routedFunctions = new Map([...routed].map(([feature, fn]) => [feature, fn.function]));
    const authorizer = functions.get('authorizer');
    if (!authorizer) throw new Error('the authorizer Lambda is missing from the route plan');
    const webhooks = functions.get(AFTER_CALLBACK_QUEUE.consumer);
    if (!webhooks) throw new Error(`the ${AFTER_CALLBACK_QUEUE.consumer} Lambda is missing from the route plan`);

    const queue = this.webhookQueue = new WebhookQueue(this, 'WebhookQueue', { consumerTimeout: webhooks.function.timeout! });
    queue.consumeWith(webhooks.function);
    const pushWorker = functions.get(PUSH_QUEUE.consumer);
    if (!pushWorker) throw new Error(`the ${PUSH_QUEUE.consumer} Lambda is missing from the route plan`);
    // A notification an hour late is noise; a broadcast job keeps its own MsgLifeTime in its stored task.
    const pushQueue = this.pushQueue = new WorkerQueue(this, 'PushQueue', { consumerTimeout: pushWorker.function.timeout!, retentionPeriod: Duration.hours(1) });
    pushQueue.consumeWith(pushWorker.function);
    const fanOutWorker = functions.get(GROUP_FANOUT_QUEUE.consumer);
    if (!fanOutWorker) throw new Error(`the ${GROUP_FANOUT_QUEUE.consumer} Lambda is missing from the route plan`);
    // Live copies of group messages: minutes late they are worthless (the message is in history).
    const groupFanOutQueue = this.groupFanOutQueue = new WorkerQueue(this, 'GroupFanOutQueue', { consumerTimeout: fanOutWorker.function.timeout!, retentionPeriod: Duration.minutes(5) });
    groupFanOutQueue.consumeWith(fanOutWorker.function);

    const http = this.httpApi = new ImHttpApi(this, 'Rest', {
      rest: plan.rest, httpActions: plan.httpActions, restDefault: plan.restDefault, functions: routedFunctions, logRetention: settings.logRetention,
      clientThrottle: settings.webSocketThrottle ?? WEBSOCKET_DEFAULT_THROTTLE,
      ...(settings.restThrottle && { throttle: settings.restThrottle }),
    });
    const ws = this.webSocketApi = new ImWebSocketApi(this, 'WebSocket', {
      ws: plan.ws,
      wsDefault: plan.wsDefault,
      functions: routedFunctions,
      authorizer: authorizer.function,
      stageName: settings.stageName,
      logRetention: settings.logRetention,
      ...(settings.webSocketThrottle && { throttle: settings.webSocketThrottle }),
    });
    if (settings.configureApiGatewayLogsRole) ws.stage.node.addDependency(new ApiGatewayLogsRole(this, 'ApiGatewayLogs'));

    // Grants go to each role once, whichever Lambdas share it.
    const rolesOf = (fns: Iterable<ImFunction>) => new Set([...fns].map((fn) => fn.role));
    for (const role of rolesOf(functions.values())) secret.grantRead(role);
    for (const fn of functions.values()) {
      data.exposeNames(fn.function);
      // The runtime builds its management-API client and its webhooks at cold start, in every function;
      // with a callback URL set, a function without the queue URL refuses to start.
      fn.function.addEnvironment('IM_CONNECTIONS_ENDPOINT', ws.stage.callbackUrl);
      fn.function.addEnvironment(AFTER_CALLBACK_QUEUE.envVar, queue.queue.queueUrl);
      fn.function.addEnvironment(PUSH_QUEUE.envVar, pushQueue.queue.queueUrl);
      fn.function.addEnvironment(GROUP_FANOUT_QUEUE.envVar, groupFanOutQueue.queue.queueUrl);
    }
    // The authorizer only checks UserSigs and looks the account up.
    data.table(usersTable).grantReadData(authorizer.role);
    // What stage.grantManagementApiAccess grants, spelled out for the cdk-nag acknowledgement.
    const connectionsArn = `${this.formatArn({ service: 'execute-api', resource: ws.api.apiId })}/${ws.stage.stageName}/*/@connections/*`;
    for (const role of rolesOf(routed.values())) {
      data.grantReadWriteData(role);
      ws.stage.grantManagementApiAccess(role);
      acknowledgeWildcardResource(role, connectionsArn,
        "Routed functions reply and push to whichever connections a user holds; API Gateway mints connection ids at $connect, so the grant can only name this stage's @connections, not single connections.");
      grantPush(role, pushPolicyArns);
      // After-callbacks (State.StateChange from connections included) are queued, never posted inline.
      queue.queue.grantSendMessages(role);
      pushQueue.queue.grantSendMessages(role);
      groupFanOutQueue.queue.grantSendMessages(role);
    }
    // The push worker reads devices, unread counts and push tags, drops dead devices, publishes,
    // and (broadcasts) posts to connections and queues the next page of its fan-out.
    data.table(usersTable).grantReadData(pushWorker.role);
    data.table(messagesTable).grantReadData(pushWorker.role);
    // The badge counts group unread: the user's groups (byMember index) and their counters.
    data.table(groupsTable).grantReadData(pushWorker.role);
    acknowledgeWildcardResource(pushWorker.role, `${data.table(groupsTable).tableArn}/index/*`,
      'The push worker queries the Groups table\'s byMember index for a user\'s groups (the badge); index ARNs are only addressable as <table>/index/<name>, and the grant covers this table\'s indexes only.');
    data.table(connectionsTable).grantReadWriteData(pushWorker.role);
    ws.stage.grantManagementApiAccess(pushWorker.role);
    acknowledgeWildcardResource(pushWorker.role, connectionsArn,
      'The push worker delivers broadcasts to whichever connections users hold; API Gateway mints connection ids at $connect, so the grant can only name this stage\'s @connections, not single connections.');
    grantPublish(pushWorker.role, pushPolicyArns);
    pushQueue.queue.grantSendMessages(pushWorker.role);
    // The group fan-out worker posts to connections and drops gone ones (their record and online-index entries).
    data.table(connectionsTable).grantReadWriteData(fanOutWorker.role);
    ws.stage.grantManagementApiAccess(fanOutWorker.role);
    acknowledgeWildcardResource(fanOutWorker.role, connectionsArn,
      'The group fan-out worker posts to the connections of a group\'s online index; API Gateway mints connection ids at $connect, so the grant can only name this stage\'s @connections, not single connections.');
    // Offline push of large groups: the worker reads member pages, queues the next page on its own queue
    // and hands offline members with a device to the push worker.
    data.table(groupsTable).grantReadData(fanOutWorker.role);
    acknowledgeWildcardResource(fanOutWorker.role, `${data.table(groupsTable).tableArn}/index/*`,
      'grantReadData covers the Groups table\'s indexes, addressable only as <table>/index/<name>; the worker reads member pages from the table itself.');
    groupFanOutQueue.queue.grantSendMessages(fanOutWorker.role);
    pushQueue.queue.grantSendMessages(fanOutWorker.role);

    // The message log: its archiver reads the Messages stream and writes the bucket; only the history Lambda reads it.
    const messageLog = this.messageLog = new HistoryArchive(this, 'MessageLog', {
      messages: data.table(messagesTable), retentionDays: settings.retentionDays, logRetention: settings.logRetention,
      appConfig: JSON.stringify(appConfigOf(settings)),
    });
    const history = functions.get('history');
    if (history) messageLog.grantServe(history);

    new CfnOutput(this, 'HttpApiUrl', { value: http.url, description: 'REST base URL: POST {url}v4/{service}/{command}?sdkappid=...&identifier=...&usersig=...' });
    new CfnOutput(this, 'WebSocketUrl', { value: ws.stage.url, description: 'Client URL: {url}?sdkappid=...&userid=...&usersig=...' });
    new CfnOutput(this, 'SecretArn', { value: secret.secretArn, description: 'Secrets Manager secret holding {"secretKey", "callbackToken"}; read secretKey to generate UserSigs' });
    new CfnOutput(this, 'SdkAppId', { value: String(settings.sdkAppId), description: 'SDKAppID clients and REST callers must present' });
  }
}
