import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { settingsFromEnv } from '../../local/settings.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import type { WebSocketLimits } from '../../local/gateway/websocket-api.js';
import { AWS_WEBSOCKET_LIMITS } from '../../local/gateway/websocket-api.js';
import type { LambdaConcurrency } from '../../local/lambda-runtime.js';
import { parseAppConfig, type AppConfigInput } from '../../functions/app-config.js';

export const TEST_SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const TEST_SDKAPPID = 1400000000;

/**
 * Suites page through `get_appid_group_list` faster than its spec limit of 1 call/s; the spec's
 * limits themselves are tested by test/e2e/rest-limits.test.ts (which passes its own `rest`).
 */
const TEST_REST_LIMITS: AppConfigInput['rest'] = { callsPerSecond: { 'group_open_http_svc/get_appid_group_list': 1000 } };

/**
 * Suites fire bursts (50 joins at once) on a machine that runs three test files beside DynamoDB Local: waits that
 * would be refused busy in production are not what they test, and destroying a 1,500-member room takes over 9 s
 * on DynamoDB Local under load. Admission itself is tested by test/e2e/admission*.test.ts.
 */
const TEST_ADMISSION: AppConfigInput['admission'] = { maxQueueMs: 5000, deadlineMs: 25_000 };

/** The real local stack on a free port, against the suite's DynamoDB Local, with fresh tables. */
export function startTestStack(config: Partial<AppConfigInput> = {}, limits: Partial<WebSocketLimits> = {}, concurrency: Partial<LambdaConcurrency> = {}): Promise<LocalStack> {
  const settings = settingsFromEnv({ IM_MEMORY: '1', IM_SECRET_KEY: TEST_SECRET_KEY }, {
    port: 0,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `t${randomBytes(4).toString('hex')}-`,
  });
  settings.config = parseAppConfig({ ...settings.config, rest: TEST_REST_LIMITS, admission: TEST_ADMISSION, ...config });
  settings.concurrency = { ...settings.concurrency, ...concurrency };
  return startLocalStack(settings, { ...AWS_WEBSOCKET_LIMITS, ...limits });
}

export const uniqueId = (prefix = 'u') => `${prefix}${randomBytes(5).toString('hex')}`;
