import type { ServiceCatalog } from '../services.js';
import { routesServedWith } from '../shared/route.js';

/** What the profile Lambda builds (services-aws.ts): the stores and clients its routes use, and no other. */
export type ProfileLambdaServices = Pick<ServiceCatalog, 'accounts' | 'clock' | 'connections' | 'gateway' | 'profiles' | 'rates' | 'sns' | 'webhooks'>;

export const { restRoute, wsRoute } = routesServedWith<ProfileLambdaServices>();
