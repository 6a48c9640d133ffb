import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { parseAppConfig } from '../app-config.js';
import { logger } from '../shared/logger.js';
import { archiveMessages, type InsertedItem } from './archive-messages.js';
import { matchesArchiveFilter } from './archive-source.js';
import { messageLogFromEnv, type S3MessageLog } from './message-log-s3.js';

let runtime: { sdkAppId: number; log: S3MessageLog } | undefined;

/** Only the SDKAppID (for the files' header) and the bucket: the archiver reads no table and no secret. */
function archiverRuntime() {
  if (!runtime) {
    const { sdkAppId } = parseAppConfig(JSON.parse(process.env.IM_APP_CONFIG ?? '{}'));
    runtime = { sdkAppId, log: messageLogFromEnv(process.env, sdkAppId) };
  }
  return runtime;
}

/**
 * Triggered by the Messages table's stream (NEW_IMAGE, filtered to message inserts). Throws when a part
 * cannot be written, so Lambda retries the batch (archiveMessages' part names make that idempotent).
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const { sdkAppId, log } = archiverRuntime();
  const items: InsertedItem[] = event.Records.flatMap((r) => (matchesArchiveFilter(r) && r.dynamodb?.NewImage
    ? [{ sequenceNumber: r.dynamodb.SequenceNumber ?? '0', item: unmarshall(r.dynamodb.NewImage as Record<string, AttributeValue>) }]
    : []));
  const result = await archiveMessages(log, sdkAppId, items);
  logger.debug('message log archived', { ...result, records: event.Records.length });
};
