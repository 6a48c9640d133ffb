import { onFirstUse } from '../shared/aws/on-first-use.js';
import type { MessageLogReader } from './message-log.js';
import { MESSAGE_LOG_BUCKET_ENV } from './archive-source.js';

/**
 * The archive reader of the Lambda serving get_history, built on its first call from IM_MESSAGE_LOG_BUCKET.
 * Imported lazily so that the route list (read by the CDK stack and the local gateway) stays free of the
 * S3 adapter, and no other Lambda of the bundle pays for it.
 */
export const messageLogReader = (sdkAppId: number): Promise<MessageLogReader> => reader(sdkAppId);

// Keyed by bucket too: one process may serve several local stacks in turn (tests), each with its own bucket.
const built = new Map<string, () => Promise<MessageLogReader>>();
function reader(sdkAppId: number): Promise<MessageLogReader> {
  const key = `${sdkAppId}/${process.env[MESSAGE_LOG_BUCKET_ENV] ?? ''}`;
  let load = built.get(key);
  if (!load) built.set(key, load = onFirstUse(async () => (await import('./message-log-s3.js')).messageLogFromEnv(process.env, sdkAppId)));
  return load();
}
