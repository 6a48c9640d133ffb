import {
  CreatePlatformEndpointCommand, DeleteEndpointCommand, PublishCommand, SetEndpointAttributesCommand, type SNSClient,
} from '@aws-sdk/client-sns';
import type { PushGateway } from './push-gateway.js';

const errorName = (e: unknown) => (e as { name?: string }).name ?? '';
/** SNS answers a token already registered with other attributes with this message, naming the existing endpoint. */
const EXISTING_ENDPOINT = /Endpoint (arn:aws[^ ]+) already exists/;

export class SnsPushGateway implements PushGateway {
  constructor(private readonly sns: SNSClient) {}

  async registerEndpoint(applicationArn: string, token: string, userData: string): Promise<string> {
    let arn: string;
    try {
      const out = await this.sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: applicationArn, Token: token, CustomUserData: userData }));
      arn = out.EndpointArn!;
    } catch (e) {
      const existing = EXISTING_ENDPOINT.exec((e as Error).message ?? '');
      if (errorName(e) !== 'InvalidParameterException' || !existing) throw e;
      arn = existing[1]!;
    }
    // A re-registered token may belong to an endpoint SNS disabled earlier, or to another user.
    await this.sns.send(new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Enabled: 'true', CustomUserData: userData } }));
    return arn;
  }

  async publish(endpointArn: string, message: string): Promise<'sent' | 'gone'> {
    try {
      await this.sns.send(new PublishCommand({ TargetArn: endpointArn, MessageStructure: 'json', Message: message }));
      return 'sent';
    } catch (e) {
      if (['EndpointDisabledException', 'EndpointDisabled', 'NotFoundException', 'NotFound'].includes(errorName(e))) return 'gone';
      throw e;
    }
  }

  async deleteEndpoint(endpointArn: string): Promise<void> {
    await this.sns.send(new DeleteEndpointCommand({ EndpointArn: endpointArn }));
  }
}
