import type { OfficialMsgFlag } from './official-codes.js';

/** An official account (Groups table, `G#<Official_Account>` / `OA`: docs/data-model.md, "Official accounts"). */
export interface OfficialAccount {
  id: string;
  owner: string;
  name: string;
  introduction: string;
  faceUrl: string;
  organization: string;
  customString: string;
  maxSubscriberNum: number;
  subscriberNum: number;
  /** unix s */
  createTime: number;
  /** The last broadcast's sequence (0 before the first). */
  lastSeq: number;
  /** unix s of the last broadcast (0 before the first). */
  lastMsgTime: number;
  /** Hash of the last broadcast's MsgBody: the 5-minute duplicate rule reads it from this item (its MsgKey is lastSeq/lastMsgTime). */
  lastBodyHash?: string;
  /** Broadcasts in the current hour window (the hourly limit): the window's start (unix s) and count. */
  hourStart: number;
  hourCount: number;
}

export type OfficialAccountFields = Pick<OfficialAccount, 'name' | 'introduction' | 'faceUrl' | 'organization' | 'customString' | 'maxSubscriberNum'>;

export interface Subscriber {
  accountId: string;
  userId: string;
  /** unix s */
  subscribeTime: number;
  msgFlag: OfficialMsgFlag;
  customString: string;
  /** The last broadcast seq the subscriber has read (unread = lastSeq − readSeq, never a drifting counter). */
  readSeq: number;
}

export type SubscribeOutcome = 'added' | 'already' | 'full' | 'gone';

/** What taking a broadcast's sequence did: a seq, or which limit refused it. */
export type SeqOutcome =
  | { outcome: 'taken'; seq: number }
  | { outcome: 'tooFrequent' }
  | { outcome: 'hourlyLimit' }
  | { outcome: 'gone' };

export interface OfficialAccountStore {
  /** Creates the account item; false when the id is taken. */
  create(account: OfficialAccount): Promise<boolean>;
  get(id: string, consistent?: boolean): Promise<OfficialAccount | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, OfficialAccount>>;
  /** Changes the given fields; a `maxSubscriberNum` below SubscriberNum is refused (`belowCount`). */
  modify(id: string, fields: Partial<OfficialAccountFields>): Promise<'ok' | 'gone' | 'belowCount'>;
  /** Deletes the account item and every subscriber item (one Query, batch deletes). Returns the subscribers' ids. */
  destroy(id: string): Promise<string[]>;
  /**
   * Adds one subscriber: a transaction of the subscriber item (if absent) and SubscriberNum + 1 under
   * MaxSubscriberNum (2 items, 4 WCU).
   */
  subscribe(sub: Subscriber, readSeq: number): Promise<SubscribeOutcome>;
  /** Removes one subscriber (transaction, SubscriberNum − 1); false when they were not subscribed. */
  unsubscribe(accountId: string, userId: string): Promise<boolean>;
  getSubscriber(accountId: string, userId: string): Promise<Subscriber | undefined>;
  updateSubscriber(accountId: string, userId: string, changes: { customString?: string; msgFlag?: OfficialMsgFlag }): Promise<boolean>;
  /** A page of subscribers in UserID order after `after` (one Query). */
  subscribers(accountId: string, after: string | undefined, limit: number): Promise<{ subscribers: Subscriber[]; next?: string }>;
  /** A user's subscriptions, in account-id order (one Query of the byMember index, partition `OS#<UserID>`). */
  subscriptions(userId: string): Promise<Subscriber[]>;
  /**
   * One conditional UpdateItem of the account item: seq + 1, LastMsgTime, the per-second and hourly limits and the
   * duplicate marker.
   */
  takeSeq(id: string, at: { time: number; perHour: number; bodyHash: string }): Promise<SeqOutcome>;
  /** Moves the subscriber's read position forward (never back). */
  markRead(accountId: string, userId: string, seq: number): Promise<boolean>;
}

/** What the conversation list needs of the official account store (functions/conversations): the user's subscriptions and their accounts. */
export type OfficialSubscriptionReads = Pick<OfficialAccountStore, 'subscriptions' | 'getMany'>;

/** An account and one subscriber of it (`official.message`, in the c2c Lambda). */
export type OfficialAccountReads = Pick<OfficialAccountStore, 'get' | 'getSubscriber'>;
