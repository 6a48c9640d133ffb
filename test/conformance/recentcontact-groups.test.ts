import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import type { CorpusCase, CorpusContext } from './corpus.js';

/**
 * recentcontact conversation groups and marks as doocs/qcloud-im-server-sdk-java builds and reads them
 * (core/RecentContact.java, model/request/*Contact*.java, model/response/*Contact*.java, and the requests of
 * core/RecentContactTest.java). dobyte/tencent-im's recentcontact/ has only get_list and delete. `top` has no SDK:
 * its case is Tencent's "Pin a conversation" page's sample.
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java';
const CONTACT = { Type: 'integer', To_Account: 'string?', ToGroupId: 'string?' } as const;
const GROUP_ITEM = [{ GroupName: 'string', GroupId: 'integer' }] as const;
const RESULT = { ContactItem: CONTACT, ResultCode: 'integer', ResultInfo: 'string' } as const;
const CONTACT_RESULT = [{ Type: 'integer', To_Account: 'string?', StandardMark: 'string', CustomMark: 'string', ContactGroupId: ['integer'], Timestamp: 'integer' }] as const;

/** test1 with a conversation with ccc (the names of doocs' test), and optionally a group named `group`. */
async function conversation(ctx: CorpusContext, group?: string): Promise<void> {
  const [a, b] = await ctx.users(2, 'rc') as [string, string];
  await ctx.ok('openim/sendmsg', { SyncOtherMachine: 2, From_Account: a, To_Account: b, MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] });
  ctx.vars.a = a; ctx.vars.b = b;
  if (group) await ctx.ok('recentcontact/create_contact_group', { From_Account: a, GroupContactItem: [{ GroupName: group, ContactItem: [{ Type: 1, To_Account: b }] }] });
}

const cases: CorpusCase[] = [
  {
    command: 'recentcontact/create_contact_group',
    source: `${JAVA} CreateContactGroupRequest / GroupContactItem / ContactItem (RecentContactTest.testCreateContactGroup: Type 1 with both To_Account and ToGroupId); CreateContactGroupResult / GroupResultItem`,
    prepare: (ctx) => conversation(ctx),
    request: (ctx) => ({ From_Account: ctx.vars.a, GroupContactItem: [{ GroupName: 'groupName', ContactItem: [{ Type: 1, ToGroupId: 'group1', To_Account: ctx.vars.b }] }] }),
    reply: { GroupResultItem: [{ GroupItem: { GroupName: 'string', GroupId: 'integer' }, ResultItem: [RESULT] }], ErrorDisplay: 'string?' },
    after(ctx, r) {
      expect(r.GroupResultItem).toEqual([{ GroupItem: { GroupName: 'groupName', GroupId: 1 }, ResultItem: [{ ContactItem: { Type: 1, To_Account: ctx.vars.b }, ResultCode: 0, ResultInfo: '' }] }]);
    },
  },
  {
    command: 'recentcontact/update_contact_group',
    title: 'rename',
    source: `${JAVA} UpdateContactGroupRequest / UpdateGroup (testUpdateContactGroup: UpdateType 1, UpdateGroupType 1, cc → hh); UpdateContactGroupResult / UpdateGroupResult`,
    prepare: (ctx) => conversation(ctx, 'cc'),
    request: (ctx) => ({ From_Account: ctx.vars.a, UpdateType: 1, UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'cc', NewGroupName: 'hh' } }),
    reply: { UpdateType: 'integer', UpdateGroupResult: { UpdateGroupType: 'integer', GroupName: 'string', GroupId: 'integer', OldGroupName: 'string', ContactResultItem: [{ ContactOptType: 'integer?', ...RESULT }] } },
    async after(ctx) {
      const r = await ctx.rest('recentcontact/search_contact_group', { From_Account: ctx.vars.a, ContactItem: [{ Type: 1, To_Account: ctx.vars.b }] });
      expect(r.GroupItem).toEqual([{ GroupName: 'hh', GroupId: 1 }]);
    },
  },
  {
    command: 'recentcontact/update_contact_group',
    title: 'move conversations',
    source: `${JAVA} UpdateGroup.contactUpdateItem / GroupContactUpdateItem (ContactOptType, ContactItem); UpdateGroupResult.ContactResultItem List<ContactGroupResultItem>`,
    prepare: (ctx) => conversation(ctx, 'cc'),
    request: (ctx) => ({
      From_Account: ctx.vars.a, UpdateType: 1,
      UpdateGroup: { UpdateGroupType: 2, OldGroupName: 'cc', ContactUpdateItem: [{ ContactOptType: 2, ContactItem: { Type: 1, To_Account: ctx.vars.b } }] },
    }),
    reply: { UpdateType: 'integer', UpdateGroupResult: { UpdateGroupType: 'integer', GroupName: 'string', GroupId: 'integer', OldGroupName: 'string', ContactResultItem: [{ ContactOptType: 'integer', ...RESULT }] } },
    async after(ctx) {
      const r = await ctx.rest('recentcontact/search_contact_group', { From_Account: ctx.vars.a, ContactItem: [{ Type: 1, To_Account: ctx.vars.b }] });
      expect((r.ContactResultItem as { ContactGroupId: number[] }[])[0]!.ContactGroupId).toEqual([]);
    },
  },
  {
    command: 'recentcontact/del_contact_group',
    source: `${JAVA} DelContactGroupRequest (testDelContactGroup: GroupName ["hh"]); DelContactGroupResult / GroupItem (GroupName, Integer GroupId)`,
    prepare: (ctx) => conversation(ctx, 'hh'),
    request: (ctx) => ({ From_Account: ctx.vars.a, GroupName: ['hh'] }),
    reply: { GroupItem: GROUP_ITEM },
  },
  {
    command: 'recentcontact/mark_contact',
    source: `${JAVA} MarkContactRequest / MarkContactItem (testMarkContact: OptType 1, ClearMark [1], SetMark [2]; plus the ContactItem Tencent requires); MarkContactResult / ContactGroupResultItem`,
    prepare: (ctx) => conversation(ctx),
    request: (ctx) => ({ From_Account: ctx.vars.a, MarkItem: [{ OptType: 1, ContactItem: { Type: 1, To_Account: ctx.vars.b }, ClearMark: [1], SetMark: [2] }] }),
    reply: { ResultItem: [{ OptType: 'integer', ...RESULT }] },
    async after(ctx) {
      const r = await ctx.rest('recentcontact/search_contact_group', { From_Account: ctx.vars.a, ContactItem: [{ Type: 1, To_Account: ctx.vars.b }] });
      expect((r.ContactResultItem as { StandardMark: string }[])[0]!.StandardMark).toBe('100');
    },
  },
  {
    command: 'recentcontact/search_contact_group',
    source: `${JAVA} SearchContactGroupRequest (testSearchContactGroup: Type 1, To_Account, ToGroupId "123"); SearchContactGroupResult / ContactResultItem (String StandardMark, List<Integer> ContactGroupId, Long Timestamp)`,
    prepare: (ctx) => conversation(ctx, 'g'),
    request: (ctx) => ({ From_Account: ctx.vars.a, ContactItem: [{ Type: 1, To_Account: ctx.vars.b, ToGroupId: '123' }] }),
    reply: { ContactResultItem: CONTACT_RESULT, GroupItem: GROUP_ITEM },
    after(ctx, r) { expect(r.ContactResultItem).toEqual([expect.objectContaining({ To_Account: ctx.vars.b, ContactGroupId: [1] })]); },
  },
  {
    command: 'recentcontact/get_contact_group',
    source: `${JAVA} GetContactGroupRequest (testGetContactGroup: StartIndex 1); GetContactGroupResult (ContactItem List<ContactResultItem>, GroupItem, CompleteFlag, NextStartIndex)`,
    prepare: (ctx) => conversation(ctx, 'g'),
    request: (ctx) => ({ From_Account: ctx.vars.a, StartIndex: 0 }),
    reply: { ContactItem: CONTACT_RESULT, GroupItem: GROUP_ITEM, CompleteFlag: 'integer', NextStartIndex: 'integer' },
    after(_ctx, r) { expect(r).toMatchObject({ CompleteFlag: 1, NextStartIndex: 0 }); expect(r.ContactItem).toHaveLength(1); },
  },
  {
    command: 'recentcontact/top',
    source: 'Tencent "Pin a conversation" page (document 78304) sample: OperationType 1, RecentContactItem [{Type 1, To_Account}, {Type 2, GroupId}]',
    prepare: (ctx) => conversation(ctx),
    request: (ctx) => ({ From_Account: ctx.vars.a, OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: ctx.vars.b }, { Type: 2, GroupId: 'group1' }] }),
    reply: { ErrorDisplay: 'string' },
    async after(ctx) {
      const r = await ctx.rest('recentcontact/get_list', { From_Account: ctx.vars.a, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 1 });
      expect(r.SessionItem).toEqual([expect.objectContaining({ To_Account: ctx.vars.b, TopFlag: 1 })]);
    },
  },
];

runCorpus('recentcontact conversation groups, marks and pins (doocs Java SDK)', cases);
