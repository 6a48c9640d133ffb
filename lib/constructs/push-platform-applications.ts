import { ArnFormat, CustomResource, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SNS_PLATFORM_OF, platformOfKey } from '../../functions/push/push-applications.js';
import type { PlatformApplicationProps } from '../../functions/push/platform-application.js';
import { ImFunction } from './im-function.js';

export interface PushPlatformApplicationsProps {
  /** Application key (`APNs`, `APNsSandbox`, `FCM`, optionally `:<BusinessID>`) -> complete ARN of the secret holding its credentials. */
  secrets: Readonly<Record<string, string>>;
  /** Changing it re-reads every secret on the next deploy (after a rotation). */
  revision?: string;
  logRetention: RetentionDays;
}

/**
 * SNS platform applications created from credentials in Secrets Manager: one
 * `Custom::SnsPlatformApplication` per key, served by one small Lambda
 * (functions/push/platform-application-handler.ts) that reads the secret and
 * calls CreatePlatformApplication / SetPlatformApplicationAttributes /
 * DeletePlatformApplication. Only secret ARNs sit in the template; the
 * credentials go from Secrets Manager to SNS and nowhere else (no output, no
 * environment, no custom-resource response data but the ARN).
 */
export class PushPlatformApplications extends Construct {
  /** Key -> the application's ARN as the custom resource returns it (for IM_PUSH_APPLICATIONS). */
  readonly applicationArns: Record<string, string> = {};
  /** The same ARNs built from the known names, for IAM statements (`app/<PLATFORM>/<name>`). */
  readonly policyArns: string[] = [];
  readonly provider: ImFunction;

  constructor(scope: Construct, id: string, props: PushPlatformApplicationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.provider = new ImFunction(this, 'Provider', {
      entry: 'functions/push/platform-application-handler.ts',
      description: 'Custom::SnsPlatformApplication: SNS platform applications from push credentials in Secrets Manager',
      logRetention: props.logRetention,
    });
    const role = this.provider.role;
    const secretArns = [...new Set(Object.values(props.secrets))];
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: secretArns }));

    for (const [key, secretArn] of Object.entries(props.secrets)) {
      const platform = SNS_PLATFORM_OF[platformOfKey(key)];
      const name = `${stack.stackName}-${key.replace(':', '-')}`;
      const arn = stack.formatArn({ service: 'sns', resource: 'app', resourceName: `${platform}/${name}`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
      this.policyArns.push(arn);
      const properties: PlatformApplicationProps = { Name: name, Platform: platform, SecretArn: secretArn, ...(props.revision !== undefined && { Revision: props.revision }) };
      const resource = new CustomResource(this, key.replace(':', ''), {
        serviceToken: this.provider.function.functionArn,
        resourceType: 'Custom::SnsPlatformApplication',
        properties,
      });
      // The policy must exist before CloudFormation asks the function to use it.
      resource.node.addDependency(role);
      this.applicationArns[key] = resource.getAttString('Arn');
    }
    role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['sns:CreatePlatformApplication', 'sns:SetPlatformApplicationAttributes', 'sns:DeletePlatformApplication'],
      resources: this.policyArns,
    }));
  }
}
