/**
 * Per-attempt bounds for the SDK clients a handler builds. A socket that hangs (one kept alive across a frozen
 * container, a stalled endpoint) fails its attempt and the SDK's standard retry tries a fresh one, instead of
 * holding the request until the Lambda's 10 s timeout or API Gateway's 29 s. `throwOnRequestTimeout`: without it
 * the SDK only logs a warning when `requestTimeout` passes and goes on waiting.
 *
 * One hung attempt and a good retry fit in the Lambda timeout (10 s, lib/im-stack.ts). DynamoDB answers in
 * milliseconds in AWS; the bounds are wide for DynamoDB Local on a loaded machine, which took over 1 s to accept a
 * connection under a 400-member AVChatRoom test beside the rest of the suite, and where a 1 MB page can take seconds.
 */
export const DYNAMODB_CLIENT = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 3000, requestTimeout: 5000, throwOnRequestTimeout: true },
} as const;

/** `@connections`: three attempts, as the SDK's default, for PostToConnection's 429 under the account's quota. */
export const CONNECTIONS_CLIENT = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 3000, requestTimeout: 3000, throwOnRequestTimeout: true },
} as const;

/** SQS sends (after-callbacks, push and fan-out queues) and SNS mobile-push publishes. */
export const MESSAGING_CLIENT = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 3000, requestTimeout: 3000, throwOnRequestTimeout: true },
} as const;
