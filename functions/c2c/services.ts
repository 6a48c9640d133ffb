import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the c2c Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type C2cLambdaServices = Pick<ServiceCatalog, 'accounts' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupCount' | 'pushQueue' | 'rates' | 'relationships' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<C2cLambdaServices>();
