import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, buildViews, accounts, clock, connections, conversationReads, conversationsC2c, gateway, rates, webhooks } from '../aws-services.js';
import type { ConversationReads } from '../c2c/conversations.js';
import type { ConversationsLambdaServices } from './services.js';

/**
 * The conversations Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other;
 * of the C2C store only the operations conversations use (a view).
 */
export const conversationsServices = (aws: AwsContext): ConversationsLambdaServices => ({
  ...buildServices<Exclude<keyof ConversationsLambdaServices, keyof ConversationReads | 'c2c'>>(aws, { accounts, clock, connections, gateway, rates, webhooks }),
  ...buildViews<ConversationReads>(aws, conversationReads),
  c2c: conversationsC2c(aws),
});
