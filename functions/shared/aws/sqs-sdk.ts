import { onFirstUse } from './on-first-use.js';

/** The SQS package, loaded on the first enqueue: most invocations queue nothing. */
export const sqsSdk = onFirstUse(() => import('@aws-sdk/client-sqs'));
