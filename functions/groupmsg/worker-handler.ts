import { lambdaRuntime } from '../aws-runtime.js';
import { fanOutWorkerServices } from './services-aws.js';
import { fanOutConsumer } from './fan-out-worker.js';

/** Triggered by the group fan-out queue (SQS event source mapping): posts large and AVChatRoom deliveries. */
export const handler = fanOutConsumer(lambdaRuntime(fanOutWorkerServices));
