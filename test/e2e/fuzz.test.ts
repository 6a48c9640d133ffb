// The fast version of `npm run chaos -- fuzz` (chaos/fuzz): generated bad input for every REST command and
// WebSocket action against the real local stack. Every figure must be 0; a failure prints the inputs to replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { runFuzz } from '../../chaos/fuzz/run-fuzz.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ rest: { callsPerSecond: {} } }); });
afterAll(async () => { await stack?.stop(); });

describe('fuzz (fast)', () => {
  it('answers every generated input with a Tencent envelope, no failure, no leak, and leaves the canary alone', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
    const figures = await runFuzz(stack, { restInputs: 1000, wsFrames: 1000, seed, concurrency: 6 });
    const problems = { http5xx: figures.http5xx, unexpectedFailures: figures.unexpectedFailures, loggedErrors: figures.loggedErrors,
      unhandledRejections: figures.unhandledRejections, withoutEnvelope: figures.withoutEnvelope, leakyErrorInfo: figures.leakyErrorInfo, canaryChanged: figures.canaryChanged };
    expect({ seed, ...problems, findings: figures.findings.slice(0, 10) }).toEqual({ seed, ...Object.fromEntries(Object.keys(problems).map((k) => [k, 0])), findings: [] });
    // The generator reaches the domain code, not only validation.
    expect(figures.accepted).toBeGreaterThan(100);
    expect(figures.reconnectsRefused).toBeLessThan(20);
    // The actions served over HTTPS were fuzzed there too, and some reached the domain (their session is the socket).
    expect(figures.overHttp).toBeGreaterThan(0);
    expect(figures.overHttpAccepted).toBeGreaterThan(0);
  }, 120_000);
});
