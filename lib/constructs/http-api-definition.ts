import type { RoutedFeature } from '../../functions/shared/features.js';
import { COMMAND_PARAMETER, type HttpActionEndpoint, type RestEndpoint } from '../route-plan.js';

export interface HttpApiDefinitionProps {
  title: string;
  description: string;
  rest: readonly RestEndpoint[];
  /** Clients' actions over HTTPS (`POST /im/{action}`). */
  httpActions: readonly HttpActionEndpoint[];
  /** The `$default` route's feature. */
  restDefault: RoutedFeature;
  /** `arn:...:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` of a feature's Lambda. */
  invocationUri(feature: RoutedFeature): string;
}

/** Where an operation's integration lives: one per feature in `components`, referenced by every route of it. */
export const integrationRef = (feature: RoutedFeature) => `#/components/x-amazon-apigateway-integrations/${feature}`;

/** The features the HTTP API reaches: one integration and one invoke permission each. */
export const httpApiFeatures = (props: Pick<HttpApiDefinitionProps, 'rest' | 'httpActions' | 'restDefault'>): RoutedFeature[] =>
  [...new Set([props.restDefault, ...props.rest.map((e) => e.feature), ...props.httpActions.map((e) => e.feature)])];

/**
 * The HTTP API as the OpenAPI 3 document API Gateway imports (`Body` of
 * AWS::ApiGatewayV2::Api): its routes and integrations are part of the API
 * resource, not CloudFormation resources of their own, so the REST surface
 * costs nothing of the stack's 500-resource limit however many services and
 * command routes it has (API Gateway's own quota is 300 routes per API).
 */
export function httpApiDefinition(props: HttpApiDefinitionProps): Record<string, unknown> {
  const features = httpApiFeatures(props);
  const integrations = Object.fromEntries(features.map((feature) => [feature, {
    type: 'aws_proxy', httpMethod: 'POST', uri: props.invocationUri(feature), payloadFormatVersion: '2.0', connectionType: 'INTERNET',
  }]));
  const operation = (feature: RoutedFeature) => ({ responses: {}, 'x-amazon-apigateway-integration': { $ref: integrationRef(feature) } });
  const commandParameter = { name: COMMAND_PARAMETER, in: 'path', required: true, schema: { type: 'string' } };
  const paths: Record<string, unknown> = {};
  for (const endpoint of props.rest) {
    paths[endpoint.path] = { post: { ...(endpoint.command === undefined && { parameters: [commandParameter] }), ...operation(endpoint.feature) } };
  }
  for (const endpoint of props.httpActions) paths[endpoint.path] = { post: operation(endpoint.feature) };
  paths['/$default'] = { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, ...operation(props.restDefault) } };
  return {
    openapi: '3.0.1',
    info: { title: props.title, description: props.description, version: '1' },
    paths,
    components: { 'x-amazon-apigateway-integrations': integrations },
  };
}
