import type { MsgElement } from '../push/push-text.js';
import type { OfflinePushInfo } from '../push/notification.js';

/** A user's push attributes (attribute name -> value) and tags (all_member_push). */
export interface UserPushData {
  attrs: Record<string, string>;
  tags: string[];
}

/** Which users a broadcast targets; no condition = everyone. Tags and attributes are exclusive. */
export interface PushCondition {
  TagsOr?: string[];
  TagsAnd?: string[];
  AttrsOr?: Record<string, string>;
  AttrsAnd?: Record<string, string>;
}

/** An `im_push` broadcast as stored (kept for MsgLifeTime so offline users get it on their next sync). */
export interface BroadcastTask {
  taskId: string;
  from: string;
  nick?: string;
  body: MsgElement[];
  random: number;
  offlinePushInfo?: OfflinePushInfo;
  condition?: PushCondition;
  /** ms since the epoch. */
  sentAt: number;
  /** 0: online users only (not stored, never pushed). */
  lifeTime: number;
}

export type PushSlot = 'ok' | 'daily-limit' | 'too-soon';

/** One page of the users that can be reached now: those with a connection or a push device. */
export interface ReachablePage {
  /** Distinct users in the order the page met them. */
  userIds: string[];
  /** The Scan's LastEvaluatedKey; absent on the last page. */
  nextKey?: Record<string, string>;
}

export interface BroadcastStore {
  /** `AttrNames` as set: index ("0"-"9") -> name. */
  getAttrNames(): Promise<Record<string, string>>;
  setAttrNames(names: Record<string, string>): Promise<void>;
  /** One BatchGetItem per 100 users; users with nothing set are absent. */
  getUserPushData(userIds: readonly string[]): Promise<Map<string, UserPushData>>;
  /** Sets and removes attributes of one user (one UpdateItem). */
  updateAttrs(userId: string, set: Record<string, string>, remove: readonly string[]): Promise<void>;
  addTags(userId: string, tags: readonly string[]): Promise<void>;
  removeTags(userId: string, tags: readonly string[]): Promise<void>;
  removeAllTags(userId: string): Promise<void>;
  /** Takes one of the day's `im_push` calls (conditional write): `perDay` a day, `gapMs` apart. */
  claimPushSlot(now: number, perDay: number, gapMs: number): Promise<PushSlot>;
  /** Stores a broadcast until its lifetime ends (TTL). */
  putTask(task: BroadcastTask): Promise<void>;
  /** Broadcasts sent after `sinceMs` and still within their lifetime, oldest first (one Query). */
  tasksSince(sinceMs: number, now: number): Promise<BroadcastTask[]>;
  /** A page of the Connections table (connections and push devices), for the fan-out worker only. */
  scanReachable(startKey: Record<string, string> | undefined, limit: number): Promise<ReachablePage>;
}
