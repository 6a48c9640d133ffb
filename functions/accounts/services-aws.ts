import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, groupCount, groupFanOut, groupMessages, groups, permissionGroups, rates, sns, webhooks } from '../aws-services.js';
import type { AccountsLambdaServices } from './services.js';

/** The accounts Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const accountsServices = (aws: AwsContext): AccountsLambdaServices => buildServices<keyof AccountsLambdaServices>(aws, { accounts, clock, connections, gateway, groupCount, groupFanOut, groupMessages, groups, permissionGroups, rates, sns, webhooks });
