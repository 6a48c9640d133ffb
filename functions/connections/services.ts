import type { ServiceCatalog, Uses } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the connections Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type ConnectionsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'officialAccounts' | 'push' | 'rates' | 'sns' | 'webhooks'>
  & Uses<'groupMessages', 'online' | 'indexConnections' | 'unindexConnections' | 'unindexMember'>
  & Uses<'groups', 'joinedGroups' | 'removeMember' | 'stampPushRegistered'>;

export const { restRoute, wsRoute } = routesServedWith<ConnectionsLambdaServices>();
