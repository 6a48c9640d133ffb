import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RoutedFeature } from '../../functions/shared/features.js';
import { acknowledgeRule } from '../nag.js';
import type { RestEndpoint } from '../route-plan.js';

export interface ImHttpApiProps {
  rest: readonly RestEndpoint[];
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
const THROTTLE = { rateLimit: 200, burstLimit: 400 };

/**
 * The REST API: `POST /v4/{service}/{command}` per command in the route list,
 * each to its feature's Lambda, and a `$default` catch-all to `connections`,
 * which answers Tencent's 60009 for unknown commands.
 */
export class ImHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ImHttpApiProps) {
    super(scope, id);
    const integrations = new Map<RoutedFeature, HttpLambdaIntegration>();
    const integrationFor = (feature: RoutedFeature) => {
      const fn = props.functions.get(feature);
      if (!fn) throw new Error(`no Lambda for feature ${feature}`);
      let integration = integrations.get(feature);
      if (!integration) {
        // One integration and one invoke permission per feature, not per route: a function's
        // resource policy is capped at 20 KB and Tencent's REST API has about a hundred commands.
        integration = new HttpLambdaIntegration(`${feature}Integration`, fn, {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
          scopePermissionToRoute: false,
        });
        integrations.set(feature, integration);
      }
      return integration;
    };

    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-rest`,
      description: 'Tencent IM compatible REST API (v4/{service}/{command})',
      createDefaultStage: false,
      defaultIntegration: integrationFor('connections'),
    });
    for (const endpoint of props.rest) {
      this.api.addRoutes({ path: endpoint.path, methods: [HttpMethod.POST], integration: integrationFor(endpoint.feature) });
    }

    // The audit trail of admin calls: kept (CDK's default) when the stack goes.
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    acknowledgeRule(this.api, 'APIG4', "Tencent's REST API authenticates each call by an app admin's UserSig in the query string (identifier, usersig, sdkappid), which the Lambda verifies against the app secret. A rejected call must still get Tencent's JSON envelope (ErrorCode 70001 and friends), which an API Gateway authorizer's bare 401/403 cannot give, and callers must not need AWS credentials.");
  }

  /** `https://{apiId}.execute-api.{region}.amazonaws.com/`, the base of `v4/...`. */
  get url(): string {
    return this.stage.url;
  }
}
