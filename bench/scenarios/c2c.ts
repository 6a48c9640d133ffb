import { AWS_SPEED_INVOCATION_MS, costFigure, perMillionAtAwsSpeed } from '../support/cost.js';
import { paced, until } from '../support/pace.js';
import { percentile, round } from '../support/stats.js';
import { userIds, withShared } from '../support/stack.js';
import { atMost, type Scenario } from '../support/types.js';
import type { BenchClient, Reply } from '../support/client.js';

/** Each `a[p]` sends to `b[p]` and waits for the reply before the next message, for `seconds`. */
async function closedLoop(
  a: string[], b: string[], byUser: Map<string, BenchClient>, seconds: number, send: Sender,
): Promise<{ perS: number; p50: number; messages: number }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  let random = 3_000_000_000;
  await Promise.all(a.map(async (u, p) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const r = await send(byUser.get(u)!, { To_Account: b[p]!, MsgBody: text('probe'), MsgRandom: ++random });
      if (r.ErrorCode === 0) latencies.push(performance.now() - t0);
      // A refusal (60018) asks for a pause, as the client SDK makes one: a tight loop of refusals would measure them.
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }));
  return { perS: round(latencies.length / ((performance.now() - start) / 1000)), p50: round(percentile(latencies, 50)), messages: latencies.length };
}

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

type Sender = (client: BenchClient, data: Record<string, unknown>) => Promise<Reply>;

/**
 * C2C at a fixed rate between pairs of online users (one Web connection each), both directions in turn:
 * send-to-receive latency, throughput, errors and the AWS cost per 1M messages (stored, with
 * conversations and unread kept, as every send does).
 */
export const c2c: Scenario<{ pairs: number; rate: number; durationS: number; probeS: number; http: number }> = {
  name: 'c2c',
  description: 'C2C messages between online pairs at a fixed rate (`--http=1`: sent as `POST /im/c2c.send`)',
  defaults: { pairs: 100, rate: 200, durationS: 30, probeS: 5, http: 0 },
  tiny: { pairs: 2, rate: 20, durationS: 1, probeS: 0.3, http: 0 },
  run: (ctx, o) => withShared(ctx, async (s) => {
    // Over HTTPS the request and its reply are one billed HTTP request instead of an inbound frame and a reply frame.
    const overHttp = o.http === 1;
    const send: Sender = overHttp ? (c, data) => c.requestOverHttp(s.stack.url, 'c2c.send', data) : (c, data) => c.request('c2c.send', data);
    const a = userIds('ca', o.pairs);
    const b = userIds('cb', o.pairs);
    const clients = await s.connectAll([...a, ...b]);
    const byUser = new Map(clients.map((c) => [c.userId, c]));
    const total = Math.round(o.rate * o.durationS);
    const sentAt = new Float64Array(total + 1);
    const ok = new Uint8Array(total + 1);
    const got = new Uint8Array(total + 1);
    const latencies: number[] = [];
    let received = 0;
    let lastReceivedAt = 0;
    for (const c of clients) {
      c.onEvent = (event, data, at) => {
        if (event !== 'c2c.message' || data.From_Account === c.userId) return;
        const i = Number(data.MsgRandom);
        if (!(i > 0 && i <= total) || got[i]) return;
        got[i] = 1;
        latencies.push(at - sentAt[i]!);
        received++;
        lastReceivedAt = at;
      };
    }
    // Warm-up: every pair's conversation exists and each handler module is hot before measuring.
    await Promise.all(a.map((u, p) => send(byUser.get(u)!, { To_Account: b[p]!, MsgBody: text('warm-up'), MsgRandom: 4_000_000_000 + p })));
    await s.drain();
    ctx.log(`c2c: ${clients.length} clients connected, sending ${total} messages at ${o.rate}/s`);

    // Capacity first: each of 16 senders with one message in flight (closed loop) shows what this machine sustains.
    s.stack.cost.reset();
    // As many senders as the local gateway runs c2c invocations at once (IM_LAMBDA_CONCURRENCY, 16): more would only
    // queue and be refused, and the cost figure would price the refusals.
    const probers = Math.min(o.pairs, 16);
    const probe = await closedLoop(a.slice(0, probers), b.slice(0, probers), byUser, o.probeS, send);
    await s.drain();
    const inbound = (n: number) => (overHttp ? { httpRequests: n } : { websocketIn: n });
    const probeCost = costFigure(s.stack, 'message', probe.messages, { ...inbound(probe.messages), outbound: probe.messages, invocations: probe.messages, storedMessages: probe.messages });
    ctx.log(`c2c: closed loop sustains ${probe.perS} msg/s (p50 ${probe.p50} ms); now the open loop`);
    await s.drain();

    s.stack.cost.reset();
    let errors = 0;
    const errorCodes: Record<string, number> = {};
    // Past capacity a send should be refused at once (60018, answered in under 1 s), never left to time out.
    const answerMs: number[] = [];
    let refusedFast = 0;
    const start = performance.now();
    await paced(o.rate, o.durationS * 1000, (n) => {
      const i = n + 1;
      const p = n % o.pairs;
      const forward = Math.floor(n / o.pairs) % 2 === 0;
      const from = forward ? a[p]! : b[p]!;
      const to = forward ? b[p]! : a[p]!;
      sentAt[i] = performance.now();
      void send(byUser.get(from)!, { To_Account: to, MsgBody: text(`bench ${i}`), MsgRandom: i }).then((r) => {
        const tookMs = performance.now() - sentAt[i]!;
        answerMs.push(tookMs);
        if (r.ErrorCode === 60018 && tookMs < 1000) refusedFast++;
        if (r.ErrorCode !== 0) { errors++; errorCodes[r.ErrorCode] = (errorCodes[r.ErrorCode] ?? 0) + 1; } else ok[i] = 1;
      });
    });
    const answered = () => ok.reduce((t, v) => t + v, 0) + errors;
    await until(() => answered() >= total && received >= total - errors, 30_000, 50);
    await s.drain();
    const elapsedS = ((lastReceivedAt || performance.now()) - start) / 1000;
    const openLoopCost = costFigure(s.stack, 'message', total, { ...inbound(total), outbound: total, invocations: total, storedMessages: total });
    // The cost figure is the closed loop's, where every send is answered: past capacity, timed-out invocations bill 29 s each.
    const cost = probeCost;
    const awsSpeed = round(perMillionAtAwsSpeed(cost, s.stack.cost.prices), 3);
    await Promise.all(clients.map((c) => c.close()));
    const p50 = round(percentile(latencies, 50));
    const p99 = round(percentile(latencies, 99));
    return {
      scenario: 'c2c',
      options: o,
      metrics: {
        capacityPerS: probe.perS, capacityP50Ms: probe.p50, openLoopUsdPer1M: round(openLoopCost.perMillionUsd, 3), awsSpeedUsdPer1M: awsSpeed,
        sent: total, received, errors, lost: ok.reduce((t, v, i) => t + (v && !got[i] ? 1 : 0), 0), unanswered: total - answered(),
        refusedFastShare: round(refusedFast / total, 3), deadlineAnswers: errorCodes[60008] ?? 0, answerP99Ms: round(percentile(answerMs, 99)),
        throughputPerS: round(received / elapsedS), latencyP50Ms: p50, latencyP99Ms: p99, latencyMaxMs: round(Math.max(0, ...latencies)),
      },
      cost,
      targets: [
        atMost('C2C cost per 1M messages (closed loop)', 4.5, round(cost.perMillionUsd, 2), 'USD'),
        atMost(`C2C cost per 1M messages at AWS speed (${AWS_SPEED_INVOCATION_MS} ms invocations)`, 4.0, round(awsSpeed, 2), 'USD'),
        atMost(`C2C p50 at ${o.rate} msg/s`, 15, p50, 'ms'),
        atMost(`C2C p99 at ${o.rate} msg/s`, 60, p99, 'ms'),
        atMost(`C2C sends unanswered at ${o.rate} msg/s (timed out)`, 0, total - answered(), 'sends'),
        atMost(`C2C answer p99 at ${o.rate} msg/s (served or refused)`, 1000, round(percentile(answerMs, 99)), 'ms'),
      ],
      notes: Object.keys(errorCodes).length ? [`error codes: ${JSON.stringify(errorCodes)}`] : [],
    };
  }),
};
