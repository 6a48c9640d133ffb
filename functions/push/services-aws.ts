import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, broadcast, c2c, clock, connections, gateway, groupMessages, groups, push, pushApplications, pushQueue, rates, webhooks } from '../aws-services.js';
import type { PushLambdaServices } from './services.js';
import type { PushConsumerServices } from './push-consumer.js';

/** The push Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const pushServices = (aws: AwsContext): PushLambdaServices => buildServices<keyof PushLambdaServices>(aws, { accounts, clock, connections, groups, push, pushApplications, rates, webhooks });

/** The push worker's (SQS consumer): SNS mobile push, the badge's sources and the im_push fan-out pages. */
export const pushWorkerServices = (aws: AwsContext): PushConsumerServices => buildServices<keyof PushConsumerServices>(aws, { broadcast, c2c, clock, connections, gateway, groupMessages, groups, push, pushQueue, webhooks });
