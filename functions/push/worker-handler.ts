import { sharedRuntime } from '../shared/aws/load-runtime.js';
import { pushConsumer } from './push-consumer.js';

/** Triggered by the push queue (SQS event source mapping). */
export const handler = pushConsumer(async () => (await sharedRuntime()).services);
