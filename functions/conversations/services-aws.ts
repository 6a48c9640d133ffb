import type { AwsContext } from '../shared/aws/load-runtime.js';
import { buildServices, buildViews, accounts, c2c, clock, connections, conversationReads, gateway, rates, webhooks } from '../aws-services.js';
import type { ConversationReads } from '../c2c/conversations.js';
import type { ConversationsLambdaServices } from './services.js';

/** The conversations Lambda's services in AWS and on the local stack; each adapter it names is in its bundle, no other. */
export const conversationsServices = (aws: AwsContext): ConversationsLambdaServices => ({
  ...buildServices<Exclude<keyof ConversationsLambdaServices, keyof ConversationReads>>(aws, { accounts, c2c, clock, connections, gateway, rates, webhooks }),
  ...buildViews<ConversationReads>(aws, conversationReads),
});
