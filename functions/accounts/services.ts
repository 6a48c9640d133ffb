import type { ServiceCatalog } from '../services.js';
import type { AccountRemovalServices } from '../groups/account-removal.js';
import { routesServedWith } from '../shared/route.js';

/**
 * What the accounts Lambda builds (services-aws.ts): the stores and clients its routes use, and no other; of the group,
 * group message and permission group stores only what `account_delete` asks of them (views, AccountRemovalServices).
 */
export type AccountsLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupCount' | 'groupFanOut' | 'rates' | 'sns' | 'webhooks'>
  & AccountRemovalServices;

export const { restRoute, wsRoute } = routesServedWith<AccountsLambdaServices>();
