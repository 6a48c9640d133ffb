import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the groups Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type GroupsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'permissionGroups' | 'rates' | 'topics' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<GroupsLambdaServices>();
