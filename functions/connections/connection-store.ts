import type { Platform } from '../shared/config.js';

export interface ConnectionRecord {
  userId: string;
  connectionId: string;
  platform: Platform;
  instance: string;
  /** ms since the epoch. */
  connectedAt: number;
  lastSeen: number;
}

export interface ConnectionStore {
  put(connection: ConnectionRecord): Promise<void>;
  /** Returns the record that was there, if any (a kicked connection's $disconnect finds none). */
  remove(userId: string, connectionId: string): Promise<ConnectionRecord | undefined>;
  /** One Query on the user's partition; entries past API Gateway's 2-hour limit are left out. */
  listByUser(userId: string, now: number): Promise<ConnectionRecord[]>;
  touch(userId: string, connectionId: string, now: number): Promise<void>;
}

/** API Gateway closes every WebSocket connection after 2 hours. */
export const CONNECTION_MAX_AGE_MS = 2 * 60 * 60 * 1000;
