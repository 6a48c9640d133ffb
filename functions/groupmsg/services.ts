import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the groupmsg Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type GroupMsgLambdaServices = Pick<ServiceCatalog, 'accounts' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'groups' | 'messageExtensions' | 'permissionGroups' | 'pinnedMessages' | 'pushQueue' | 'rates' | 'topics' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<GroupMsgLambdaServices>();
