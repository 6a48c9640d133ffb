import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, profiles, rates, sns, webhooks } from '../aws-services.js';
import type { SnsLambdaServices } from './services.js';

/** The sns Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const snsServices = (aws: AwsContext): SnsLambdaServices => buildServices<keyof SnsLambdaServices>(aws, { accounts, clock, connections, gateway, profiles, rates, sns, webhooks });
