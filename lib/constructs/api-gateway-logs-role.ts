import { RemovalPolicy } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeManagedPolicy } from '../nag.js';

/**
 * API Gateway writes WebSocket logs with a role set once per account and
 * region (unlike HTTP APIs, which need none); a stage with access logging
 * fails to deploy until it is set. Both are kept when the stack goes, since
 * every other REST and WebSocket API in the region logs through them too.
 */
export class ApiGatewayLogsRole extends Construct {
  readonly account: CfnAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const policy = ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs');
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write access and execution logs to CloudWatch Logs (account-wide setting)',
      managedPolicies: [policy],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.account = new CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn });
    this.account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledgeManagedPolicy(role, policy.managedPolicyArn, 'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for the account-level API Gateway logging role; it allows CloudWatch Logs writes only, and API Gateway names its own log groups, so a narrower hand-written policy would break whenever it adds one.');
  }
}
