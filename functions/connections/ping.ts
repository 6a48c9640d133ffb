import { nowSeconds, type Services, type WsCaller } from '../shared/runtime.js';

/** `ping`: refreshes the connection's last-seen time and tells the server's clock. */
export async function ping(services: Services, caller: Pick<WsCaller, 'userId' | 'connectionId'>): Promise<{ ServerTime: number }> {
  await services.connections.touch(caller.userId, caller.connectionId, services.clock());
  return { ServerTime: nowSeconds(services.clock) };
}
