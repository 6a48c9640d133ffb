import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the broadcast Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type BroadcastLambdaServices = Pick<ServiceCatalog, 'accounts' | 'broadcast' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'pushQueue' | 'rates' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<BroadcastLambdaServices>();
