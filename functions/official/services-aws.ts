import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, c2c, clock, connections, gateway, groupFanOut, groupMessages, groups, officialAccounts, pushQueue, rates, relationships, webhooks } from '../aws-services.js';
import type { OfficialLambdaServices } from './services.js';

/** The official Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const officialServices = (aws: AwsContext): OfficialLambdaServices => buildServices<keyof OfficialLambdaServices>(aws, { accounts, c2c, clock, connections, gateway, groupFanOut, groupMessages, groups, officialAccounts, pushQueue, rates, relationships, webhooks });
