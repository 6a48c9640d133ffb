import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, broadcast, c2c, clock, connections, gateway, pushQueue, rates, webhooks } from '../aws-services.js';
import type { BroadcastLambdaServices } from './services.js';

/** The broadcast Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const broadcastServices = (aws: AwsContext): BroadcastLambdaServices => buildServices<keyof BroadcastLambdaServices>(aws, { accounts, broadcast, c2c, clock, connections, gateway, pushQueue, rates, webhooks });
