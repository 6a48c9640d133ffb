import { lambdaRuntime } from '../aws-runtime.js';
import { buildServices, webhooks } from '../aws-services.js';
import { afterCallbackConsumer } from './after-callback-consumer.js';

const runtime = lambdaRuntime((aws) => buildServices<'webhooks'>(aws, { webhooks }));

/** Triggered by the after-callback queue (SQS event source mapping); it builds the webhooks client and nothing else. */
export const handler = afterCallbackConsumer(async () => (await runtime()).services.webhooks);
