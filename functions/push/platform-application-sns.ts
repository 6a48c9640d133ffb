import {
  CreatePlatformApplicationCommand, DeletePlatformApplicationCommand, SetPlatformApplicationAttributesCommand, type SNSClient,
} from '@aws-sdk/client-sns';
import type { PlatformApplicationGateway, SnsPlatform } from './platform-application.js';

/** The three SNS calls of the platform-application custom resource. */
export class SnsPlatformApplications implements PlatformApplicationGateway {
  constructor(private readonly sns: SNSClient) {}

  async create(name: string, platform: SnsPlatform, attributes: Record<string, string>): Promise<string> {
    const out = await this.sns.send(new CreatePlatformApplicationCommand({ Name: name, Platform: platform, Attributes: attributes }));
    if (!out.PlatformApplicationArn) throw new Error('SNS CreatePlatformApplication returned no PlatformApplicationArn');
    return out.PlatformApplicationArn;
  }

  async setAttributes(arn: string, attributes: Record<string, string>): Promise<void> {
    await this.sns.send(new SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn, Attributes: attributes }));
  }

  async delete(arn: string): Promise<void> {
    // SNS answers success for an application that no longer exists; NotFound is tolerated all the same.
    try {
      await this.sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: arn }));
    } catch (e) {
      if (!['NotFoundException', 'NotFound'].includes((e as { name?: string }).name ?? '')) throw e;
    }
  }
}
