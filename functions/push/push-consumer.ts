import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import type { Services } from '../shared/runtime.js';
import { parsePushJob } from './push-queue.js';
import { runPushJob, type PushWorkerServices } from './push-worker.js';

/**
 * The push queue's consumer: runs every job of the batch in parallel. Pushes
 * are never retried (runPushJob logs what failed), so no batch item failure is
 * reported; only failing to start (configuration) throws.
 */
export function pushConsumer(loadServices: () => Promise<PushWorkerServices & Pick<Services, 'clock'>>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const services = await loadServices();
    await Promise.all(event.Records.map(async (record) => {
      try {
        const job = parsePushJob(record.body);
        const outcome = await runPushJob(services, job);
        logger.info('pushes sent', { ...outcome, kind: job.kind, lagMs: services.clock() - job.enqueuedAt });
      } catch (error) {
        logger.error('push job dropped', { messageId: record.messageId, error });
      }
    }));
    return { batchItemFailures: [] };
  };
}
