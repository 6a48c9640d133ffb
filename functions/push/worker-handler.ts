import { lambdaRuntime } from '../aws-runtime.js';
import { pushWorkerServices } from './services-aws.js';
import { pushConsumer } from './push-consumer.js';

/** Triggered by the push queue (SQS event source mapping): offline pushes and im_push fan-out pages. */
export const handler = pushConsumer(lambdaRuntime(pushWorkerServices));
