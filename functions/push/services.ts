import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the push Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type PushLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'groups' | 'push' | 'pushApplications' | 'rates' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<PushLambdaServices>();
