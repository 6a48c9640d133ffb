/**
 * The archiver Lambda and the stream records it is given: pure data, read by the CDK construct
 * (lib/constructs/history-archive.ts), the local stream poller and the handler.
 */
export const ARCHIVER = {
  entry: 'functions/history/archive-handler.ts',
  description: 'message log: appends inserted messages from the Messages table stream to hourly gzip files in S3 (open_msg_svc/get_history)',
} as const;

/** The bucket holding the message log; set on the archiver and on the Lambda serving get_history only. */
export const MESSAGE_LOG_BUCKET_ENV = 'IM_MESSAGE_LOG_BUCKET';

/**
 * Only message inserts reach the archiver. In AWS this is the event source mapping's filter, so the
 * table's other writes (conversation state, claims, the REST call counters, recalls) invoke nothing;
 * locally the stream poller applies the same rule. The handler checks each item again (logEntryOf).
 */
export const ARCHIVE_FILTER = {
  eventName: 'INSERT',
  pkPrefixes: ['C#c2c:', 'C#group:'],
  skPrefix: 'M#',
} as const;

interface StreamRecordShape {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined> };
}

export function matchesArchiveFilter(record: StreamRecordShape): boolean {
  const pk = record.dynamodb?.Keys?.pk?.S;
  const sk = record.dynamodb?.Keys?.sk?.S;
  return record.eventName === ARCHIVE_FILTER.eventName && pk !== undefined && sk !== undefined
    && ARCHIVE_FILTER.pkPrefixes.some((p) => pk.startsWith(p)) && sk.startsWith(ARCHIVE_FILTER.skPrefix);
}
