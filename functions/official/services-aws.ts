import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, groupFanOut, groupMessages, officialAccounts, pushQueue, rates, webhooks } from '../aws-services.js';
import type { OfficialLambdaServices } from './services.js';

/** The official Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const officialServices = (aws: AwsContext): OfficialLambdaServices => buildServices<keyof OfficialLambdaServices>(aws, { accounts, clock, connections, gateway, groupFanOut, groupMessages, officialAccounts, pushQueue, rates, webhooks });
