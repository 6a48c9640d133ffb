import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the connections Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type ConnectionsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupMessages' | 'groups' | 'officialAccounts' | 'push' | 'rates' | 'sns' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<ConnectionsLambdaServices>();
