import { ImError } from '../shared/errors.js';
import type { Platform } from '../shared/config.js';
import type { WsCaller } from '../shared/runtime.js';
import type { ConnectionRecord, ConnectionStore } from './connection-store.js';

/** Tencent's "not logged in" (ERR_SDK_NOT_LOGGED_IN): an HTTPS call without a live session of its device. */
export const NOT_LOGGED_IN_CODE = 6014;

export interface ProvenSession {
  /** The session's connection: the device that called over HTTPS. */
  connectionId: string;
  /** Every live connection of the user, as read for the proof (a send's delivery to the sender's devices reuses it). */
  connections: ConnectionRecord[];
}

/**
 * The session check of an action over HTTPS (docs/websocket.md, "Actions over HTTPS"): the UserSig proved who calls;
 * a live connection of the same platform and instance proves that this login was not kicked, logged out or deleted
 * since (each of those removes the connection). An eventually consistent Query first, the one a send makes anyway
 * for the sender's other devices; only when it finds no such connection, a strongly consistent one, so a connection
 * opened just before is found.
 */
export async function proveHttpSession(
  connections: Pick<ConnectionStore, 'listByUser'>, userId: string, device: { platform: Platform; instance: string }, now: number,
): Promise<ProvenSession> {
  const find = (list: ConnectionRecord[]) => list.find((c) => c.platform === device.platform && c.instance === device.instance);
  let list = await connections.listByUser(userId, now);
  let session = find(list);
  if (!session) {
    list = await connections.listByUser(userId, now, true);
    session = find(list);
  }
  if (!session) {
    throw new ImError(NOT_LOGGED_IN_CODE, `no live session of ${userId} on ${device.platform} instance "${device.instance}": an action over HTTPS needs that device logged in over WebSocket`);
  }
  return { connectionId: session.connectionId, connections: list };
}

/** The HTTP action stack's session check (`overHttp: 'session-checked'`) for a Lambda that builds the connection store. */
export const sessionOfConnections = async (services: { connections: Pick<ConnectionStore, 'listByUser'>; clock: () => number }, caller: WsCaller): Promise<string> =>
  (await proveHttpSession(services.connections, caller.userId, caller, services.clock())).connectionId;
