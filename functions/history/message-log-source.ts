import { onFirstUse } from '../shared/aws/on-first-use.js';
import type { MessageLogReader } from './message-log.js';

/**
 * The archive reader of the Lambda serving get_history, built on its first call from IM_MESSAGE_LOG_BUCKET.
 * Imported lazily so that the route list (read by the CDK stack and the local gateway) stays free of the
 * S3 adapter, and no other Lambda of the bundle pays for it.
 */
export const messageLogReader = (sdkAppId: number): Promise<MessageLogReader> => reader(sdkAppId);

const built = new Map<number, () => Promise<MessageLogReader>>();
function reader(sdkAppId: number): Promise<MessageLogReader> {
  let load = built.get(sdkAppId);
  if (!load) built.set(sdkAppId, load = onFirstUse(async () => (await import('./message-log-s3.js')).messageLogFromEnv(process.env, sdkAppId)));
  return load();
}
