import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, groupFanOut, groupMessages, groups, permissionGroups, rates, topics, webhooks } from '../aws-services.js';
import type { GroupsLambdaServices } from './services.js';

/** The groups Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const groupsServices = (aws: AwsContext): GroupsLambdaServices => buildServices<keyof GroupsLambdaServices>(aws, { accounts, clock, connections, gateway, groupFanOut, groupMessages, groups, permissionGroups, rates, topics, webhooks });
