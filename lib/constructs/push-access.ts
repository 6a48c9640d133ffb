import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.js';

/** `arn:...:app/GCM/MyApp` -> `arn:...:endpoint/GCM/MyApp/*`, the devices registered under it. */
export const endpointsOf = (applicationArn: string): string => `${applicationArn.replace(':app/', ':endpoint/')}/*`;

/**
 * Lets a function register device tokens with the SNS platform applications
 * and push to, inspect and drop the resulting endpoints; nothing else in SNS.
 */
export function grantPush(grantee: IGrantable & IConstruct, applicationArns: readonly string[]): void {
  if (applicationArns.length === 0) return;
  const endpoints = applicationArns.map(endpointsOf);
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
    actions: ['sns:CreatePlatformEndpoint'],
    resources: [...applicationArns],
  }));
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
    actions: ['sns:Publish', 'sns:DeleteEndpoint', 'sns:GetEndpointAttributes', 'sns:SetEndpointAttributes'],
    resources: endpoints,
  }));
  for (const resource of endpoints) {
    acknowledgeWildcardResource(grantee, resource, 'SNS names each device endpoint with an id it generates at registration, so the grant can only name the endpoints of this platform application, not single devices.');
  }
}

/**
 * Lets the push worker publish to the endpoints of these platform applications
 * and delete the ones SNS reports gone; it never registers devices.
 */
export function grantPublish(grantee: IGrantable & IConstruct, applicationArns: readonly string[]): void {
  if (applicationArns.length === 0) return;
  const endpoints = applicationArns.map(endpointsOf);
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish', 'sns:DeleteEndpoint'], resources: endpoints }));
  for (const resource of endpoints) {
    acknowledgeWildcardResource(grantee, resource, 'SNS names each device endpoint with an id it generates at registration, so the grant can only name the endpoints of this platform application, not single devices.');
  }
}
