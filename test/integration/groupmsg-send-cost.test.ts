import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { sendGroupMessage, type GroupSendRequest } from '../../functions/groupmsg/send.js';
import { runFanOutJobs, type FanOutMessage, type GroupFanOutQueue } from '../../functions/groupmsg/fan-out-queue.js';
import type { PushPageJob } from '../../functions/groupmsg/push-pages.js';
import { startTestStack } from '../support/stack.js';
import { connectAll, newGroup, newUsers } from '../support/groups.js';

/**
 * The documented cost of one group message (docs/data-model.md, "Group messages"), measured with
 * ReturnConsumedCapacity on DynamoDB Local through the services a Lambda builds: one stored item, one counter
 * update and one send claim whatever the group size, and reads that do not grow with the member count.
 */
const SEND_WCU = 3;
/** The first message of a second opens the frequency window: one more (failed, conditional) UpdateItem. */
const SEND_FIRST_IN_SECOND_WCU = 4;
/** META (1, strongly consistent) + member and mute items (2) + sender profile/mute Query (0.5) + online index Query (0.5). */
const SEND_RCU = 4;
/** A worker's push page: the member page Query (≤ 1 RCU for 25 small items) + 0.5 RCU per presence Query (unmarked members who want a push). */
const PAGE = 25;
const pageRcu = (wanting: number) => 1 + 0.5 * wanting;

let stack: LocalStack;
let services: ServiceCatalog;
let meter: CapacityMeter;
/** The fan-out queue as the send sees it in AWS: jobs are recorded (a worker would receive them), not run here. */
const queued: FanOutMessage[] = [];
beforeAll(async () => {
  // offlinePushMaxMembers 0: every group is "large", so its offline pushes are the worker's, in pages of 25 members.
  stack = await startTestStack({ groupMessages: { offlinePushMaxMembers: 0, pushPageSize: PAGE } });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  meter = meterCapacity(db);
  const recording: GroupFanOutQueue = { mode: 'queue', settings: stack.config.groupMessages, enqueue: (jobs) => { queued.push(...jobs); return Promise.resolve(); } };
  services = { ...allServicesFromEnv(process.env, stack.config, {}, db), groupFanOut: recording };
});
afterAll(async () => { await stack?.stop(); });

let random = 1;
const request = (groupId: string, from: string): GroupSendRequest => ({
  groupId, from, by: 'user', operator: from, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }], random: ++random, priority: 'Normal',
  onlineOnly: false, noUnread: false, noLastMsg: false, beforeCallback: true, afterCallback: true, meta: { clientIp: '127.0.0.1', optPlatform: 'Web' },
});

describe('group message cost (DynamoDB consumed capacity)', () => {
  it('one message: 3 WCU (4 for the first of a second), at most 4 RCU, the same for 5 and 60 members; no transactions, no Scan', async () => {
    const measured: Array<{ members: number; rcu: number; wcu: number; posts: number }> = [];
    for (const size of [5, 60]) {
      const users = await newUsers(stack, size, 'k');
      const groupId = await newGroup(stack, { Owner_Account: users[0], Type: 'Public', MemberList: users.slice(1).map((u) => ({ Member_Account: u })) });
      const online = await connectAll(stack, users.slice(0, 3));
      await sendGroupMessage(services, stack.config, request(groupId, users[1]!));
      meter.reset();
      queued.length = 0;
      await sendGroupMessage(services, stack.config, request(groupId, users[1]!));
      const ops = meter.operations();
      // Offline pushes: one job for the worker, no member read on the send path (reads below stay flat with size).
      expect(queued).toEqual([expect.objectContaining({ kind: 'PushPage', groupId, groupName: expect.any(String) })]);
      expect((queued[0] as PushPageJob).start).toBeUndefined();
      expect(Object.keys(ops).some((o) => o.startsWith('Transact') || o.startsWith('Scan'))).toBe(false);
      expect([SEND_WCU, SEND_FIRST_IN_SECOND_WCU]).toContain(meter.writeUnits());
      expect(ops.PutItemCommand).toBe(2); // the send claim and the message
      expect(meter.readUnits()).toBeLessThanOrEqual(SEND_RCU);
      measured.push({ members: size, rcu: meter.readUnits(), wcu: meter.writeUnits(), posts: 0 });
      // The online members got it: one PostToConnection each (the sender's connection included: REST-like call here).
      await Promise.all(online.map((ws) => ws.waitFor((f) => f.event === 'group.message' && (f.data as { MsgSeq: number }).MsgSeq === 3)));
      await Promise.all(online.map((ws) => ws.close()));
    }
    expect(measured[1]!.rcu).toBe(measured[0]!.rcu);
  });

  it('the worker reads a large group\'s members in pages: one Query per page, one presence Query per member who wants a push and is not marked without a device', async () => {
    const users = await newUsers(stack, 60, 'w');
    const groupId = await newGroup(stack, { Owner_Account: users[0], Type: 'Public', MemberList: users.slice(1).map((u) => ({ Member_Account: u })) });
    /** One message's push pages; per page, the members looked up (none of these users has a push device). */
    const runPages = async (check: (lookedUp: number) => void): Promise<number[]> => {
      queued.length = 0;
      await sendGroupMessage(services, stack.config, request(groupId, users[1]!));
      const pages: number[] = [];
      let job = queued.find((j): j is PushPageJob => 'kind' in j && j.kind === 'PushPage');
      while (job) {
        queued.length = 0;
        meter.reset();
        await runFanOutJobs(services, stack.config, [job]);
        const ops = meter.operations();
        // First look-up of a member without a device: presence + a consistent device check (Queries) + the mark.
        const lookedUp = ops.UpdateItemCommand ?? 0;
        pages.push(lookedUp);
        expect(ops.QueryCommand).toBe(1 + 2 * lookedUp);
        // The mark updates the member item, its byMember index entry (projection ALL) and deletes its byPushCandidate entry: 3 WCU.
        expect(meter.writeUnits()).toBe(3 * lookedUp);
        // The page, then per member the presence Query (0.5) and the strongly consistent device check (1).
        expect(meter.readUnits()).toBeLessThanOrEqual(1 + 1.5 * lookedUp);
        check(lookedUp);
        job = queued.find((j): j is PushPageJob => 'kind' in j && j.kind === 'PushPage');
      }
      return pages;
    };
    // 60 members in pages of 25; the sender is not looked up.
    const first = await runPages(() => undefined);
    expect(first).toHaveLength(3);
    expect(first.reduce((a, b) => a + b, 0)).toBe(59);
    // Marked: they left the push candidates, so the next message reads one page (only the sender, never looked up)
    // and nobody's presence.
    expect(await runPages((lookedUp) => expect(lookedUp).toBe(0))).toHaveLength(1);
  });
});
