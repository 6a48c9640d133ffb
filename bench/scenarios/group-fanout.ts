import { costFigure } from '../support/cost.js';
import { until } from '../support/pace.js';
import { percentile, round } from '../support/stats.js';
import { userIds, withShared, type BenchStack } from '../support/stack.js';
import { atMost, type Scenario, type ScenarioResult } from '../support/types.js';

type Options = { members: number; onlinePercent: number; messages: number };

/** A Work group of `members` (owner included), created over REST: 100 initial members, then 300 per add_group_member. */
async function workGroup(s: BenchStack, members: readonly string[]): Promise<string> {
  await s.importUsers(members);
  const [owner, ...rest] = members;
  const created = await s.restOk('group_open_http_svc/create_group', {
    Type: 'Work', Name: 'bench', Owner_Account: owner,
    MemberList: rest.slice(0, 99).map((m) => ({ Member_Account: m })),
  });
  const groupId = created.GroupId as string;
  for (let i = 99; i < rest.length; i += 300) {
    await s.restOk('group_open_http_svc/add_group_member', { GroupId: groupId, Silence: 1, MemberList: rest.slice(i, i + 300).map((m) => ({ Member_Account: m })) });
  }
  return groupId;
}

/**
 * Messages from the owner to a Work group with a share of its members online, one at a time: the time
 * until the last online member has it, and the cost per 1M delivered copies.
 */
async function run(name: string, ctx: Parameters<Scenario<Options>['run']>[0], o: Options): Promise<ScenarioResult> {
  return withShared(ctx, async (s) => {
    const members = userIds('gm', o.members);
    const groupId = await workGroup(s, members);
    ctx.log(`${name}: group created with ${o.members} members`);
    const online = Math.max(2, Math.ceil((o.members * o.onlinePercent) / 100));
    const clients = await s.connectAll(members.slice(0, online), 100, (line) => ctx.log(`${name}: ${line}`));
    const [owner, ...audience] = clients;
    const got = new Uint32Array(o.messages + 1);
    const lastAt = new Float64Array(o.messages + 1);
    let copies = 0;
    for (const c of audience) {
      c.onEvent = (event, data, at) => {
        if (event !== 'group.message' || data.GroupId !== groupId) return;
        const i = Number(data.MsgRandom);
        if (!(i > 0 && i <= o.messages)) return;
        got[i]! += 1;
        copies++;
        lastAt[i] = at;
      };
    }
    // Steady state: the group's first message marks its members without a push device once (docs/data-model.md,
    // "Group members' push flags"); that one-off cost is not what each message costs.
    await owner!.request('group.send', { GroupId: groupId, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'warm-up' } }], Random: o.messages + 1 });
    await s.drain();
    // The local stack runs a large group's push pages in process after the reply (AWS: the fan-out queue), so the
    // marking goes on after the drain: wait until DynamoDB has been quiet for a second.
    for (let calls = -1; calls !== s.stack.cost.snapshot().usage.dynamoCalls;) {
      calls = s.stack.cost.snapshot().usage.dynamoCalls;
      await new Promise((r) => setTimeout(r, 1000));
    }
    ctx.log(`${name}: ${o.members}-member Work group, ${online} online, ${o.messages} messages`);

    s.stack.cost.reset();
    const lastMember: number[] = [];
    let errors = 0;
    for (let i = 1; i <= o.messages; i++) {
      const t0 = performance.now();
      const reply = await owner!.request('group.send', { GroupId: groupId, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `fan-out ${i}` } }], Random: i });
      if (reply.ErrorCode !== 0) { errors++; continue; }
      if (await until(() => got[i]! >= audience.length, 10_000, 2)) lastMember.push(lastAt[i]! - t0);
    }
    await s.drain();
    const sent = o.messages - errors;
    const cost = costFigure(s.stack, 'delivered copy', copies, { websocketIn: sent, outbound: copies, invocations: sent, storedMessages: sent });
    await Promise.all(clients.map((c) => c.close()));
    const p50 = round(percentile(lastMember, 50));
    const p99 = round(percentile(lastMember, 99));
    const targets = [atMost('group cost per 1M delivered copies', 1.1, round(cost.perMillionUsd, 3), 'USD')];
    if (o.onlinePercent >= 100) targets.push(atMost(`${o.members}-member group: last member p99`, 1000, p99, 'ms'));
    return {
      scenario: name, options: o,
      metrics: {
        online, sent, errors, deliveredCopies: copies, lostCopies: sent * audience.length - copies,
        lastMemberP50Ms: p50, lastMemberP99Ms: p99, lastMemberMaxMs: round(Math.max(0, ...lastMember)),
      },
      cost, targets, notes: [],
    };
  });
}

const scenario = (name: string, description: string, defaults: Options, tiny: Options): Scenario<Options> =>
  ({ name, description, defaults, tiny, run: (ctx, o) => run(name, ctx, o) });

export const groupFanout = scenario('group-fanout',
  '1,000-member Work group, all online: last-member latency and cost per delivered copy',
  { members: 1000, onlinePercent: 100, messages: 50 }, { members: 6, onlinePercent: 100, messages: 3 });

export const groupFanoutPartial = scenario('group-fanout-10pct',
  'the same group with 10% of its members online: cost per delivered copy',
  { members: 1000, onlinePercent: 10, messages: 50 }, { members: 20, onlinePercent: 10, messages: 3 });
