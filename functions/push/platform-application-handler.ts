import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { logger } from '../shared/logger.js';
import {
  onPlatformApplicationEvent, PushCredentialsError, type PlatformApplicationEvent, type PlatformApplicationGateway, type SecretReader,
} from './platform-application.js';
import { SnsPlatformApplications } from './platform-application-sns.js';

/** A CloudFormation custom-resource request (Lambda-backed: the function answers on ResponseURL itself). */
export type CustomResourceRequest = PlatformApplicationEvent & {
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
};

/** What CloudFormation expects on the pre-signed ResponseURL. */
export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  Data?: Record<string, string>;
}

export type PutResponse = (url: string, body: string) => Promise<void>;

export const putWithFetch: PutResponse = async (url, body) => {
  // The pre-signed S3 URL is signed without a content type.
  const res = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!res.ok) throw new Error(`CloudFormation response PUT failed with HTTP ${res.status}`);
};

/** Only our own messages and SNS error names/messages reach CloudFormation (they never carry a secret value). */
const reasonOf = (e: unknown): string => {
  if (e instanceof PushCredentialsError) return e.message;
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${(err.message ?? '').slice(0, 500)}`;
};

/**
 * The `Custom::SnsPlatformApplication` Lambda: runs the event, then always
 * answers CloudFormation (a missing answer would hang the stack for an hour).
 * Logs the request type, the resource and the outcome, never the secret.
 */
export function platformApplicationHandler(deps: { sns: PlatformApplicationGateway; readSecret: SecretReader; put: PutResponse }) {
  return async (event: CustomResourceRequest): Promise<CustomResourceResponse> => {
    const base = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
    let response: CustomResourceResponse;
    try {
      const result = await onPlatformApplicationEvent(deps, event);
      response = { ...base, Status: 'SUCCESS', PhysicalResourceId: result.PhysicalResourceId, Data: result.Data };
      logger.info('platform application ' + event.RequestType.toLowerCase(), { resource: event.LogicalResourceId, arn: result.PhysicalResourceId });
    } catch (e) {
      // A failed Create has no application: a non-ARN id makes the rollback's Delete a no-op.
      response = { ...base, Status: 'FAILED', Reason: reasonOf(e), PhysicalResourceId: event.PhysicalResourceId ?? `failed-${event.LogicalResourceId}` };
      logger.error('platform application ' + event.RequestType.toLowerCase() + ' failed', { resource: event.LogicalResourceId, reason: response.Reason });
    }
    await deps.put(event.ResponseURL, JSON.stringify(response));
    return response;
  };
}

const readSecret: SecretReader = async (arn) => {
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (out.SecretString === undefined) throw new PushCredentialsError(`secret ${arn} has no string value`);
  return out.SecretString;
};

export const handler = platformApplicationHandler({ sns: new SnsPlatformApplications(new SNSClient({})), readSecret, put: putWithFetch });
