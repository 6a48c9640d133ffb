import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the sns Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type SnsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'profiles' | 'rates' | 'sns' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<SnsLambdaServices>();
