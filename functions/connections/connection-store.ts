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

export const PUSH_PLATFORMS = ['APNs', 'APNsSandbox', 'FCM'] as const;
export type PushPlatform = (typeof PUSH_PLATFORMS)[number];

/** A device that receives offline pushes; it keeps the user PushOnline for 7 days after its last connection. */
export interface PushDeviceRecord {
  userId: string;
  instance: string;
  /** The client platform that registered it (Android, iOS, iPad). */
  platform: Platform;
  pushPlatform: PushPlatform;
  token: string;
  businessId?: number;
  /** The SNS platform endpoint that delivers to this token. */
  endpointArn?: string;
  registeredAt: number;
  /** ms; the last time a connection of this instance was open. */
  lastOnlineAt: number;
}

/** Everything presence needs about one user, read with one Query. */
export interface PresenceItems {
  connections: ConnectionRecord[];
  devices: PushDeviceRecord[];
  /** Device items past their PushOnline period but not yet removed by TTL: a reconnect of the instance revives them. */
  dormantDevices?: number;
  /** The user's custom status (`status.set`), read by the same Query; absent when not set. */
  customStatus?: string;
}

/** One user's subscription to another's status (`status.subscribe`). */
export interface StatusSubscription {
  target: string;
  /** ms. */
  subscribedAt: number;
}

/** Tencent keeps a backgrounded mobile user PushOnline for 7 days. */
export const PUSH_ONLINE_MS = 7 * 86400 * 1000;

export interface ConnectionStore {
  put(connection: ConnectionRecord): Promise<void>;
  /** Returns the record that was there, if any (a kicked connection's $disconnect finds none). */
  remove(userId: string, connectionId: string): Promise<ConnectionRecord | undefined>;
  /** One Query on the user's partition; entries past API Gateway's 2-hour limit are left out. */
  /** `consistent`: a strongly consistent Query (kick and account deletion must see a connection just registered). */
  listByUser(userId: string, now: number, consistent?: boolean): Promise<ConnectionRecord[]>;
  /**
   * Removes a connection API Gateway answered GoneException for, unless it is
   * younger than CONNECT_HANDSHAKE_MS: API Gateway says gone for a connection
   * whose `$connect` has not returned yet, and its record is already written.
   * Returns false when the record was kept.
   */
  removeGone(userId: string, connectionId: string, now: number): Promise<boolean>;
  touch(userId: string, connectionId: string, now: number): Promise<void>;
  /** Stores the device; returns the one it replaced, if any. */
  putDevice(device: PushDeviceRecord): Promise<PushDeviceRecord | undefined>;
  removeDevice(userId: string, instance: string): Promise<PushDeviceRecord | undefined>;
  /** Starts the device's 7-day PushOnline period; no-op when the instance has no device. */
  markDeviceOffline(userId: string, instance: string, now: number): Promise<void>;
  /** Connections and push devices of a user (one Query), both filtered for expiry. */
  presenceOf(userId: string, now: number): Promise<PresenceItems>;
  /** Whether any device item with an endpoint is stored for the user, dormant ones included (strongly consistent Query). */
  storesPushDevice(userId: string): Promise<boolean>;
  /** Sets the user's custom status; `''` removes it. */
  setCustomStatus(userId: string, customStatus: string, now: number): Promise<void>;
  /** The users subscribed to `target`'s status (one Query). */
  statusWatchers(target: string): Promise<string[]>;
  /** The users whose status `subscriber` is subscribed to (one Query). */
  statusSubscriptions(subscriber: string, consistent?: boolean): Promise<StatusSubscription[]>;
  /** Writes both items of each subscription (BatchWriteItem); an existing one gets the new time. */
  putStatusSubscriptions(subscriber: string, targets: readonly string[], now: number): Promise<void>;
  deleteStatusSubscriptions(subscriber: string, targets: readonly string[]): Promise<void>;
}

/** API Gateway closes every WebSocket connection after 2 hours. */
export const CONNECTION_MAX_AGE_MS = 2 * 60 * 60 * 1000;

/** How long a connection may answer GoneException because its `$connect` is still running (API Gateway's 29 s integration timeout, rounded up). */
export const CONNECT_HANDSHAKE_MS = 30 * 1000;
