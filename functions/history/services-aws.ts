import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, accounts, clock, rates, webhooks } from '../aws-services.js';
import type { HistoryLambdaServices } from './services.js';

/** The history Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const historyServices = (aws: AwsContext): HistoryLambdaServices => buildServices<keyof HistoryLambdaServices>(aws, { accounts, clock, rates, webhooks });
