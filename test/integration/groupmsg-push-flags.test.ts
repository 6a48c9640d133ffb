import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { WsCaller } from '../../functions/shared/runtime.js';
import type { ServiceCatalog } from '../../functions/services.js';
import type { ConnectionStore } from '../../functions/connections/connection-store.js';
import { sendGroupMessage, type GroupSendRequest } from '../../functions/groupmsg/send.js';
import { runFanOutJobs, type FanOutMessage, type GroupFanOutQueue } from '../../functions/groupmsg/fan-out-queue.js';
import { isPushPageJob } from '../../functions/groupmsg/push-pages.js';
import { registerPushDevice } from '../../functions/push/devices.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { sleep } from '../support/groupmsg.js';

/**
 * Group offline push without a presence Query per member who has no push device (docs/data-model.md, "Group
 * members' push flags"): a member found without a device is marked on its member item and skipped by later
 * messages, until a push.register lifts the mark. Both push paths: the fan-out worker's pages (groups above
 * `offlinePushMaxMembers`, here 5) and the send's own look-up (smaller groups).
 */
const PAGE = 4;
let stack: LocalStack;
let services: ServiceCatalog;
let meter: CapacityMeter;
/** Users whose presence the push paths read, in order (the real store underneath, only counted). */
const presenceReads: string[] = [];
const queued: FanOutMessage[] = [];
beforeAll(async () => {
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, groupMessages: { offlinePushMaxMembers: 5, pushPageSize: PAGE } });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  meter = meterCapacity(db);
  const base = allServicesFromEnv(process.env, stack.config, {}, db);
  const connections: ConnectionStore = Object.assign(Object.create(base.connections) as ConnectionStore, {
    presenceOf: (userId: string, now: number) => { presenceReads.push(userId); return base.connections.presenceOf(userId, now); },
  });
  const recording: GroupFanOutQueue = { mode: 'queue', settings: stack.config.groupMessages, enqueue: (jobs) => { queued.push(...jobs); return Promise.resolve(); } };
  services = { ...base, connections, groupFanOut: recording };
});
afterAll(async () => { await stack?.stop(); });

let random = 1;
const request = (groupId: string, from: string, text: string): GroupSendRequest => ({
  groupId, from, by: 'user', operator: from, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }], random: ++random, priority: 'Normal',
  onlineOnly: false, noUnread: false, noLastMsg: false, beforeCallback: false, afterCallback: false, meta: { clientIp: '127.0.0.1', optPlatform: 'Web' },
});
const statusOf = async (user: string) =>
  ((await rest(stack, 'openim/query_online_status', { To_Account: [user] })).QueryResult as Array<{ Status: string }>)[0]!.Status;

/** The user's phone registers a push device (over the WebSocket, as an app does) and goes to the background. */
async function registerPhone(user: string): Promise<string> {
  const phone = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
  expect((await phone.request('push.register', { Platform: 'APNs', Token: `tok-${user}` })).ErrorCode).toBe(0);
  await phone.close();
  for (let i = 0; i < 100 && (await statusOf(user)) !== 'PushOnline'; i++) await sleep(30);
  expect(await statusOf(user)).toBe('PushOnline');
  return (await services.connections.presenceOf(user, Date.now())).devices[0]!.endpointArn!;
}
const publishesTo = async (arn: string) => {
  await stack.sqs.idle();
  return stack.sns.outbox.filter((e) => e.action === 'Publish' && e.params.TargetArn === arn)
    .map((e) => (e.message as { APNS: { aps: { alert: string } } }).APNS.aps.alert);
};

/** One message, its push pages run as the fan-out worker would; what the worker did. */
async function sendAndRunPages(groupId: string, from: string, text: string) {
  queued.length = 0;
  await sendGroupMessage(services, stack.config, request(groupId, from, text));
  presenceReads.length = 0;
  meter.reset();
  let pages = 0;
  for (let job = queued.find(isPushPageJob); job; job = queued.find(isPushPageJob)) {
    queued.length = 0;
    pages++;
    await runFanOutJobs(services, stack.config, [job]);
  }
  expect(pages).toBeGreaterThan(0);
  return { reads: [...presenceReads].sort(), ops: meter.operations(), rcu: meter.readUnits(), wcu: meter.writeUnits() };
}

/** One message to a group up to offlinePushMaxMembers: the send looks its members up itself. */
async function sendSmall(groupId: string, from: string, text: string) {
  queued.length = 0;
  presenceReads.length = 0;
  await sendGroupMessage(services, stack.config, request(groupId, from, text));
  expect(queued.filter(isPushPageJob)).toEqual([]);
  return [...presenceReads].sort();
}

describe('group offline push: members without a push device are looked up once', () => {
  it('large group (worker pages): queried and marked on the first message, skipped on the next; a registration lifts the mark', async () => {
    const users = await newUsers(stack, 12, 'pf');
    const [owner, withPhone, later, renamed, webOnline] = users;
    const phoneArn = await registerPhone(withPhone);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', Name: 'Flags', MemberList: users.slice(1).map((u) => ({ Member_Account: u })) });
    // Online on the web, no device: not pushed, and still marked (the mark is about devices).
    const web = await connect(stack, webOnline, { platform: 'Web' });
    const others = users.slice(1).sort();

    const first = await sendAndRunPages(groupId, owner, 'one');
    expect(first.reads).toEqual(others);
    // Ten members without a device: one consistent check and one mark each, nothing for the phone user.
    expect(first.ops.UpdateItemCommand).toBe(10);
    expect(await publishesTo(phoneArn)).toEqual([expect.stringContaining('(Flags):one')]);

    const second = await sendAndRunPages(groupId, owner, 'two');
    expect(second.reads).toEqual([withPhone]);
    expect(second.ops.UpdateItemCommand).toBeUndefined();
    expect(second.wcu).toBe(0);
    // The pages read the push candidates only (byPushCandidate): the owner (the sender, never looked up) and the
    // phone user, one page Query; + 1 presence Query. The member list itself (12) is not read.
    expect(second.ops.QueryCommand).toBe(2);
    expect(second.rcu).toBeLessThan(first.rcu);
    expect((await services.groupMessages.pushCandidatePage(groupId, undefined, 100)).members.map((m) => m.userId).sort()).toEqual([owner, withPhone].sort());
    expect(await publishesTo(phoneArn)).toHaveLength(2);

    // Other writes of a member item keep the mark: modify_group_member_info is an UpdateItem.
    expect((await groupRest(stack, 'modify_group_member_info', { GroupId: groupId, Member_Account: renamed, NameCard: 'Renamed' })).ErrorCode).toBe(0);
    // A marked member registers a phone: looked up again, and pushed.
    const laterArn = await registerPhone(later);
    expect((await services.groupMessages.pushCandidatePage(groupId, undefined, 100)).members.map((m) => m.userId).sort()).toEqual([owner, withPhone, later].sort());
    const third = await sendAndRunPages(groupId, owner, 'three');
    expect(third.reads).toEqual([withPhone, later].sort());
    expect(await publishesTo(laterArn)).toEqual([expect.stringContaining('(Flags):three')]);
    expect(web.events.filter((e) => e.event === 'group.message')).toHaveLength(3);
    await web.close();
  });

  it('a mark whose look-up began before a push.register stamp leaves the member a push candidate', async () => {
    const [owner, user] = await newUsers(stack, 2, 'pm');
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: user }] });
    const candidates = async () => (await services.groupMessages.pushCandidatePage(groupId, undefined, 10)).members.map((m) => m.userId).sort();
    expect(await candidates()).toEqual([owner, user].sort());
    const lookUpBegan = Date.now() - 5000;
    await services.groups.stampPushRegistered(user, Date.now());
    await services.groupMessages.markNoPushDevice(groupId, user, lookUpBegan);
    expect(await candidates()).toEqual([owner, user].sort());
    // A look-up that began after the stamp marks it, and takes it out.
    await services.groupMessages.markNoPushDevice(groupId, user, Date.now() + 1000);
    expect(await candidates()).toEqual([owner]);
  });

  it('small group (the send looks members up): the same marks; members reached online are not looked up', async () => {
    const [owner, offline, online, phoneUser] = await newUsers(stack, 4, 'ps');
    const phoneArn = await registerPhone(phoneUser);
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', Name: 'Small', MemberList: [offline, online, phoneUser].map((u) => ({ Member_Account: u })) });
    const ws: TestClient = await connect(stack, online, { platform: 'Web' });

    expect(await sendSmall(groupId, owner, 'one')).toEqual([offline, phoneUser].sort());
    expect(await sendSmall(groupId, owner, 'two')).toEqual([phoneUser]);
    expect(await publishesTo(phoneArn)).toHaveLength(2);

    const offlineArn = await registerPhone(offline);
    expect(await sendSmall(groupId, owner, 'three')).toEqual([offline, phoneUser].sort());
    expect(await publishesTo(offlineArn)).toEqual([expect.stringContaining('(Small):three')]);
    await ws.waitFor((f) => f.event === 'group.message' && (f.data as { MsgSeq: number }).MsgSeq === 3);
    await ws.close();
  });

  it('a device past its 7 PushOnline days is not "no device": its user is not marked, and is pushed once a reconnect revives it', async () => {
    const [owner, sleeper] = await newUsers(stack, 2, 'pd');
    const arn = await registerPhone(sleeper);
    const device = (await services.connections.presenceOf(sleeper, Date.now())).devices[0]!;
    await services.connections.putDevice({ ...device, lastOnlineAt: Date.now() - 8 * 86400_000 });
    const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public', Name: 'Dormant', MemberList: [{ Member_Account: sleeper }] });

    expect(await sendSmall(groupId, owner, 'one')).toEqual([sleeper]);
    expect(await sendSmall(groupId, owner, 'two')).toEqual([sleeper]);
    expect(await publishesTo(arn)).toEqual([]);
    // The app opens on the phone without registering again: its disconnect makes the device PushOnline.
    await (await connect(stack, sleeper, { platform: 'iOS', instance: 'phone' })).close();
    for (let i = 0; i < 100 && (await statusOf(sleeper)) !== 'PushOnline'; i++) await sleep(30);
    expect(await sendSmall(groupId, owner, 'three')).toEqual([sleeper]);
    expect(await publishesTo(arn)).toEqual([expect.stringContaining('(Dormant):three')]);
  });

  it('push.register: a first device stamps every group of the user; a token refresh writes only the device', async () => {
    const [owner, user] = await newUsers(stack, 2, 'pr');
    const groups = await Promise.all([1, 2, 3].map(() => newGroup(stack, { Owner_Account: owner, Type: 'Public', MemberList: [{ Member_Account: user }] })));
    const caller: WsCaller = { transport: 'ws', userId: user, connectionId: uniqueId('c'), platform: 'iOS', instance: 'phone', clientIp: '127.0.0.1', requestId: 'r' };

    meter.reset();
    await registerPushDevice(services, caller, { pushPlatform: 'APNs', token: `tok-${user}` });
    // Two Queries of the byMember index: the user's groups and its official-account subscriptions (none here).
    expect(meter.operations()).toEqual({ PutItemCommand: 1, QueryCommand: 2, UpdateItemCommand: groups.length });
    const stamped = await services.groups.getMembers(groups[0]!, [user]);
    expect(stamped.get(user)!.pushRegisteredAt).toBeGreaterThan(0);

    meter.reset();
    await registerPushDevice(services, caller, { pushPlatform: 'APNs', token: `tok-${user}` });
    expect(meter.operations()).toEqual({ PutItemCommand: 1 });
    expect(meter.writeUnits()).toBe(1);
    // A new token for the same instance is a refresh too (its old endpoint goes, no group is touched).
    meter.reset();
    await registerPushDevice(services, caller, { pushPlatform: 'APNs', token: `tok2-${user}` });
    expect(meter.operations()).toEqual({ PutItemCommand: 1 });
  });
});
