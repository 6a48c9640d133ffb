import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the msgactions Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type MsgActionsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'messageExtensions' | 'permissionGroups' | 'rates' | 'topics' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<MsgActionsLambdaServices>();
