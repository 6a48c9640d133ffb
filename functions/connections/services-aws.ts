import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, groupMessages, groups, officialAccounts, push, rates, sns, webhooks } from '../aws-services.js';
import type { ConnectionsLambdaServices } from './services.js';
import type { AuthorizerServices } from './authorize-connect.js';

/** The connections Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const connectionsServices = (aws: AwsContext): ConnectionsLambdaServices => buildServices<keyof ConnectionsLambdaServices>(aws, { accounts, clock, connections, gateway, groupMessages, groups, officialAccounts, push, rates, sns, webhooks });

/** The `$connect` authorizer's: it reads an account and the clock, nothing else. */
export const authorizerServices = (aws: AwsContext): AuthorizerServices => buildServices<keyof AuthorizerServices>(aws, { accounts, clock });
