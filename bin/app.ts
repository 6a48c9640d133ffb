import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ImStack } from '../lib/im-stack.js';

/**
 * Settings come from cdk.json context (`im:*`) or `-c im:<name>=<value>`;
 * see lib/settings.ts. Account and region come from the CLI profile.
 */
const app = new App();
new ImStack(app, 'OpenImStack', {
  description: 'Tencent IM compatible messaging backend (open-im-aws)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
// AWS Solutions checks run on every synth; a finding without a written acknowledgement fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
