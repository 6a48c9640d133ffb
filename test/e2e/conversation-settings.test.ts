import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { usersTable } from '../../functions/shared/tables.js';
import { c2cConversationId, c2cEntryKey } from '../../functions/c2c/c2c-keys.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
beforeAll(async () => {
  stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(async () => { db?.destroy(); await stack?.stop(); });

const table = () => stack.tableNames[usersTable.envVar]!;
let random = 1;
const users = async (n: number) => {
  const ids = Array.from({ length: n }, () => uniqueId('cs'));
  await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: ids });
  return ids;
};
const send = async (c: TestClient, to: string) => {
  const r = await c.request('c2c.send', { To_Account: to, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }], MsgRandom: ++random });
  expect(r.ErrorCode, r.ErrorInfo).toBe(0);
};
const ok = async (c: TestClient, action: string, data: Record<string, unknown>) => {
  const r = await c.request(action, data);
  expect(r.ErrorCode, `${action}: ${r.ErrorInfo}`).toBe(0);
  return r.data as Record<string, unknown>;
};
type Conv = { Peer_Account?: string; GroupId?: string; TopFlag: number; MarkList: number[]; ConversationGroupList: string[]; CustomData: string; UnreadNum: number };
const list = async (c: TestClient) => (await ok(c, 'conversation.list', { Count: 100 })).Conversations as Conv[];
const entry = async (owner: string, peer: string) => (await db.send(new GetCommand({ TableName: table(), Key: c2cEntryKey(owner, peer) }))).Item;
/** Writes `n` listed C2C entries straight into the table (a real conversation per entry would take minutes). */
const fakeEntries = async (owner: string, n: number, extra: Record<string, unknown>) => {
  const items = Array.from({ length: n }, (_, i) => {
    const peer = `fake${i}`;
    return { ...c2cEntryKey(owner, peer), type: 'C2C', peer, conversationId: c2cConversationId(owner, peer), createdAt: 1, ...extra };
  });
  for (let i = 0; i < items.length; i += 25) {
    await db.send(new BatchWriteCommand({ RequestItems: { [table()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
};

describe('pins, marks and custom data', () => {
  it('conversation.pin / mark / setCustomData change the list, reach the other devices and are refused for conversations not in the list', async () => {
    const [a, b, c, stranger] = await users(4) as [string, string, string, string];
    const a1 = await connect(stack, a, { platform: 'Web' });
    const a2 = await connect(stack, a, { platform: 'Android' });
    await send(a1, b);
    await send(a1, c);
    expect((await list(a1)).map((x) => x.Peer_Account)).toEqual([c, b]);
    expect((await list(a1))[0]).toMatchObject({ TopFlag: 0, MarkList: [], ConversationGroupList: [], CustomData: '' });

    await ok(a1, 'conversation.pin', { ConversationID: `C2C${b}`, IsPinned: 1 });
    expect((await a2.event('conversation.changed')).data).toEqual({ Conversations: [expect.objectContaining({ ConversationID: `C2C${b}`, Peer_Account: b, TopFlag: 1 })] });
    expect(a1.events.filter((e) => e.event === 'conversation.changed')).toHaveLength(0);
    // Pinned first, though older.
    expect((await list(a1)).map((x) => [x.Peer_Account, x.TopFlag])).toEqual([[b, 1], [c, 0]]);
    const contacts = await rest(stack, 'recentcontact/get_list', { From_Account: a, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 });
    expect(contacts.SessionItem).toEqual([expect.objectContaining({ To_Account: b, TopFlag: 1 }), expect.objectContaining({ To_Account: c, TopFlag: 0 })]);

    const star = 1; const custom = 2 ** 40;
    expect(await ok(a1, 'conversation.mark', { ConversationIDList: [`C2C${b}`, `C2C${stranger}`], MarkType: star, EnableMark: 1 })).toEqual({
      ResultItem: [{ ConversationID: `C2C${b}`, ResultCode: 0, ResultInfo: '' }, { ConversationID: `C2C${stranger}`, ResultCode: 50002, ResultInfo: expect.stringContaining('not in') }],
    });
    await ok(a1, 'conversation.mark', { ConversationIDList: [`C2C${b}`], MarkType: custom, EnableMark: 1 });
    await ok(a1, 'conversation.setCustomData', { ConversationIDList: [`C2C${b}`], CustomData: 'draft' });
    expect((await list(a2)).find((x) => x.Peer_Account === b)).toMatchObject({ MarkList: [star, custom], CustomData: 'draft' });
    await ok(a1, 'conversation.mark', { ConversationIDList: [`C2C${b}`], MarkType: star, EnableMark: 0 });
    expect((await list(a1)).find((x) => x.Peer_Account === b)!.MarkList).toEqual([custom]);
    // No entry was created for the stranger.
    expect(await entry(a, stranger)).toBeUndefined();

    // Bad input: Tencent's code, nothing changed.
    for (const [action, data] of [
      ['conversation.mark', { ConversationIDList: [`C2C${b}`], MarkType: 3, EnableMark: 1 }],
      ['conversation.mark', { ConversationIDList: [], MarkType: 1, EnableMark: 1 }],
      ['conversation.setCustomData', { ConversationIDList: [`C2C${b}`], CustomData: 'x'.repeat(257) }],
      ['conversation.pin', { ConversationID: `X${b}`, IsPinned: 1 }],
      ['conversation.pin', { ConversationID: `C2C${stranger}`, IsPinned: 1 }],
    ] as const) {
      expect((await a1.request(action, data)).ErrorCode, action).toBe(50002);
    }
    expect((await list(a1)).find((x) => x.Peer_Account === b)).toMatchObject({ TopFlag: 1, MarkList: [custom], CustomData: 'draft' });
    expect((await a1.request('conversation.setCustomData', { ConversationIDList: [`C2C${b}`], CustomData: 'é'.repeat(128) })).ErrorCode).toBe(0);
    await Promise.all([a1.close(), a2.close()]);
  });

  it('REST top, mark_contact and search_contact_group, with their limits (51006, 51012, 51008)', async () => {
    const [a, b] = await users(2) as [string, string];
    const ca = await connect(stack, a);
    await send(ca, b);
    expect(await rest(stack, 'recentcontact/top', { From_Account: a, OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: b }] })).toMatchObject({ ErrorCode: 0, ErrorDisplay: '' });
    expect((await ca.event('conversation.changed')).data).toMatchObject({ Conversations: [{ Peer_Account: b, TopFlag: 1 }] });
    const marked = await rest(stack, 'recentcontact/mark_contact', {
      From_Account: a, MarkItem: [{ OptType: 3, ContactItem: { Type: 1, To_Account: b }, SetMark: [1, 2, 3], ClearMark: [], CustomMark: 'abcd' }],
    });
    expect(marked).toMatchObject({ ErrorCode: 0, ResultItem: [{ OptType: 3, ContactItem: { Type: 1, To_Account: b }, ResultCode: 0, ResultInfo: '' }] });
    const found = await rest(stack, 'recentcontact/search_contact_group', { From_Account: a, ContactItem: [{ Type: 1, To_Account: b }, { Type: 2, ToGroupId: '@none' }] });
    expect(found.ContactResultItem).toEqual([
      { Type: 1, To_Account: b, StandardMark: '1110', CustomMark: 'abcd', ContactGroupId: [], Timestamp: expect.any(Number) },
      { Type: 2, ToGroupId: '@none', StandardMark: '0', CustomMark: '', ContactGroupId: [], Timestamp: 0 },
    ]);
    expect((await list(ca))[0]).toMatchObject({ MarkList: [2, 4, 8], CustomData: 'abcd', TopFlag: 1 });

    // 51006: no MarkItem, or more than 100.
    const item = { OptType: 1, ContactItem: { Type: 1, To_Account: b }, SetMark: [5] };
    expect(await rest(stack, 'recentcontact/mark_contact', { From_Account: a, MarkItem: [] })).toMatchObject({ ErrorCode: 51006 });
    expect(await rest(stack, 'recentcontact/mark_contact', { From_Account: a, MarkItem: Array(101).fill(item) })).toMatchObject({ ErrorCode: 51006 });
    expect(await rest(stack, 'recentcontact/mark_contact', { From_Account: a, MarkItem: [{ ...item, SetMark: [64] }] })).toMatchObject({ ErrorCode: 50002 });
    expect(await rest(stack, 'recentcontact/mark_contact', { From_Account: a, MarkItem: [{ ...item, OptType: 2, CustomMark: 'x'.repeat(257) }] })).toMatchObject({ ErrorCode: 50002 });
    expect(await rest(stack, 'recentcontact/mark_contact', { From_Account: uniqueId('nobody'), MarkItem: [item] })).toMatchObject({ ErrorCode: 50001 });
    expect(await rest(stack, 'recentcontact/search_contact_group', { From_Account: a, ContactItem: Array(301).fill({ Type: 1, To_Account: b }) })).toMatchObject({ ErrorCode: 50002 });
    expect(await rest(stack, 'recentcontact/top', { From_Account: a, OperationType: 3, RecentContactItem: [{ Type: 1, To_Account: b }] })).toMatchObject({ ErrorCode: 50002 });
    expect(((await list(ca))[0]!.MarkList)).toEqual([2, 4, 8]);

    // 51012: the pinned limit (50), with 49 more pinned conversations written directly.
    const [p] = await users(1) as [string];
    await fakeEntries(p, 50, { pinnedAt: 1 });
    const [q] = await users(1) as [string];
    const cp = await connect(stack, p);
    await send(cp, q);
    expect(await rest(stack, 'recentcontact/top', { From_Account: p, OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: q }] })).toMatchObject({ ErrorCode: 51012 });
    expect((await entry(p, q))!.pinnedAt).toBeUndefined();
    expect(await rest(stack, 'recentcontact/top', { From_Account: p, OperationType: 2, RecentContactItem: [{ Type: 1, To_Account: 'fake0' }] })).toMatchObject({ ErrorCode: 0 });
    expect(await rest(stack, 'recentcontact/top', { From_Account: p, OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: q }] })).toMatchObject({ ErrorCode: 0 });

    // 51008: 1,000 conversations with marks or custom data.
    await fakeEntries(p, 1000, { customData: 'x' });
    expect(await rest(stack, 'recentcontact/mark_contact', { From_Account: p, MarkItem: [{ OptType: 1, ContactItem: { Type: 1, To_Account: q }, SetMark: [0] }] })).toMatchObject({ ErrorCode: 51008 });
    expect((await entry(p, q))!.marks).toBeUndefined();
    // A conversation that already has marks may change them.
    expect((await rest(stack, 'recentcontact/mark_contact', { From_Account: p, MarkItem: [{ OptType: 2, ContactItem: { Type: 1, To_Account: 'fake1' }, CustomMark: 'y' }] })).ErrorCode).toBe(0);
    await Promise.all([ca.close(), cp.close()]);
  });
});

describe('conversation groups', () => {
  it('create, rename, add, remove, unread per group, delete; over WebSocket and REST, with events and limits', async () => {
    const [a, b, c] = await users(3) as [string, string, string];
    const a1 = await connect(stack, a, { platform: 'Web' });
    const a2 = await connect(stack, a, { platform: 'Android' });
    const cb = await connect(stack, b);
    const cc = await connect(stack, c);
    await send(a1, b);
    await send(cb, a);
    await send(cb, a);
    await send(cc, a);
    const created = await ok(a1, 'conversation.createGroup', { GroupName: 'work', ConversationIDList: [`C2C${b}`] });
    expect(created).toMatchObject({ GroupName: 'work', GroupId: 1, ResultItem: [{ ConversationID: `C2C${b}`, ResultCode: 0 }] });
    expect((await a2.event('conversation.groups.changed')).data).toEqual({ GroupItem: [{ GroupName: 'work', GroupId: 1 }] });
    await ok(a1, 'conversation.addToGroup', { GroupName: 'work', ConversationIDList: [`C2C${c}`] });
    expect((await list(a2)).filter((x) => x.ConversationGroupList.includes('work')).map((x) => x.Peer_Account).sort()).toEqual([b, c].sort());
    expect(await ok(a1, 'conversation.groupUnread', {})).toEqual({ UnreadCounts: [{ GroupName: 'work', GroupId: 1, UnreadNum: 3 }] });
    await ok(a1, 'conversation.removeFromGroup', { GroupName: 'work', ConversationIDList: [`C2C${c}`] });
    expect(await ok(a1, 'conversation.groupUnread', { GroupName: 'work' })).toEqual({ UnreadCounts: [{ GroupName: 'work', GroupId: 1, UnreadNum: 2 }] });
    await ok(a1, 'conversation.renameGroup', { OldGroupName: 'work', NewGroupName: 'job' });
    expect((await list(a1)).find((x) => x.Peer_Account === b)!.ConversationGroupList).toEqual(['job']);
    expect(await ok(a1, 'conversation.groups', {})).toEqual({ GroupItem: [{ GroupName: 'job', GroupId: 1 }] });

    // Refusals change nothing.
    expect((await a1.request('conversation.createGroup', { GroupName: 'job' })).ErrorCode).toBe(50002);
    expect((await a1.request('conversation.createGroup', { GroupName: 'x'.repeat(33) })).ErrorCode).toBe(50002);
    expect((await a1.request('conversation.renameGroup', { OldGroupName: 'nope', NewGroupName: 'y' })).ErrorCode).toBe(50002);
    expect((await a1.request('conversation.addToGroup', { GroupName: 'nope', ConversationIDList: [`C2C${b}`] })).ErrorCode).toBe(50002);
    expect((await a1.request('conversation.groupUnread', { GroupName: 'nope' })).ErrorCode).toBe(50002);
    for (let i = 2; i <= 20; i++) await ok(a1, 'conversation.createGroup', { GroupName: `g${i}` });
    expect((await a1.request('conversation.createGroup', { GroupName: 'g21' })).ErrorCode).toBe(51010);
    expect(await rest(stack, 'recentcontact/create_contact_group', { From_Account: a, GroupContactItem: [{ GroupName: 'g21', ContactItem: [] }] })).toMatchObject({ ErrorCode: 51010 });
    expect(((await ok(a1, 'conversation.groups', {})).GroupItem as unknown[]).length).toBe(20);

    // REST: the same data.
    const search = await rest(stack, 'recentcontact/search_contact_group', { From_Account: a, ContactItem: [{ Type: 1, To_Account: b }] });
    expect(search.ContactResultItem).toEqual([expect.objectContaining({ To_Account: b, ContactGroupId: [1] })]);
    expect((search.GroupItem as unknown[]).length).toBe(20);
    const page = await rest(stack, 'recentcontact/get_contact_group', { From_Account: a, StartIndex: 0 });
    expect(page).toMatchObject({ ErrorCode: 0, ContactItem: [expect.objectContaining({ To_Account: b, ContactGroupId: [1] })], CompleteFlag: 1, NextStartIndex: 0 });
    const moved = await rest(stack, 'recentcontact/update_contact_group', {
      From_Account: a, UpdateType: 1,
      UpdateGroup: { UpdateGroupType: 2, OldGroupName: 'g2', ContactUpdateItem: [{ ContactOptType: 1, ContactItem: { Type: 1, To_Account: c } }] },
    });
    expect(moved).toMatchObject({ ErrorCode: 0, UpdateGroupResult: { UpdateGroupType: 2, GroupName: 'g2', GroupId: 2, ContactResultItem: [{ ContactOptType: 1, ResultCode: 0 }] } });
    expect((await list(a1)).find((x) => x.Peer_Account === c)!.ConversationGroupList).toEqual(['g2']);

    // Deleting a group takes it off its conversations.
    expect(await rest(stack, 'recentcontact/del_contact_group', { From_Account: a, GroupName: ['job'] })).toMatchObject({ ErrorCode: 0, GroupItem: [{ GroupName: 'job', GroupId: 1 }] });
    expect((await entry(a, b))!.groupIds).toBeUndefined();
    expect(await rest(stack, 'recentcontact/del_contact_group', { From_Account: a, GroupName: ['job'] })).toMatchObject({ ErrorCode: 50002 });
    await Promise.all([a1.close(), a2.close(), cb.close(), cc.close()]);
  });

  it('a group holds at most 1,000 conversations (51008)', async () => {
    const [a, b] = await users(2) as [string, string];
    const ca = await connect(stack, a);
    await send(ca, b);
    await ok(ca, 'conversation.createGroup', { GroupName: 'big' });
    await fakeEntries(a, 1000, { groupIds: new Set([1]) });
    expect((await ca.request('conversation.addToGroup', { GroupName: 'big', ConversationIDList: [`C2C${b}`] })).ErrorCode).toBe(51008);
    expect((await entry(a, b))!.groupIds).toBeUndefined();
    await ca.close();
  });
});

describe('deleting a conversation', () => {
  it('recentcontact/delete clears its pin, marks, custom data and groups (C2C and group)', async () => {
    const [a, b] = await users(2) as [string, string];
    const ca = await connect(stack, a);
    await send(ca, b);
    const groupId = ((await rest(stack, 'group_open_http_svc/create_group', { Owner_Account: b, Type: 'Public', Name: 'g', MemberList: [{ Member_Account: a }] })).GroupId) as string;
    expect((await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: groupId, From_Account: b, Random: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }] })).ErrorCode).toBe(0);
    await ok(ca, 'conversation.createGroup', { GroupName: 'both', ConversationIDList: [`C2C${b}`, `GROUP${groupId}`] });
    await ok(ca, 'conversation.pin', { ConversationID: `GROUP${groupId}`, IsPinned: 1 });
    await ok(ca, 'conversation.mark', { ConversationIDList: [`C2C${b}`, `GROUP${groupId}`], MarkType: 2, EnableMark: 1 });
    const before = await list(ca);
    expect(before[0]).toMatchObject({ GroupId: groupId, TopFlag: 1, MarkList: [2], ConversationGroupList: ['both'] });
    expect(before.find((x) => x.Peer_Account === b)).toMatchObject({ MarkList: [2], ConversationGroupList: ['both'] });

    expect((await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 1, To_Account: b, ClearRamble: 0 })).ErrorCode).toBe(0);
    expect((await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 2, ToGroupid: groupId })).ErrorCode).toBe(0);
    expect(await list(ca)).toEqual([]);
    await send(ca, b);
    expect((await rest(stack, 'group_open_http_svc/send_group_msg', { GroupId: groupId, From_Account: b, Random: 2, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'y' } }] })).ErrorCode).toBe(0);
    const after = await list(ca);
    // Both are listed again, with no settings left (group times are whole seconds: the order of the two may vary).
    expect(after.map((x) => [x.Peer_Account ?? x.GroupId, x.TopFlag, x.MarkList, x.ConversationGroupList]).sort()).toEqual([[groupId, 0, [], []], [b, 0, [], []]].sort());
    expect(await ok(ca, 'conversation.groupUnread', {})).toEqual({ UnreadCounts: [{ GroupName: 'both', GroupId: 1, UnreadNum: 0 }] });
    await ca.close();
  });
});

describe('conversation.delete', () => {
  it('deletes C2C and group conversations from the list, tells the other devices, clears C2C history on request; REST recentcontact/delete tells every device; bad input changes nothing', async () => {
    const [a, b, c] = await users(3) as [string, string, string];
    const a1 = await connect(stack, a, { platform: 'Web' });
    const a2 = await connect(stack, a, { platform: 'Android' });
    const b1 = await connect(stack, b, { platform: 'Web' });
    await send(a1, b);
    await send(a1, c);
    const { GroupId } = await ok(a1, 'group.create', { Type: 'Public', Name: 'del' }) as { GroupId: string };
    await ok(a1, 'group.send', { GroupId, Random: ++random, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'g' } }] });
    await expect.poll(async () => (await list(a1)).length).toBe(3);

    // Refused as a whole: nothing deleted.
    for (const bad of [{ ConversationIDList: [] }, { ConversationIDList: [`C2C${b}`], ClearHistory: 2 }, { ConversationIDList: ['nope'] }]) {
      const r = await a1.request('conversation.delete', bad);
      expect(r.ErrorCode, JSON.stringify(bad)).toBe(50002);
    }
    expect((await list(a1)).length).toBe(3);

    const topic = `GROUP${GroupId}@TOPIC#_x`;
    const reply = await ok(a1, 'conversation.delete', { ConversationIDList: [`C2C${b}`, `GROUP${GroupId}`, topic], ClearHistory: 1 });
    expect(reply).toEqual({ ResultItem: [
      { ConversationID: `C2C${b}`, ResultCode: 0, ResultInfo: '' },
      { ConversationID: `GROUP${GroupId}`, ResultCode: 0, ResultInfo: '' },
      { ConversationID: topic, ResultCode: 50002, ResultInfo: expect.stringContaining('topic') },
    ] });
    expect((await a2.event('conversation.deleted')).data).toEqual({ ConversationIDList: [`C2C${b}`, `GROUP${GroupId}`] });
    expect((await list(a1)).map((x) => x.Peer_Account ?? x.GroupId)).toEqual([c]);
    // ClearHistory: the history so far is gone for a, not for b.
    expect(((await ok(a1, 'history.c2c', { Peer_Account: b })).Messages as unknown[]).length).toBe(0);
    expect(((await ok(b1, 'history.c2c', { Peer_Account: a })).Messages as unknown[]).length).toBe(1);
    // The next message lists it again.
    await send(b1, a);
    await expect.poll(async () => (await list(a1)).find((x) => x.Peer_Account === b)?.UnreadNum).toBe(1);

    // REST: the app backend deletes for the user; every connection of the user hears of it.
    const deletedC = (f: Record<string, unknown>) => f.event === 'conversation.deleted' && JSON.stringify(f.data) === JSON.stringify({ ConversationIDList: [`C2C${c}`] });
    expect(await rest(stack, 'recentcontact/delete', { From_Account: a, Type: 1, To_Account: c, ClearRamble: 0 })).toMatchObject({ ErrorCode: 0 });
    await Promise.all([a1.waitFor(deletedC), a2.waitFor(deletedC)]);
    expect((await list(a1)).map((x) => x.Peer_Account)).toEqual([b]);
    for (const x of [a1, a2, b1]) x.close();
  });
});
