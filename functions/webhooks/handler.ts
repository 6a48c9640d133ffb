import { sharedRuntime } from '../shared/aws/load-runtime.js';
import { afterCallbackConsumer } from './after-callback-consumer.js';

/** Triggered by the after-callback queue (SQS event source mapping). */
export const handler = afterCallbackConsumer(async () => (await sharedRuntime()).services.webhooks);
