import type { SNSClient } from '@aws-sdk/client-sns';
import { clientFrom, onFirstUse, type ClientSource } from '../shared/aws/on-first-use.js';
import type { PushGateway } from './push-gateway.js';

// Loaded on the first call: most invocations of the Lambdas that hold a push gateway never reach SNS.
const snsSdk = onFirstUse(() => import('@aws-sdk/client-sns'));

const errorName = (e: unknown) => (e as { name?: string }).name ?? '';
/** SNS answers a token already registered with other attributes with this message, naming the existing endpoint. */
const EXISTING_ENDPOINT = /Endpoint (arn:aws[^ ]+) already exists/;

export class SnsPushGateway implements PushGateway {
  private readonly sns: () => Promise<SNSClient>;

  constructor(sns: ClientSource<SNSClient>) {
    this.sns = clientFrom(sns);
  }

  async registerEndpoint(applicationArn: string, token: string, userData: string): Promise<string> {
    const [{ CreatePlatformEndpointCommand, SetEndpointAttributesCommand }, sns] = await Promise.all([snsSdk(), this.sns()]);
    let arn: string;
    try {
      const out = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: applicationArn, Token: token, CustomUserData: userData }));
      arn = out.EndpointArn!;
    } catch (e) {
      const existing = EXISTING_ENDPOINT.exec((e as Error).message ?? '');
      if (errorName(e) !== 'InvalidParameterException' || !existing) throw e;
      arn = existing[1]!;
    }
    // A re-registered token may belong to an endpoint SNS disabled earlier, or to another user.
    await sns.send(new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Enabled: 'true', CustomUserData: userData } }));
    return arn;
  }

  async publish(endpointArn: string, message: string): Promise<'sent' | 'gone'> {
    const [{ PublishCommand }, sns] = await Promise.all([snsSdk(), this.sns()]);
    try {
      await sns.send(new PublishCommand({ TargetArn: endpointArn, MessageStructure: 'json', Message: message }));
      return 'sent';
    } catch (e) {
      if (['EndpointDisabledException', 'EndpointDisabled', 'NotFoundException', 'NotFound'].includes(errorName(e))) return 'gone';
      throw e;
    }
  }

  async deleteEndpoint(endpointArn: string): Promise<void> {
    const [{ DeleteEndpointCommand }, sns] = await Promise.all([snsSdk(), this.sns()]);
    await sns.send(new DeleteEndpointCommand({ EndpointArn: endpointArn }));
  }
}
