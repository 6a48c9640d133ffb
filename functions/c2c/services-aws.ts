import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, buildViews, accounts, c2c, clock, connections, gateway, officialAccountReads, pushQueue, rates, relationships, webhooks } from '../aws-services.js';
import type { C2cLambdaServices } from './services.js';

/** The c2c Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const c2cServices = (aws: AwsContext): C2cLambdaServices => ({
  ...buildServices<Exclude<keyof C2cLambdaServices, 'officialAccounts'>>(aws, { accounts, c2c, clock, connections, gateway, pushQueue, rates, relationships, webhooks }),
  ...buildViews<Pick<C2cLambdaServices, 'officialAccounts'>>(aws, { officialAccounts: officialAccountReads }),
});
