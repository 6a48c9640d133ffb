import { msgTimeOf, type ChatType } from './log-hours.js';

/** One message of a log file, with the keys and types of Tencent's record files. */
export type LogRecord = Record<string, unknown>;

export interface LogEntry {
  chatType: ChatType;
  /** The Beijing hour of the message's `MsgTimestamp`: the file it belongs to. */
  msgTime: string;
  record: LogRecord;
}

const C2C_PREFIX = 'C#c2c:';
const GROUP_PREFIX = 'C#group:';
const MESSAGE_SK = 'M#';

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The log record of a stored message item (a Messages table `M#` item, as the stream's NEW_IMAGE carries
 * it), or undefined for every other item of the table and for stored group tips, which carry no MsgBody.
 * Tencent's files list `From_Account`, `To_Account` or `GroupId`, `MsgTimestamp`, `MsgSeq`, `MsgRandom`,
 * `MsgBody`; `CloudCustomData` is added when the message has one.
 */
export function logEntryOf(item: Readonly<Record<string, unknown>>): LogEntry | undefined {
  const { pk, sk, from, seq, random, time, body, cloudCustomData } = item;
  if (!str(pk) || !str(sk) || !sk.startsWith(MESSAGE_SK) || !str(from) || !num(seq) || !num(time) || !Array.isArray(body)) return undefined;
  const common = { MsgTimestamp: time, MsgSeq: seq, MsgRandom: num(random) ? random : 0, MsgBody: body };
  const custom = str(cloudCustomData) && cloudCustomData !== '' ? { CloudCustomData: cloudCustomData } : {};
  const msgTime = msgTimeOf(time * 1000);
  if (pk.startsWith(C2C_PREFIX) && str(item.to)) {
    return { chatType: 'C2C', msgTime, record: { From_Account: from, To_Account: item.to, ...common, ...custom } };
  }
  if (pk.startsWith(GROUP_PREFIX) && str(item.groupId) && item.tip === undefined) {
    return { chatType: 'Group', msgTime, record: { From_Account: from, GroupId: item.groupId, ...common, ...custom } };
  }
  return undefined;
}

/**
 * A file's text in Tencent's layout: the first line holds the header and opens `MsgList`, then one record
 * per line (a comma after all but the last), then `]}` alone. Tencent's own line-by-line parsing sample
 * (strip, drop the trailing comma, stop at `]}`) and a whole-file JSON parse both read it.
 */
export function logFileText(sdkAppId: number, chatType: ChatType, msgTime: string, records: readonly LogRecord[]): string {
  const header = JSON.stringify({ SdkAppId: sdkAppId, ChatType: chatType, MsgTime: msgTime });
  const lines = records.map((r) => JSON.stringify(r)).join(',\n');
  return `${header.slice(0, -1)},"MsgList":[\n${lines}${records.length > 0 ? '\n' : ''}]}\n`;
}
