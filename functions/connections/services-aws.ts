import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, buildViews, accounts, clock, connectionViews, connections, gateway, officialAccounts, push, rates, sns, webhooks } from '../aws-services.js';
import type { ConnectionsLambdaServices } from './services.js';
import type { AuthorizerServices } from './authorize-connect.js';

/**
 * The connections Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other; of
 * the group and group message stores only what `$connect` and `$disconnect` use (views).
 */
export const connectionsServices = (aws: AwsContext): ConnectionsLambdaServices => ({
  ...buildServices<Exclude<keyof ConnectionsLambdaServices, keyof typeof connectionViews>>(aws, { accounts, clock, connections, gateway, officialAccounts, push, rates, sns, webhooks }),
  ...buildViews<Pick<ConnectionsLambdaServices, keyof typeof connectionViews>>(aws, connectionViews),
});

/** The `$connect` authorizer's: it reads an account and the clock, nothing else. */
export const authorizerServices = (aws: AwsContext): AuthorizerServices => buildServices<keyof AuthorizerServices>(aws, { accounts, clock });
