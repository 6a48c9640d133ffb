import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the history Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type HistoryLambdaServices = Pick<ServiceCatalog, 'clock' | 'accounts' | 'rates' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<HistoryLambdaServices>();
