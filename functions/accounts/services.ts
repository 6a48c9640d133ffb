import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the accounts Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type AccountsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupCount' | 'groupFanOut' | 'groupMessages' | 'groups' | 'permissionGroups' | 'rates' | 'sns' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<AccountsLambdaServices>();
