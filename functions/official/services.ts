import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the official Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type OfficialLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'officialAccounts' | 'pushQueue' | 'rates' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<OfficialLambdaServices>();
