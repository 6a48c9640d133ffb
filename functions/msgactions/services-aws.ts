import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, c2c, clock, connections, gateway, groupFanOut, groupMessages, groups, messageExtensions, permissionGroups, rates, topics, webhooks } from '../aws-services.js';
import type { MsgActionsLambdaServices } from './services.js';

/** The msgactions Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const msgActionsServices = (aws: AwsContext): MsgActionsLambdaServices => buildServices<keyof MsgActionsLambdaServices>(aws, { accounts, c2c, clock, connections, gateway, groupFanOut, groupMessages, groups, messageExtensions, permissionGroups, rates, topics, webhooks });
