import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';
import type { ConversationReads } from '../c2c/conversations.js';

/**
 * What the conversations Lambda builds (services-aws.ts): the stores and clients its routes use, and no other; of the
 * group, group message, topic and official account stores only the conversation list's reads (ConversationReads).
 */
export type ConversationsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'rates' | 'webhooks'> & ConversationReads;

export const { restRoute, wsRoute } = routesServedWith<ConversationsLambdaServices>();
