import type { ServiceCatalog, Uses } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the official Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type OfficialLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'officialAccounts' | 'pushQueue' | 'rates' | 'webhooks'>
  & Uses<'groupMessages', OfficialGroupMessageOps>;

/**
 * What official accounts ask of the group message store (their messages and online index live there, as a group's):
 * the Lambda builds a view of these (functions/aws-services.ts `officialGroupMessages`), not the whole store.
 */
export type OfficialGroupMessageOps = 'putMessage' | 'range' | 'mark' | 'getMessages' | 'online' | 'indexConnections' | 'unindexConnections'
  | 'unindexMember' | 'setIndexedFlag' | 'clearIndex' | 'pushCandidatePage' | 'markNoPushDevice';

export const { restRoute, wsRoute } = routesServedWith<OfficialLambdaServices>();
