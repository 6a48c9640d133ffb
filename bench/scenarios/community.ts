import { costFigure } from '../support/cost.js';
import { settled } from '../support/settled.js';
import { paced, until } from '../support/pace.js';
import { percentile, round } from '../support/stats.js';
import { userIds, withShared, type BenchStack } from '../support/stack.js';
import { atMost, type Scenario } from '../support/types.js';

/** `premarked` 1: the members start marked without a push device (see seedMembers); 0: the warm-up marks them. */
type Options = { members: number; online: number; rate: number; durationS: number; premarked: number };

/**
 * Members written as a join writes them (groups/group-store-dynamo.ts `memberItem`), 25 per BatchWriteItem:
 * 100,000 add_group_member transactions would take most of the run here. The Community's MemberNum is counted
 * up as well: the send reads it to choose between its own offline-push look-up (up to `offlinePushMaxMembers`,
 * a Query of every member item) and the push pages (a MemberNum left at 1 had every message read all members). `marked` members are in the state the first message they got
 * leaves them in: looked up, found without a push device, marked (`noPushSince`, docs/data-model.md "Group
 * members' push flags"). Marking 100,000 members through the push pages (three calls each, once) took the
 * whole run's slot here; the steady state is what the scenario measures.
 */
async function seedMembers(s: BenchStack, groupId: string, members: readonly string[], marked: boolean): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await s.countMembers(groupId, members.length);
  await s.putGroupItems(members.map((userId) => ({
    pk: `G#${groupId}`, sk: `M#${userId}`, gsi1pk: `U#${userId}`, gsi1sk: groupId, groupId, userId, groupType: 'Community', role: 'Member',
    joinTime: now, msgFlag: 'AcceptAndNotify', nameCard: '', muteUntil: 0, msgSeq: 0, joinSeq: 0, lastSendMsgTime: 0, appMemberDefinedData: {},
    // Marked members are out of the push candidates (groupmsg-store-dynamo.ts markNoPushDevice); the others in.
    ...(marked ? { noPushSince: Date.now() - 1000 } : { pushPk: `G#${groupId}` }),
  })));
}

/**
 * A Community of `members` (seed 002 社群) with `online` of them connected (one Web connection each), and the
 * owner sending `rate` messages a second to one topic through `send_group_msg` with `TopicId`: delivery to every
 * online member through the large-group fan-out (the online index, never the member list), latency, the cost per
 * 1M delivered copies against the floor, and the DynamoDB calls of one message (send path and offline-push pages).
 */
export const communityTopic: Scenario<Options> = {
  name: 'community',
  description: 'Community: 100,000 members, 1,000 online, one topic at 10 msg/s',
  defaults: { members: 100_000, online: 1_000, rate: 10, durationS: 30, premarked: 1 },
  tiny: { members: 60, online: 6, rate: 2, durationS: 2, premarked: 0 },
  run: (ctx, o) => withShared(ctx, async (s) => {
    const [owner] = userIds('cmo', 1);
    await s.importUsers([owner!]);
    const GroupId = (await s.restOk('group_open_http_svc/create_group', { Type: 'Community', Name: 'bench community', Owner_Account: owner, SupportTopic: 1 })).GroupId as string;
    const TopicId = (await s.restOk('million_group_open_http_svc/create_topic', { GroupId, TopicName: 'general' })).TopicId as string;
    const members = userIds('cmm', o.members);
    const t0 = performance.now();
    await seedMembers(s, GroupId, members, o.premarked === 1);
    const online = members.slice(0, Math.min(o.online, o.members));
    ctx.log(`community: ${o.members} members written in ${((performance.now() - t0) / 1000).toFixed(1)} s; connecting ${online.length}`);
    const clients = await s.connectAll(online, 100, ctx.log);
    const total = Math.round(o.rate * o.durationS);
    const sentAt = new Float64Array(total + 1);
    const got = new Uint32Array(total + 1);
    const latencies: number[] = [];
    const count = (data: Record<string, unknown>, at: number) => {
      const i = Number(data.MsgRandom);
      if (data.TopicId !== TopicId || !(i > 0 && i <= total)) return;
      got[i]!++;
      latencies.push(at - sentAt[i]!);
    };
    for (const c of clients) {
      c.onEvent = (event, data, at) => {
        if (event === 'group.message') count(data, at);
        // Several messages for one connection within the fan-out's batch window ride one frame.
        else if (event === 'group.messages') for (const m of (data.Messages as Array<Record<string, unknown>> | undefined) ?? []) count({ TopicId: data.TopicId ?? m.TopicId, ...m }, at);
      };
    }
    const send = (Random: number, Text: string) => s.rest('group_open_http_svc/send_group_msg', {
      GroupId, TopicId, From_Account: owner, Random, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text } }],
    });
    // Warm-up: the first message marks the offline members without a push device not marked yet (push pages, off the send path).
    await send(4_000_000_000, 'warm-up');
    await settled(s);

    s.stack.cost.reset();
    let errors = 0;
    const errorCodes: Record<string, number> = {};
    const acknowledged = new Uint8Array(total + 1);
    const replies: Promise<void>[] = [];
    await paced(o.rate, o.durationS * 1000, (n) => {
      const i = n + 1;
      sentAt[i] = performance.now();
      replies.push(send(i, `topic message ${i}`).then((r) => {
        if (r.ErrorCode === 0) acknowledged[i] = 1;
        else { errors++; errorCodes[String(r.ErrorCode)] = (errorCodes[String(r.ErrorCode)] ?? 0) + 1; }
      }));
    });
    await Promise.all(replies);
    // Every copy of every acknowledged message, not a count of copies: late-answered sends (60008) deliver too, and
    // their copies made a count look complete while acknowledged ones were still on their way (a 100,000-member run
    // reported 3,575 "lost" copies that way).
    const delivered = () => acknowledged.every((ok, i) => !ok || got[i]! >= clients.length);
    await until(delivered, 60_000, 100);
    await settled(s);
    const copies = latencies.length;
    const cost = costFigure(s.stack, 'delivered copy', copies, { httpRequests: total, outbound: copies, invocations: total, storedMessages: total });
    await Promise.all(clients.map((c) => c.close()));
    // Copies of acknowledged messages that never arrived; a refused send (60018) or one answered late (60008, its
    // message may be stored and delivered) counts in `errors` instead.
    const lost = got.reduce((t, g, i) => t + (acknowledged[i] ? Math.max(0, clients.length - g) : 0), 0);
    const p99 = round(percentile(latencies, 99));
    return {
      scenario: 'community', options: o,
      metrics: {
        members: o.members, online: clients.length, messages: total, errors, deliveredCopies: copies, lostCopies: lost,
        deliveryP50Ms: round(percentile(latencies, 50)), deliveryP99Ms: p99,
        dynamoCallsPerMessage: round(cost.usage.dynamoCalls / total, 1),
        dynamoReadUnitsPerMessage: round(cost.usage.dynamoReadUnits / total, 1), dynamoWriteUnitsPerMessage: round(cost.usage.dynamoWriteUnits / total, 1),
      },
      cost,
      targets: [
        atMost(`community ${o.members} members: lost copies`, 0, lost, 'copies'),
        atMost(`community ${o.members} members, ${clients.length} online: delivery p99`, 2000, p99, 'ms'),
        atMost(`community ${o.members} members, ${clients.length} online: cost per 1M copies`, round(cost.floorPerMillionUsd * 1.5, 2), round(cost.perMillionUsd, 2), 'USD'),
      ],
      notes: errors ? [`send errors by ErrorCode: ${JSON.stringify(errorCodes)}`] : [],
    };
  }),
};
