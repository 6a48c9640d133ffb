import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the groupattrs Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type GroupAttrsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupAttributes' | 'groupFanOut' | 'groupMessages' | 'groups' | 'rates' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<GroupAttrsLambdaServices>();
