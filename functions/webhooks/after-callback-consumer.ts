import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { parseAfterCallbackJob } from './after-callback-queue.js';
import type { Webhooks } from './webhooks.js';

/**
 * The SQS consumer: posts every queued after-callback once, all records of a
 * batch in parallel. Callbacks are never retried, so a failed one is logged
 * (by Webhooks.deliver) and never reported back as a batch item failure,
 * which would make SQS deliver it again. Only failing to start at all
 * (configuration, secret) throws, and then nothing of the batch was sent.
 */
export function afterCallbackConsumer(loadWebhooks: () => Promise<Webhooks>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const webhooks = await loadWebhooks();
    await Promise.all(event.Records.map(async (record) => {
      try {
        await webhooks.deliver(parseAfterCallbackJob(record.body));
      } catch (error) {
        logger.error('after-callback message dropped', { messageId: record.messageId, error });
      }
    }));
    return { batchItemFailures: [] };
  };
}
