import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';
import type { OfficialAccountReads } from '../official/official-store.js';

/**
 * What the c2c Lambda builds (services-aws.ts): the stores and clients its routes use, and no other; of the official
 * account store only the reads `official.message` needs (OfficialAccountReads).
 */
export type C2cLambdaServices = Pick<ServiceCatalog, 'accounts' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'pushQueue' | 'rates' | 'relationships' | 'webhooks'>
  & { officialAccounts: OfficialAccountReads };

export const { restRoute, wsRoute } = routesServedWith<C2cLambdaServices>();
