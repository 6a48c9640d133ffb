import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { PushOutboxEntry } from '../../local/sns-standin.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { devicesOf, eventually, publishesTo as publishesToEndpoint, pushOnlineUser as pushOnline, statusOf as statusOfUser } from '../support/push-online.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let stack: LocalStack;
let backend: WebhookReceiver;
beforeAll(async () => {
  backend = await startWebhookReceiver();
  // Only the push callbacks: the sends' own callbacks are tested elsewhere.
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} }, webhook: { url: backend.url, commands: ['Push.OfflinePush'], timeoutMs: 2000, failClosed: false } });
});
afterAll(async () => { await stack?.stop(); await backend?.close(); });
beforeEach(() => { stack.sns.publishFault = {}; });

const text = (Text: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });
const statusOf = (user: string) => statusOfUser(stack, user);
const pushOnlineUser = (platform: 'APNs' | 'FCM' = 'APNs', user = uniqueId('r')) => pushOnline(stack, user, platform);
const newSender = async (nick?: string) => {
  const id = uniqueId('s');
  await rest(stack, 'im_open_login_svc/account_import', { UserID: id });
  if (nick) expect((await rest(stack, 'profile/portrait_set', { From_Account: id, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: nick }] })).ErrorCode).toBe(0);
  return id;
};
const sendmsg = (from: string, to: string, body: unknown[], extra: Record<string, unknown> = {}) =>
  rest(stack, 'openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: Math.floor(Math.random() * 1e9), MsgBody: body, ...extra });
const publishesTo = (arn: string) => publishesToEndpoint(stack, arn);
/** The push callbacks the app backend got for `user`, once there are `count` (after-callbacks go through their queue). */
const reportsFor = async (user: string, count: number) => {
  const mine = () => backend.requests.filter((r) => (r.body as { To_Account?: string }).To_Account === user);
  for (let i = 0; i < 150 && mine().length < count; i++) await new Promise((r) => setTimeout(r, 30));
  return mine();
};
const apns = (e: PushOutboxEntry) => (e.message as { APNS: { aps: Record<string, unknown>; ext?: string } }).APNS;

describe('offline push of C2C messages', () => {
  it('pushes a PushOnline recipient "nickname:text" with the total unread as badge, on its registered endpoint', async () => {
    const { user, arn } = await pushOnlineUser();
    const alice = await newSender('Alice');
    const bob = await newSender();
    expect((await sendmsg(alice, user, [text('hello'), text(' world')])).ErrorCode).toBe(0);
    expect((await sendmsg(bob, user, [text('hi')])).ErrorCode).toBe(0);
    expect((await sendmsg(alice, user, [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'x', Latitude: 1, Longitude: 2 } }, { MsgType: 'TIMFaceElem', MsgContent: { Index: 1 } }])).ErrorCode).toBe(0);
    const sent = await publishesTo(arn);
    expect(sent.map((e) => apns(e).aps)).toEqual([
      { alert: 'Alice:hello world', badge: 1 },
      { alert: 'hi', badge: 2 },
      { alert: 'Alice:[Location][Face]', badge: 3 },
    ]);
    expect(sent[0]!.params).toMatchObject({ MessageStructure: 'json' });
    expect((sent[0]!.message as { default: string }).default).toBe('Alice:hello world');
  });

  it('counts group unread in the badge, and a group message is pushed as "name(group name):text"', async () => {
    const { user, arn } = await pushOnlineUser();
    const owner = await newSender('Olga');
    const created = await rest(stack, 'group_open_http_svc/create_group', { Owner_Account: owner, Type: 'Public', Name: 'Team', MemberList: [{ Member_Account: user }] });
    expect(created.ErrorCode).toBe(0);
    expect((await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: created.GroupId, From_Account: owner, Random: 1, MsgBody: [text('standup')] })).ErrorCode).toBe(0);
    expect((await sendmsg(owner, user, [text('psst')])).ErrorCode).toBe(0);
    const alerts = (await publishesTo(arn)).map((e) => apns(e).aps);
    // The badge is what conversation.list reports in all (the group's stored tips count as its unread too).
    const web = await connect(stack, user, { platform: 'Web', instance: 'w' });
    const list = (await web.request('conversation.list', {})).data as { Conversations: Array<{ Type: string; UnreadNum: number }> };
    await web.close();
    const total = list.Conversations.reduce((sum, c) => sum + c.UnreadNum, 0);
    expect(list.Conversations.map((c) => c.Type).sort()).toEqual(['C2C', 'Group']);
    expect(alerts).toEqual([{ alert: 'Olga(Team):standup', badge: total - 1 }, { alert: 'Olga:psst', badge: total }]);
    expect(total).toBeGreaterThanOrEqual(2);
  });

  it('builds the FCM message for an Android device', async () => {
    const { user, arn } = await pushOnlineUser('FCM');
    const carol = await newSender('Carol');
    await sendmsg(carol, user, [text('yo')]);
    const [push] = await publishesTo(arn);
    expect((push!.message as { GCM: unknown }).GCM).toEqual({
      fcmV1Message: { message: { notification: { body: 'Carol:yo' }, android: { notification: { notification_count: 1 } } } },
    });
  });

  it('does not push an Online recipient, even when its other device is in the background', async () => {
    const { user, arn } = await pushOnlineUser();
    const web = await connect(stack, user, { platform: 'Web', instance: 'web' });
    const sender = await newSender('Dan');
    await sendmsg(sender, user, [text('seen online')]);
    expect((await web.event('c2c.message')).data).toMatchObject({ From_Account: sender });
    expect(await publishesTo(arn)).toEqual([]);
    await web.close();
  });

  it('pushes a user whose only connection is silent past the heartbeat timeout (not Online)', async () => {
    const { user, arn } = await pushOnlineUser();
    const longAgo = Date.now() - 401_000;
    await allServicesFromEnv(process.env).connections.put({ userId: user, connectionId: 'c2lsZW50', platform: 'Web', instance: 'w', connectedAt: longAgo, lastSeen: longAgo });
    const sender = await newSender('Kim');
    await sendmsg(sender, user, [text('wake up')]);
    expect((await publishesTo(arn)).map((e) => apns(e).aps.alert)).toEqual(['Kim:wake up']);
  });

  it('skips PushFlag 1, online-only messages and custom elements with no Desc; OfflinePushInfo.Desc makes a custom element pushable', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = await newSender('Eve');
    const custom = { MsgType: 'TIMCustomElem', MsgContent: { Data: 'signal' } };
    await sendmsg(sender, user, [text('silent')], { OfflinePushInfo: { PushFlag: 1 } });
    await sendmsg(sender, user, [text('only online')], { OnlineOnlyFlag: 1 });
    await sendmsg(sender, user, [text('lifetime 0')], { MsgLifeTime: 0 });
    await sendmsg(sender, user, [custom]);
    expect(await publishesTo(arn)).toEqual([]);
    await sendmsg(sender, user, [custom], { OfflinePushInfo: { Desc: 'You have a call' } });
    expect((await publishesTo(arn)).map((e) => apns(e).aps.alert)).toEqual(['Eve:You have a call']);
  });

  it('does not push a message from a blocklisted sender (dropped by the send)', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = uniqueId('s');
    const ws = await connect(stack, sender);
    expect((await rest(stack, 'sns/black_list_add', { From_Account: user, To_Account: [sender] })).ErrorCode).toBe(0);
    expect((await ws.request('c2c.send', { To_Account: user, MsgRandom: 7, MsgBody: [text('let me in')] })).ErrorCode).toBe(0);
    expect(await publishesTo(arn)).toEqual([]);
    // The same WS send from a sender who is not blocked is pushed.
    const other = await connect(stack, uniqueId('s'));
    expect((await other.request('c2c.send', { To_Account: user, MsgRandom: 8, MsgBody: [text('hello')] })).ErrorCode).toBe(0);
    expect(await publishesTo(arn)).toHaveLength(1);
    await Promise.all([ws.close(), other.close()]);
  });

  it('applies OfflinePushInfo overrides, the custom element\'s Ext and Sound, and BadgeMode 1', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = await newSender('Fay');
    await sendmsg(sender, user, [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'Order shipped', Ext: '{"order":1}', Sound: 'ding.aiff' } }]);
    await sendmsg(sender, user, [text('body')], {
      OfflinePushInfo: { Title: 'T', Desc: 'Override', Ext: 'e1', ApnsInfo: { Sound: 'a.caf', BadgeMode: 1, SubTitle: 'Sub', MutableContent: 1 } },
    });
    const [first, second] = (await publishesTo(arn)).map(apns);
    expect(first).toEqual({ aps: { alert: 'Fay:Order shipped', badge: 1, sound: 'ding.aiff' }, ext: '{"order":1}' });
    expect(second).toEqual({ aps: { alert: { title: 'T', subtitle: 'Sub', body: 'Fay:Override' }, sound: 'a.caf', 'mutable-content': 1 }, ext: 'e1' });
  });

  it('keeps the APNs payload within 4 KB by shortening the text', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = await newSender('Gus');
    await sendmsg(sender, user, [text('長'.repeat(3000))]);
    const [push] = await publishesTo(arn);
    const payload = JSON.parse(JSON.parse(push!.params.Message!).APNS as string) as { aps: { alert: string } };
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThanOrEqual(4096);
    expect(payload.aps.alert).toMatch(/^Gus:長+…$/);
  });

  it('removes a device whose endpoint SNS disabled (dead token), and its endpoint', async () => {
    const { user, arn } = await pushOnlineUser();
    stack.sns.setEndpointEnabled(arn, false);
    const sender = await newSender();
    await sendmsg(sender, user, [text('anyone?')]);
    expect((await publishesTo(arn)).map((e) => e.error)).toEqual(['EndpointDisabled']);
    expect(await devicesOf(user)).toEqual([]);
    expect(stack.sns.outbox.some((e) => e.action === 'DeleteEndpoint' && e.params.EndpointArn === arn)).toBe(true);
    expect(await statusOf(user)).toBe('Offline');
  });

  it('removes a device whose endpoint no longer exists in SNS (NotFound)', async () => {
    const { user, arn } = await pushOnlineUser('FCM');
    await allServicesFromEnv(process.env).push.deleteEndpoint(arn);
    const sender = await newSender();
    await sendmsg(sender, user, [text('gone?')]);
    expect((await publishesTo(arn)).map((e) => e.error)).toEqual(['NotFound']);
    expect(await devicesOf(user)).toEqual([]);
  });

  it('a slow SNS neither slows nor fails a send: the push goes out later', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = await newSender('Hal');
    stack.sns.publishFault = { delayMs: 1500 };
    const started = Date.now();
    expect((await sendmsg(sender, user, [text('slow')])).ErrorCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    const publishes = await publishesTo(arn);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(publishes.map((e) => [e.error, apns(e).aps.alert])).toEqual([[undefined, 'Hal:slow']]);
  });

  it('a failing SNS never fails a send and keeps the device (only disabled or deleted endpoints are dropped)', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = await newSender('Hal');
    stack.sns.publishFault = { fail: true };
    const started = Date.now();
    expect((await sendmsg(sender, user, [text('failing')])).ErrorCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    const publishes = await publishesTo(arn);
    expect(publishes.length).toBeGreaterThan(0);
    expect(publishes.every((e) => e.error === 'InternalError')).toBe(true);
    expect((await devicesOf(user)).map((d) => d.endpointArn)).toEqual([arn]);
    expect(stack.sns.outbox.some((e) => e.action === 'DeleteEndpoint' && e.params.EndpointArn === arn)).toBe(false);
  });

  it('reports every push to the app backend as Push.OfflinePush: sent, dead token, push service failure', async () => {
    const { user, arn } = await pushOnlineUser();
    const sender = await newSender('Kim');
    const reply = await sendmsg(sender, user, [text('ok')]);
    await publishesTo(arn);
    const [sent] = await reportsFor(user, 1);
    expect(sent!.query).toMatchObject({ CallbackCommand: 'Push.OfflinePush', OptPlatform: 'Unknown' });
    const [seq, random, time] = (reply.MsgKey as string).split('_').map(Number);
    expect(sent!.body).toEqual({
      CallbackCommand: 'Push.OfflinePush', EventType: 1, EventTime: expect.any(Number), From_Account: sender, To_Account: user,
      PushPlatform: 1, PushStage: 1, ErrCode: 0, ErrInfo: '', MsgKey: reply.MsgKey, MsgSeq: seq, MsgRandom: random, MsgTime: time,
    });
    expect(Math.abs((sent!.body as { EventTime: number }).EventTime - Date.now() / 1000)).toBeLessThan(60);

    stack.sns.publishFault = { fail: true };
    await sendmsg(sender, user, [text('fails')]);
    await publishesTo(arn);
    stack.sns.publishFault = {};
    stack.sns.setEndpointEnabled(arn, false);
    await sendmsg(sender, user, [text('dead')]);
    const reports = await reportsFor(user, 3);
    expect(reports.map((r) => (r.body as { ErrCode: number }).ErrCode).sort()).toEqual([0, 1, 2]);
    expect(reports.find((r) => (r.body as { ErrCode: number }).ErrCode === 1)!.body).toMatchObject({ ErrInfo: expect.stringContaining('no longer valid') });
  });

  it('reports a group message\'s push with EventType 2 and the GroupID', async () => {
    const { user, arn } = await pushOnlineUser('FCM');
    const owner = await newSender('Gus');
    const created = await rest(stack, 'group_open_http_svc/create_group', { Owner_Account: owner, Type: 'Public', Name: 'G', MemberList: [{ Member_Account: user }] });
    await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: created.GroupId, From_Account: owner, Random: 7, MsgBody: [text('hey')] });
    await publishesTo(arn);
    const [report] = await reportsFor(user, 1);
    expect(report!.body).toMatchObject({ CallbackCommand: 'Push.OfflinePush', EventType: 2, GroupID: created.GroupId, From_Account: owner, PushPlatform: 4, PushStage: 1, ErrCode: 0 });
    expect(report!.body).not.toHaveProperty('MsgKey');
  });

  it('batchsendmsg pushes each offline recipient once, with OfflinePushInfo', async () => {
    const [r1, r2] = [await pushOnlineUser(), await pushOnlineUser('FCM')];
    const sender = await newSender('Ivy');
    const reply = await rest(stack, 'openim/batchsendmsg', {
      From_Account: sender, To_Account: [r1.user, r2.user], MsgRandom: 5, MsgBody: [text('news')], OfflinePushInfo: { Title: 'Daily' },
    });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect((await publishesTo(r1.arn)).map((e) => apns(e).aps.alert)).toEqual([{ title: 'Daily', body: 'Ivy:news' }]);
    expect((await publishesTo(r2.arn)).map((e) => (e.message as { GCM: { fcmV1Message: { message: { notification: unknown } } } }).GCM.fcmV1Message.message.notification))
      .toEqual([{ title: 'Daily', body: 'Ivy:news' }]);
  });
});
