import type { AwsContext } from '../shared/aws/load-runtime.js';
import { accountRemoval, buildServices, buildViews, accounts, clock, connections, gateway, groupCount, groupFanOut, rates, sns, webhooks } from '../aws-services.js';
import type { AccountsLambdaServices } from './services.js';

type Views = Pick<AccountsLambdaServices, keyof typeof accountRemoval>;

/**
 * The accounts Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other; of
 * the group, group message and permission group stores only what `account_delete` uses (views).
 */
export const accountsServices = (aws: AwsContext): AccountsLambdaServices => ({
  ...buildServices<Exclude<keyof AccountsLambdaServices, keyof Views>>(aws, { accounts, clock, connections, gateway, groupCount, groupFanOut, rates, sns, webhooks }),
  ...buildViews<Views>(aws, accountRemoval),
});
