/**
 * Tencent names a message-log file by its hour in Beijing time (`MsgTime`, `YYYYMMDDHH`), whatever the
 * caller's time zone. China Standard Time is UTC+8 all year (no daylight saving since 1991), so a fixed
 * offset is exact.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
export const HOUR_MS = 3_600_000;

export const CHAT_TYPES = ['C2C', 'Group'] as const;
export type ChatType = (typeof CHAT_TYPES)[number];
export const isChatType = (value: string): value is ChatType => (CHAT_TYPES as readonly string[]).includes(value);

/** The `MsgTime` of the Beijing hour holding `ms` (unix milliseconds). */
export const msgTimeOf = (ms: number): string => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 13).replace(/[-T]/g, '');

/**
 * Unix milliseconds at which the hour `msgTime` starts, or undefined when it is not a real hour: Date.UTC
 * rolls "2015023012" or hour 24 over into the next day, so the round trip refuses them.
 */
export function hourStartOf(msgTime: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(msgTime);
  if (!m) return undefined;
  const [year, month, day, hour] = m.slice(1).map(Number) as [number, number, number, number];
  const start = Date.UTC(year, month - 1, day, hour) - BEIJING_OFFSET_MS;
  return msgTimeOf(start) === msgTime ? start : undefined;
}

/** `2015-12-02 16:45:23` in Beijing time: the form of Tencent's `ExpireTime`. */
export const beijingDateTime = (ms: number): string => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
