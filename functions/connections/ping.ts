import { nowSeconds, type WsCaller } from '../shared/runtime.js';
import type { ServiceCatalog } from '../services.js';

/** `ping`: refreshes the connection's last-seen time and tells the server's clock. */
export async function ping(services: Pick<ServiceCatalog, 'clock' | 'connections'>, caller: Pick<WsCaller, 'userId' | 'connectionId'>): Promise<{ ServerTime: number }> {
  await services.connections.touch(caller.userId, caller.connectionId, services.clock());
  return { ServerTime: nowSeconds(services.clock) };
}
