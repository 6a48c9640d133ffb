import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the conversations Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type ConversationsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupMessages' | 'groups' | 'officialAccounts' | 'rates' | 'topics' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<ConversationsLambdaServices>();
