import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AppConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { runBroadcastPage } from '../broadcast/fan-out.js';
import { parsePushJob } from './push-queue.js';
import { runPushJob } from './push-worker.js';

/**
 * The push queue's consumer: runs every job of the batch in parallel (offline
 * pushes of a send, or a page of an im_push fan-out). Pushes are never retried
 * (the jobs log what failed), so no batch item failure is reported; only
 * failing to start (configuration) throws.
 */
/** What the push worker Lambda builds (push/services-aws.ts). */
export type PushConsumerServices = Pick<ServiceCatalog, 'broadcast' | 'c2c' | 'clock' | 'connections' | 'gateway' | 'groupMessages' | 'groups' | 'push' | 'pushQueue' | 'webhooks'>;

export function pushConsumer(loadRuntime: () => Promise<{ services: PushConsumerServices; config: Pick<AppConfig, 'heartbeatTimeoutSeconds'> }>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const { services, config } = await loadRuntime();
    await Promise.all(event.Records.map(async (record) => {
      try {
        const job = parsePushJob(record.body);
        const lagMs = services.clock() - job.enqueuedAt;
        if (job.kind === 'BroadcastPage') {
          const outcome = await runBroadcastPage(services, job, config.heartbeatTimeoutSeconds * 1000);
          logger.info('broadcast page done', { ...outcome, lagMs });
        } else {
          const outcome = await runPushJob(services, job);
          logger.info('pushes sent', { ...outcome, kind: job.kind, lagMs });
        }
      } catch (error) {
        logger.error('push job dropped', { messageId: record.messageId, error });
      }
    }));
    return { batchItemFailures: [] };
  };
}
