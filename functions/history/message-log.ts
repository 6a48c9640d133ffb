import type { ChatType } from './log-hours.js';

/**
 * The message-log archive (S3 in AWS, the local S3 stand-in on one machine): gzip JSON part files per
 * chat type and Beijing hour. Several parts per hour are normal: each stream batch adds one per hour it
 * touches, which is why Tencent's reply is a list of files.
 */
export interface LogPart {
  chatType: ChatType;
  msgTime: string;
  /** Unique per part and stable across a retried stream batch (its first record's sequence number). */
  partId: string;
  gzip: Buffer;
  /** Size and MD5 (hex) before compression: Tencent's `FileSize`, `FileMD5`. */
  fileSize: number;
  fileMd5: string;
  /** MD5 (hex) of the gzip bytes: `GzipMD5` (S3's ETag is not an MD5 under every encryption mode). */
  gzipMd5: string;
}

/** A stored part as `get_history` answers it: a download URL valid until `expiresAt`. */
export interface LogFile {
  url: string;
  /** Unix milliseconds. */
  expiresAt: number;
  fileSize: number;
  fileMd5: string;
  gzipSize: number;
  gzipMd5: string;
}

export interface MessageLogWriter {
  putPart(part: LogPart): Promise<void>;
}

export interface MessageLogReader {
  /** Every part of one hour of one chat type, oldest part first, each with a fresh download URL. */
  listFiles(chatType: ChatType, msgTime: string): Promise<LogFile[]>;
}

/** Object keys: `msglog/<ChatType>/<MsgTime>/<SdkAppId>_<ChatType>_<MsgTime>_<part>.gz` (Tencent's file naming, plus the part). */
export const LOG_KEY_PREFIX = 'msglog/';
export const hourPrefix = (chatType: ChatType, msgTime: string): string => `${LOG_KEY_PREFIX}${chatType}/${msgTime}/`;
export const partKey = (sdkAppId: number, part: Pick<LogPart, 'chatType' | 'msgTime' | 'partId'>): string =>
  `${hourPrefix(part.chatType, part.msgTime)}${sdkAppId}_${part.chatType}_${part.msgTime}_${part.partId}.gz`;
