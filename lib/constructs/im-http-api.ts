import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnApi, CfnStage, HttpApi, HttpStage, LogGroupLogDestination, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RoutedFeature } from '../../functions/shared/features.js';
import { acknowledgeRule } from '../nag.js';
import type { HttpActionEndpoint, RestEndpoint } from '../route-plan.js';
import { httpApiDefinition, httpApiFeatures } from './http-api-definition.js';

export interface ImHttpApiProps {
  /** The stage's steady requests per second and burst (settings `webSocketThrottle` / `restThrottle`). */
  throttle?: { rateLimit: number; burstLimit: number };
  rest: readonly RestEndpoint[];
  /** Clients' actions over HTTPS (`POST /im/{action}`). */
  httpActions: readonly HttpActionEndpoint[];
  /** Each client action route's own throttle (clients' traffic, not the admin REST budget): the WebSocket stage's. */
  clientThrottle: { rateLimit: number; burstLimit: number };
  /** The `$default` route's feature (answers 60009 for what no route matches). */
  restDefault: RoutedFeature;
  functions: ReadonlyMap<RoutedFeature, IFunction>;
  logRetention: RetentionDays;
}

/**
 * Tencent's requests carry sdkappid, identifier and usersig in the query
 * string; the access log leaves the query out so no UserSig is ever logged.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
}));

/**
 * Tencent's documented default REST frequency limit is 200 calls/s per app;
 * the stage allows that steadily and twice that in bursts.
 */
export const DEFAULT_THROTTLE = { rateLimit: 200, burstLimit: 400 };

/**
 * The REST API: `POST /v4/{service}/{command}` per REST service to the feature
 * that serves most of its commands, a literal route per command another
 * feature serves, and a `$default` catch-all to `connections`, which answers
 * Tencent's 60009 (an unknown command of a routed service gets the same from
 * its service's Lambda). Routes and integrations are imported from an OpenAPI
 * document (http-api-definition.ts), one integration per feature.
 */
export class ImHttpApi extends Construct {
  /** The API resource; its `Body` holds the routes. */
  readonly resource: CfnApi;
  readonly api: IHttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ImHttpApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const functionOf = (feature: RoutedFeature) => {
      const fn = props.functions.get(feature);
      if (!fn) throw new Error(`no Lambda for feature ${feature}`);
      return fn;
    };

    this.resource = new CfnApi(this, 'Api', {
      body: httpApiDefinition({
        title: `${stack.stackName}-rest`,
        description: 'Tencent IM compatible REST API (v4/{service}/{command})',
        rest: props.rest,
        httpActions: props.httpActions,
        restDefault: props.restDefault,
        invocationUri: (feature) => stack.formatArn({
          service: 'apigateway', account: 'lambda', resource: 'path/2015-03-31/functions', resourceName: `${functionOf(feature).functionArn}/invocations`,
        }),
      }),
    });
    this.api = HttpApi.fromHttpApiAttributes(this, 'Imported', { httpApiId: this.resource.ref, apiEndpoint: this.resource.attrApiEndpoint });

    // One invoke permission per feature, for this API only: a function's resource policy is capped at 20 KB.
    for (const feature of httpApiFeatures(props)) {
      functionOf(feature).addPermission('RestApiInvoke', {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: stack.formatArn({ service: 'execute-api', resource: this.resource.ref, resourceName: '*' }),
      });
    }

    // The audit trail of admin calls: kept (CDK's default) when the stack goes.
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    // CloudFormation takes RouteSettings as JSON, with its own property names.
    if (props.httpActions.length > 0) {
      (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(props.httpActions.map((e) => [e.routeKey, {
        ThrottlingRateLimit: props.clientThrottle.rateLimit, ThrottlingBurstLimit: props.clientThrottle.burstLimit,
      }]));
    }

    acknowledgeRule(this.resource, 'APIG4', "Tencent's REST API authenticates each call by an app admin's UserSig in the query string (identifier, usersig, sdkappid), which the Lambda verifies against the app secret. A rejected call must still get Tencent's JSON envelope (ErrorCode 70001 and friends), which an API Gateway authorizer's bare 401/403 cannot give, and callers must not need AWS credentials.");
  }

  /** `https://{apiId}.execute-api.{region}.amazonaws.com/`, the base of `v4/...`. */
  get url(): string {
    return this.stage.url;
  }
}
