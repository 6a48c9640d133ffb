/**
 * Codes and limits of group attributes and counters (Tencent's set/modify_group_attr and
 * update_group_counter pages; the client SDK pages for the per-group write rate).
 */
export const GroupAttrCode = {
  InvalidParam: 10004,
  NoPermission: 10007,
  /** An attribute key over ATTR_LIMITS.keyBytes. */
  KeyTooLong: 10045,
  /** An attribute value over ATTR_LIMITS.valueBytes. */
  ValueTooLong: 10046,
  /** More than ATTR_LIMITS.keys attributes. */
  TooManyKeys: 10047,
  /** All attributes together over ATTR_LIMITS.totalBytes. */
  TotalTooLarge: 10048,
  /** A user writing a group's attributes more than ATTR_LIMITS.userWritesPerSecond times a second. */
  TooFrequent: 10049,
  /** Concurrent writers kept winning (optimistic retries used up): retry. */
  Busy: 10002,
} as const;

export const ATTR_LIMITS = {
  keys: 16,
  keyBytes: 32,
  valueBytes: 4000,
  /** Keys and values together (the client SDK docs: "总的 attributes(包括 key 和 value)限制为16k"). */
  totalBytes: 16 * 1024,
  /** Tencent's backend limit for client calls (1 s, 5 calls), shared by init/set/delete; REST calls by the app admin are not counted. */
  userWritesPerSecond: 5,
} as const;

export const COUNTER_LIMITS = {
  keys: 20,
  keyBytes: 128,
  /** Values are int64 at Tencent; JSON numbers are exact only to 2^53 - 1, so that is the range served (docs/rest.md). */
  maxValue: Number.MAX_SAFE_INTEGER,
  minValue: Number.MIN_SAFE_INTEGER,
} as const;
