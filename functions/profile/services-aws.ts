import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, connections, gateway, profiles, rates, sns, webhooks } from '../aws-services.js';
import type { ProfileLambdaServices } from './services.js';

/** The profile Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const profileServices = (aws: AwsContext): ProfileLambdaServices => buildServices<keyof ProfileLambdaServices>(aws, { accounts, clock, connections, gateway, profiles, rates, sns, webhooks });
