import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AppConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';
import { parseFanOutJob, runFanOutJobs, type FanOutMessage } from './fan-out-queue.js';

/**
 * The fan-out queue's consumer: the batch's jobs (up to the event source's batch size, gathered within its batching
 * window) are posted together, messages for one connection combined into one `group.messages` frame. Posts are
 * never retried (a lost post is a lost live copy; history has the message), so no batch item failure is reported.
 * Offline-push pages of large groups (push-pages.ts) travel on the same queue.
 */
/** What the group fan-out worker Lambda builds (groupmsg/services-aws.ts). */
export type FanOutConsumerServices = Pick<ServiceCatalog, 'clock' | 'connections' | 'gateway' | 'groupFanOut' | 'groupMessages' | 'pushQueue'>;

export function fanOutConsumer(loadRuntime: () => Promise<{ services: FanOutConsumerServices; config: AppConfig }>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const { services, config } = await loadRuntime();
    const jobs: FanOutMessage[] = [];
    for (const record of event.Records) {
      try {
        jobs.push(parseFanOutJob(record.body));
      } catch (error) {
        logger.error('fan-out job dropped', { messageId: record.messageId, error });
      }
    }
    await runFanOutJobs(services, config, jobs);
    return { batchItemFailures: [] };
  };
}
