import { costFigure } from '../support/cost.js';
import { settled } from '../support/settled.js';
import { paced, until } from '../support/pace.js';
import { percentile, round } from '../support/stats.js';
import { userIds, withShared, type BenchStack } from '../support/stack.js';
import { atMost, type Scenario } from '../support/types.js';
import { subscriptionsIndexPk } from '../../functions/groups/group-keys.js';

/** `premarked` 1: the subscribers start marked without a push device, as the first broadcast leaves them; 0: the warm-up marks them. */
type Options = { subscribers: number; onlinePercent: number; rate: number; durationS: number; premarked: number };

/**
 * Subscribers written as `add_subscriber` writes them (functions/official/official-store-dynamo.ts `subscribe`),
 * 25 per BatchWriteItem: 100,000 subscribe transactions would take most of the run here. The account's
 * SubscriberNum is not counted up (the publish path never reads it). Marked subscribers are out of the push
 * candidates (groupmsg-store-dynamo.ts markNoPushDevice); marking 100,000 through the warm-up takes three calls each.
 */
async function seedSubscribers(s: BenchStack, accountId: string, users: readonly string[], marked: boolean): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await s.putGroupItems(users.map((userId) => ({
    pk: `G#${accountId}`, sk: `M#${userId}`, gsi1pk: subscriptionsIndexPk(userId), gsi1sk: accountId, accountId, userId,
    subscribeTime: now, msgFlag: 'AcceptAndNotify', customString: '', readSeq: 0,
    ...(marked ? { noPushSince: Date.now() - 1000 } : { pushPk: `G#${accountId}` }),
  })));
}

/**
 * One official account with `subscribers` subscribers, `onlinePercent` of them online (one Web connection each),
 * publishing `rate` broadcasts a second through `send_official_account_msg`: delivery to every online subscriber,
 * latency, the cost per 1M delivered copies against the floor, and the DynamoDB calls of one publish (the send
 * path and the offline-push pages that walk the offline subscribers, none of whom has a push device).
 */
export const officialBroadcast: Scenario<Options> = {
  name: 'official',
  description: 'official account: 100,000 subscribers, 1% online, 1 broadcast/s',
  defaults: { subscribers: 100_000, onlinePercent: 1, rate: 1, durationS: 30, premarked: 1 },
  tiny: { subscribers: 50, onlinePercent: 10, rate: 1, durationS: 2, premarked: 0 },
  run: (ctx, o) => withShared(ctx, async (s) => {
    const [owner] = userIds('oao', 1);
    await s.importUsers([owner!]);
    const accountId = (await s.restOk('official_account_open_http_svc/create_official_account', { Owner_Account: owner, Name: 'bench news' })).OfficialAccountUserID as string;
    const subscribers = userIds('oas', o.subscribers);
    const t0 = performance.now();
    await seedSubscribers(s, accountId, subscribers, o.premarked === 1);
    const online = subscribers.slice(0, Math.max(1, Math.round((o.subscribers * o.onlinePercent) / 100)));
    ctx.log(`official: ${o.subscribers} subscribers written in ${((performance.now() - t0) / 1000).toFixed(1)} s; connecting ${online.length}`);
    const clients = await s.connectAll(online, 100, ctx.log);
    const total = Math.round(o.rate * o.durationS);
    const sentAt = new Float64Array(total + 1);
    const got = new Uint32Array(total + 1);
    const latencies: number[] = [];
    for (const c of clients) {
      c.onEvent = (event, data, at) => {
        if (event !== 'official.message') return;
        const i = Number(data.MsgRandom);
        if (!(i > 0 && i <= total)) return;
        got[i]!++;
        latencies.push(at - sentAt[i]!);
      };
    }
    // Warm-up: the first broadcast marks the offline subscribers without a push device (push pages, off the send path).
    await s.restOk('official_account_open_http_svc/send_official_account_msg', { Official_Account: accountId, Random: 4_000_000_000, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'warm-up' } }] });
    await settled(s);

    s.stack.cost.reset();
    let errors = 0;
    const replies: Promise<void>[] = [];
    await paced(o.rate, o.durationS * 1000, (n) => {
      const i = n + 1;
      sentAt[i] = performance.now();
      replies.push(s.rest('official_account_open_http_svc/send_official_account_msg', {
        Official_Account: accountId, Random: i, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `broadcast ${i}` } }],
      }).then((r) => { if (r.ErrorCode !== 0) errors++; }));
    });
    await Promise.all(replies);
    const expected = (total - errors) * clients.length;
    await until(() => latencies.length >= expected, 30_000, 50);
    await settled(s);
    const copies = latencies.length;
    const cost = costFigure(s.stack, 'delivered copy', copies, { httpRequests: total, outbound: copies, invocations: total, storedMessages: total });
    const dynamoCallsPerPublish = round(cost.usage.dynamoCalls / total, 1);
    await Promise.all(clients.map((c) => c.close()));
    const lost = got.reduce((t, g, i) => t + (i > 0 ? Math.max(0, clients.length - g) : 0), 0) - errors * clients.length;
    const p99 = round(percentile(latencies, 99));
    return {
      scenario: 'official', options: o,
      metrics: {
        subscribers: o.subscribers, online: clients.length, broadcasts: total, errors, deliveredCopies: copies, lostCopies: lost,
        deliveryP50Ms: round(percentile(latencies, 50)), deliveryP99Ms: p99, dynamoCallsPerPublish,
        dynamoReadUnitsPerPublish: round(cost.usage.dynamoReadUnits / total, 1), dynamoWriteUnitsPerPublish: round(cost.usage.dynamoWriteUnits / total, 1),
      },
      cost,
      targets: [
        atMost(`official ${o.subscribers} subscribers: lost copies`, 0, lost, 'copies'),
        atMost(`official ${o.subscribers} subscribers, ${o.onlinePercent}% online: delivery p99`, 2000, p99, 'ms'),
        atMost(`official ${o.subscribers} subscribers, ${o.onlinePercent}% online: cost per 1M copies`, round(cost.floorPerMillionUsd * 1.5, 2), round(cost.perMillionUsd, 2), 'USD'),
      ],
      notes: [],
    };
  }),
};
