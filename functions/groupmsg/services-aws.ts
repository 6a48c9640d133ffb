import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, c2c, clock, connections, gateway, groupFanOut, groupMessages, groups, messageExtensions, permissionGroups, pinnedMessages, pushQueue, rates, topics, webhooks } from '../aws-services.js';
import type { GroupMsgLambdaServices } from './services.js';
import type { FanOutConsumerServices } from './fan-out-worker.js';

/** The groupmsg Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const groupMsgServices = (aws: AwsContext): GroupMsgLambdaServices => buildServices<keyof GroupMsgLambdaServices>(aws, { accounts, c2c, clock, connections, gateway, groupFanOut, groupMessages, groups, messageExtensions, permissionGroups, pinnedMessages, pushQueue, rates, topics, webhooks });

/** The group fan-out worker's (SQS consumer): posts deliveries, hands push pages on to the push queue. */
export const fanOutWorkerServices = (aws: AwsContext): FanOutConsumerServices => buildServices<keyof FanOutConsumerServices>(aws, { clock, connections, gateway, groupFanOut, groupMessages, pushQueue });
