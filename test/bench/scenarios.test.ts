import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { SCENARIOS, WITHOUT_STACK } from '../../bench/scenarios/index.js';
import { startBenchStack, type BenchStack } from '../../bench/support/stack.js';
import { renderReport } from '../../bench/report.js';
import type { ScenarioResult } from '../../bench/support/types.js';

/**
 * Every benchmark scenario in its tiny configuration (a few clients, about a second) against the real
 * local stack, so the scenario code cannot rot. Timings are never asserted here: targets belong to the
 * report (`npm run bench`), not to tests. What is asserted is that each scenario did its work: messages
 * arrived, the cost meter saw it, the floor was priced.
 */
let stack: BenchStack;
const results = new Map<string, ScenarioResult>();
beforeAll(async () => { stack = await startBenchStack({ dynamodbEndpoint: inject('dynamodbEndpoint') }); });
afterAll(async () => { await stack?.stack.stop(); });

const run = async (name: string, options: Record<string, number> = {}) => {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  const result = await scenario.run({ ...(!WITHOUT_STACK.has(name) && { stack }), log: () => undefined }, { ...scenario.tiny, ...options } as never);
  results.set(name, result);
  return result;
};

describe('benchmark scenarios (tiny)', () => {
  it('c2c: every message arrives, priced per message against the floor', async () => {
    const r = await run('c2c');
    expect(r.metrics.errors).toBe(0);
    expect(r.metrics.received).toBe(r.metrics.sent);
    // The cost figure is the closed-loop probe's: every probe message was answered and priced.
    expect(r.cost!.units).toBeGreaterThan(0);
    expect(r.cost!.usage.dynamoWriteUnits).toBeGreaterThan(0);
    expect(r.cost!.usage.websocketMessagesOut).toBeGreaterThanOrEqual(2 * r.cost!.units); // the reply and the copy
    expect(r.metrics.openLoopUsdPer1M).toBeGreaterThan(0);
    expect(r.cost!.floorPerMillionUsd).toBeGreaterThan(2.8);
    expect(r.targets.map((t) => t.name)).toHaveLength(6);
    // Under capacity nothing is refused or left unanswered.
    expect(r.metrics).toMatchObject({ unanswered: 0, refusedFastShare: 0, deadlineAnswers: 0 });
  });

  it('c2c over HTTPS (--http=1): one HTTP request per send, no inbound frame, one reply frame fewer', async () => {
    const r = await run('c2c', { http: 1 });
    expect(r.metrics.errors).toBe(0);
    expect(r.metrics.received).toBe(r.metrics.sent);
    expect(r.cost!.usage).toMatchObject({ httpRequests: r.cost!.units, websocketMessagesIn: 0, websocketMessagesOut: r.cost!.units });
    expect(r.metrics.awsSpeedUsdPer1M).toBeGreaterThan(2.8);
  });

  it('group fan-out, all online and 10% online: every online member gets every message', async () => {
    for (const name of ['group-fanout', 'group-fanout-10pct']) {
      const r = await run(name);
      expect(r.metrics.errors).toBe(0);
      expect(r.metrics.lostCopies).toBe(0);
      expect(r.metrics.deliveredCopies).toBe(r.metrics.sent! * (r.metrics.online! - 1));
      expect(r.cost!.unit).toBe('delivered copy');
    }
  });

  it('AVChatRoom: the audience receives the messages, with PostToConnection calls counted', async () => {
    const r = await run('av-chatroom');
    expect(r.metrics.admitted).toBe(r.metrics.sent);
    expect(r.metrics.deliveredCopies).toBe(r.metrics.admitted! * r.options.connections!);
    expect(r.metrics.postToConnectionCalls).toBeGreaterThan(0);
    expect(r.metrics.postToConnectionCalls).toBeLessThanOrEqual(r.metrics.deliveredCopies!);
  });

  it('official account: every online subscriber gets every broadcast, with the DynamoDB calls of a publish counted', async () => {
    const r = await run('official');
    expect(r.metrics.errors).toBe(0);
    expect(r.metrics.online).toBe(5);
    expect(r.metrics.deliveredCopies).toBe(r.metrics.broadcasts! * r.metrics.online!);
    expect(r.metrics.lostCopies).toBe(0);
    expect(r.metrics.dynamoCallsPerPublish).toBeGreaterThan(0);
  });

  it('community: every online member gets every topic message through the fan-out, with the DynamoDB calls of a message counted', async () => {
    const r = await run('community');
    expect(r.metrics.errors).toBe(0);
    expect(r.metrics.online).toBe(6);
    expect(r.metrics.deliveredCopies).toBe(r.metrics.messages! * r.metrics.online!);
    expect(r.metrics.lostCopies).toBe(0);
    expect(r.metrics.dynamoCallsPerMessage).toBeGreaterThan(0);
  });

  it('REST: sendmsg and portrait_get answer without errors', async () => {
    const r = await run('rest');
    expect(r.metrics.sendmsgErrors).toBe(0);
    expect(r.metrics.portraitGetErrors).toBe(0);
    expect(r.metrics.sendmsgPerS).toBeGreaterThan(0);
    expect(r.metrics.portraitGetPerS).toBeGreaterThan(0);
  });

  it('bundles: a feature is bundled and timed; the report renders every scenario', async () => {
    const r = await run('bundles');
    expect(Object.keys(r.metrics)).toEqual(['authorizerKB', 'authorizerInitMs']);
    const report = renderReport([...results.values()]);
    for (const name of results.keys()) expect(report).toContain(`| ${name} |`);
  });
});
