import type { ServiceCatalog, Uses } from '../services.js';
import { routesServedWith } from '../shared/route.js';
import type { ConversationReads } from '../c2c/conversations.js';

/**
 * What the conversations Lambda builds (services-aws.ts): the stores and clients its routes use, and no other; of the
 * group, group message, topic and official account stores only the conversation list's reads (ConversationReads).
 */
export type ConversationsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'rates' | 'webhooks'> & ConversationReads
  & Uses<'c2c', ConversationsC2cOps>;

/** What conversation lists, settings and deletion ask of the C2C store: the Lambda builds a view of these (functions/aws-services.ts). */
export type ConversationsC2cOps = 'listEntries' | 'getStates' | 'getState' | 'getMessages' | 'history' | 'deleteEntry' | 'conversationSettings'
  | 'fillHoles' | 'ensureEntry' | 'clearHistory';

export const { restRoute, wsRoute } = routesServedWith<ConversationsLambdaServices>();
