import { Stack } from 'aws-cdk-lib';
import {
  WebSocketIntegrationType,
  WebSocketRouteIntegration,
  type WebSocketRouteIntegrationBindOptions,
  type WebSocketRouteIntegrationConfig,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * A Lambda proxy integration shared by every WebSocket route of one feature.
 * The stock WebSocketLambdaIntegration adds an invoke permission per route;
 * a function's resource policy is capped at 20 KB, so this one adds a single
 * permission for the whole API (the HTTP side's `scopePermissionToRoute: false`).
 */
export class WebSocketFeatureIntegration extends WebSocketRouteIntegration {
  private readonly handler: IFunction;
  private readonly permissionId: string;
  private permitted = false;

  constructor(id: string, handler: IFunction) {
    super(id);
    this.handler = handler;
    this.permissionId = `${id}Invoke`;
  }

  bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const stack = Stack.of(options.route);
    if (!this.permitted) {
      this.handler.addPermission(this.permissionId, {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: stack.formatArn({ service: 'execute-api', resource: options.route.webSocketApi.apiId, resourceName: '*' }),
      });
      this.permitted = true;
    }
    return {
      type: WebSocketIntegrationType.AWS_PROXY,
      uri: stack.formatArn({
        service: 'apigateway', account: 'lambda', resource: 'path/2015-03-31/functions', resourceName: `${this.handler.functionArn}/invocations`,
      }),
    };
  }
}
