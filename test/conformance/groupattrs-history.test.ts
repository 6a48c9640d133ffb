import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import type { CorpusCase, CorpusContext } from './corpus.js';

/**
 * Group attributes, group counters and the message-log download as public server SDKs send them.
 * Java: doocs/qcloud-im-server-sdk-java model/request, model/response, model/group (Jackson; attribute entries use
 * Tencent's lower-case `key`/`value`, counter values are `Long`). Go: dobyte/tencent-im operation/types.go.
 */
const JAVA = 'doocs/qcloud-im-server-sdk-java src/main/java/io/github/doocs/im';
const GO = 'dobyte/tencent-im';
const ATTRS = [{ key: 'string', value: 'string' }] as const;
const COUNTERS = [{ Key: 'string', Value: 'integer' }] as const;

async function group(ctx: CorpusContext): Promise<void> {
  const r = await ctx.ok('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'attrs' });
  ctx.vars.g = r.GroupId;
}
/** Attributes by key: a map has no order, at Tencent or here. */
const byKey = (list: unknown) => [...(list as Array<{ key: string }>)].sort((a, b) => a.key.localeCompare(b.key));
const attrsOf = async (ctx: CorpusContext) => byKey((await ctx.rest('group_open_attr_http_svc/get_group_attr', { GroupId: ctx.vars.g })).GroupAttrAry);
const countersOf = async (ctx: CorpusContext) => (await ctx.rest('group_open_http_svc/get_group_counter', { GroupId: ctx.vars.g })).GroupCounter;
const withAttrs = async (ctx: CorpusContext) => {
  await group(ctx);
  await ctx.ok('group_open_http_svc/set_group_attr', { GroupId: ctx.vars.g, GroupAttr: [{ key: 'seat1', value: 'alice' }, { key: 'seat2', value: 'bob' }] });
};
const withCounters = async (ctx: CorpusContext) => {
  await group(ctx);
  await ctx.ok('group_open_http_svc/update_group_counter', { GroupId: ctx.vars.g, Mode: 'Set', GroupCounter: [{ Key: 'like', Value: 5 }, { Key: 'gift', Value: 1 }] });
};

const cases: CorpusCase[] = [
  {
    command: 'group_open_attr_http_svc/get_group_attr',
    source: `${JAVA} model/request/GetGroupAttrRequest.java / model/response/GetGroupAttrResult.java (GroupAttrAry of model/group/GroupAttr)`,
    prepare: withAttrs,
    request: (ctx) => ({ GroupId: ctx.vars.g }),
    reply: { GroupAttrAry: ATTRS },
    after: (_ctx, reply) => { expect(byKey(reply.GroupAttrAry)).toEqual([{ key: 'seat1', value: 'alice' }, { key: 'seat2', value: 'bob' }]); },
  },
  {
    command: 'group_open_http_svc/modify_group_attr',
    source: `${JAVA} model/request/ModifyGroupAttrRequest.java (GroupId, GroupAttr) / ModifyGroupAttrResult.java`,
    prepare: withAttrs,
    request: (ctx) => ({ GroupId: ctx.vars.g, GroupAttr: [{ key: 'seat2', value: 'carol' }] }),
    reply: {},
    async after(ctx) { expect(await attrsOf(ctx)).toEqual([{ key: 'seat1', value: 'alice' }, { key: 'seat2', value: 'carol' }]); },
  },
  {
    command: 'group_open_http_svc/set_group_attr',
    source: `${JAVA} model/request/SetGroupAttrRequest.java (GroupId, GroupAttr) / SetGroupAttrResult.java`,
    prepare: withAttrs,
    request: (ctx) => ({ GroupId: ctx.vars.g, GroupAttr: [{ key: 'only', value: '1' }] }),
    reply: {},
    async after(ctx) { expect(await attrsOf(ctx)).toEqual([{ key: 'only', value: '1' }]); },
  },
  {
    command: 'group_open_http_svc/delete_group_attr',
    source: 'contract only (rest-api.md §3.8 marks its fields unconfirmed; GroupAttr of {key}, as the other attribute commands)',
    prepare: withAttrs,
    request: (ctx) => ({ GroupId: ctx.vars.g, GroupAttr: [{ key: 'seat1' }] }),
    reply: {},
    async after(ctx) { expect(await attrsOf(ctx)).toEqual([{ key: 'seat2', value: 'bob' }]); },
  },
  {
    command: 'group_open_http_svc/clear_group_attr',
    source: `${JAVA} model/request/ClearGroupAttrRequest.java (GroupId) / ClearGroupAttrResult.java`,
    prepare: withAttrs,
    request: (ctx) => ({ GroupId: ctx.vars.g }),
    reply: {},
    async after(ctx) { expect(await attrsOf(ctx)).toEqual([]); },
  },
  {
    command: 'group_open_http_svc/get_group_counter',
    title: 'all counters: GroupCounterKeys left out',
    source: `${JAVA} model/request/GetGroupCounterRequest.java (GroupCounterKeys List<String>) / model/response/GetGroupCounterResult.java (GroupCounter of model/group/GroupCounterItem, Value Long)`,
    prepare: withCounters,
    request: (ctx) => ({ GroupId: ctx.vars.g }),
    reply: { GroupCounter: COUNTERS },
    after: (_ctx, reply) => { expect(reply.GroupCounter).toEqual([{ Key: 'gift', Value: 1 }, { Key: 'like', Value: 5 }]); },
  },
  {
    command: 'group_open_http_svc/get_group_counter',
    title: 'named counters, a null list from a typed SDK that left it unset',
    source: `${JAVA} model/request/GetGroupCounterRequest.java`,
    prepare: withCounters,
    request: (ctx) => ({ GroupId: ctx.vars.g, GroupCounterKeys: null }),
    reply: { GroupCounter: COUNTERS },
    after: (_ctx, reply) => { expect(reply.GroupCounter).toHaveLength(2); },
  },
  {
    command: 'group_open_http_svc/update_group_counter',
    source: `${JAVA} model/request/UpdateGroupCounterRequest.java (GroupId, GroupCounter, Mode from constant/GroupCounterMode.java) / model/response/UpdateGroupCounterResult.java`,
    prepare: withCounters,
    request: (ctx) => ({ GroupId: ctx.vars.g, GroupCounter: [{ Key: 'like', Value: 2 }], Mode: 'Increase' }),
    reply: { GroupCounter: COUNTERS },
    after: (_ctx, reply) => { expect(reply.GroupCounter).toEqual([{ Key: 'like', Value: 7 }]); },
  },
  {
    command: 'group_open_http_svc/delete_group_counter',
    source: `${JAVA} model/request/DeleteGroupCounterRequest.java (GroupId, GroupCounterKeys) / DeleteGroupCounterResult.java`,
    prepare: withCounters,
    request: (ctx) => ({ GroupId: ctx.vars.g, GroupCounterKeys: ['gift'] }),
    reply: {},
    async after(ctx) { expect(await countersOf(ctx)).toEqual([{ Key: 'like', Value: 5 }]); },
  },
  {
    command: 'open_msg_svc/get_history',
    title: 'an hour with no messages (the files themselves: test/e2e/history-get.test.ts)',
    source: `${GO} operation/types.go getHistoryDataReq (ChatType, MsgTime string) / getHistoryDataResp (File of HistoryFile)`,
    request: () => {
      const hourAgo = new Date(Date.now() - 3 * 3600_000 + 8 * 3600_000); // Beijing time, three hours ago
      const p = (n: number) => String(n).padStart(2, '0');
      return { ChatType: 'C2C', MsgTime: `${hourAgo.getUTCFullYear()}${p(hourAgo.getUTCMonth() + 1)}${p(hourAgo.getUTCDate())}${p(hourAgo.getUTCHours())}` };
    },
    expectCode: 1004,
    reply: {},
  },
];

runCorpus('group attributes, counters and the message log', cases);
