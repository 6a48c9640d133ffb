import { ImError, isImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { Clock } from '../shared/runtime.js';
import type { MessageLogConfig } from './history-config.js';
import { beijingDateTime, HOUR_MS, hourStartOf, isChatType, msgTimeOf } from './log-hours.js';
import type { MessageLogReader } from './message-log.js';

/** `open_msg_svc/get_history` error codes (Tencent's docs for the command). */
export const GetHistoryCode = {
  InvalidRequest: 1001,
  InvalidParam: 1002,
  SystemError: 1003,
  /** The file is not generated yet, or the hour has no messages. */
  NotGenerated: 1004,
  Expired: 1005,
} as const;

export interface GetHistoryDeps {
  log: MessageLogReader;
  clock: Clock;
  /** Files are kept as long as messages (the bucket's lifecycle rule follows `retentionDays`). */
  retentionDays: number;
  settings: MessageLogConfig;
}

export interface GetHistoryInput {
  ChatType: string;
  MsgTime: string;
}

/** Whether the hour starting at `start` may be served at `now`, and Tencent's answer when not. */
export function hourAvailability(start: number, now: number, retentionDays: number, settings: MessageLogConfig, msgTime: string): ImError | undefined {
  if (start > now) {
    return new ImError(GetHistoryCode.NotGenerated, `MsgTime "${msgTime}" is a future hour (now is ${msgTimeOf(now)} Beijing time): its file has not been generated`);
  }
  if (now >= start + retentionDays * 86_400_000) {
    return new ImError(GetHistoryCode.Expired, `MsgTime "${msgTime}" is older than the ${retentionDays}-day retention: its files have expired`);
  }
  const readyAt = start + HOUR_MS + settings.readyAfterSeconds * 1000;
  if (now < readyAt && !settings.serveCurrentHour) {
    return new ImError(GetHistoryCode.NotGenerated, `the file of MsgTime "${msgTime}" has not been generated yet; ask again after ${beijingDateTime(readyAt)} Beijing time`);
  }
  return undefined;
}

/**
 * The download URLs of one hour's message-log files. Refusals read nothing: the fields are checked, then
 * the hour's availability, and only then is the archive listed.
 */
export async function getHistory(deps: GetHistoryDeps, input: GetHistoryInput) {
  const { ChatType: chatType, MsgTime: msgTime } = input;
  if (!isChatType(chatType)) throw new ImError(GetHistoryCode.InvalidParam, `ChatType "${chatType}" is not a chat type: "C2C" (one-to-one messages) or "Group"`);
  const start = hourStartOf(msgTime);
  if (start === undefined) {
    throw new ImError(GetHistoryCode.InvalidParam, `MsgTime "${msgTime}" is not an hour: YYYYMMDDHH in Beijing time (UTC+8), e.g. "2015120121"`);
  }
  const refusal = hourAvailability(start, deps.clock(), deps.retentionDays, deps.settings, msgTime);
  if (refusal) throw refusal;
  let files;
  try {
    files = await deps.log.listFiles(chatType, msgTime);
  } catch (e) {
    if (isImError(e)) throw e;
    logger.error('get_history could not list the message log', { chatType, msgTime, error: e });
    throw new ImError(GetHistoryCode.SystemError, 'system error; retry later');
  }
  if (files.length === 0) throw new ImError(GetHistoryCode.NotGenerated, `no ${chatType} messages were sent in MsgTime "${msgTime}"`);
  return {
    File: files.map((f) => ({
      URL: f.url, ExpireTime: beijingDateTime(f.expiresAt), FileSize: f.fileSize, FileMD5: f.fileMd5, GzipSize: f.gzipSize, GzipMD5: f.gzipMd5,
    })),
  };
}
