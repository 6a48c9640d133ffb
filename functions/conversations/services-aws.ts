import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, c2c, clock, connections, gateway, groupMessages, groups, officialAccounts, rates, topics, webhooks } from '../aws-services.js';
import type { ConversationsLambdaServices } from './services.js';

/** The conversations Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const conversationsServices = (aws: AwsContext): ConversationsLambdaServices => buildServices<keyof ConversationsLambdaServices>(aws, { accounts, c2c, clock, connections, gateway, groupMessages, groups, officialAccounts, rates, topics, webhooks });
