import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RoutedFeature } from '../../functions/shared/features.js';
import { acknowledgeRule } from '../nag.js';
import type { WsEndpoint } from '../route-plan.js';
import { WebSocketFeatureIntegration } from './websocket-feature-integration.js';

export interface ImWebSocketApiProps {
  /** The stage's steady requests per second and burst (settings `webSocketThrottle` / `restThrottle`). */
  throttle?: { rateLimit: number; burstLimit: number };
  ws: readonly WsEndpoint[];
  /** The `$default` route's feature, which serves its own actions there and answers unknown ones. */
  wsDefault: RoutedFeature;
  functions: ReadonlyMap<RoutedFeature, IFunction>;
  /** The `$connect` REQUEST authorizer (UserSig). */
  authorizer: IFunction;
  stageName: string;
  logRetention: RetentionDays;
}

/** The query string (with the UserSig) is left out so no credential is ever logged. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  userId: '$context.authorizer.principalId',
  status: '$context.status',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integration.error',
  latencyMs: '$context.integrationLatency',
}));

/**
 * Bounds what one runaway client loop can cost in Lambda invocations while
 * leaving room for thousands of active users; raise it for big deployments.
 */
export const DEFAULT_THROTTLE = { rateLimit: 1000, burstLimit: 2000 };

/**
 * The WebSocket API. Clients connect with `?sdkappid&userid&usersig`, checked
 * by the authorizer before the socket opens; frames route on their `action`:
 * a route per action of every feature but `wsDefault`, whose actions (and
 * unknown ones) arrive on `$default`. Every route but `$connect`/`$disconnect`
 * answers on the route response, so a reply needs no management-API call;
 * that is 2 resources per routed action (AWS::ApiGatewayV2::Route and
 * RouteResponse: API Gateway drops the integration's reply without the
 * latter), with one integration and one invoke permission per feature.
 */
export class ImWebSocketApi extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;

  constructor(scope: Construct, id: string, props: ImWebSocketApiProps) {
    super(scope, id);
    const integrations = new Map<RoutedFeature, WebSocketFeatureIntegration>();
    const integrationFor = (feature: RoutedFeature) => {
      const fn = props.functions.get(feature);
      if (!fn) throw new Error(`no Lambda for feature ${feature}`);
      let integration = integrations.get(feature);
      if (!integration) integrations.set(feature, integration = new WebSocketFeatureIntegration(`${feature}Integration`, fn));
      return integration;
    };

    const authorizer = new WebSocketLambdaAuthorizer('UserSigAuthorizer', props.authorizer, {
      identitySource: ['route.request.querystring.usersig', 'route.request.querystring.userid', 'route.request.querystring.sdkappid'],
    });
    this.api = new WebSocketApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-websocket`,
      description: 'Tencent IM compatible WebSocket API (frames route on "action")',
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: { integration: integrationFor('connections'), authorizer },
      disconnectRouteOptions: { integration: integrationFor('connections') },
      // The feature with the most actions serves them here, without a route each, and answers unknown actions.
      defaultRouteOptions: { integration: integrationFor(props.wsDefault), returnResponse: true },
    });
    for (const endpoint of props.ws) {
      this.api.addRoute(endpoint.action, { integration: integrationFor(endpoint.feature), returnResponse: true });
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName,
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    acknowledgeRule(this.api, 'APIG4', 'API Gateway allows an authorizer on $connect only; it runs there (UserSig REQUEST authorizer) and every later frame, $disconnect and $default included, travels on that already-authorized connection.');
  }
}
