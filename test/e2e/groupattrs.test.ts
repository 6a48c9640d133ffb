// Group attributes and counters (functions/groupattrs) over REST and WebSocket, against the real local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connectAll, groupRest, newGroup, newUsers } from '../support/groups.js';
import type { TestClient } from '../support/ws-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { shapeMismatches } from '../conformance/corpus.js';

let stack: LocalStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({ webhook: { url: `${receiver.url}/cb`, commands: ['Group.CallbackAfterGroupAttrChanged'] } });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });

const getAttrs = async (GroupId: string) => {
  const reply = await rest(stack, 'group_open_attr_http_svc/get_group_attr', { GroupId });
  expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  return Object.fromEntries((reply.GroupAttrAry as Array<{ key: string; value: string }>).map((a) => [a.key, a.value]));
};
const counters = async (GroupId: string, GroupCounterKeys?: string[]) => {
  const reply = await groupRest(stack, 'get_group_counter', { GroupId, ...(GroupCounterKeys && { GroupCounterKeys }) });
  expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  return Object.fromEntries((reply.GroupCounter as Array<{ Key: string; Value: number }>).map((c) => [c.Key, c.Value]));
};
const attrs = (n: number, size = 1, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v'.repeat(size) }));

describe('group attributes over REST', () => {
  it('modify merges, set replaces, delete removes named keys, clear removes all', async () => {
    const [owner] = await newUsers(stack, 1, 'ga');
    const GroupId = await newGroup(stack, { Type: 'Public', Owner_Account: owner });
    expect(await getAttrs(GroupId)).toEqual({});
    expect(await groupRest(stack, 'modify_group_attr', { GroupId, GroupAttr: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] })).toMatchObject({ ErrorCode: 0 });
    expect(await groupRest(stack, 'modify_group_attr', { GroupId, GroupAttr: [{ key: 'b', value: '3' }, { key: 'c', value: '' }] })).toMatchObject({ ErrorCode: 0 });
    expect(await getAttrs(GroupId)).toEqual({ a: '1', b: '3', c: '' });
    expect(await groupRest(stack, 'delete_group_attr', { GroupId, GroupAttr: [{ key: 'a' }, { key: 'zz' }] })).toMatchObject({ ErrorCode: 0 });
    expect(await getAttrs(GroupId)).toEqual({ b: '3', c: '' });
    expect(await groupRest(stack, 'set_group_attr', { GroupId, GroupAttr: [{ key: 'x', value: 'y' }] })).toMatchObject({ ErrorCode: 0 });
    expect(await getAttrs(GroupId)).toEqual({ x: 'y' });
    expect(await groupRest(stack, 'clear_group_attr', { GroupId })).toMatchObject({ ErrorCode: 0 });
    expect(await getAttrs(GroupId)).toEqual({});
  });

  it('enforces Tencent\'s limits with its codes and changes nothing', async () => {
    const GroupId = await newGroup(stack, { Type: 'AVChatRoom' });
    await groupRest(stack, 'set_group_attr', { GroupId, GroupAttr: attrs(10) });
    const before = await getAttrs(GroupId);
    const refused = async (GroupAttr: unknown, code: number, command = 'modify_group_attr') => {
      const reply = await groupRest(stack, command, { GroupId, GroupAttr });
      expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
      expect(reply.ErrorInfo).not.toBe('');
    };
    await refused([{ key: 'k'.repeat(33), value: 'v' }], 10045);
    await refused([{ key: 'big', value: 'v'.repeat(4001) }], 10046);
    await refused(attrs(17), 10047, 'set_group_attr');
    await refused(attrs(7, 1, 'new'), 10047); // 10 held + 7 new = 17
    await refused(attrs(5, 3990, 'huge'), 10048); // with the 10 held: over 16 KB
    await refused([{ key: '', value: 'v' }], 10004);
    await refused([{ key: 'a', value: '1' }, { key: 'a', value: '2' }], 10004);
    expect(await getAttrs(GroupId)).toEqual(before);
    expect(await groupRest(stack, 'modify_group_attr', { GroupId: '@TGS#nope', GroupAttr: [{ key: 'a', value: 'b' }] })).toMatchObject({ ErrorCode: 10010 });
  });

  it('loses no change when many writers modify at once', async () => {
    const GroupId = await newGroup(stack, { Type: 'Public' });
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => groupRest(stack, 'modify_group_attr', { GroupId, GroupAttr: [{ key: `w${i}`, value: String(i) }] })));
    expect(replies.map((r) => r.ErrorCode)).toEqual(Array(12).fill(0));
    expect(Object.keys(await getAttrs(GroupId)).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `w${i}`).sort());
  });
});

describe('Group.CallbackAfterGroupAttrChanged', () => {
  it('reports each change with its OptionType and the attributes it touched, in the Java SDK\'s types', async () => {
    const GroupId = await newGroup(stack, { Type: 'Meeting' });
    const start = receiver.requests.length;
    await groupRest(stack, 'set_group_attr', { GroupId, GroupAttr: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
    await groupRest(stack, 'modify_group_attr', { GroupId, GroupAttr: [{ key: 'b', value: '3' }] });
    await groupRest(stack, 'delete_group_attr', { GroupId, GroupAttr: [{ key: 'a' }] });
    await groupRest(stack, 'clear_group_attr', { GroupId });
    const bodies = (await receiver.waitForRequests(start + 4)).slice(start)
      .map((r) => r.body as Record<string, unknown>).filter((b) => b.GroupId === GroupId);
    // doocs/qcloud-im-server-sdk-java model/callback/AfterGroupAttrChangedCallback.java
    const shape = { CallbackCommand: 'string', GroupId: 'string', Type: 'string', Operator_Account: 'string', OptionType: 'string', GroupAttr: [{ key: 'string', value: 'string' }], EventTime: 'integer' } as const;
    for (const b of bodies) expect(shapeMismatches(b, shape)).toEqual([]);
    expect(bodies.map((b) => [b.OptionType, b.GroupAttr])).toEqual([
      ['set', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]],
      ['modify', [{ key: 'b', value: '3' }]],
      ['delete', [{ key: 'a', value: '1' }]],
      ['clear', [{ key: 'b', value: '3' }]],
    ]);
    expect(bodies[0]).toMatchObject({ CallbackCommand: 'Group.CallbackAfterGroupAttrChanged', Type: 'Meeting', Operator_Account: stack.config.admins[0] });
  });
});

describe('group attributes over WebSocket', () => {
  let clients: TestClient[] = [];
  afterAll(async () => { await Promise.all(clients.map((c) => c.close())); });

  it('members read and write them, every online member gets group.attributes.changed; outsiders get 10007', async () => {
    const [owner, member, outsider] = await newUsers(stack, 3, 'gw');
    const GroupId = await newGroup(stack, { Type: 'Public', Owner_Account: owner, MemberList: [{ Member_Account: member }] });
    clients = await connectAll(stack, [owner, member, outsider]);
    const [o, m, x] = clients as [TestClient, TestClient, TestClient];
    const seen = o.event('group.attributes.changed');
    const set = await m.request('group.attributes.set', { GroupId, GroupAttr: [{ key: 'seat1', value: member }] });
    expect(set).toMatchObject({ ErrorCode: 0, data: { GroupAttrAry: [{ key: 'seat1', value: member }] } });
    expect((await seen).data).toEqual({ GroupId, GroupAttrAry: [{ key: 'seat1', value: member }], Operator_Account: member });
    expect(await o.request('group.attributes.get', { GroupId })).toMatchObject({ data: { GroupAttrAry: [{ key: 'seat1', value: member }] } });
    expect((await x.request('group.attributes.get', { GroupId })).ErrorCode).toBe(10007);
    expect((await x.request('group.attributes.set', { GroupId, GroupAttr: [{ key: 'a', value: 'b' }] })).ErrorCode).toBe(10007);
    expect((await o.request('group.attributes.init', { GroupId, GroupAttr: [{ key: 'only', value: '1' }] })).data).toEqual({ GroupAttrAry: [{ key: 'only', value: '1' }] });
    expect((await o.request('group.attributes.delete', { GroupId })).data).toEqual({ GroupAttrAry: [] });
    expect(await getAttrs(GroupId)).toEqual({});
  });

  it('refuses a user past 5 writes a second in one group with 10049, and keeps exactly what was accepted', async () => {
    const [owner] = await newUsers(stack, 1, 'gr');
    const GroupId = await newGroup(stack, { Type: 'Public', Owner_Account: owner });
    const [o] = await connectAll(stack, [owner]);
    clients.push(o!);
    const replies = await Promise.all(Array.from({ length: 14 }, (_, i) => o!.request('group.attributes.set', { GroupId, GroupAttr: [{ key: `r${i}`, value: 'x' }] })));
    const accepted = replies.flatMap((r, i) => (r.ErrorCode === 0 ? [`r${i}`] : []));
    expect(replies.filter((r) => r.ErrorCode !== 0).map((r) => r.ErrorCode)).toContain(10049);
    expect(replies.every((r) => r.ErrorCode === 0 || r.ErrorCode === 10049)).toBe(true);
    expect(Object.keys(await getAttrs(GroupId)).sort()).toEqual(accepted.sort());
  });
});

describe('group counters', () => {
  it('Set, Increase and Decrease answer the new values; get returns named or all; delete removes named or all', async () => {
    const GroupId = await newGroup(stack, { Type: 'Public' });
    expect(await groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Set', GroupCounter: [{ Key: 'like', Value: 5 }, { Key: 'gift', Value: 0 }] }))
      .toMatchObject({ ErrorCode: 0, GroupCounter: [{ Key: 'like', Value: 5 }, { Key: 'gift', Value: 0 }] });
    expect(await groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Increase', GroupCounter: [{ Key: 'like', Value: 3 }, { Key: 'new', Value: 2 }] }))
      .toMatchObject({ GroupCounter: [{ Key: 'like', Value: 8 }, { Key: 'new', Value: 2 }] });
    expect(await groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Decrease', GroupCounter: [{ Key: 'gift', Value: 4 }] }))
      .toMatchObject({ GroupCounter: [{ Key: 'gift', Value: -4 }] });
    expect(await counters(GroupId)).toEqual({ like: 8, gift: -4, new: 2 });
    expect(await counters(GroupId, ['like', 'absent'])).toEqual({ like: 8 });
    // A key named twice is deleted once (found by the fuzzer: it failed with 10002).
    expect(await groupRest(stack, 'delete_group_counter', { GroupId, GroupCounterKeys: ['gift', 'gift'] })).toMatchObject({ ErrorCode: 0 });
    expect(await counters(GroupId)).toEqual({ like: 8, new: 2 });
    await groupRest(stack, 'delete_group_counter', { GroupId });
    expect(await counters(GroupId)).toEqual({});
  });

  it('concurrent increments never lose an update', async () => {
    const GroupId = await newGroup(stack, { Type: 'AVChatRoom' });
    const replies = await Promise.all(Array.from({ length: 30 }, () => groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Increase', GroupCounter: [{ Key: 'hits', Value: 1 }] })));
    expect(replies.map((r) => r.ErrorCode)).toEqual(Array(30).fill(0));
    expect((await counters(GroupId)).hits).toBe(30);
    // Each reply saw a distinct value: 1..30.
    expect(replies.map((r) => (r.GroupCounter as Array<{ Value: number }>)[0]!.Value).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('holds at most 20 counters, also when new keys race, and refuses values outside the exact range', async () => {
    const GroupId = await newGroup(stack, { Type: 'Public' });
    const keys = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ Key: `${p}${i}`, Value: 1 }));
    expect((await groupRest(stack, 'update_group_counter', { GroupId, GroupCounter: keys(15, 'a') })).ErrorCode).toBe(0);
    const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Increase', GroupCounter: [{ Key: `b${i}`, Value: 1 }] })));
    expect(racing.filter((r) => r.ErrorCode === 0)).toHaveLength(5);
    expect(racing.filter((r) => r.ErrorCode !== 0).every((r) => r.ErrorCode === 10004 && /at most 20 counters/.test(r.ErrorInfo))).toBe(true);
    expect(Object.keys(await counters(GroupId))).toHaveLength(20);
    // An existing key still moves at the limit.
    expect((await groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Increase', GroupCounter: [{ Key: 'a0', Value: 1 }] })).ErrorCode).toBe(0);
    expect((await groupRest(stack, 'update_group_counter', { GroupId, GroupCounter: [{ Key: 'a0', Value: 2 ** 53 }] })).ErrorCode).toBe(10004);
    await groupRest(stack, 'update_group_counter', { GroupId, GroupCounter: [{ Key: 'a1', Value: Number.MAX_SAFE_INTEGER - 1 }] });
    const over = await groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Increase', GroupCounter: [{ Key: 'a1', Value: 5 }] });
    expect(over).toMatchObject({ ErrorCode: 10004 });
    expect((await counters(GroupId, ['a1'])).a1).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect((await groupRest(stack, 'update_group_counter', { GroupId, Mode: 'Double', GroupCounter: keys(1, 'a') })).ErrorCode).toBe(10004);
  });

  it('Community groups answer 10007; members use them over WebSocket and get group.counters.changed', async () => {
    const [owner, member] = await newUsers(stack, 2, 'gc');
    const community = await newGroup(stack, { Type: 'Community', Owner_Account: owner });
    expect((await groupRest(stack, 'update_group_counter', { GroupId: community, GroupCounter: [{ Key: 'x', Value: 1 }] })).ErrorCode).toBe(10007);
    const GroupId = await newGroup(stack, { Type: 'Public', Owner_Account: owner, MemberList: [{ Member_Account: member }] });
    const [o, m] = await connectAll(stack, [owner, member]);
    try {
      const seen = o!.event('group.counters.changed');
      expect(await m!.request('group.counters.increase', { GroupId, Key: 'likes', Value: 2 })).toMatchObject({ ErrorCode: 0, data: { GroupCounter: [{ Key: 'likes', Value: 2 }] } });
      expect((await seen).data).toEqual({ GroupId, GroupCounter: [{ Key: 'likes', Value: 2 }], Operator_Account: member });
      expect((await m!.request('group.counters.decrease', { GroupId, Key: 'likes', Value: 1 })).data).toEqual({ GroupCounter: [{ Key: 'likes', Value: 1 }] });
      expect((await o!.request('group.counters.set', { GroupId, GroupCounter: [{ Key: 'seats', Value: 9 }] })).data).toEqual({ GroupCounter: [{ Key: 'seats', Value: 9 }] });
      expect((await o!.request('group.counters.get', { GroupId })).data).toEqual({ GroupCounter: [{ Key: 'likes', Value: 1 }, { Key: 'seats', Value: 9 }] });
    } finally {
      await Promise.all([o!.close(), m!.close()]);
    }
  });
});
