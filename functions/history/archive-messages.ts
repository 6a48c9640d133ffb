import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { logEntryOf, logFileText, type LogRecord } from './log-records.js';
import type { ChatType } from './log-hours.js';
import type { MessageLogWriter } from './message-log.js';

/** One inserted item of the Messages table, in stream order. */
export interface InsertedItem {
  /** The stream record's SequenceNumber (decimal digits, growing within a shard). */
  sequenceNumber: string;
  item: Readonly<Record<string, unknown>>;
}

export interface ArchiveResult {
  parts: number;
  records: number;
  /** Items that are not messages (state, claims, counters, tips): not archived. */
  skipped: number;
}

const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');
/** Sequence numbers differ in length; padding keeps part keys in stream order when listed. */
const partIdOf = (sequenceNumber: string): string => sequenceNumber.replace(/\D/g, '').padStart(40, '0');

/**
 * Writes one part per (chat type, hour) found in a stream batch. A part is named after its first record's
 * sequence number: Lambda retries a failed batch from the same position with the same records (and maybe
 * more after them), so a retry rewrites the same keys with the same or longer contents instead of
 * archiving a message twice.
 */
export async function archiveMessages(writer: MessageLogWriter, sdkAppId: number, items: readonly InsertedItem[]): Promise<ArchiveResult> {
  const groups = new Map<string, { chatType: ChatType; msgTime: string; partId: string; records: LogRecord[] }>();
  let skipped = 0;
  for (const { sequenceNumber, item } of items) {
    const entry = logEntryOf(item);
    if (!entry) { skipped++; continue; }
    const key = `${entry.chatType}/${entry.msgTime}`;
    let group = groups.get(key);
    if (!group) groups.set(key, group = { chatType: entry.chatType, msgTime: entry.msgTime, partId: partIdOf(sequenceNumber), records: [] });
    group.records.push(entry.record);
  }
  await Promise.all([...groups.values()].map(async ({ chatType, msgTime, partId, records }) => {
    const text = Buffer.from(logFileText(sdkAppId, chatType, msgTime, records), 'utf8');
    const gzip = gzipSync(text);
    await writer.putPart({ chatType, msgTime, partId, gzip, fileSize: text.length, fileMd5: md5(text), gzipMd5: md5(gzip) });
  }));
  return { parts: groups.size, records: items.length - skipped, skipped };
}
