import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, groupAttributes, groupFanOut, groupMessages, groups, rates, webhooks } from '../aws-services.js';
import type { GroupAttrsLambdaServices } from './services.js';

/** The groupattrs Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const groupAttrsServices = (aws: AwsContext): GroupAttrsLambdaServices => buildServices<keyof GroupAttrsLambdaServices>(aws, { accounts, clock, connections, gateway, groupAttributes, groupFanOut, groupMessages, groups, rates, webhooks });
