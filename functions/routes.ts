import type { Route } from './shared/route.js';
import { accountsRoutes } from './accounts/routes.js';
import { connectionsRoutes } from './connections/routes.js';
import { groupsRoutes } from './groups/routes.js';
import { profileRoutes } from './profile/routes.js';
import { snsRoutes } from './sns/routes.js';
import { pushRoutes } from './push/routes.js';
import { c2cRoutes } from './c2c/routes.js';
import { conversationsRoutes } from './conversations/routes.js';
import { msgActionsRoutes } from './msgactions/routes.js';
import { broadcastRoutes } from './broadcast/routes.js';
import { groupMessageRoutes } from './groupmsg/routes.js';
import { historyRoutes } from './history/routes.js';
import { groupAttrRoutes } from './groupattrs/routes.js';
import { topicRoutes } from './topics/routes.js';
import { officialRoutes } from './official/routes.js';

/**
 * The one route list: every REST command and WebSocket action of the product.
 * The CDK stack, the Lambda handlers and the local gateway all read it.
 */
export const routes: readonly Route[] = [...accountsRoutes, ...connectionsRoutes, ...groupsRoutes, ...profileRoutes, ...snsRoutes, ...pushRoutes, ...c2cRoutes, ...conversationsRoutes, ...msgActionsRoutes, ...broadcastRoutes, ...groupMessageRoutes, ...historyRoutes, ...groupAttrRoutes, ...topicRoutes, ...officialRoutes];
