import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import type { CorpusCase, CorpusContext } from './corpus.js';
import { GO, JAVA, PHP, XJ } from './groups-shapes.js';
import { connect } from '../support/ws-client.js';

/**
 * group_open_http_svc messages: send, system notifications, history, recall, delete by sender, clear, mute, import,
 * online count, as public server SDKs send them (see groups-shapes.ts for the SDKs).
 */
const text = (t: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });
const now = () => Math.floor(Date.now() / 1000);

/** dobyte group/types.go rspMsgItem (MsgPriority int, MsgRandom uint32, MsgTimeStamp int64); doocs RspMsgItem adds IsSystemMsg, MsgKey. */
const RSP_MSG = {
  From_Account: 'string', IsPlaceMsg: 'integer', MsgBody: [{ MsgType: 'string', MsgContent: 'any' }], MsgPriority: 'integer', MsgRandom: 'integer',
  MsgSeq: 'integer', MsgTimeStamp: 'integer', IsSystemMsg: 'integer?', MsgKey: 'string?', CloudCustomData: 'string?',
} as const;
const HISTORY = { GroupId: 'string', IsFinished: 'integer', RspMsgList: [RSP_MSG] } as const;

const v = (ctx: CorpusContext) => ctx.vars as { groupId: string; owner: string; a: string; b: string; seqs: number[] };

async function group(ctx: CorpusContext, type = 'Public', messages = 0): Promise<void> {
  const [owner, a, b] = await ctx.users(3, 'gq');
  Object.assign(ctx.vars, { owner, a, b });
  const r = await ctx.ok('group_open_http_svc/create_group', {
    Owner_Account: owner, Type: type, Name: 'messages', ...(type !== 'AVChatRoom' && { MemberList: [{ Member_Account: a }, { Member_Account: b }] }),
  });
  ctx.vars.groupId = r.GroupId;
  const seqs: number[] = [];
  for (let i = 0; i < messages; i++) {
    const s = await ctx.ok('group_open_http_svc/send_group_msg', { GroupId: r.GroupId, From_Account: a, Random: 100 + i, MsgBody: [text(`m${i}`)] });
    seqs.push(s.MsgSeq as number);
  }
  ctx.vars.seqs = seqs;
}
/** The group's messages newest first, without the stored tips (system messages) its creation left. */
const history = async (ctx: CorpusContext) =>
  ((await ctx.rest('group_open_http_svc/group_msg_get_simple', { GroupId: v(ctx).groupId, ReqMsgNumber: 20 })).RspMsgList as Record<string, unknown>[])
    .filter((m) => m.IsSystemMsg !== 1);
const muted = async (ctx: CorpusContext) =>
  ((await ctx.rest('group_open_http_svc/get_group_muted_account', { GroupId: v(ctx).groupId })).MutedAccountList as { Member_Account: string }[]).map((m) => m.Member_Account);

const cases: CorpusCase[] = [
  {
    command: 'group_open_http_svc/send_group_msg',
    source: `${GO} group/types.go sendMessageReq (MsgPriority, From_Account, MsgOnlineOnlyFlag, SendMsgControl, OfflinePushInfo, CloudCustomData, GroupAtInfo omitempty), atInfo (GroupAtAllFlag int always sent) / sendMessageResp (MsgTime, MsgSeq int); im_test.go TestIm_Group_SendMessage`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({
      GroupId: v(ctx).groupId, Random: 4294967295, MsgPriority: 'High', From_Account: v(ctx).a, MsgBody: [text('Hello world')], SendMsgControl: ['NoLastMsg'],
      OfflinePushInfo: { PushFlag: 1, Title: '你好腾讯IM', Desc: 'desc', Ext: '{"url":"http://www.tencent.com"}', AndroidInfo: { ExtAsHuaweiIntentParam: 1 }, ApnsInfo: { BadgeMode: 1 } },
      GroupAtInfo: [{ GroupAtAllFlag: 1 }, { GroupAtAllFlag: 0, GroupAt_Account: v(ctx).b }],
    }),
    reply: { MsgTime: 'integer', MsgSeq: 'integer', MsgDropReason: 'string?' },
    async after(ctx, r) {
      const [m] = await history(ctx);
      expect(m).toMatchObject({ MsgSeq: r.MsgSeq, From_Account: v(ctx).a, MsgPriority: 1, MsgRandom: 4294967295 });
    },
  },
  {
    command: 'group_open_http_svc/send_group_msg',
    title: 'legacy MsgOnlineOnlyFlag',
    source: `${GO} group/types.go sendMessageReq (json "MsgOnlineOnlyFlag", the name Tencent's own page uses in its SendMsgControl note)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Random: 7, MsgBody: [text('online only')], MsgOnlineOnlyFlag: 1 }),
    reply: { MsgTime: 'integer', MsgSeq: 'integer' },
    async after(ctx) { expect(await history(ctx)).toEqual([]); }, // online-only messages are not stored
  },
  {
    command: 'group_open_http_svc/send_group_msg',
    title: 'MsgPriority 0 from an integer-typed SDK',
    source: 'issue 14 report: an SDK that declares MsgPriority as an integer sends 0 (not set); 0 reads as Normal. Tencent reports priorities as 1-4 (group_msg_get_simple)',
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Random: 8, MsgPriority: 0, From_Account: v(ctx).b, MsgBody: [text('p0')], OnlineOnlyFlag: 0, SupportMessageExtension: 0 }),
    reply: { MsgTime: 'integer', MsgSeq: 'integer' },
    async after(ctx) { expect((await history(ctx))[0]).toMatchObject({ MsgPriority: 2 }); },
  },
  {
    command: 'group_open_http_svc/send_group_msg',
    title: 'numeric MsgPriority',
    source: 'rest-api.md §7: Tencent reports MsgPriority as 1 High .. 4 Lowest; the same numbers are taken on input',
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Random: 9, MsgPriority: 3, MsgBody: [text('low')] }),
    reply: { MsgTime: 'integer', MsgSeq: 'integer' },
    async after(ctx) { expect((await history(ctx))[0]).toMatchObject({ MsgPriority: 3 }); },
  },
  {
    command: 'group_open_http_svc/send_group_msg',
    source: `${JAVA} model/request/SendGroupMsgRequest (Random Long, OnlineOnlyFlag, SupportMessageExtension, NeedReadReceipt Integer, ForbidCallbackControl) / SendGroupMsgResult (MsgTime Integer, MsgSeq Long, MsgDropReason)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({
      GroupId: v(ctx).groupId, Random: 1, MsgPriority: 'Normal', MsgBody: [text('java')], From_Account: v(ctx).owner, ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'],
      OnlineOnlyFlag: 0, CloudCustomData: 'ccd', SupportMessageExtension: 0, NeedReadReceipt: 0,
    }),
    reply: { MsgTime: 'integer', MsgSeq: 'integer', MsgDropReason: 'string?' },
    async after(ctx) { expect((await history(ctx))[0]).toMatchObject({ CloudCustomData: 'ccd' }); },
  },
  {
    command: 'group_open_http_svc/send_group_msg',
    title: 'Random left out (int32 omitempty 0)',
    source: `${XJ} group.go GroupMessage (Random int32 omitempty, OnlineOnlyFlag omitempty) / SendGroupMsgResp (MsgTime int, MsgSeq int)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, From_Account: v(ctx).a, MsgPriority: 'Low', MsgBody: [text('xj')] }),
    // Random is required by Tencent (send_group_msg: 必填); an SDK that leaves it out is refused, as Tencent does.
    expectCode: 10004,
    reply: {},
  },
  {
    command: 'group_open_http_svc/send_group_system_notification',
    source: `${GO} group/types.go sendNotificationReq (ToMembers_Account omitempty); im_test.go TestIm_Group_SendNotification`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Content: 'Hello welcome to the test group', ToMembers_Account: [v(ctx).a] }),
    reply: {},
  },
  {
    command: 'group_open_http_svc/send_group_system_notification',
    title: 'to everyone, TopicId empty',
    source: `${JAVA} model/request/SendGroupSystemNotificationRequest (ToMembers_Account, Content, TopicId) / SendGroupSystemNotificationResult`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Content: 'all', TopicId: '' }),
    reply: {},
  },
  {
    command: 'group_open_http_svc/group_msg_get_simple',
    title: 'ReqMsgSeq 0 (from the newest)',
    source: `${GO} group/types.go fetchMessagesReq (ReqMsgSeq int without omitempty: 0 on the first page; ReqMsgNumber omitempty) / fetchMessagesResp, rspMsgItem; im_test.go TestIm_Group_FetchMessages`,
    prepare: (ctx) => group(ctx, 'Public', 3),
    request: (ctx) => ({ GroupId: v(ctx).groupId, ReqMsgSeq: 0, ReqMsgNumber: 5 }),
    reply: HISTORY,
    after(ctx, r) {
      const messages = (r.RspMsgList as { MsgSeq: number; IsSystemMsg?: number }[]).filter((m) => m.IsSystemMsg !== 1);
      expect(messages.map((m) => m.MsgSeq)).toEqual([...v(ctx).seqs].reverse());
      expect(r.IsFinished).toBe(1);
    },
  },
  {
    command: 'group_open_http_svc/group_msg_get_simple',
    title: 'by seq, with recalled messages',
    source: `${JAVA} model/request/GroupMsgGetSimpleRequest (ReqMsgSeq Long, ReqMsgNumber, WithRecalledMsg Integer) / GroupMsgGetSimpleResult (IsFinished Integer), RspMsgItem (MsgSeq Long, MsgTimeStamp Integer, IsSystemMsg Integer)`,
    async prepare(ctx) {
      await group(ctx, 'Public', 3);
      await ctx.ok('group_open_http_svc/group_msg_recall', { GroupId: v(ctx).groupId, MsgSeqList: [{ MsgSeq: v(ctx).seqs[1] }] });
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, ReqMsgSeq: v(ctx).seqs[1], ReqMsgNumber: 2, WithRecalledMsg: 1 }),
    reply: HISTORY,
    after(ctx, r) {
      expect((r.RspMsgList as { MsgSeq: number; IsPlaceMsg: number }[]).map((m) => [m.MsgSeq, m.IsPlaceMsg])).toEqual([[v(ctx).seqs[1], 2], [v(ctx).seqs[0], 0]]);
    },
  },
  {
    command: 'group_open_http_svc/group_msg_get_simple',
    title: 'basic form',
    source: `${XJ} group.go BasicGroupMsgHistoryReq (GroupId, ReqMsgNumber; ReqMsgSeq only when > 0) / GroupMsgHistoryResp (IsFinished int, MsgSeq/MsgRandom/MsgTimeStamp int64)`,
    prepare: (ctx) => group(ctx, 'Public', 1),
    request: (ctx) => ({ GroupId: v(ctx).groupId, ReqMsgNumber: 2 }),
    reply: HISTORY,
  },
  {
    command: 'group_open_http_svc/group_msg_recall',
    source: `${JAVA} model/request/GroupMsgRecallRequest (MsgSeqList of {MsgSeq Long}, Reason) / GroupMsgRecallResult, RecallRetItem (MsgSeq Long, RetCode Integer)`,
    prepare: (ctx) => group(ctx, 'Public', 2),
    request: (ctx) => ({ GroupId: v(ctx).groupId, MsgSeqList: v(ctx).seqs.map((MsgSeq) => ({ MsgSeq })), Reason: 'spam' }),
    reply: { RecallRetList: [{ MsgSeq: 'integer', RetCode: 'integer' }] },
    after(_ctx, r) { expect((r.RecallRetList as { RetCode: number }[]).map((x) => x.RetCode)).toEqual([0, 0]); },
  },
  {
    command: 'group_open_http_svc/group_msg_recall',
    title: 'a seq that does not exist',
    // dobyte revokeMessagesResp reads "Results"; Tencent's reply field is RecallRetList (rest-api.md §3.8), which is what is sent.
    source: `${GO} group/types.go revokeMessagesReq (MsgSeqList of msgSeqItem {MsgSeq int}); im_test.go TestIm_Group_RevokeMessages (seq 100)`,
    prepare: (ctx) => group(ctx, 'Public', 1),
    request: (ctx) => ({ GroupId: v(ctx).groupId, MsgSeqList: [{ MsgSeq: 100 }] }),
    reply: { RecallRetList: [{ MsgSeq: 'integer', RetCode: 'integer' }] },
    after(_ctx, r) { expect((r.RecallRetList as { RetCode: number }[])[0]!.RetCode).not.toBe(0); },
  },
  {
    command: 'group_open_http_svc/delete_group_msg_by_sender',
    source: `${GO} group/types.go revokeMemberMessagesReq (GroupId, Sender_Account); ${JAVA} DeleteGroupMsgBySenderRequest (TopicId) / DeleteGroupMsgBySenderResult`,
    prepare: (ctx) => group(ctx, 'Public', 2),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Sender_Account: v(ctx).a }),
    reply: {},
    async after(ctx) { expect((await history(ctx)).every((m) => m.IsPlaceMsg !== 0)).toBe(true); },
  },
  {
    command: 'group_open_http_svc/clear_group_msg',
    source: `${JAVA} model/request/ClearGroupMsgRequest (GroupId, MsgSeq Long) / ClearGroupMsgResult`,
    prepare: (ctx) => group(ctx, 'Public', 2),
    request: (ctx) => ({ GroupId: v(ctx).groupId, MsgSeq: v(ctx).seqs[1] }),
    reply: {},
    async after(ctx) { expect(await history(ctx)).toEqual([]); },
  },
  {
    command: 'group_open_http_svc/forbid_send_msg',
    title: 'legacy ShutUpTime',
    source: `${GO} group/types.go forbidSendMessageReq (ShutUpTime int64, Tencent's older name of MuteTime); ${PHP} group_forbid_send_msg; im_test.go TestIm_Group_ForbidSendMessage`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, Members_Account: [v(ctx).a], ShutUpTime: 1000 }),
    reply: {},
    async after(ctx) { expect(await muted(ctx)).toEqual([v(ctx).a]); },
  },
  {
    command: 'group_open_http_svc/forbid_send_msg',
    title: 'unmute: ShutUpTime 0',
    source: `${GO} group/api.go AllowSendMessage (ForbidSendMessage with ShutUpTime 0); im_test.go TestIm_Group_AllowSendMessage`,
    async prepare(ctx) {
      await group(ctx);
      await ctx.ok('group_open_http_svc/forbid_send_msg', { GroupId: v(ctx).groupId, Members_Account: [v(ctx).a, v(ctx).b], MuteTime: 1000 });
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, Members_Account: [v(ctx).a, v(ctx).b], ShutUpTime: 0 }),
    reply: {},
    async after(ctx) { expect(await muted(ctx)).toEqual([]); },
  },
  {
    command: 'group_open_http_svc/forbid_send_msg',
    title: 'MuteTime 0 unmutes, TopicId empty',
    source: `${JAVA} model/request/ForbidSendMsgRequest (Members_Account, MuteTime Long, TopicId) / ForbidSendMsgResult`,
    async prepare(ctx) {
      await group(ctx);
      await ctx.ok('group_open_http_svc/forbid_send_msg', { GroupId: v(ctx).groupId, Members_Account: [v(ctx).a], MuteTime: 4294967295 });
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId, Members_Account: [v(ctx).a], MuteTime: 0, TopicId: '' }),
    reply: {},
    async after(ctx) { expect(await muted(ctx)).toEqual([]); },
  },
  {
    command: 'group_open_http_svc/get_group_shutted_uin',
    source: `${GO} group/types.go getShuttedUpMembersReq / getShuttedUpMembersResp (ShuttedUinList of {Member_Account, ShuttedUntil int64}); im_test.go TestIm_Group_GetShuttedUpMembers`,
    async prepare(ctx) {
      await group(ctx);
      await ctx.ok('group_open_http_svc/forbid_send_msg', { GroupId: v(ctx).groupId, Members_Account: [v(ctx).a], MuteTime: 4294967295 });
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId }),
    reply: { GroupId: 'string?', ShuttedUinList: [{ Member_Account: 'string', ShuttedUntil: 'integer' }] },
    after(ctx, r) { expect(r.ShuttedUinList).toEqual([{ Member_Account: v(ctx).a, ShuttedUntil: 4294967295 }]); },
  },
  {
    command: 'group_open_http_svc/get_group_muted_account',
    source: `${JAVA} model/request/GetGroupMutedAccountRequest (GroupId, TopicId) / GetGroupMutedAccountResult, MutedAccountItem (Member_Account, MutedUntil Long)`,
    async prepare(ctx) {
      await group(ctx);
      await ctx.ok('group_open_http_svc/forbid_send_msg', { GroupId: v(ctx).groupId, Members_Account: [v(ctx).b], MuteTime: 60 });
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId }),
    reply: { GroupId: 'string?', MutedAccountList: [{ Member_Account: 'string', MutedUntil: 'integer' }] },
    after(ctx, r) { expect((r.MutedAccountList as { Member_Account: string }[]).map((m) => m.Member_Account)).toEqual([v(ctx).b]); },
  },
  {
    command: 'group_open_http_svc/import_group_msg',
    source: `${GO} group/types.go importMessagesReq, messageItem (From_Account, MsgBody, SendTime always sent; Random omitempty) / importMessagesResp, ImportMessagesResult (MsgSeq, MsgTime, Result int); im_test.go TestIm_Group_ImportMessages`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, MsgList: [{ From_Account: v(ctx).a, MsgBody: [text('Hello world')], SendTime: now(), Random: 12 }, { From_Account: v(ctx).b, MsgBody: [text('no random')], SendTime: now() }] }),
    reply: { ImportMsgResult: [{ Result: 'integer', MsgTime: 'integer', MsgSeq: 'integer' }] },
    async after(ctx, r) {
      expect((r.ImportMsgResult as { Result: number }[]).map((x) => x.Result)).toEqual([0, 0]);
      expect(await history(ctx)).toHaveLength(2);
    },
  },
  {
    command: 'group_open_http_svc/import_group_msg',
    title: 'Random 0, RecentContactFlag 0',
    // xjcloudy's ImportGroupMsgResp reads "ImportMsgResults"; Tencent's field is ImportMsgResult, which is what is sent.
    source: `${XJ} group.go ImportGroupMsg, message.go Message (SendTime int64, Random int32 without omitempty: 0); ${JAVA} ImportGroupMsgRequest (RecentContactFlag Integer) / ImportMsgResultItem (MsgSeq Long, MsgTime Integer)`,
    prepare: (ctx) => group(ctx),
    request: (ctx) => ({ GroupId: v(ctx).groupId, RecentContactFlag: 0, MsgList: [{ From_Account: v(ctx).a, SendTime: now(), Random: 0, MsgBody: [text('x')] }] }),
    reply: { ImportMsgResult: [{ Result: 'integer', MsgTime: 'integer', MsgSeq: 'integer' }] },
    after(_ctx, r) { expect((r.ImportMsgResult as { Result: number }[])[0]!.Result).toBe(0); },
  },
  {
    command: 'group_open_http_svc/get_online_member_num',
    source: `${GO} group/types.go getOnlineMemberNumReq / getOnlineMemberNumResp (OnlineMemberNum int); ${JAVA} GetOnlineMemberNumResult (OnlineMemberNum Integer)`,
    async prepare(ctx) {
      await group(ctx, 'AVChatRoom');
      const client = await connect(ctx.stack, v(ctx).a);
      expect(await client.request('group.join', { GroupId: v(ctx).groupId })).toMatchObject({ ErrorCode: 0 });
      ctx.vars.client = client;
    },
    request: (ctx) => ({ GroupId: v(ctx).groupId }),
    reply: { OnlineMemberNum: 'integer' },
    async after(ctx, r) {
      expect(r.OnlineMemberNum).toBeGreaterThanOrEqual(1);
      await (ctx.vars.client as { close(): Promise<void> }).close();
    },
  },
];

runCorpus('group messages as the server SDKs send them', cases);
