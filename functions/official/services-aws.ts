import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, groupFanOut, officialAccounts, officialGroupMessages, pushQueue, rates, webhooks } from '../aws-services.js';
import type { OfficialLambdaServices } from './services.js';

/**
 * The official Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other; of
 * the group message store only the operations official accounts use (a view).
 */
export const officialServices = (aws: AwsContext): OfficialLambdaServices => ({
  ...buildServices<Exclude<keyof OfficialLambdaServices, 'groupMessages'>>(aws, { accounts, clock, connections, gateway, groupFanOut, officialAccounts, pushQueue, rates, webhooks }),
  groupMessages: officialGroupMessages(aws),
});
