import { costFigure, type FloorCounts } from '../support/cost.js';
import { percentile, round } from '../support/stats.js';
import { userIds, withShared, type BenchStack } from '../support/stack.js';
import type { CostFigure, Scenario } from '../support/types.js';

type Options = { durationS: number; concurrency: number };

interface Part { requests: number; errors: number; perS: number; p50: number; p99: number; cost: CostFigure }

/** Closed-loop load: `concurrency` callers, each sending its next request when the last one answered. */
async function hammer(s: BenchStack, o: Options, path: string, body: (n: number) => unknown, floor: (n: number) => FloorCounts): Promise<Part> {
  s.stack.cost.reset();
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const end = start + o.durationS * 1000;
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (performance.now() < end) {
      const i = ++n;
      const t0 = performance.now();
      try {
        if ((await s.rest(path, body(i))).ErrorCode !== 0) errors++;
      } catch { errors++; }
      latencies.push(performance.now() - t0);
    }
  }));
  const elapsedS = (performance.now() - start) / 1000;
  await s.drain();
  const requests = latencies.length;
  return {
    requests, errors, perS: round(requests / elapsedS), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)),
    cost: costFigure(s.stack, 'request', requests, floor(requests)),
  };
}

/**
 * REST throughput on the HTTP API: `openim/sendmsg` (admin to an offline user: stored, conversation and
 * unread kept) and `profile/portrait_get` (one account, two tags), each for `durationS`.
 */
export const restApi: Scenario<Options> = {
  name: 'rest',
  description: 'REST sendmsg and portrait_get throughput',
  defaults: { durationS: 10, concurrency: 16 },
  tiny: { durationS: 0.5, concurrency: 2 },
  run: (ctx, o) => withShared(ctx, async (s) => {
    const users = userIds('r', 20);
    await s.importUsers(users);
    await s.restOk('profile/portrait_set', { From_Account: users[0], ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'bench' }] });
    ctx.log(`rest: ${o.concurrency} callers, ${o.durationS} s per command`);
    const send = await hammer(s, o, 'openim/sendmsg', (i) => ({
      SyncOtherMachine: 2, From_Account: users[i % 10], To_Account: users[10 + (i % 10)], MsgRandom: i,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `rest ${i}` } }],
    }), (n) => ({ httpRequests: n, outbound: 0, invocations: n, storedMessages: n }));
    const portrait = await hammer(s, o, 'profile/portrait_get', (i) => ({ To_Account: [users[i % 20]], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'] }),
      (n) => ({ httpRequests: n, outbound: 0, invocations: n, storedMessages: 0 }));
    return {
      scenario: 'rest', options: o,
      metrics: {
        sendmsgPerS: send.perS, sendmsgP50Ms: send.p50, sendmsgP99Ms: send.p99, sendmsgErrors: send.errors,
        sendmsgUsdPer1M: round(send.cost.perMillionUsd, 3), sendmsgFloorUsdPer1M: round(send.cost.floorPerMillionUsd, 3),
        portraitGetPerS: portrait.perS, portraitGetP50Ms: portrait.p50, portraitGetP99Ms: portrait.p99, portraitGetErrors: portrait.errors,
        portraitGetUsdPer1M: round(portrait.cost.perMillionUsd, 3), portraitGetFloorUsdPer1M: round(portrait.cost.floorPerMillionUsd, 3),
      },
      cost: send.cost,
      targets: [],
      notes: [`portrait_get cost: ${JSON.stringify({ perMillionUsd: round(portrait.cost.perMillionUsd, 3), ratio: round(portrait.cost.ratio, 2) })}`],
    };
  }),
};
