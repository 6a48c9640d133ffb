import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';

let stack: LocalStack;

// API Gateway's idle (10 min) and lifetime (2 h) limits, shortened so the behaviour can be observed.
beforeAll(async () => { stack = await startTestStack({}, { idleTimeoutMs: 400, maxConnectionMs: 1500 }); });
afterAll(async () => { await stack?.stop(); });

describe('API Gateway connection limits on the local gateway', () => {
  it('closes a connection that stays idle past the idle timeout', async () => {
    const client = await connect(stack, uniqueId());
    const started = Date.now();
    expect((await client.closed).code).toBe(1001);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('keeps a connection that pings, until the maximum connection duration', async () => {
    const client = await connect(stack, uniqueId());
    const started = Date.now();
    const timer = setInterval(() => void client.request('ping').catch(() => undefined), 150);
    const { code } = await client.closed;
    clearInterval(timer);
    expect(code).toBe(1001);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
