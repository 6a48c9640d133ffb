import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { awsContext } from '../../functions/shared/aws/load-runtime.js';
import { configFromEnv } from '../../functions/aws-runtime.js';
import { LAMBDA_SERVICES } from '../support/lambda-services.js';
import { parseAppConfig } from '../../functions/app-config.js';
import type { Feature } from '../../functions/shared/features.js';
import { restPath, type RestRoute, type WsRoute } from '../../functions/shared/route.js';
import { groupsTable, tables, usersTable } from '../../functions/shared/tables.js';
import { AFTER_CALLBACK_QUEUE } from '../../functions/webhooks/after-callback-queue.js';
import { ImStack, type ImStackProps } from '../../lib/im-stack.js';
import { isRoutedFeature, planRoutes } from '../../lib/route-plan.js';

// ---- Prepare: synthesize the way `cdk synth` does ---------------------------------------

/** cdk.json's context (feature flags, `im:*` settings), so the tests see the template `cdk synth` makes. */
const cdkContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

/** CloudFormation JSON: untyped on purpose, every use is an assertion. */
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string };

interface Synthesized {
  app: App;
  stack: ImStack;
  template: Template;
  resources: Record<string, Resource>;
  idOf(construct: IConstruct): string;
}

/** `bundle: false` skips esbuild, for variants that only check settings and wiring. */
function synth(props: ImStackProps = {}, options: { bundle?: boolean; context?: Record<string, unknown> } = {}): Synthesized {
  const app = new App({ context: { ...cdkContext, ...options.context, ...(options.bundle === false && { 'aws:cdk:bundling-stacks': [] }) } });
  const stack = new ImStack(app, 'Im', { env: { account: '123456789012', region: 'eu-west-1' }, ...props });
  const template = Template.fromStack(stack);
  const idOf = (construct: IConstruct) => stack.resolve(((construct.node.defaultChild ?? construct) as CfnElement).logicalId) as string;
  return { app, stack, template, resources: template.toJSON().Resources as Record<string, Resource>, idOf };
}

const json = (value: unknown) => JSON.stringify(value);
const ofType = (s: Synthesized, type: string) => Object.entries(s.resources).filter(([, r]) => r.Type === type);
/** The resource a `Fn::GetAtt [id, Arn]` names, possibly inside a join. */
const getAttIdIn = (value: unknown) => /"Fn::GetAtt":\["(\w+)","Arn"\]/.exec(json(value))?.[1];
const fnId = (s: Synthesized, feature: Feature) => s.idOf(s.stack.functions.get(feature)!.function);
const envOf = (s: Synthesized, feature: Feature): Record<string, unknown> => s.resources[fnId(s, feature)]!.Properties.Environment.Variables;

/** Route key -> route resource, for one API. */
function routesOf(s: Synthesized, api: IConstruct): Map<string, Resource> {
  const ref = json({ Ref: s.idOf(api) });
  return new Map(ofType(s, 'AWS::ApiGatewayV2::Route')
    .filter(([, r]) => json(r.Properties.ApiId) === ref)
    .map(([, r]) => [r.Properties.RouteKey as string, r]));
}

/** The OpenAPI document the HTTP API imports (its Body). */
const openApiOf = (s: Synthesized) => s.resources[s.idOf(s.stack.httpApi.resource)]!.Properties.Body as {
  paths: Record<string, Record<string, { isDefaultRoute?: boolean; 'x-amazon-apigateway-integration': { $ref: string } }>>;
  components: Record<string, Record<string, { uri: unknown }>>;
};

/** HTTP API route key -> the Lambda its integration invokes, from the OpenAPI body. */
function restRoutesOf(s: Synthesized): Map<string, string | undefined> {
  const { paths, components } = openApiOf(s);
  const lambdaOf = (ref: string) => getAttIdIn(components['x-amazon-apigateway-integrations']![ref.split('/').pop()!]?.uri);
  const out = new Map<string, string | undefined>();
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const key = method === 'x-amazon-apigateway-any-method' && operation.isDefaultRoute ? '$default' : `${method.toUpperCase()} ${path}`;
      out.set(key, lambdaOf(operation['x-amazon-apigateway-integration'].$ref));
    }
  }
  return out;
}

const routeIdOf = (s: Synthesized, route: Resource) => Object.entries(s.resources).find(([, r]) => r === route)![0];

/** The Lambda behind a route: `integrations/<Ref>` -> the integration's URI. */
function targetOf(s: Synthesized, route: Resource): string | undefined {
  const integrationId = /"Ref":"(\w+)"/.exec(json(route.Properties.Target))?.[1];
  return integrationId ? getAttIdIn(s.resources[integrationId]?.Properties.IntegrationUri) : undefined;
}

type Statement = { Action: string | string[]; Resource: unknown };
/** Every statement of the inline policies on a function's role. */
function statementsOf(s: Synthesized, feature: Feature): Statement[] {
  const roleRef = json({ Ref: s.idOf(s.stack.functions.get(feature)!.role) });
  return ofType(s, 'AWS::IAM::Policy')
    .filter(([, p]) => json(p.Properties.Roles).includes(roleRef))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((st) => [st.Action].flat());
const onResource = (statements: Statement[], fragment: string) => statements.filter((st) => json(st.Resource).includes(fragment));

const routedFeatures = (s: Synthesized) => [...s.stack.functions.keys()].filter(isRoutedFeature);

const restRoutes = routes.filter((r): r is RestRoute => r.transport === 'rest');
const wsRoutes = routes.filter((r): r is WsRoute => r.transport === 'ws');
const plan = planRoutes(routes);

let base: Synthesized;
beforeAll(() => {
  base = synth();
}, 180_000); // 15 esbuild bundles; on a loaded 2-core machine the synth took over 60 s (fresh-clone CI, 2026-12-07)

// ---- Assess ----------------------------------------------------------------------------

describe('Lambdas', () => {
  it('exist once per routed feature, plus the $connect authorizer, connections and the queue consumers', () => {
    const expected = new Set<Feature>(['authorizer', 'connections', 'webhooks', 'pushworker', 'groupfanout', ...routes.map((r) => r.feature)]);
    expect(new Set(base.stack.functions.keys())).toEqual(expected);
    // And one Lambda that is not a feature: the message-log archiver (lib/constructs/history-archive.ts).
    expect(ofType(base, 'AWS::Lambda::Function')).toHaveLength(expected.size + 1);
  });

  it('run Node 22 on arm64 and log to their own group with a retention', () => {
    for (const feature of base.stack.functions.keys()) {
      const props = base.resources[fnId(base, feature)]!.Properties;
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const logGroup = base.resources[props.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    }
  });

  it('are ESM bundles that leave the AWS SDK to the runtime', () => {
    const manifest = JSON.parse(readFileSync(join(base.app.outdir, 'Im.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string } }> };
    for (const feature of base.stack.functions.keys()) {
      const key = base.resources[fnId(base, feature)]!.Properties.Code.S3Key as string;
      const bundle = readFileSync(join(base.app.outdir, manifest.files[key.replace(/\.zip$/, '')]!.source.path, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      // Loaded with require() through the shims of lib/bundling.ts (AWS_SDK_ALIASES), never imported as ESM.
      expect(bundle).toMatch(/\("@aws-sdk\/client-dynamodb"\)/);
      expect(bundle).not.toMatch(/from\s*"@aws-sdk\//);
      // One bundled SDK client alone weighs hundreds of KB; the per-Lambda budget is test/cdk/bundle-size.test.ts.
      expect(bundle.length).toBeLessThan(300_000);
    }
  });
});

describe('REST API', () => {
  it('has POST /v4/{service}/{command} per REST service, to the Lambda serving most of its commands, and literal routes for the others', () => {
    const byKey = restRoutesOf(base);
    const services = new Set(restRoutes.map((r) => r.service));
    expect([...byKey.keys()].filter((k) => k.endsWith('/{command}')).sort()).toEqual([...services].map((s) => `POST /v4/${s}/{command}`).sort());
    for (const route of restRoutes) {
      const key = byKey.has(`POST /v4/${restPath(route)}`) ? `POST /v4/${restPath(route)}` : `POST /v4/${route.service}/{command}`;
      expect(byKey.get(key), restPath(route)).toBe(fnId(base, route.feature));
    }
  });

  it('sends every other request ($default) to connections, which answers 60009', () => {
    const byKey = restRoutesOf(base);
    expect(byKey.get('$default')).toBe(fnId(base, 'connections'));
    expect(byKey.size).toBe(plan.rest.length + plan.httpActions.length + 1);
  });

  it('routes each client action over HTTPS to its feature, throttled per route like the WebSocket stage', () => {
    const byKey = restRoutesOf(base);
    expect(plan.httpActions.map((e) => e.routeKey)).toContain('POST /im/c2c.send');
    for (const e of plan.httpActions) expect(byKey.get(e.routeKey), e.routeKey).toBe(fnId(base, e.feature));
    const stages = ofType(base, 'AWS::ApiGatewayV2::Stage').filter(([, r]) => json(r.Properties.ApiId) === json({ Ref: base.idOf(base.stack.httpApi.resource) }));
    expect(stages).toHaveLength(1);
    expect(stages[0]![1].Properties.RouteSettings).toEqual(Object.fromEntries(plan.httpActions.map((e) => [e.routeKey, { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 }])));
  });

  it('imports its routes and integrations from an OpenAPI body: no Route or Integration resources, no fields API Gateway refuses beside a Body', () => {
    const httpRef = json({ Ref: base.idOf(base.stack.httpApi.resource) });
    for (const type of ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Integration']) {
      expect(ofType(base, type).filter(([, r]) => json(r.Properties.ApiId) === httpRef), type).toHaveLength(0);
    }
    expect(Object.keys(base.resources[base.idOf(base.stack.httpApi.resource)]!.Properties)).toEqual(['Body']);
  });

  it('uses one Lambda proxy integration with payload 2.0 per feature', () => {
    const integrations = Object.values(openApiOf(base).components['x-amazon-apigateway-integrations'] as Record<string, Record<string, unknown>>);
    expect(integrations).toHaveLength(new Set([...plan.rest.map((e) => e.feature), 'connections']).size);
    for (const integration of integrations) expect(integration).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST', payloadFormatVersion: '2.0' });
  });

  it('lets API Gateway invoke each routed Lambda once for the whole API, not once per route', () => {
    for (const feature of new Set([...plan.rest.map((e) => e.feature), 'connections' as const])) {
      const permissions = ofType(base, 'AWS::Lambda::Permission')
        .filter(([, p]) => json(p.Properties.FunctionName).includes(`"${fnId(base, feature)}"`) && json(p.Properties.SourceArn).includes(base.idOf(base.stack.httpApi.resource)));
      expect(permissions, feature).toHaveLength(1);
      expect(permissions[0]![1].Properties.Principal).toBe('apigateway.amazonaws.com');
    }
  });

  it('deploys a throttled $default stage whose access log leaves out the query string (UserSig)', () => {
    const [, stage] = ofType(base, 'AWS::ApiGatewayV2::Stage').find(([, r]) => r.Properties.StageName === '$default')!;
    expect(stage.Properties).toMatchObject({ AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 } });
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toHaveProperty('requestId', '$context.requestId');
    expect(format).not.toMatch(/querystring|usersig/i);
    expect(base.resources[getAttIdIn(stage.Properties.AccessLogSettings.DestinationArn)!]!.Type).toBe('AWS::Logs::LogGroup');
  });
});

describe('WebSocket API', () => {
  it('routes on the body\'s action', () => {
    base.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
  });

  it('has a route per action outside the $default feature, to its feature Lambda, answering on the route response', () => {
    const byKey = routesOf(base, base.stack.webSocketApi.api);
    expect(wsRoutes.length).toBeGreaterThan(0);
    for (const route of [...plan.ws.map((e) => ({ key: e.action, feature: e.feature })), { key: '$default', feature: plan.wsDefault }]) {
      const resource = byKey.get(route.key);
      expect(resource, route.key).toBeDefined();
      expect(targetOf(base, resource!)).toBe(fnId(base, route.feature));
      expect(resource!.Properties.RouteResponseSelectionExpression).toBe('$default');
      base.template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteId: { Ref: routeIdOf(base, resource!) }, RouteResponseKey: '$default' });
    }
  });

  it('serves the actions of the feature with the most of them on $default, without routes of their own', () => {
    const byKey = routesOf(base, base.stack.webSocketApi.api);
    const onDefault = wsRoutes.filter((r) => r.feature === plan.wsDefault);
    expect(onDefault.length).toBe(Math.max(...[...new Set(wsRoutes.map((r) => r.feature))].map((f) => wsRoutes.filter((r) => r.feature === f).length)));
    for (const route of onDefault) expect(byKey.has(route.action), route.action).toBe(false);
    expect(byKey.size).toBe(plan.ws.length + 3);
  });

  it('checks the UserSig on $connect with the REQUEST authorizer, then opens the connection in connections', () => {
    const connect = routesOf(base, base.stack.webSocketApi.api).get('$connect')!;
    expect(connect.Properties.AuthorizationType).toBe('CUSTOM');
    const authorizer = base.resources[connect.Properties.AuthorizerId.Ref]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.usersig', 'route.request.querystring.userid', 'route.request.querystring.sdkappid'],
    });
    expect(getAttIdIn(authorizer.Properties.AuthorizerUri)).toBe(fnId(base, 'authorizer'));
    expect(targetOf(base, connect)).toBe(fnId(base, 'connections'));
    base.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId(base, 'authorizer'), 'Arn'] }, Principal: 'apigateway.amazonaws.com',
    });
  });

  it('closes connections in connections on $disconnect', () => {
    const disconnect = routesOf(base, base.stack.webSocketApi.api).get('$disconnect')!;
    expect(targetOf(base, disconnect)).toBe(fnId(base, 'connections'));
  });

  it('lets API Gateway invoke each routed Lambda once for the whole API, not once per route', () => {
    for (const feature of ['connections', ...wsRoutes.map((r) => r.feature)] as Feature[]) {
      const permissions = ofType(base, 'AWS::Lambda::Permission')
        .filter(([, p]) => json(p.Properties.FunctionName).includes(`"${fnId(base, feature)}"`) && json(p.Properties.SourceArn).includes(base.idOf(base.stack.webSocketApi.api)));
      expect(permissions).toHaveLength(1);
    }
  });

  it('deploys the named stage with throttling and access logs, after the account logging role is set', () => {
    const [, stage] = ofType(base, 'AWS::ApiGatewayV2::Stage').find(([, r]) => r.Properties.StageName === 'prod')!;
    expect(stage.Properties).toMatchObject({ AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 } });
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/querystring|usersig/i);
    const account = ofType(base, 'AWS::ApiGateway::Account')[0]!;
    expect(stage.DependsOn).toContain(account[0]);
  });
});

describe('tables', () => {
  it('are on-demand, point-in-time recoverable, retained, with TTL and indexes as declared', () => {
    for (const def of tables) {
      const table = base.resources[base.idOf(base.stack.node.findChild('Tables').node.findChild(def.id))]!;
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        KeySchema: [{ AttributeName: def.partitionKey.name, KeyType: 'HASH' }, ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : [])],
      });
      expect(table.Properties.TimeToLiveSpecification).toEqual(def.timeToLiveAttribute ? { AttributeName: def.timeToLiveAttribute, Enabled: true } : undefined);
      expect((table.Properties.GlobalSecondaryIndexes ?? []).map((i: { IndexName: string }) => i.IndexName))
        .toEqual((def.globalSecondaryIndexes ?? []).map((i) => i.indexName));
    }
  });

  it('are named to every Lambda in their envVar', () => {
    for (const feature of base.stack.functions.keys()) {
      for (const def of tables) {
        expect(envOf(base, feature)[def.envVar]).toEqual({ Ref: base.idOf(base.stack.node.findChild('Tables').node.findChild(def.id)) });
      }
    }
  });
});

describe('permissions', () => {
  it('let routed Lambdas read and write items on every table, and reach this stage\'s @connections', () => {
    for (const feature of routedFeatures(base)) {
      const statements = statementsOf(base, feature);
      for (const def of tables) {
        const tableId = base.idOf(base.stack.node.findChild('Tables').node.findChild(def.id));
        expect(actionsOf(onResource(statements, `"${tableId}"`))).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
      }
      expect(actionsOf(statements)).not.toContain('dynamodb:DeleteTable');
      expect(actionsOf(onResource(statements, '/prod/*/@connections/*'))).toEqual(['execute-api:ManageConnections']);
    }
  });

  it('give the routed Lambdas granted the same one role, with no grant more or less than roles of their own would have', () => {
    const own = synth({ shareRoles: false }, { bundle: false });
    const fn = (s: Synthesized, feature: Feature) => s.stack.functions.get(feature)!;
    const logsOf = (s: Synthesized, feature: Feature) => `"${s.idOf(fn(s, feature).node.findChild('Logs'))}"`;
    // Every (action, resource, condition) a statement grants, so merged or split statements compare alike.
    const grants = (statements: Statement[]) => new Set(statements.flatMap((st) => [st.Action].flat()
      .flatMap((a) => [st.Resource].flat().map((r) => `${a} ${json(r)} ${json((st as { Condition?: unknown }).Condition ?? null)}`))));
    const sharing = routedFeatures(base).filter((f) => fn(base, f).sharesRole);
    expect(sharing.length).toBeGreaterThanOrEqual(8);
    expect(new Set(sharing.map((f) => fn(base, f).role)).size).toBe(1);
    // history also reads the message-log bucket; the queue consumers and the authorizer have grants of their own.
    for (const f of [...base.stack.functions.keys()].filter((f) => !(sharing as Feature[]).includes(f))) expect(fn(base, f).sharesRole, f).toBe(false);
    expect(sharing).not.toContain('history');
    const shared = grants(statementsOf(base, sharing[0]!));
    const sharedLogs = [...shared].filter((g) => sharing.some((f) => g.includes(logsOf(base, f))));
    for (const feature of sharing) {
      const alone = grants(statementsOf(own, feature));
      const withoutLogs = (set: Set<string>, s: Synthesized) => [...set].filter((g) => !sharing.some((f) => g.includes(logsOf(s, f)))).sort();
      expect(withoutLogs(shared, base), feature).toEqual(withoutLogs(alone, own));
      // Its own log group's grant is on the shared role as it was on its own.
      const ownLogs = [...alone].filter((g) => g.includes(logsOf(own, feature)));
      expect(ownLogs.length, feature).toBeGreaterThan(0);
      expect(sharedLogs, feature).toEqual(expect.arrayContaining(ownLogs));
    }
    // The only widening: the sharers may write to each other's log groups (logs:CreateLogStream, logs:PutLogEvents).
    expect(sharedLogs.every((g) => /^logs:(CreateLogStream|PutLogEvents) /.test(g))).toBe(true);
  });

  it('let the authorizer only read the Users table', () => {
    const statements = statementsOf(base, 'authorizer');
    const dynamo = statements.filter((st) => actionsOf([st]).some((a) => a.startsWith('dynamodb:')));
    expect(json(dynamo.map((st) => st.Resource))).toBe(json([{ 'Fn::GetAtt': [base.idOf(base.stack.node.findChild('Tables').node.findChild(usersTable.id)), 'Arn'] }]));
    expect(actionsOf(dynamo).every((a) => /^dynamodb:(BatchGet|Get|Query|Scan|Describe|ConditionCheck)/.test(a))).toBe(true);
    expect(actionsOf(statements)).not.toContain('execute-api:ManageConnections');
  });

  it('let every Lambda read the app secret and nothing else in Secrets Manager', () => {
    const secretRef = json({ Ref: base.idOf(base.stack.node.findChild('AppSecret').node.findChild('Secret')) });
    for (const feature of base.stack.functions.keys()) {
      const secrets = statementsOf(base, feature).filter((st) => actionsOf([st]).some((a) => a.startsWith('secretsmanager:')));
      expect(secrets.map((st) => json(st.Resource))).toEqual([secretRef]);
      expect(actionsOf(secrets)).toContain('secretsmanager:GetSecretValue');
    }
  });

  it('grant nothing in SNS when no push application is configured', () => {
    expect(json(base.template.toJSON())).not.toContain('sns:');
  });
});

describe('after-callback queue', () => {
  const queueId = (s: Synthesized) => s.idOf(s.stack.webhookQueue.queue);
  const deadLettersId = (s: Synthesized) => s.idOf(s.stack.webhookQueue.deadLetterQueue);
  const sqsActionsOn = (s: Synthesized, feature: Feature) =>
    actionsOf(statementsOf(s, feature).filter((st) => [st.Resource].flat().some((r) => json(r) === json({ 'Fn::GetAtt': [queueId(s), 'Arn'] }))));

  it('is encrypted and refuses requests without TLS, and so is its dead-letter queue', () => {
    for (const id of [queueId(base), deadLettersId(base)]) {
      expect(base.resources[id]!.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policies = ofType(base, 'AWS::SQS::QueuePolicy').filter(([, p]) => json(p.Properties.Queues) === json([{ Ref: id }]));
      expect(policies, id).toHaveLength(1);
      expect(policies[0]![1].Properties.PolicyDocument.Statement).toContainEqual({
        Action: 'sqs:*', Effect: 'Deny', Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Resource: { 'Fn::GetAtt': [id, 'Arn'] },
      });
    }
  });

  it('keeps after-callbacks a day, hides a batch for 6x the consumer timeout, and dead-letters what keeps failing', () => {
    const props = base.resources[queueId(base)]!.Properties;
    const consumerTimeout = base.resources[fnId(base, 'webhooks')]!.Properties.Timeout as number;
    expect(props.MessageRetentionPeriod).toBe(24 * 3600);
    expect(props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumerTimeout);
    expect(props.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId(base), 'Arn'] }, maxReceiveCount: 5 });
    expect(base.resources[deadLettersId(base)]!.Properties.RedrivePolicy).toBeUndefined();
  });

  it('triggers the webhooks Lambda in batches, without batch item failures (after-callbacks are never retried)', () => {
    expect(AFTER_CALLBACK_QUEUE.consumer).toBe('webhooks');
    const mappings = ofType(base, 'AWS::Lambda::EventSourceMapping')
      .filter(([, m]) => json(m.Properties.EventSourceArn) === json({ 'Fn::GetAtt': [queueId(base), 'Arn'] }));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': [queueId(base), 'Arn'] },
      FunctionName: { Ref: fnId(base, 'webhooks') },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
    });
  });

  it('lets the webhooks Lambda consume the queue and read the secret, and touch no table, connection or push endpoint', () => {
    expect(sqsActionsOn(base, 'webhooks').sort()).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
    const actions = actionsOf(statementsOf(base, 'webhooks'));
    expect(actions.filter((a) => /^(dynamodb|execute-api|sns):/.test(a))).toEqual([]);
    expect(actions).toContain('secretsmanager:GetSecretValue');
  });

  it('is named to every Lambda, whose runtime refuses to start without it once a callback URL is set', () => {
    for (const feature of base.stack.functions.keys()) {
      expect(envOf(base, feature)[AFTER_CALLBACK_QUEUE.envVar], feature).toEqual({ Ref: queueId(base) });
    }
  });

  it('lets routed Lambdas (connections\' State.StateChange included) send to it, and no other Lambda', () => {
    expect(routedFeatures(base)).toContain('connections');
    for (const feature of routedFeatures(base)) expect(sqsActionsOn(base, feature), feature).toContain('sqs:SendMessage');
    for (const feature of ['authorizer', 'webhooks'] as const) expect(actionsOf(statementsOf(base, feature)), feature).not.toContain('sqs:SendMessage');
    expect(sqsActionsOn(base, 'pushworker')).not.toContain('sqs:SendMessage');
  });

  it('gives every Lambda the environment its own services are built from, callbacks on', () => {
    const s = synth({ callbackUrl: 'https://hooks.example.com/im' }, { bundle: false });
    for (const feature of s.stack.functions.keys()) {
      // Deploy-time values (names, URLs) become placeholders; the literals are the config.
      const env = Object.fromEntries(Object.entries(envOf(s, feature)).map(([k, v]) => [k, typeof v === 'string' ? v : `https://${k.toLowerCase()}.example.com`]));
      expect(() => LAMBDA_SERVICES[feature](awsContext(env, configFromEnv(env))), feature).not.toThrow();
    }
  });
});

describe('group fan-out queue', () => {
  const queueId = (s: Synthesized) => s.idOf(s.stack.groupFanOutQueue.queue);
  const onQueue = (s: Synthesized, feature: Feature) =>
    actionsOf(statementsOf(s, feature).filter((st) => [st.Resource].flat().some((r) => json(r) === json({ 'Fn::GetAtt': [queueId(s), 'Arn'] }))));

  it('is encrypted, keeps live copies 5 minutes, triggers the groupfanout Lambda, and routed Lambdas and the worker (next push page) send to it', () => {
    const props = base.resources[queueId(base)]!.Properties;
    expect(props.SqsManagedSseEnabled).toBe(true);
    expect(props.MessageRetentionPeriod).toBe(300);
    const mappings = ofType(base, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => json(m.Properties.EventSourceArn) === json({ 'Fn::GetAtt': [queueId(base), 'Arn'] }));
    expect(mappings.map(([, m]) => m.Properties.FunctionName)).toEqual([{ Ref: fnId(base, 'groupfanout') }]);
    for (const feature of base.stack.functions.keys()) expect(envOf(base, feature).IM_GROUP_FANOUT_QUEUE_URL, feature).toEqual({ Ref: queueId(base) });
    for (const feature of routedFeatures(base)) expect(onQueue(base, feature), feature).toContain('sqs:SendMessage');
    expect(onQueue(base, 'groupfanout')).toContain('sqs:SendMessage');
    expect(onQueue(base, 'authorizer')).toEqual([]);
  });

  it('lets the groupfanout worker read member pages (Groups table, read only) and hand offline members to the push queue', () => {
    const groupsId = base.idOf(base.stack.node.findChild('Tables').node.findChild(groupsTable.id));
    const onGroups = actionsOf(onResource(statementsOf(base, 'groupfanout'), `"${groupsId}"`));
    expect(onGroups).toContain('dynamodb:Query');
    expect(onGroups.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
    const pushQueueArn = json({ 'Fn::GetAtt': [base.idOf(base.stack.pushQueue.queue), 'Arn'] });
    expect(actionsOf(statementsOf(base, 'groupfanout').filter((st) => [st.Resource].flat().some((r) => json(r) === pushQueueArn)))).toContain('sqs:SendMessage');
  });
});

describe('push queue', () => {
  const queueId = (s: Synthesized) => s.idOf(s.stack.pushQueue.queue);
  const onQueue = (s: Synthesized, feature: Feature) =>
    actionsOf(statementsOf(s, feature).filter((st) => [st.Resource].flat().some((r) => json(r) === json({ 'Fn::GetAtt': [queueId(s), 'Arn'] }))));

  it('is encrypted, TLS-only, keeps pushes an hour and triggers the pushworker Lambda in batches', () => {
    const props = base.resources[queueId(base)]!.Properties;
    expect(props.SqsManagedSseEnabled).toBe(true);
    expect(props.MessageRetentionPeriod).toBe(3600);
    expect(props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (base.resources[fnId(base, 'pushworker')]!.Properties.Timeout as number));
    const mappings = ofType(base, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => json(m.Properties.EventSourceArn) === json({ 'Fn::GetAtt': [queueId(base), 'Arn'] }));
    expect(mappings.map(([, m]) => m.Properties.FunctionName)).toEqual([{ Ref: fnId(base, 'pushworker') }]);
  });

  it('is named to every Lambda and lets routed Lambdas and the worker (broadcast pages) send to it', () => {
    for (const feature of base.stack.functions.keys()) expect(envOf(base, feature).IM_PUSH_QUEUE_URL, feature).toEqual({ Ref: queueId(base) });
    for (const feature of [...routedFeatures(base), 'pushworker' as const]) expect(onQueue(base, feature), feature).toContain('sqs:SendMessage');
    expect(onQueue(base, 'authorizer')).toEqual([]);
    expect(onQueue(base, 'webhooks')).toEqual([]);
  });

  it('lets the worker publish to and delete endpoints only, never register them', () => {
    const gcm = 'arn:aws:sns:eu-west-1:123456789012:app/GCM/im-android';
    const s = synth({ pushPlatformApplicationArns: { FCM: gcm } }, { bundle: false });
    const sns = actionsOf(statementsOf(s, 'pushworker')).filter((a) => a.startsWith('sns:')).sort();
    expect(sns).toEqual(['sns:DeleteEndpoint', 'sns:Publish']);
    expect(actionsOf(onResource(statementsOf(s, 'pushworker'), 'endpoint/GCM/im-android/*')).sort()).toEqual(['sns:DeleteEndpoint', 'sns:Publish']);
  });
});

describe('configuration and secrets', () => {
  it('give every Lambda an IM_APP_CONFIG that the runtime\'s own parser accepts', () => {
    for (const feature of base.stack.functions.keys()) {
      const config = parseAppConfig(JSON.parse(envOf(base, feature).IM_APP_CONFIG as string));
      expect(config).toMatchObject({ sdkAppId: 1400000000, admins: ['administrator'], retentionDays: 7, webhook: { timeoutMs: 2000, failClosed: false } });
      expect(config.webhook.url).toBeUndefined();
    }
  });

  it('point every Lambda at its stage\'s management API', () => {
    const wsApiId = base.idOf(base.stack.webSocketApi.api);
    for (const feature of base.stack.functions.keys()) {
      expect(envOf(base, feature).IM_CONNECTIONS_ENDPOINT).toEqual({ 'Fn::Join': ['', ['https://', { Ref: wsApiId }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod']] });
    }
  });

  it('let CloudFormation generate the secret key, so it is in neither the template nor any environment', () => {
    const secretId = base.idOf(base.stack.node.findChild('AppSecret').node.findChild('Secret'));
    expect(base.resources[secretId]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'secretKey', ExcludePunctuation: true, PasswordLength: 64 } },
    });
    expect(json(base.template.toJSON())).not.toMatch(/"SecretString":/);
    for (const feature of base.stack.functions.keys()) {
      const env = envOf(base, feature);
      expect(env.IM_SECRET_ARN).toEqual({ Ref: secretId });
      expect(Object.keys(env).filter((k) => /KEY|TOKEN|PASSWORD/i.test(k))).toEqual([]);
      // The only literal values are the config JSON; references are table names, ARNs and URLs.
      const literals = Object.entries(env).filter(([, v]) => typeof v === 'string').map(([k]) => k);
      expect(literals).toEqual(['IM_APP_CONFIG']);
      expect(env.IM_APP_CONFIG).not.toMatch(/secret|token/i);
    }
  });

  it('output the REST and WebSocket URLs, the secret ARN and the SDKAppID', () => {
    const outputs = base.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['HttpApiUrl', 'WebSocketUrl', 'SecretArn', 'SdkAppId']));
    expect(json(outputs.HttpApiUrl!.Value)).toContain('https://');
    expect(json(outputs.WebSocketUrl!.Value)).toContain('wss://');
    expect(outputs.SdkAppId!.Value).toBe('1400000000');
  });
});

describe('settings', () => {
  it('come from props first', () => {
    const s = synth({ sdkAppId: 1400123456, admins: ['ops'], retentionDays: 30, callbackUrl: 'https://hooks.example.com/im', webhookFailClosed: true, stageName: 'v1' }, { bundle: false });
    const config = parseAppConfig(JSON.parse(envOf(s, 'connections').IM_APP_CONFIG as string));
    expect(config).toMatchObject({ sdkAppId: 1400123456, admins: ['ops'], retentionDays: 30, webhook: { url: 'https://hooks.example.com/im', timeoutMs: 2000, failClosed: true } });
    expect(json(envOf(s, 'connections').IM_CONNECTIONS_ENDPOINT)).toContain('/v1"');
    expect(actionsOf(onResource(statementsOf(s, 'connections'), '/v1/*/@connections/*'))).toEqual(['execute-api:ManageConnections']);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'v1' });
  });

  it('fall back to cdk.json / -c context, which arrives as strings from the command line', () => {
    const s = synth({}, { bundle: false, context: { 'im:sdkAppId': '1400000001', 'im:admins': 'ops, admin2', 'im:webhookFailClosed': 'true' } });
    const config = parseAppConfig(JSON.parse(envOf(s, 'accounts').IM_APP_CONFIG as string));
    expect(config).toMatchObject({ sdkAppId: 1400000001, admins: ['ops', 'admin2'], webhook: { failClosed: true } });
  });

  it('fail the synth when a value is wrong, not the Lambda at cold start', () => {
    expect(() => synth({}, { bundle: false, context: { 'im:sdkAppId': 'abc' } })).toThrow(/sdkAppId/);
  });

  it('reuse an existing secret by ARN instead of generating one', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/app-AbCdEf';
    const s = synth({ secretArn: arn }, { bundle: false });
    expect(ofType(s, 'AWS::SecretsManager::Secret')).toHaveLength(0);
    for (const feature of s.stack.functions.keys()) {
      expect(envOf(s, feature).IM_SECRET_ARN).toBe(arn);
      expect(actionsOf(onResource(statementsOf(s, feature), arn))).toContain('secretsmanager:GetSecretValue');
    }
  });

  it('pass push applications to routed Lambdas and let them manage those applications\' endpoints only', () => {
    const gcm = 'arn:aws:sns:eu-west-1:123456789012:app/GCM/im-android';
    const s = synth({ pushPlatformApplicationArns: { FCM: gcm } }, { bundle: false });
    const statements = statementsOf(s, 'connections');
    expect(JSON.parse(envOf(s, 'connections').IM_PUSH_APPLICATIONS as string)).toEqual({ FCM: gcm });
    expect(actionsOf(statements.filter((st) => json(st.Resource) === json(gcm)))).toEqual(['sns:CreatePlatformEndpoint']);
    expect(actionsOf(onResource(statements, 'endpoint/GCM/im-android/*')).sort())
      .toEqual(['sns:DeleteEndpoint', 'sns:GetEndpointAttributes', 'sns:Publish', 'sns:SetEndpointAttributes']);
    expect(actionsOf(statementsOf(s, 'authorizer')).some((a) => a.startsWith('sns:'))).toBe(false);
  });

  it('leave the account\'s API Gateway logging role alone when told to', () => {
    const s = synth({ configureApiGatewayLogsRole: false }, { bundle: false });
    expect(ofType(s, 'AWS::ApiGateway::Account')).toHaveLength(0);
  });
});

describe('cdk-nag AwsSolutions', () => {
  const findings = (stack: Stack) => new AwsSolutionsChecks(stack).validateScope(stack).violations
    .map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

  it('finds nothing unacknowledged in the default stack', () => {
    expect(findings(base.stack)).toEqual([]);
  });

  it('finds nothing unacknowledged with every option on', () => {
    const s = synth({
      secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/app-AbCdEf',
      pushPlatformApplicationArns: { FCM: 'arn:aws:sns:eu-west-1:123456789012:app/GCM/im-android', APNs: 'arn:aws:sns:eu-west-1:123456789012:app/APNS/im-ios' },
      callbackUrl: 'https://hooks.example.com/im',
    }, { bundle: false });
    expect(findings(s.stack)).toEqual([]);
  });

  it('has a written reason for every acknowledgement', () => {
    const acknowledged = base.stack.node.findAll().flatMap((c) => c.node.metadata)
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledged) expect(reason.length, rule).toBeGreaterThan(60);
  });

  it('does report findings (the checks really run against these resource types)', () => {
    const stack = new Stack(new App(), 'Bare');
    new Table(stack, 'T', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(findings(stack).join('\n')).toContain('AwsSolutions-DDB3');
  });
});

describe('capacity settings', () => {
  it('reserve concurrency per feature Lambda and set both stages\' throttles', () => {
    const s = synth({ reservedConcurrency: { c2c: 50, groupmsg: 30 }, webSocketThrottle: { rateLimit: 5000, burstLimit: 8000 }, restThrottle: { rateLimit: 300, burstLimit: 600 } }, { bundle: false });
    const reserved = new Map([...s.stack.functions.keys()].map((f) => [f, s.resources[fnId(s, f)]!.Properties.ReservedConcurrentExecutions]));
    expect(Object.fromEntries([...reserved].filter(([, n]) => n !== undefined))).toEqual({ c2c: 50, groupmsg: 30 });
    const stages = new Map(ofType(s, 'AWS::ApiGatewayV2::Stage').map(([, r]) => [r.Properties.StageName as string, r.Properties.DefaultRouteSettings]));
    expect(stages.get('prod')).toMatchObject({ ThrottlingRateLimit: 5000, ThrottlingBurstLimit: 8000 });
    expect(stages.get('$default')).toMatchObject({ ThrottlingRateLimit: 300, ThrottlingBurstLimit: 600 });
  });

  it('refuse a reserved concurrency for no feature, or out of range', () => {
    expect(() => synth({ reservedConcurrency: { chat: 5 } as never }, { bundle: false })).toThrow(/setting reservedConcurrency\.chat .* names no feature/);
    expect(() => synth({ reservedConcurrency: { c2c: 0 } }, { bundle: false })).toThrow(/setting reservedConcurrency\.c2c .* must be an integer from 1 to 10000/);
  });
});
